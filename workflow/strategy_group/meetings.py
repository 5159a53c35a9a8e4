"""Use cases of the strategy group's calendar: plan, move, cancel and hold meetings; record attendance."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from config import get_settings
from models.enums import MeetingKind, MeetingStatus
from models.meeting import Meeting
from models.people import Person
from models.strategy import Attendance, AttendanceStatus, Ballot, Vote, VoteStatus
from workflow.engine.clock import local_date, local_shift, require_aware
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.reactions import publish
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, find_seat, occupancy, require_role

ACTIVE_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.MOVED)


@dataclass(frozen=True)
class MeetingCancelled:
    """A domain event: a meeting was cancelled (the agenda reacts: its scheduled items move to the next meeting)."""

    meeting: Meeting
    actor: Person | None
    now: datetime


def submission_deadline(meeting: Meeting) -> datetime:
    """The Antragsschluss: recommendations submitted by then go on this meeting's agenda."""
    # Counted on the local calendar: the deadline keeps the meeting's wall-clock time across summer-time changes.
    return local_shift(meeting.starts_at, weeks=-get_settings().submission_deadline_weeks)


def find_meeting(session: Session, meeting_id: int) -> Meeting:
    """A meeting or written procedure by id, or a NotFound saying where to look."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(StrategyRefusal.NO_MEETING, meeting=meeting_id)
    return meeting


def list_meetings(session: Session, year: int | None = None) -> list[Meeting]:
    """Meetings and written procedures in date order, optionally of one calendar year (local time)."""
    meetings = list(session.exec(select(Meeting).order_by(col(Meeting.starts_at))).all())
    if year is None:
        return meetings
    tz = get_settings().tz
    return [m for m in meetings if m.starts_at.astimezone(tz).year == year]


def unusual_years(meetings: list[Meeting]) -> list[tuple[int, int]]:
    """Each calendar year (from the first to the last) with fewer than two or more than three strategy meetings
    not cancelled among ``meetings``, with its number of meetings."""
    tz = get_settings().tz
    years = Counter(m.starts_at.astimezone(tz).year for m in meetings
                    if m.kind == MeetingKind.MEETING and m.status != MeetingStatus.CANCELLED)
    if not years:
        return []
    counts = [(year, years.get(year, 0)) for year in range(min(years), max(years) + 1)]
    return [(year, n) for year, n in counts if n < 2 or n > 3]


def year_warnings(session: Session) -> list[str]:
    """A sentence for each calendar year with fewer than two or more than three strategy meetings."""
    return [f"{year} has {n} strategy meeting{'s' if n != 1 else ''} planned; "
            "the strategy group meets two or three times a year." for year, n in unusual_years(list_meetings(session))]


def _check_times(starts_at: datetime, ends_at: datetime | None, now: datetime, in_past: StrategyRefusal) -> None:
    if require_aware(starts_at) <= now:
        raise InvalidInput(in_past, when=starts_at)
    if ends_at is not None and require_aware(ends_at) <= starts_at:
        raise InvalidInput(StrategyRefusal.ENDS_BEFORE_START)


def add_meeting(
    session: Session, *, title: str, starts_at: datetime, actor: Person, now: datetime,
    ends_at: datetime | None = None, location: str = "", online_url: str = "",
    kind: MeetingKind = MeetingKind.MEETING,
) -> Meeting:
    """Plan a strategy meeting, or a written procedure whose ``starts_at`` is its deadline."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.PLAN_MEETINGS, now)
    if not title.strip():
        raise InvalidInput(StrategyRefusal.MEETING_NEEDS_TITLE)
    _check_times(starts_at, ends_at, now, StrategyRefusal.DEADLINE_IN_PAST if kind == MeetingKind.WRITTEN_PROCEDURE
                 else StrategyRefusal.MEETING_IN_PAST)
    if kind == MeetingKind.MEETING and not (location.strip() or online_url.strip()):
        raise InvalidInput(StrategyRefusal.MEETING_NEEDS_PLACE)
    meeting = Meeting(title=title.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at,
                      location=location.strip(), online_url=online_url.strip(), created_at=now)
    session.add(meeting)
    session.flush()
    return meeting


def _changeable(session: Session, meeting_id: int, now: datetime) -> Meeting:
    meeting = find_meeting(session, meeting_id)
    if meeting.status not in ACTIVE_STATUSES:
        raise InvalidInput(StrategyRefusal.MEETING_NOT_CHANGEABLE, meeting=meeting.id, status=meeting.status)
    if meeting.starts_at <= now:
        raise InvalidInput(StrategyRefusal.MEETING_BEGUN, meeting=meeting.id)
    return meeting


