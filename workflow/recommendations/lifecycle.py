"""Use cases of a recommendation's text: create, edit (a numbered revision each), fire an event, number it."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete

from models.enums import Role
from models.groups import WorkingGroup
from models.people import Organisation, Person
from models.queries import addressees_of, recommendation_by_ref, row_id
from models.recommendation import (
    Recommendation,
    RecommendationAddressee,
    RecommendationCreate,
    RecommendationUpdate,
    Revision,
)
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import ConflictError, EngineRefusal, InvalidInput, NotFound, NotPermitted
from workflow.engine.firing import FiredTransition, fire_event
from workflow.engine.permissions import roles_of
from workflow.engine.states import RecommendationState, WorkingGroupState
from workflow.recommendations.refusals import RecommendationRefusal

# Who may write a draft's text: its own working group, and the secretariat helping it.
AUTHOR_ROLES = frozenset({Role.WG_LEAD, Role.WG_DEPUTY_LEAD, Role.WG_MEMBER, Role.SECRETARIAT})


def find_recommendation(session: Session, ref: str | int) -> Recommendation:
    """A recommendation by id or number, or a NotFound that says how to look it up."""
    rec = recommendation_by_ref(session, ref)
    if rec is None:
        raise NotFound(RecommendationRefusal.NO_RECOMMENDATION, ref=ref)
    return rec


def require_author(session: Session, actor: Person, group: WorkingGroup, now: datetime) -> None:
    """Refuse anyone but the group's lead, deputy lead and members, and the secretariat (who may write a draft)."""
    assert actor.id is not None
    if not roles_of(session, actor.id, group.id, local_date(now)) & AUTHOR_ROLES:
        raise NotPermitted(RecommendationRefusal.NOT_AUTHOR, name=actor.name, email=actor.email, group=group.name)


def _check_addressees(session: Session, ids: list[int]) -> list[int]:
    unique = list(dict.fromkeys(ids))
    missing = [i for i in unique if session.get(Organisation, i) is None]
    if missing:
        raise NotFound(RecommendationRefusal.NO_ORGANISATION, ids=tuple(missing))
    return unique


def create_recommendation(
    session: Session, data: RecommendationCreate, actor: Person, now: datetime
) -> Recommendation:
    """Create a draft in a working group, with its text as revision 1."""
    now = require_aware(now)
    group = session.get(WorkingGroup, data.working_group_id)
    if group is None:
        raise NotFound(RecommendationRefusal.NO_WORKING_GROUP, group=data.working_group_id)
    if group.state == WorkingGroupState.CONCLUDED:
        raise InvalidInput(RecommendationRefusal.GROUP_CONCLUDED, group=group.name)
    require_author(session, actor, group, now)
    addressees = _check_addressees(session, data.addressee_ids)
    rec = Recommendation(
        title=data.title, text=data.text, rationale=data.rationale, working_group_id=group.id or 0,
        state=RecommendationState.DRAFT.value, revision_count=1, created_at=now, updated_at=now,
    )
    session.add(rec)
    session.flush()
    assert rec.id is not None
    session.add(Revision(recommendation_id=rec.id, number=1, title=rec.title, text=rec.text,
                         rationale=rec.rationale, author_id=actor.id, comment="created", created_at=now))
    for org_id in addressees:
        session.add(RecommendationAddressee(recommendation_id=rec.id, organisation_id=org_id))
    return rec


def edit_recommendation(
    session: Session,
    ref: str | int,
    changes: RecommendationUpdate,
    actor: Person,
    now: datetime,
    comment: str = "",
    expected_version: int | None = None,
) -> Revision | None:
    """Save an edit of a draft as the next numbered revision; returns ``None`` when only addressees changed."""
    now = require_aware(now)
    rec = find_recommendation(session, ref)
    label = RECOMMENDATION_WORKFLOW.label(rec)
    if rec.state != RecommendationState.DRAFT:
        raise InvalidInput(RecommendationRefusal.ONLY_DRAFTS_EDITABLE, label=label, state=rec.state)
    if expected_version is not None and expected_version != rec.version:
        raise ConflictError(EngineRefusal.STALE_VERSION, label=label, version=rec.version, seen=expected_version)
    group = session.get(WorkingGroup, rec.working_group_id)
    assert group is not None
    require_author(session, actor, group, now)
    text_fields = {k: v for k, v in changes.model_dump(exclude_none=True).items() if k != "addressee_ids"}
    text_changed = {k: v for k, v in text_fields.items() if getattr(rec, k) != v}
    addressees = _check_addressees(session, changes.addressee_ids) if changes.addressee_ids is not None else None
    if addressees is not None and set(addressees) == {o.id for o in addressees_of(session, rec.id or 0)}:
        addressees = None  # the same bodies again: not a change
    if not text_changed and addressees is None:
        raise InvalidInput(RecommendationRefusal.NOTHING_TO_SAVE, label=label)
    revision = None
    for key, value in text_changed.items():
        setattr(rec, key, value)
    rec.updated_at = now
    if addressees is not None:
        session.execute(delete(RecommendationAddressee).where(
            col(RecommendationAddressee.recommendation_id) == rec.id))
        for org_id in addressees:
            session.add(RecommendationAddressee(recommendation_id=rec.id or 0, organisation_id=org_id))
    if text_changed:
        rec.revision_count += 1
        revision = Revision(recommendation_id=rec.id or 0, number=rec.revision_count, title=rec.title,
                            text=rec.text, rationale=rec.rationale, author_id=actor.id,
                            comment=comment.strip(), created_at=now)
        session.add(revision)
    session.add(rec)
    return revision


def fire(
    session: Session,
    ref: str | int,
    event: str,
    *,
    actor: Person | None,
    now: datetime,
    comment: str = "",
    outcome: str | None = None,
    meeting_id: int | None = None,
    expected_version: int | None = None,
    params: Mapping[str, Any] | None = None,
) -> FiredTransition:
    """Fire a workflow event on a recommendation, recording the text revision it concerned."""
    rec_id = row_id(str(ref)) or find_recommendation(session, ref).id
    assert rec_id is not None
    return fire_event(
        session, RECOMMENDATION_WORKFLOW, rec_id, event, actor=actor, now=now, comment=comment,
        outcome=outcome, meeting_id=meeting_id, expected_version=expected_version, params=params,
    )
