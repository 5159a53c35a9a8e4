"""Read models: what a person sees of recommendations, as typed data ready for JSON, text or HTML."""

from collections.abc import Sequence
from datetime import datetime

from pydantic import Field
from sqlmodel import Session, col, select

from models.enums import MeetingKind, MeetingStatus
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.people import Person
from models.queries import addressees_of, history_of, list_recommendations
from models.recommendation import Recommendation
from models.strategy import (
    AgendaItem,
    AgendaPurpose,
    Attendance,
    AttendanceStatus,
    Vote,
    VoteItem,
    VoteMode,
    VoteResult,
    VoteStatus,
)
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import Reason
from workflow.engine.firing import AvailableEvent, available_events
from workflow.engine.read_model import ReadModel
from workflow.forwarding.review import reviews_brought_forward
from workflow.queries.browsing import RecommendationSummary
from workflow.queries.status_timeline import StatusTimeline, status_timeline
from workflow.recommendations.lifecycle import find_recommendation
from workflow.strategy_group.seat_holders import seats_held_by


# A working group or an organisation named by id.
class NamedRef(ReadModel):
    id: int
    name: str | None


# An event the viewer may fire now (``ready``), or could once what ``blocked_by`` names is done.
class PossibleEvent(ReadModel):
    event: str
    to: list[str]
    ready: bool
    # The guards' reasons: a code and its parameters each (the pages, the command line and the API word them).
    blocked_by: list[Reason]
    description: str
    label: str
    asks: list[str]
    irreversible: bool


# One recommendation; ``possible_events`` only when asked for a viewer (left out of the JSON otherwise).
class RecommendationDetail(ReadModel):
    id: int
    number: str | None
    title: str
    text: str
    rationale: str
    state: str
    version: int
    revision_count: int
    working_group: NamedRef
    addressees: list[NamedRef]
    created_at: datetime
    updated_at: datetime
    possible_events: list[PossibleEvent] | None = None


# Who fired a transition.
class Actor(ReadModel):
    id: int
    name: str
    email: str


# One transition of a recommendation (``from`` in JSON: a Python keyword).
class HistoryEntry(ReadModel):
    event: str
    from_: str = Field(alias="from")
    to: str
    at: datetime
    actor: Actor | None
    comment: str
    meeting_id: int | None
    revision: int | None
    # A review the secretariat brought forward before its meeting's day (the comment says why).
    brought_forward: bool = False


def _group_names(session: Session) -> dict[int, str]:
    return {g.id or 0: g.name for g in session.exec(select(WorkingGroup)).all()}


def recommendation_summaries(
    session: Session, state: str | None = None, working_group_id: int | None = None
) -> list[RecommendationSummary]:
    """One line of data per recommendation, newest first."""
    groups = _group_names(session)
    return [RecommendationSummary.of(r, groups.get(r.working_group_id))
            for r in list_recommendations(session, state, working_group_id)]


def recommendation_detail(
    session: Session, ref: str | int, viewer: Person | None = None, now: datetime | None = None
) -> RecommendationDetail:
    """Everything about one recommendation; with a viewer, also the events that person may fire now."""
    rec = find_recommendation(session, ref)
    assert rec.id is not None
    group = session.get(WorkingGroup, rec.working_group_id)
    shown = dict(
        id=rec.id, number=rec.number, title=rec.title, text=rec.text, rationale=rec.rationale,
        state=rec.state, version=rec.version, revision_count=rec.revision_count,
        working_group=NamedRef(id=rec.working_group_id, name=group.name if group else None),
        addressees=[NamedRef(id=o.id or 0, name=o.name) for o in addressees_of(session, rec.id)],
        created_at=rec.created_at, updated_at=rec.updated_at,
    )
    if viewer is None or now is None:
        return RecommendationDetail.model_validate(shown)
    possible = [
        _offered(e) for e in available_events(session, RECOMMENDATION_WORKFLOW, rec, viewer, now)
        if not RECOMMENDATION_WORKFLOW.facts(e.event).service_only  # its use case offers it, never plainly
    ]
    return RecommendationDetail.model_validate({**shown, "possible_events": possible})


def _offered(event: AvailableEvent) -> PossibleEvent:
    """The event with what its rules say about offering it: its label, what it asks for, whether it can be undone."""
    facts = RECOMMENDATION_WORKFLOW.facts(event.event)
    return PossibleEvent(event=event.event, to=list(event.destinations), ready=event.ready,
                         blocked_by=list(event.blocked_by), description=event.description, label=facts.label,
                         asks=sorted(str(a) for a in facts.asks), irreversible=facts.irreversible)


