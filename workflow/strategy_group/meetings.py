"""Use cases of the strategy group's calendar: plan, move, cancel and hold meetings; record attendance."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from config import get_settings
from models.enums import MeetingKind, MeetingStatus
from models.meeting import Meeting
from models.people import Person, Seat
from models.strategy import Attendance, AttendanceStatus, Ballot, Vote, VoteStatus
from workflow.engine.clock import local_date, local_shift, require_aware
from workflow.engine.errors import ConflictError, InvalidInput, NotFound, NotPermitted
from workflow.engine.permissions import roles_of
from workflow.engine.reactions import publish
from workflow.network.records import record_change
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


def reschedule(meeting: Meeting, starts_at: datetime, ends_at: datetime | None) -> None:
    """What moving does to a meeting (the move preview applies it to a copy, so both read the same dates)."""
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.status = MeetingStatus.MOVED
    meeting.sequence += 1


def check_move(
    session: Session, meeting_id: int, starts_at: datetime, *, actor: Person, now: datetime,
    ends_at: datetime | None = None,
) -> Meeting:
    """The meeting, once the secretariat may move it to ``starts_at`` (refused as the move itself would be)."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.MOVE_MEETINGS, now)
    meeting = _changeable(session, meeting_id, now)
    _check_times(starts_at, ends_at, now, StrategyRefusal.NEW_DATE_IN_PAST)
    return meeting


def move_meeting(
    session: Session, meeting_id: int, starts_at: datetime, *, actor: Person, now: datetime,
    ends_at: datetime | None = None,
) -> Meeting:
    """Give a meeting a new date; calendar entries are updated through its sequence number."""
    meeting = check_move(session, meeting_id, starts_at, actor=actor, now=now, ends_at=ends_at)
    reschedule(meeting, starts_at, ends_at)
    session.add(meeting)
    return meeting


def check_cancel(session: Session, meeting_id: int, *, actor: Person, now: datetime) -> Meeting:
    """The meeting, once the secretariat may cancel it (refused as the cancellation itself would be)."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.CANCEL_MEETINGS, now)
    meeting = _changeable(session, meeting_id, now)
    if session.exec(select(Vote).where(Vote.meeting_id == meeting_id, Vote.status == VoteStatus.OPEN)).first():
        raise InvalidInput(StrategyRefusal.MEETING_HAS_OPEN_VOTE, meeting=meeting_id)
    return meeting


def cancel_meeting(session: Session, meeting_id: int, *, actor: Person, now: datetime) -> Meeting:
    """Cancel a meeting; its scheduled agenda items move to the next meeting (see ``agenda.roll_over``)."""
    meeting = check_cancel(session, meeting_id, actor=actor, now=now)
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    session.add(meeting)
    session.flush()
    publish(session, MeetingCancelled(meeting, actor, require_aware(now)))
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
    """Record how a seat attends: present (the holder), represented (a deputy) or absent. The secretariat records
    any seat; a holder or deputy records only themselves (checks in, or says they are not present after all)."""
    now = require_aware(now)
    meeting = find_meeting(session, meeting_id)
    if meeting.kind != MeetingKind.MEETING:
        raise InvalidInput(StrategyRefusal.NO_ATTENDANCE_IN_PROCEDURE, title=meeting.title)
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidInput(StrategyRefusal.MEETING_CANCELLED_ATTENDANCE, meeting=meeting.id)
    seat = find_seat(session, seat_code)
    assert seat.id is not None
    row = session.get(Attendance, (meeting_id, seat.id))
    secretariat = _records_for_others(session, actor, now)
    if not secretariat:
        person = _own_attendance(session, actor, meeting, seat, status, person, row, now)
    if local_date(now) < attendance_opens(meeting):
        raise InvalidInput(StrategyRefusal.ATTENDANCE_TOO_EARLY, meeting=meeting.id, day=attendance_opens(meeting),
                           starts_at=meeting.starts_at)
    who = _attendee(session, seat.id, seat.code, status, person, local_date(now))
    if _seat_has_open_ballot(session, meeting_id, seat.id):
        raise InvalidInput(StrategyRefusal.ATTENDANCE_LOCKED, seat=seat.code)
    before = (row.status.value, row.person_id) if row is not None else (None, None)
    if row is None:
        row = Attendance(meeting_id=meeting_id, seat_id=seat.id, status=status)
    row.status, row.person_id, row.recorded_at = status, who.id if who else None, now
    row.recorded_by_id = actor.id
    session.add(row)
    record_change(session, "meeting", meeting_id, "check_in" if not secretariat else "attendance", actor=actor,
                  now=now, changes={"seat": seat.code, "status": [before[0], status.value],
                                    "person_id": [before[1], row.person_id]})
    return row


def attendance_opens(meeting: Meeting) -> date:
    """The day from which attendance is recorded (and members check in): the meeting's own day."""
    return local_date(meeting.starts_at)


