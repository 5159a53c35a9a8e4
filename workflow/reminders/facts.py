"""Reading the calendar's facts for the reminder plan from the database (queries only; the plan is pure)."""

from collections import defaultdict
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models.enums import MeetingKind, Role
from models.forwarding import Forwarding, ForwardingState, ReviewRound
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.outbox import MeetingAnnouncement
from models.people import Organisation, Person, RoleAssignment, Seat
from models.recommendation import Recommendation
from models.strategy import AgendaItem as AgendaEntry
from models.strategy import Attendance, AttendanceStatus, Ballot, Vote, VoteItem, VoteStatus
from workflow.engine.clock import local_date, require_aware
from workflow.engine.states import RecommendationState as R
from workflow.engine.states import WorkingGroupState
from workflow.reminders.plan import (
    ACTIVE_STATUSES,
    AgendaItem,
    Announcement,
    CalendarFacts,
    GroupFacts,
    MeetingFacts,
    Recipient,
    ReportFacts,
)
from workflow.reminders.seats import OpenVote, SeatFacts

# Bodies that have not reported anything yet are reminded; an interim or final report stops the reminders.
_AWAITING_REPORT = frozenset({ForwardingState.SENT.value, ForwardingState.ACKNOWLEDGED.value})
# Meetings further ahead than this have no reminder due yet (the earliest is the call, 8 weeks before).
_HORIZON = timedelta(days=400)


def recipient_of(person: Person) -> Recipient:
    """A person as a mail recipient, in their language."""
    return Recipient(person.email, person.name, person.language.value, person_id=person.id)


def _holders(session: Session, roles: set[Role], now: datetime) -> dict[Role, list[tuple[RoleAssignment, Person]]]:
    day = local_date(now)
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(col(RoleAssignment.role).in_(roles), col(Person.active).is_(True))
                        .order_by(col(Person.id))).all()
    result: dict[Role, list[tuple[RoleAssignment, Person]]] = defaultdict(list)
    for assignment, person in rows:
        if assignment.active_on(day):
            result[Role(assignment.role)].append((assignment, person))
    return result


def _unique(people: list[Person]) -> tuple[Recipient, ...]:
    return tuple({p.id: recipient_of(p) for p in people}.values())


def _agendas(session: Session, meeting_ids: list[int]) -> dict[int, list[AgendaItem]]:
    """Each meeting's agenda items in the secretariat's order (one query for all meetings)."""
    rows = session.exec(
        select(AgendaEntry.meeting_id, Recommendation.number, Recommendation.title)
        .join(Recommendation, col(Recommendation.id) == AgendaEntry.recommendation_id)
        .where(col(AgendaEntry.meeting_id).in_(meeting_ids))
        .order_by(col(AgendaEntry.meeting_id), col(AgendaEntry.position), col(AgendaEntry.id))).all()
    agendas: dict[int, list[AgendaItem]] = defaultdict(list)
    for meeting_id, number, title in rows:
        agendas[meeting_id].append(AgendaItem(number or "", title))
    return agendas


def _seats(session: Session, holders: dict[Role, list[tuple[RoleAssignment, Person]]],
           meeting_ids: list[int]) -> dict[int, tuple[SeatFacts, ...]]:
    """The seats with holders and deputies of today, and each meeting's recorded attendance (two queries)."""
    seats = session.exec(select(Seat.id, Seat.code).order_by(col(Seat.id))).all()
    people: dict[tuple[Role, int], list[Person]] = defaultdict(list)
    for role in (Role.STRATEGY_MEMBER, Role.DEPUTY):
        for assignment, person in holders[role]:
            if assignment.seat_id is not None:
                people[(role, assignment.seat_id)].append(person)
    attendance: dict[int, dict[int, str]] = defaultdict(dict)
    for meeting_id, seat_id, status in session.exec(
            select(Attendance.meeting_id, Attendance.seat_id, Attendance.status)
            .where(col(Attendance.meeting_id).in_(meeting_ids))).all():
        attendance[meeting_id][seat_id] = AttendanceStatus(status).value
    plain = [(seat_id or 0, code, _unique(people[(Role.STRATEGY_MEMBER, seat_id or 0)]),
              _unique(people[(Role.DEPUTY, seat_id or 0)])) for seat_id, code in seats]
    return {m: tuple(SeatFacts(code, held, deputies, attendance[m].get(seat_id))
                     for seat_id, code, held, deputies in plain) for m in meeting_ids}


