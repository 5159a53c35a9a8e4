"""Use cases of the strategy group's calendar: plan, move, cancel and hold meetings; record attendance."""

from collections import Counter
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from config import get_settings
from models.enums import MeetingKind, MeetingStatus
from models.meeting import Meeting
from models.people import Person
from models.strategy import Attendance, AttendanceStatus, Ballot, Vote, VoteStatus
from workflow.clock import local_date, require_aware
from workflow.errors import InvalidInput, NotFound
from workflow.seat_holders import SECRETARIAT_ONLY, find_seat, occupancy, require_role
from workflow.transaction import committing

ACTIVE_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.MOVED)


def submission_deadline(meeting: Meeting) -> datetime:
    """The Antragsschluss: recommendations submitted by then go on this meeting's agenda."""
    return meeting.starts_at - timedelta(weeks=get_settings().submission_deadline_weeks)


def find_meeting(session: Session, meeting_id: int) -> Meeting:
    """A meeting or written procedure by id, or a NotFound saying where to look."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"There is no meeting {meeting_id} ('recoflow meetings list' shows them).")
    return meeting


def list_meetings(session: Session, year: int | None = None) -> list[Meeting]:
    """Meetings and written procedures in date order, optionally of one calendar year (local time)."""
    meetings = list(session.exec(select(Meeting).order_by(col(Meeting.starts_at))).all())
    if year is None:
        return meetings
    tz = get_settings().tz
    return [m for m in meetings if m.starts_at.astimezone(tz).year == year]


def year_warnings(session: Session) -> list[str]:
    """A sentence for each calendar year with fewer than two or more than three strategy meetings."""
    tz = get_settings().tz
    years = Counter(m.starts_at.astimezone(tz).year for m in list_meetings(session)
                    if m.kind == MeetingKind.MEETING and m.status != MeetingStatus.CANCELLED)
    if not years:
        return []
    warnings = []
    for year in range(min(years), max(years) + 1):
        n = years.get(year, 0)
        if n < 2 or n > 3:
            warnings.append(f"{year} has {n} strategy meeting{'s' if n != 1 else ''} planned; "
                            "the strategy group meets two or three times a year.")
    return warnings


def _check_times(starts_at: datetime, ends_at: datetime | None, now: datetime, what: str) -> None:
    if require_aware(starts_at) <= now:
        raise InvalidInput(f"The {what} lies in the past ({starts_at.isoformat()}); give a time after now.")
    if ends_at is not None and require_aware(ends_at) <= starts_at:
        raise InvalidInput("A meeting cannot end before it starts; give an end after the start.")


def add_meeting(
    session: Session, *, title: str, starts_at: datetime, actor: Person, now: datetime,
    ends_at: datetime | None = None, location: str = "", online_url: str = "",
    kind: MeetingKind = MeetingKind.MEETING,
) -> Meeting:
    """Plan a strategy meeting, or a written procedure whose ``starts_at`` is its deadline."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, "plan meetings", now)
    if not title.strip():
        raise InvalidInput("Give the meeting a title.")
    what = "deadline" if kind == MeetingKind.WRITTEN_PROCEDURE else "meeting"
    _check_times(starts_at, ends_at, now, what)
    if kind == MeetingKind.MEETING and not (location.strip() or online_url.strip()):
        raise InvalidInput("Give a place (--location) or an online link (--online-url) for the meeting.")
    meeting = Meeting(title=title.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at,
                      location=location.strip(), online_url=online_url.strip(), created_at=now)
    with committing(session, "The meeting"):
        session.add(meeting)
    return meeting


def _changeable(session: Session, meeting_id: int, now: datetime) -> Meeting:
    meeting = find_meeting(session, meeting_id)
    if meeting.status not in ACTIVE_STATUSES:
        raise InvalidInput(f"Meeting {meeting.id} is {meeting.status}; only planned or moved meetings can change.")
    if meeting.starts_at <= now:
        raise InvalidInput(f"Meeting {meeting.id} has already begun; it can no longer be moved or cancelled.")
    return meeting


