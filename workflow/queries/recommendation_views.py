"""Read models: what a person sees of recommendations, as typed data ready for JSON, text or HTML."""

from collections.abc import Sequence
from datetime import datetime

from pydantic import Field
from sqlmodel import Session, col, select

from models.groups import WorkingGroup
from models.people import Person
from models.queries import addressees_of, history_of, list_recommendations
from models.recommendation import Recommendation
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import Reason
from workflow.engine.firing import AvailableEvent, available_events
from workflow.engine.read_model import ReadModel
from workflow.queries.browsing import RecommendationSummary
from workflow.recommendations.lifecycle import find_recommendation


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
    return [
        HistoryEntry(event=r.event, from_=r.from_state, to=r.to_state, at=r.occurred_at,
                     actor=(Actor(id=r.actor_id, name=people[r.actor_id].name, email=people[r.actor_id].email)
                            if r.actor_id is not None else None),
                     comment=r.comment, meeting_id=r.meeting_id, revision=r.revision)
        for r in records
    ]


def _people(session: Session, ids: Sequence[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id or 0: p for p in session.exec(select(Person).where(col(Person.id).in_(set(ids)))).all()}
