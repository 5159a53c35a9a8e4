"""Read models of the meeting pages as typed data: the calendar, and one meeting with its agenda, attendance and
votes. Each runs a fixed number of queries, however many meetings, items, seats or votes there are."""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from models.enums import MeetingKind, Role
from models.people import Person
from models.recommendation import Recommendation
from models.strategy import (
    AgendaItem,
    AttendanceStatus,
    Decision,
    Vote,
    VoteItem,
    VoteStatus,
)
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import NotPermitted
from workflow.engine.read_model import ReadModel
from workflow.engine.states import RecommendationState
from workflow.queries.browsing import Standing
from workflow.queries.meeting_choices import MeetingChoices, meeting_choices
from workflow.queries.minutes import MeetingSummary, VotedRecommendation, VoteFacts, meeting_summary
from workflow.strategy_group.agenda import agenda_items
from workflow.strategy_group.meetings import ACTIVE_STATUSES, attendance_of, find_meeting, list_meetings, unusual_years
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, STEERING_ROLES, Action, occupancy
from workflow.strategy_group.voting_rules import quorum_size


def may_plan(standing: Standing) -> bool:
    """Whether the person plans meetings, agendas and attendance (the secretariat)."""
    return bool(standing.roles & SECRETARIAT_ONLY)


def may_run_votes(standing: Standing) -> bool:
    """Whether the person opens and closes votes (the chair or the secretariat)."""
    return bool(standing.roles & STEERING_ROLES)


def require_steering(person: Person, standing: Standing, doing: Action) -> None:
    """Refuse anyone but the chair and the secretariat."""
    require_standing(person, standing, STEERING_ROLES, doing)


def require_standing(person: Person, standing: Standing, allowed: frozenset[Role], doing: Action) -> None:
    """Refuse a person who holds none of ``allowed`` today (for pages that only show a form or a screen)."""
    if not standing.roles & allowed:
        raise NotPermitted(StrategyRefusal.ROLE_REQUIRED, name=person.name, email=person.email, doing=doing,
                           allowed=tuple(r.value for r in Role if r in allowed))


def _counts(session: Session, column: Any, *conditions: Any) -> dict[int, int]:
    rows = session.exec(select(column, func.count()).where(*conditions).group_by(column)).all()
    return {int(key): int(n) for key, n in rows}


# A line of the calendar: the meeting's facts, whether it lies ahead, its agenda size and its open votes.
class CalendarLine(MeetingSummary):
    ahead: bool
    items: int
    open_votes: int


# Strategy meetings and written procedures apart, and the years with an unusual number of meetings.
class Calendar(ReadModel):
    meetings: list[CalendarLine]
    procedures: list[CalendarLine]
    unusual_years: list[tuple[int, int]]


# Someone holding or deputising a seat.
class SeatPerson(ReadModel):
    id: int
    name: str


# A seat with today's holders and deputies and its attendance at the meeting (if recorded).
class SeatAttendance(ReadModel):
    id: int
    code: str
    label: str
    category: str
    holders: list[SeatPerson]
    deputies: list[SeatPerson]
    status: AttendanceStatus | None
    person: str | None
    person_id: int | None
    self_recorded: bool = False  # the person sitting in it checked in themselves


# A vote of the meeting with the recommendations it decides and its tally.
class MeetingVote(VoteFacts):
    yes: int
    no: int
    abstain: int
    quorum_met: bool | None
    recommendations: list[VotedRecommendation]


# The meeting's facts as its page shows them: also whether it lies ahead and is still active.
class PageMeeting(MeetingSummary):
    ahead: bool
    active: bool
    day_ahead: bool = False  # the meeting's day has not come: attendance is recorded from that day on


# An agenda item: its position and the recommendation it puts before the meeting.
class AgendaLine(ReadModel):
    position: int
    id: int
    number: str | None
    title: str
    state: str


# A meeting ahead that an agenda item can move to.
class MoveTarget(ReadModel):
    id: int
    title: str
    starts_at: datetime
    kind: MeetingKind


# One meeting's page: facts, agenda, seats with attendance, votes, move targets and how many decisions it took.
class MeetingPage(ReadModel):
    meeting: PageMeeting
    agenda: list[AgendaLine]
    seats: list[SeatAttendance]
    attending: int
    quorum: int | None
    votes: list[MeetingVote]
    targets: list[MoveTarget]
    decisions: int
    move_choices: MeetingChoices  # where an agenda item can move, with the meeting preselected
    # What cancelling would do: the scheduled items and the next meeting they move to (None: there is none).
    cancel_moves: int = 0
    cancel_target: MoveTarget | None = None


def calendar(session: Session, now: datetime) -> Calendar:
    """Strategy meetings and written procedures in date order, with their agenda size and open votes, and the
    calendar years with fewer than two or more than three meetings."""
    now = require_aware(now)
    meetings = list_meetings(session)
    items = _counts(session, AgendaItem.meeting_id)
    open_votes = _counts(session, Vote.meeting_id, col(Vote.status) == VoteStatus.OPEN)
    rows = [CalendarLine(**dict(meeting_summary(m)), ahead=m.starts_at > now, items=items.get(m.id or 0, 0),
                         open_votes=open_votes.get(m.id or 0, 0)) for m in meetings]
    return Calendar(meetings=[r for r in rows if r.kind == MeetingKind.MEETING],
                    procedures=[r for r in rows if r.kind == MeetingKind.WRITTEN_PROCEDURE],
                    unusual_years=unusual_years(meetings))