def move_meeting(
    session: Session, meeting_id: int, starts_at: datetime, *, actor: Person, now: datetime,
    ends_at: datetime | None = None,
) -> Meeting:
    """Give a meeting a new date; calendar entries are updated through its sequence number."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, "move meetings", now)
    meeting = _changeable(session, meeting_id, now)
    _check_times(starts_at, ends_at, now, "new date")
    with committing(session, f"Meeting {meeting_id}"):
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
        meeting.status = MeetingStatus.MOVED
        meeting.sequence += 1
        session.add(meeting)
    return meeting


def cancel_meeting(session: Session, meeting_id: int, *, actor: Person, now: datetime) -> Meeting:
    """Cancel a meeting; its scheduled agenda items move to the next meeting (see ``agenda.roll_over``)."""
    from workflow.agenda import roll_over  # the agenda builds on meetings

    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, "cancel meetings", now)
    meeting = _changeable(session, meeting_id, now)
    if session.exec(select(Vote).where(Vote.meeting_id == meeting_id, Vote.status == VoteStatus.OPEN)).first():
        raise InvalidInput(f"Meeting {meeting_id} has an open vote; close it before cancelling the meeting.")
    with committing(session, f"Meeting {meeting_id}"):
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        session.add(meeting)
        session.flush()
        roll_over(session, meeting, now)
    return meeting


def mark_held(session: Session, meeting_id: int, *, actor: Person, now: datetime) -> Meeting:
    """Record that a meeting took place (its minutes are then its record)."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, "record meetings as held", now)
    meeting = find_meeting(session, meeting_id)
    if meeting.status not in ACTIVE_STATUSES:
        raise InvalidInput(f"Meeting {meeting.id} is {meeting.status} already.")
    if meeting.starts_at > now:
        raise InvalidInput(f"Meeting {meeting.id} has not begun yet; it can be recorded as held once it has.")
    with committing(session, f"Meeting {meeting_id}"):
        meeting.status = MeetingStatus.HELD
        session.add(meeting)
    return meeting


def record_attendance(
    session: Session, meeting_id: int, seat_code: str, status: AttendanceStatus, *, actor: Person,
    now: datetime, person: Person | None = None,
) -> Attendance:
    """Record how a seat attends: present (the holder), represented (a deputy) or absent."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, "record attendance", now)
    meeting = find_meeting(session, meeting_id)
    if meeting.kind != MeetingKind.MEETING:
        raise InvalidInput(f"{meeting.title} is a written procedure; there is no attendance, every seat may vote.")
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidInput(f"Meeting {meeting.id} is cancelled; nobody attends it.")
    seat = find_seat(session, seat_code)
    assert seat.id is not None
    who = _attendee(session, seat.id, seat.code, status, person, local_date(now))
    if _seat_has_open_ballot(session, meeting_id, seat.id):
        raise InvalidInput(f"Seat {seat.code} has voted in an open vote of this meeting; its attendance can "
                           "change only after that vote is closed.")
    row = session.get(Attendance, (meeting_id, seat.id))
    if row is None:
        row = Attendance(meeting_id=meeting_id, seat_id=seat.id, status=status)
    row.status, row.person_id, row.recorded_at = status, who.id if who else None, now
    with committing(session, f"The attendance of seat {seat.code}"):
        session.add(row)
    return row


def _attendee(session: Session, seat_id: int, code: str, status: AttendanceStatus, person: Person | None,
              day: date) -> Person | None:
    if status == AttendanceStatus.ABSENT:
        return None
    occ = occupancy(session, day)[seat_id]
    candidates = occ.holders if status == AttendanceStatus.PRESENT else occ.deputies
    kind = "holder" if status == AttendanceStatus.PRESENT else "deputy"
    if not candidates:
        raise InvalidInput(f"Seat {code} has no {kind} today, so it cannot be recorded as {status}.")
    if person is None:
        if len(candidates) > 1:
            raise InvalidInput(f"Seat {code} has several {kind}s; name who attended (--person EMAIL).")
        return candidates[0]
    if person.id not in {c.id for c in candidates}:
        raise InvalidInput(f"{person.name} is not a {kind} of seat {code}.")
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
