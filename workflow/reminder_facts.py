"""Reading the calendar's facts for the reminder plan from the database (queries only; the plan is pure)."""

from collections import defaultdict
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models.enums import MeetingStatus, Role
from models.forwarding import Forwarding, ForwardingState, ReviewRound
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.outbox import MeetingAnnouncement
from models.people import Organisation, Person, RoleAssignment
from models.recommendation import Recommendation
from models.transition_record import TransitionRecord
from workflow.clock import local_date, require_aware
from workflow.reminders import (
    AgendaItem,
    Announcement,
    CalendarFacts,
    GroupFacts,
    MeetingFacts,
    Recipient,
    ReportFacts,
)
from workflow.states import RecommendationState as R
from workflow.states import WorkingGroupState

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
    """Recommendations scheduled (last) for each meeting and still waiting for or in their vote."""
    records = session.exec(select(TransitionRecord).where(
        TransitionRecord.subject_kind == "recommendation", TransitionRecord.event == "schedule",
        col(TransitionRecord.meeting_id).in_(meeting_ids)).order_by(col(TransitionRecord.id))).all()
    latest = {r.subject_id: r.meeting_id for r in records}
    recs = session.exec(select(Recommendation).where(col(Recommendation.id).in_(latest),
                                                     col(Recommendation.state).in_((R.SCHEDULED, R.VOTING)))
                        .order_by(col(Recommendation.number))).all()
    agendas: dict[int, list[AgendaItem]] = defaultdict(list)
    for rec in recs:
        meeting_id = latest[rec.id or 0]
        if meeting_id is not None:
            agendas[meeting_id].append(AgendaItem(rec.number or "", rec.title))
    return agendas


def load_calendar_facts(session: Session, now: datetime, meeting_id: int | None = None) -> CalendarFacts:
    """The facts the plan needs at ``now``: meetings near enough, active groups, awaited reports."""
    now = require_aware(now)
    query = select(Meeting).where(col(Meeting.starts_at) <= now + _HORIZON,
                                  col(Meeting.starts_at) >= now - timedelta(days=1)).order_by(col(Meeting.starts_at))
    if meeting_id is not None:
        query = select(Meeting).where(Meeting.id == meeting_id)
    meetings = session.exec(query).all()
    holders = _holders(session, {Role.STRATEGY_MEMBER, Role.DEPUTY, Role.WG_LEAD, Role.SECRETARIAT}, now)
    members = _unique([p for role in (Role.STRATEGY_MEMBER, Role.DEPUTY) for _a, p in holders[role]])
    announcements = {a.meeting_id: a for a in session.exec(select(MeetingAnnouncement).where(
        col(MeetingAnnouncement.meeting_id).in_([m.id for m in meetings]))).all()}
    agendas = _agendas(session, [m.id or 0 for m in meetings])
    meeting_facts = tuple(
        MeetingFacts(id=m.id or 0, title=m.title, kind=m.kind.value, starts_at=m.starts_at, status=m.status.value,
                     location=m.location, online_url=m.online_url, agenda=tuple(agendas.get(m.id or 0, ())),
                     members=members, announced=_announcement(announcements.get(m.id or 0)))
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
               col(ReviewRound.started_at).is_(None), Meeting.status == MeetingStatus.PLANNED)
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