def _people(people: list[Person]) -> list[SeatPerson]:
    return [SeatPerson(id=p.id or 0, name=p.name) for p in people]


def _seats(session: Session, meeting_id: int, now: datetime) -> list[SeatAttendance]:
    """Each seat with today's holders and deputies (those the secretariat can record) and its attendance."""
    sitting = occupancy(session, local_date(now))
    attendance = attendance_of(session, meeting_id)
    names = {p.id: p.name for occ in sitting.values() for p in occ.holders + occ.deputies}
    missing = {a.person_id for a in attendance.values() if a.person_id is not None} - set(names)
    if missing:
        names.update({p.id: p.name for p in session.exec(select(Person).where(col(Person.id).in_(missing))).all()})
    rows = []
    for seat_id, occ in sitting.items():
        row = attendance.get(seat_id)
        rows.append(SeatAttendance(id=seat_id, code=occ.seat.code, label=occ.seat.label, category=occ.seat.category,
                                   holders=_people(occ.holders), deputies=_people(occ.deputies),
                                   status=row.status if row else None,
                                   person=names.get(row.person_id) if row and row.person_id else None,
                                   person_id=row.person_id if row else None,
                                   self_recorded=bool(row and row.person_id and row.recorded_by_id == row.person_id)))
    return rows


def meeting_votes(session: Session, meeting_id: int) -> list[MeetingVote]:
    """The votes of a meeting, oldest first, each with the recommendations it decides and its tally."""
    votes = session.exec(select(Vote).where(Vote.meeting_id == meeting_id).order_by(col(Vote.id))).all()
    decided: dict[int, list[VotedRecommendation]] = {v.id or 0: [] for v in votes}
    if votes:
        rows = session.exec(
            select(VoteItem.vote_id, Recommendation)
            .join(Recommendation, col(Recommendation.id) == VoteItem.recommendation_id)
            .where(col(VoteItem.vote_id).in_(list(decided))).order_by(col(Recommendation.id))).all()
        for vote_id, rec in rows:
            decided[vote_id].append(VotedRecommendation(id=rec.id or 0, number=rec.number, title=rec.title,
                                                        state=rec.state))
    return [MeetingVote(id=v.id or 0, mode=v.mode, rule=v.rule, status=v.status, result=v.result,
                        opened_at=v.opened_at, deadline=v.deadline, closed_at=v.closed_at, yes=v.yes, no=v.no,
                        abstain=v.abstain, quorum_met=v.quorum_met, recommendations=decided[v.id or 0])
            for v in votes]


# What the meeting page offers a seat holder or deputy: their seat, whether they are recorded as attending, and
# whether checking in is open (from the meeting's day until it is recorded as held).
class CheckIn(ReadModel):
    seat: str
    checked_in: bool
    open: bool


def check_in_for(page: MeetingPage, person_id: int) -> CheckIn | None:
    """The check-in a person sees on the meeting page (None: they hold and deputise no seat), from the page's seats
    (the holder's seat first, as ``meetings.own_seat`` chooses it)."""
    if page.meeting.kind != MeetingKind.MEETING:
        return None
    seat = next((s for s in page.seats if person_id in {p.id for p in s.holders}), None) or \
        next((s for s in page.seats if person_id in {p.id for p in s.deputies}), None)
    if seat is None:
        return None
    attending = seat.person_id == person_id and seat.status in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)
    return CheckIn(seat=seat.code, checked_in=attending, open=page.meeting.active and not page.meeting.day_ahead)


def meeting_page(session: Session, meeting_id: int, now: datetime) -> MeetingPage:
    """One meeting: its facts, the agenda in order, each seat's attendance, its votes, and the meetings ahead an
    agenda item can move to."""
    now = require_aware(now)
    meeting = find_meeting(session, meeting_id)
    agenda = [AgendaLine(position=item.position, id=rec.id or 0, number=rec.number, title=rec.title, state=rec.state)
              for item, rec in agenda_items(session, meeting_id)]
    seats = _seats(session, meeting_id, now) if meeting.kind == MeetingKind.MEETING else []
    # One query for both: where an item can move (with the default), and where cancelling moves the scheduled items
    # (the next strategy meeting ahead, as ``agenda.roll_over_target`` picks it).
    choices = meeting_choices(session, now, excluding=meeting_id, limit=100)
    targets = [MoveTarget(id=c.id, title=c.title, starts_at=c.starts_at, kind=c.kind) for c in choices.choices]
    decisions = session.exec(select(func.count()).select_from(Decision).where(Decision.meeting_id == meeting_id)).one()
    return MeetingPage(
        meeting=PageMeeting(**dict(meeting_summary(meeting)), ahead=meeting.starts_at > now,
                            active=meeting.status in ACTIVE_STATUSES,
                            day_ahead=local_date(meeting.starts_at) > local_date(now)),
        agenda=agenda,
        seats=seats,
        attending=sum(1 for s in seats if s.status in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)),
        quorum=quorum_size(len(seats)) if seats else None,
        votes=meeting_votes(session, meeting_id),
        targets=targets,
        decisions=int(decisions),
        move_choices=choices,
        cancel_moves=sum(1 for line in agenda if line.state == RecommendationState.SCHEDULED),
        cancel_target=next((t for t in targets if t.kind == MeetingKind.MEETING), None),
    )
