"""Helpers for the forwarding tests: an adopted recommendation, a later review meeting, a third body."""

from datetime import datetime, timedelta

from models.enums import MeetingKind, MeetingStatus, OrganisationKind
from models.meeting import Meeting
from models.people import Organisation, OrganisationCreate
from models.recommendation import Recommendation
from tests.support.factories import World
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation
from workflow.forwarding.personal_links import IssuedLink
from workflow.network.directory import add_organisation


def add_meeting(world: World, days: float, *, kind: MeetingKind = MeetingKind.MEETING,
                status: MeetingStatus = MeetingStatus.PLANNED, title: str = "Sitzung") -> Meeting:
    """A strategy meeting ``days`` after the world's now."""
    with unit_of_work(world.db) as session:
        meeting = Meeting(title=f"{title} (+{days:g} Tage)", kind=kind, status=status,
                          starts_at=world.now + timedelta(days=days))
        session.add(meeting)
        session.commit()
    return meeting


def third_body(world: World, name: str = "Gemeinde Drittort") -> Organisation:
    """A body that is not among the recommendation's proposed addressees."""
    with unit_of_work(world.db) as session:
        return add_organisation(session, OrganisationCreate(name=name, kind=OrganisationKind.MUNICIPALITY,
                                                            email="rathaus@drittort.example.org"))


def forwarded(world: World, at: datetime | None = None) -> tuple[Recommendation, list[IssuedLink]]:
    """An adopted recommendation forwarded to its two proposed addressees; returns it and the two links."""
    rec = world.recommendation(state="adopted")
    with unit_of_work(world.db) as session:
        links = forward_recommendation(session, rec.id or 0, [], world.secretariat, at or world.now)
    return world.reload(rec), links