def recommendation_history(session: Session, ref: str | int) -> list[HistoryEntry]:
    """The transitions of one recommendation in order: who, when, from, to, why, meeting, revision."""
    rec: Recommendation = find_recommendation(session, ref)
    assert rec.id is not None
    records = history_of(session, RECOMMENDATION_WORKFLOW.subject_kind, rec.id)
    people = _people(session, [r.actor_id for r in records if r.actor_id is not None])
    # Only a started review can have been brought forward: other recommendations spare the read.
    early = reviews_brought_forward(session, rec.id) if any(r.event == "start_review" for r in records) else {}
    return [
        HistoryEntry(event=r.event, from_=r.from_state, to=r.to_state, at=r.occurred_at,
                     actor=(Actor(id=r.actor_id, name=people[r.actor_id].name, email=people[r.actor_id].email)
                            if r.actor_id is not None else None),
                     comment=r.comment, meeting_id=r.meeting_id, revision=r.revision,
                     brought_forward=r.id in early)
        for r in records
    ]


def _people(session: Session, ids: Sequence[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id or 0: p for p in session.exec(select(Person).where(col(Person.id).in_(set(ids)))).all()}


# A meeting or written procedure whose agenda holds the recommendation, at which item, and why (decision, review).
class AgendaPlace(ReadModel):
    meeting_id: int
    title: str
    kind: MeetingKind
    status: MeetingStatus
    starts_at: datetime
    position: int
    purpose: AgendaPurpose


# A vote on the recommendation; ``may_cast``: the viewer holds a ballot in it now (a seat they sit for).
class RecommendationVote(ReadModel):
    id: int
    meeting_id: int
    meeting: str
    mode: VoteMode
    status: VoteStatus
    result: VoteResult | None
    deadline: datetime | None
    closed_at: datetime | None
    yes: int
    no: int
    abstain: int
    may_cast: bool


# Where the recommendation stands: the agendas it is on, its votes, and its status timeline.
class RecommendationContext(ReadModel):
    agenda: list[AgendaPlace]
    votes: list[RecommendationVote]
    timeline: StatusTimeline


def recommendation_context(session: Session, rec: RecommendationDetail, history: Sequence[HistoryEntry],
                           viewer_id: int | None, now: datetime) -> RecommendationContext:
    """The meetings and votes of one recommendation and its timeline, in a fixed number of queries however many
    meetings, votes or transitions it has; ``history`` is ``recommendation_history`` of it."""
    now = require_aware(now)
    places = session.exec(
        select(AgendaItem, Meeting).join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .where(AgendaItem.recommendation_id == rec.id).order_by(col(Meeting.starts_at), col(Meeting.id))).all()
    votes = session.exec(
        select(Vote, Meeting).join(VoteItem, col(VoteItem.vote_id) == Vote.id)
        .join(Meeting, col(Meeting.id) == Vote.meeting_id)
        .where(VoteItem.recommendation_id == rec.id).order_by(col(Vote.id))).all()
    castable = _castable(session, [v for v, _m in votes], viewer_id, now) if viewer_id is not None else set()
    return RecommendationContext(
        agenda=[AgendaPlace(meeting_id=m.id or 0, title=m.title, kind=m.kind, status=m.status,
                            starts_at=m.starts_at, position=item.position, purpose=item.purpose)
                for item, m in places],
        votes=[RecommendationVote(id=v.id or 0, meeting_id=m.id or 0, meeting=m.title, mode=v.mode,
                                  status=v.status, result=v.result, deadline=v.deadline, closed_at=v.closed_at,
                                  yes=v.yes, no=v.no, abstain=v.abstain, may_cast=(v.id or 0) in castable)
               for v, m in votes],
        timeline=status_timeline(session, rec.id, rec.state, rec.created_at,
                                 [(h.from_, h.to, h.at) for h in history]),
    )


def _castable(session: Session, votes: Sequence[Vote], person_id: int, now: datetime) -> set[int]:
    """The open votes in which ``person_id`` may cast a ballot now: a written procedure for a seat they hold or
    deputise, a meeting's vote for a seat they sit in there (as recorded in the attendance)."""
    running = [v for v in votes if v.status == VoteStatus.OPEN and (v.deadline is None or now < v.deadline)]
    if not running:
        return set()
    held, deputised = seats_held_by(session, person_id, local_date(now))
    mine = set(held) | set(deputised)
    if not mine:
        return set()
    castable = {v.id or 0 for v in running if v.mode == VoteMode.WRITTEN_PROCEDURE}
    in_meetings = {v.meeting_id for v in running if v.mode == VoteMode.MEETING}
    if in_meetings:
        sitting = set(session.exec(
            select(Attendance.meeting_id).where(col(Attendance.meeting_id).in_(in_meetings),
                                                col(Attendance.seat_id).in_(mine), Attendance.person_id == person_id,
                                                Attendance.status != AttendanceStatus.ABSENT)).all())
        castable |= {v.id or 0 for v in running if v.mode == VoteMode.MEETING and v.meeting_id in sitting}
    return castable