def move_meeting(
    session: Session, meeting_id: int, starts_at: datetime, *, actor: Person, now: datetime,
    ends_at: datetime | None = None,
) -> Meeting:
    """Give a meeting a new date; calendar entries are updated through its sequence number."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.MOVE_MEETINGS, now)
    meeting = _changeable(session, meeting_id, now)
    _check_times(starts_at, ends_at, now, StrategyRefusal.NEW_DATE_IN_PAST)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.status = MeetingStatus.MOVED
    meeting.sequence += 1
    session.add(meeting)
    return meeting


def cancel_meeting(session: Session, meeting_id: int, *, actor: Person, now: datetime) -> Meeting:
    """Cancel a meeting; its scheduled agenda items move to the next meeting (see ``agenda.roll_over``)."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.CANCEL_MEETINGS, now)
    meeting = _changeable(session, meeting_id, now)
    if session.exec(select(Vote).where(Vote.meeting_id == meeting_id, Vote.status == VoteStatus.OPEN)).first():
        raise InvalidInput(StrategyRefusal.MEETING_HAS_OPEN_VOTE, meeting=meeting_id)
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    session.add(meeting)
    session.flush()
    publish(session, MeetingCancelled(meeting, actor, now))
    return meeting


def mark_held(session: Session, meeting_id: int, *, actor: Person, now: datetime) -> Meeting:
    """Record that a meeting took place (its minutes are then its record)."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.RECORD_MEETINGS_AS_HELD, now)
    meeting = find_meeting(session, meeting_id)
    if meeting.status not in ACTIVE_STATUSES:
        raise InvalidInput(StrategyRefusal.MEETING_ALREADY, meeting=meeting.id, status=meeting.status)
    if meeting.starts_at > now:
        raise InvalidInput(StrategyRefusal.MEETING_NOT_BEGUN_HELD, meeting=meeting.id)
    meeting.status = MeetingStatus.HELD
    session.add(meeting)
    return meeting


def record_attendance(
    session: Session, meeting_id: int, seat_code: str, status: AttendanceStatus, *, actor: Person,
    now: datetime, person: Person | None = None,
) -> Attendance:
    """Record how a seat attends: present (the holder), represented (a deputy) or absent."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.RECORD_ATTENDANCE, now)
    meeting = find_meeting(session, meeting_id)
    if meeting.kind != MeetingKind.MEETING:
        raise InvalidInput(StrategyRefusal.NO_ATTENDANCE_IN_PROCEDURE, title=meeting.title)
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidInput(StrategyRefusal.MEETING_CANCELLED_ATTENDANCE, meeting=meeting.id)
    seat = find_seat(session, seat_code)
    assert seat.id is not None
    who = _attendee(session, seat.id, seat.code, status, person, local_date(now))
    if _seat_has_open_ballot(session, meeting_id, seat.id):
        raise InvalidInput(StrategyRefusal.ATTENDANCE_LOCKED, seat=seat.code)
    row = session.get(Attendance, (meeting_id, seat.id))
    if row is None:
        row = Attendance(meeting_id=meeting_id, seat_id=seat.id, status=status)
    row.status, row.person_id, row.recorded_at = status, who.id if who else None, now
    session.add(row)
    return row


def _attendee(session: Session, seat_id: int, code: str, status: AttendanceStatus, person: Person | None,
              day: date) -> Person | None:
    if status == AttendanceStatus.ABSENT:
        return None
    occ = occupancy(session, day)[seat_id]
    candidates = occ.holders if status == AttendanceStatus.PRESENT else occ.deputies
    holder = status == AttendanceStatus.PRESENT
    if not candidates:
        raise InvalidInput(StrategyRefusal.SEAT_WITHOUT_HOLDER if holder else StrategyRefusal.SEAT_WITHOUT_DEPUTY,
                           seat=code)
    if person is None:
        if len(candidates) > 1:
            raise InvalidInput(StrategyRefusal.SEVERAL_HOLDERS if holder else StrategyRefusal.SEVERAL_DEPUTIES,
                               seat=code)
        return candidates[0]
    if person.id not in {c.id for c in candidates}:
        raise InvalidInput(StrategyRefusal.NOT_HOLDER_OF if holder else StrategyRefusal.NOT_DEPUTY_OF,
                           name=person.name, seat=code)
    return person


def _seat_has_open_ballot(session: Session, meeting_id: int, seat_id: int) -> bool:
    return session.exec(
        select(Ballot.id).join(Vote, col(Vote.id) == Ballot.vote_id)
        .where(Vote.meeting_id == meeting_id, Vote.status == VoteStatus.OPEN, Ballot.seat_id == seat_id)
    ).first() is not None


def attendance_of(session: Session, meeting_id: int) -> dict[int, Attendance]:
    """The recorded attendance of a meeting, by seat id."""
    rows = session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
    return {a.seat_id: a for a in rows}
