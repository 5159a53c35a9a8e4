"""Test helpers for the strategy group: every seat filled, meetings and written procedures, votes."""

from datetime import date, datetime, timedelta

from sqlmodel import select

from models.enums import MeetingKind, Role
from models.meeting import Meeting
from models.people import Person, PersonCreate, RoleAssignment, Seat
from models.recommendation import Recommendation
from models.strategy import AttendanceStatus
from tests.support.factories import World
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import add_person, assign_role
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.meetings import add_meeting, record_attendance


def fill_seats(world: World) -> dict[str, Person]:
    """Give every seat a holder (the world's chair and member keep MIN-1 and MIN-2); returns holders by seat."""
    holders: dict[str, Person] = {}
    with unit_of_work(world.db) as s:
        seats = s.exec(select(Seat).order_by(Seat.id)).all()  # type: ignore[arg-type]
        taken = {a.seat_id: a.person_id for a in s.exec(select(RoleAssignment).where(
            RoleAssignment.role == Role.STRATEGY_MEMBER)).all()}
        for seat in seats:
            if seat.id in taken:
                person = s.get(Person, taken[seat.id])
            else:
                person = add_person(s, PersonCreate(name=f"Sitz {seat.code}", email=f"{seat.code.lower()}@example.org"))
                assign_role(s, person, Role.STRATEGY_MEMBER, date(2020, 1, 1), seat_id=seat.id)
            assert person is not None
            holders[seat.code] = person
    return holders


def meeting_ahead(world: World, days: int, *, written: bool = False, title: str | None = None) -> Meeting:
    """A meeting (or written procedure with its deadline) ``days`` after the world's now."""
    with unit_of_work(world.db) as s:
        return add_meeting(s, title=title or f"Sitzung in {days} Tagen", starts_at=world.now + timedelta(days=days),
                           actor=world.secretariat, now=world.now, location="Stuttgart",
                           kind=MeetingKind.WRITTEN_PROCEDURE if written else MeetingKind.MEETING)


def attend(world: World, meeting: Meeting, codes: list[str], at: datetime,
           status: AttendanceStatus = AttendanceStatus.PRESENT) -> None:
    """Record the seats ``codes`` as present (or another status), at ``at`` or, when that is earlier, at the meeting's
    start: attendance is recorded from the meeting's day on."""
    at = max(at, meeting.starts_at)
    with unit_of_work(world.db) as s:
        for code in codes:
            record_attendance(s, meeting.id or 0, code, status, actor=world.secretariat, now=at)


def scheduled(world: World, meeting: Meeting, title: str | None = None) -> Recommendation:
    """A recommendation submitted by the lead and scheduled onto ``meeting`` by the secretariat."""
    rec = world.recommendation(title=title)
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "schedule", actor=world.secretariat, now=world.now, meeting_id=meeting.id)
    return world.reload(rec)