def _records_for_others(session: Session, actor: Person, now: datetime) -> bool:
    """Whether ``actor`` records attendance for any seat (the secretariat) rather than only their own."""
    assert actor.id is not None
    return bool(roles_of(session, actor.id, None, local_date(now)) & SECRETARIAT_ONLY)


def _own_attendance(session: Session, actor: Person, meeting: Meeting, seat: Seat, status: AttendanceStatus,
                    person: Person | None, row: Attendance | None, now: datetime) -> Person | None:
    """The one permission check for members: they record only themselves, at a seat they hold or deputise, while
    the meeting is not yet closed; the person to record (the actor, or nobody when they withdraw)."""
    code = seat.code
    occ = occupancy(session, local_date(now)).get(seat.id or 0)
    sits = occ is not None and actor.id in {p.id for p in occ.holders + occ.deputies}
    if not sits or (person is not None and person.id != actor.id):
        raise NotPermitted(StrategyRefusal.ONLY_OWN_ATTENDANCE, name=actor.name, seat=code)
    if meeting.status not in ACTIVE_STATUSES:
        raise InvalidInput(StrategyRefusal.CHECK_IN_CLOSED, meeting=meeting.id, status=meeting.status)
    recorded_other = row is not None and row.person_id is not None and row.person_id != actor.id
    if status == AttendanceStatus.ABSENT:
        # Withdrawing one's own check-in; another person's attendance at the seat stays as it is.
        if row is None or row.person_id != actor.id:
            raise NotPermitted(StrategyRefusal.ONLY_OWN_ATTENDANCE, name=actor.name, seat=code)
        return None
    if recorded_other and row is not None and row.status != AttendanceStatus.ABSENT:
        other = session.get(Person, row.person_id)
        raise ConflictError(StrategyRefusal.ATTENDANCE_TAKEN, seat=code, who=other.name if other else "")
    return actor


def check_in(session: Session, meeting_id: int, *, actor: Person, now: datetime, present: bool = True) -> Attendance:
    """A member checks in at their own seat (present as holder, represented as deputy), or withdraws it."""
    now = require_aware(now)
    find_meeting(session, meeting_id)
    seat_code, status = own_seat(session, actor, now)
    return record_attendance(session, meeting_id, seat_code, status if present else AttendanceStatus.ABSENT,
                             actor=actor, now=now, person=actor)


def own_seat(session: Session, actor: Person, now: datetime) -> tuple[str, AttendanceStatus]:
    """The seat ``actor`` holds (present) or, failing that, deputises (represented) today."""
    sitting = occupancy(session, local_date(now)).values()
    for attends, status in ((lambda o: o.holders, AttendanceStatus.PRESENT),
                            (lambda o: o.deputies, AttendanceStatus.REPRESENTED)):
        for occ in sitting:
            if actor.id in {p.id for p in attends(occ)}:
                return occ.seat.code, status
    raise NotPermitted(StrategyRefusal.NO_SEAT_TO_CHECK_IN, name=actor.name)


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
