"""Test data for the meeting and vote pages: a filled strategy group at its meeting, votes in a meeting and by
written procedure, and meetings ahead or already begun — all built through the services."""

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.people import Person
from models.recommendation import Recommendation
from models.strategy import AgendaItem, Attendance, AttendanceStatus, Ballot, Choice, Decision, Vote
from tests.support.factories import World
from tests.support.strategy import attend, fill_seats, scheduled
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.meetings import add_meeting
from workflow.strategy_group.votes import cast_ballot, open_vote
from workflow.strategy_group.written_procedures import start_written_procedure

# Seven seats present (a quorum) with MIN-1 held by the world's chair; MIN-2 (the world's member) is represented
# by the world's deputy; the other four seats are absent or not recorded.
PRESENT = ("MIN-1", "MIN-3", "KLV-GT", "KLV-ST", "KLV-LKT", "VL-G", "VL-S")


def during(world: World) -> datetime:
    """An hour into the world's meeting."""
    return world.meeting.starts_at + timedelta(hours=1)


def seated(world: World) -> dict[str, Person]:
    """Every seat filled, and the world's meeting attended by a quorum; returns the holders by seat."""
    holders = fill_seats(world)
    attend(world, world.meeting, list(PRESENT), world.now)
    attend(world, world.meeting, ["MIN-2"], world.now, AttendanceStatus.REPRESENTED)
    return holders


def meeting_vote(world: World, title: str | None = None) -> tuple[Vote, Recommendation]:
    """A recommendation scheduled onto the world's meeting and a vote on it opened by the chair."""
    rec = scheduled(world, world.meeting, title=title)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during(world))
    return vote, world.reload(rec)


def with_quorum(world: World, vote: Vote, holders: dict[str, Person], choice: Choice = Choice.YES) -> None:
    """The seven present seats vote ``choice``."""
    for code in PRESENT:
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, choice, actor=holders[code], now=during(world))


def procedure_vote(world: World, title: str | None = None) -> tuple[Vote, Recommendation]:
    """A submitted recommendation put to a written procedure by the secretariat, running a week from ``during``."""
    rec = world.recommendation(title=title)
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    with unit_of_work(world.db) as s:
        vote = start_written_procedure(s, title=f"Umlauf zu {rec.title}", deadline=during(world) + timedelta(days=7),
                                       refs=[str(rec.id)], actor=world.secretariat, now=during(world))
    return vote, world.reload(rec)


def meeting_later(world: World, days: int, title: str = "Spätere Sitzung") -> Meeting:
    """A strategy meeting ``days`` after ``during``."""
    with unit_of_work(world.db) as s:
        return add_meeting(s, title=title, starts_at=during(world) + timedelta(days=days), location="Stuttgart",
                           actor=world.secretariat, now=during(world))


def meeting_begun(world: World, title: str = "Laufende Sitzung") -> Meeting:
    """A planned meeting that began two hours before ``during`` (a row written directly: it lies in the past)."""
    with unit_of_work(world.db) as s:
        meeting = Meeting(title=title, kind=MeetingKind.MEETING, starts_at=during(world) - timedelta(hours=2),
                          location="Stuttgart")
        s.add(meeting)
        s.commit()
        return meeting


def snapshot(world: World) -> tuple:
    """Everything the meeting and vote pages can change, to compare before and after a refused request."""
    with world.db.read() as s:
        return (
            tuple(s.exec(select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status, Meeting.sequence)
                         .order_by(Meeting.id)).all()),
            tuple(s.exec(select(AgendaItem.meeting_id, AgendaItem.recommendation_id, AgendaItem.position)
                         .order_by(AgendaItem.id)).all()),
            tuple(s.exec(select(Attendance.meeting_id, Attendance.seat_id, Attendance.status, Attendance.person_id)
                         .order_by(Attendance.meeting_id, Attendance.seat_id)).all()),
            tuple(s.exec(select(Vote.id, Vote.status, Vote.result, Vote.version).order_by(Vote.id)).all()),
            tuple(s.exec(select(Ballot.vote_id, Ballot.seat_id, Ballot.person_id, Ballot.choice)
                         .order_by(Ballot.id)).all()),
            tuple(s.exec(select(Recommendation.id, Recommendation.state, Recommendation.version)
                         .order_by(Recommendation.id)).all()),
            s.exec(select(func.count()).select_from(Decision)).one(),
        )