def _open_votes(session: Session, meetings: list[Meeting]) -> dict[int, list[OpenVote]]:
    """Open votes of written procedures with their items and the seats that voted (two queries)."""
    ids = [m.id or 0 for m in meetings if m.kind == MeetingKind.WRITTEN_PROCEDURE]
    if not ids:
        return {}
    starts = {m.id: m.starts_at for m in meetings}
    open_ = (col(Vote.meeting_id).in_(ids), Vote.status == VoteStatus.OPEN)
    rows = session.exec(
        select(Vote, Recommendation.number, Recommendation.title)
        .join(VoteItem, col(VoteItem.vote_id) == Vote.id)
        .join(Recommendation, col(Recommendation.id) == VoteItem.recommendation_id)
        .where(*open_).order_by(col(Vote.id), col(Recommendation.number))).all()
    voted: dict[int, set[str]] = defaultdict(set)
    for vote_id, code in session.exec(select(Ballot.vote_id, Seat.code).join(Seat, col(Seat.id) == Ballot.seat_id)
                                      .join(Vote, col(Vote.id) == Ballot.vote_id).where(*open_)).all():
        voted[vote_id].add(code)
    items: dict[tuple[int, int, datetime], list[AgendaItem]] = defaultdict(list)
    for vote, number, title in rows:
        key = (vote.id or 0, vote.meeting_id, vote.deadline or starts[vote.meeting_id])
        items[key].append(AgendaItem(number or "", title))
    votes: dict[int, list[OpenVote]] = defaultdict(list)
    for (vote_id, meeting_id, deadline), vote_items in items.items():
        votes[meeting_id].append(OpenVote(vote_id, deadline, tuple(vote_items), frozenset(voted[vote_id])))
    return votes


def load_calendar_facts(session: Session, now: datetime, meeting_id: int | None = None) -> CalendarFacts:
    """The facts the plan needs at ``now``: meetings near enough, active groups, awaited reports."""
    now = require_aware(now)
    query = select(Meeting).where(col(Meeting.starts_at) <= now + _HORIZON,
                                  col(Meeting.starts_at) >= now - timedelta(days=1)).order_by(col(Meeting.starts_at))
    if meeting_id is not None:
        query = select(Meeting).where(Meeting.id == meeting_id)
    meetings = list(session.exec(query).all())
    ids = [m.id or 0 for m in meetings]
    holders = _holders(session, {Role.STRATEGY_MEMBER, Role.DEPUTY, Role.WG_LEAD, Role.SECRETARIAT}, now)
    announcements = {a.meeting_id: a for a in session.exec(select(MeetingAnnouncement).where(
        col(MeetingAnnouncement.meeting_id).in_(ids))).all()}
    agendas = _agendas(session, ids)
    seats = _seats(session, holders, ids)
    votes = _open_votes(session, meetings)
    meeting_facts = tuple(
        MeetingFacts(id=m.id or 0, title=m.title, kind=m.kind.value, starts_at=m.starts_at, status=m.status.value,
                     location=m.location, online_url=m.online_url, agenda=tuple(agendas.get(m.id or 0, ())),
                     seats=seats[m.id or 0], votes=tuple(votes.get(m.id or 0, ())),
                     announced=_announcement(announcements.get(m.id or 0)), sequence=m.sequence,
                     ends_at=m.ends_at)
        for m in meetings)
    return CalendarFacts(meetings=meeting_facts, groups=_groups(session, holders[Role.WG_LEAD]),
                         reports=_reports(session) if meeting_id is None else (),
                         secretariat=_unique([p for _a, p in holders[Role.SECRETARIAT]]))


def _announcement(row: MeetingAnnouncement | None) -> Announcement | None:
    return None if row is None else Announcement(row.sequence, row.announced_start, row.cancelled)


def _groups(session: Session, leads: list[tuple[RoleAssignment, Person]]) -> tuple[GroupFacts, ...]:
    groups = session.exec(select(WorkingGroup).where(WorkingGroup.state == WorkingGroupState.ACTIVE)
                          .order_by(col(WorkingGroup.id))).all()
    drafts: dict[int, list[str]] = defaultdict(list)
    for rec in session.exec(select(Recommendation).where(Recommendation.state == R.DRAFT)
                            .order_by(col(Recommendation.id))).all():
        drafts[rec.working_group_id].append(rec.title)
    return tuple(
        GroupFacts(id=g.id or 0, name=g.name, active=True, drafts=tuple(drafts.get(g.id or 0, ())),
                   leads=_unique([p for a, p in leads if a.working_group_id == g.id]))
        for g in groups)


def _reports(session: Session) -> tuple[ReportFacts, ...]:
    rows = session.exec(
        select(Forwarding, Recommendation, Organisation, Meeting)
        .join(Recommendation, col(Recommendation.id) == Forwarding.recommendation_id)
        .join(Organisation, col(Organisation.id) == Forwarding.organisation_id)
        .join(ReviewRound, col(ReviewRound.recommendation_id) == Recommendation.id)
        .join(Meeting, col(Meeting.id) == ReviewRound.meeting_id)
        .where(Recommendation.state == R.FORWARDED, col(ReviewRound.concluded_at).is_(None),
               col(ReviewRound.started_at).is_(None), col(Meeting.status).in_(ACTIVE_STATUSES))
        .order_by(col(Forwarding.id))).all()
    facts = []
    for forwarding, rec, body, meeting in rows:
        address = forwarding.contact_email or body.email
        if not address:
            continue
        facts.append(ReportFacts(
            forwarding_ref=f"forwarding:{forwarding.id}", number=rec.number or "", title=rec.title,
            body=Recipient(address, forwarding.contact_name or body.name, "de", organisation_id=body.id),
            review_at=meeting.starts_at, report_missing=forwarding.state in _AWAITING_REPORT,
            body_name=body.name))
    return tuple(facts)
