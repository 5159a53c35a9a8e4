"""The use case at the heart of the engine: fire an event on a subject, for an actor, at a given time."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from models.people import Person
from models.snapshot import RowSnapshot, load_snapshot, write_back
from models.transition_record import TransitionRecord
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import (
    ConflictError,
    GuardFailed,
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
)
from workflow.engine.machine import TransitionContext, TransitionRule, WorkflowDefinition
from workflow.engine.permissions import describe_roles, roles_of
from workflow.engine.unit_of_work import committing

_INSERT_RECORD = sa.insert(TransitionRecord)


@dataclass(frozen=True, slots=True)
class FiredTransition:
    """The transition record just written, as plain values (building an ORM entity here costs more than the insert)."""

    id: int | None
    subject_kind: str
    subject_id: int
    event: str
    from_state: str
    to_state: str
    actor_id: int | None
    occurred_at: datetime
    comment: str
    meeting_id: int | None
    revision: int | None


@dataclass(frozen=True)
class AvailableEvent:
    """An event the actor may fire now; ``blocked_by`` lists unmet preconditions (empty when ready)."""

    event: str
    destinations: tuple[str, ...]
    blocked_by: tuple[str, ...]
    description: str

    @property
    def ready(self) -> bool:
        """Whether firing it now would pass every guard."""
        return not self.blocked_by


def load_subject(connection: sa.Connection, workflow: WorkflowDefinition, subject_id: int) -> RowSnapshot:
    """A snapshot of the subject row, or a NotFound naming what was looked for."""
    subject = load_snapshot(connection, workflow.model, subject_id)
    if subject is None:
        raise NotFound(f"There is no {workflow.subject_kind.replace('_', ' ')} with id {subject_id}.")
    return subject


def _select_rule(
    workflow: WorkflowDefinition, subject: Any, event: str, outcome: str | None
) -> TransitionRule:
    if not workflow.has_event(event):
        raise InvalidTransition(
            f"'{event}' is not an event of the {workflow.name} workflow.", workflow.events_from(subject.state)
        )
    rules = workflow.rules_for(event, subject.state)
    if not rules:
        raise InvalidTransition(
            f"Cannot {event} {workflow.label(subject)}: it is {subject.state}.",
            workflow.events_from(subject.state),
        )
    outcomes = [r.outcome for r in rules if r.outcome is not None]
    if not outcomes:
        if outcome is not None:
            raise InvalidInput(f"'{event}' takes no outcome; leave --outcome out.")
        return rules[0]
    for r in rules:
        if r.outcome == outcome:
            return r
    raise InvalidInput(f"'{event}' needs an outcome: one of {', '.join(outcomes)}.")


def apply_event(
    session: Session,
    workflow: WorkflowDefinition,
    subject_id: int,
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
    """Check and apply one transition inside the caller's transaction; ``actor=None`` is the system itself."""
    now = require_aware(now)
    # One connection for the whole transition: asking the session for it each time costs more than the query.
    ctx_connection = session.connection()
    subject = load_subject(ctx_connection, workflow, subject_id)
    label = workflow.label(subject)
    if expected_version is not None and subject.version != expected_version:
        raise ConflictError(
            f"{label} was changed by someone else (version {subject.version}, you saw {expected_version}); "
            "reload it and try again."
        )
    chosen = _select_rule(workflow, subject, event, outcome)
    if actor is None:
        roles = frozenset(chosen.roles)
    else:
        assert actor.id is not None
        roles = roles_of(ctx_connection, actor.id, workflow.scope(subject), local_date(now))
        if not roles & chosen.roles:
            raise NotPermitted(
                f"{actor.name} <{actor.email}> may not {event} {label}: only {describe_roles(chosen.roles)} may."
            )
    ctx = TransitionContext(
        session=session, subject=subject, actor=actor, roles=roles, now=now,
        comment=comment.strip(), outcome=outcome, meeting_id=meeting_id, params=params or {},
    )
    failures = [reason for guard in chosen.guards if (reason := guard(ctx)) is not None]
    if failures:
        raise GuardFailed(f"{event} {label}", failures)
    from_state = subject.state
    workflow.apply(subject, event, outcome=outcome)
    for effect in workflow.effects_for(event):
        effect(ctx, chosen)
    if subject.has("updated_at"):
        subject.updated_at = now
    if not write_back(session, ctx_connection, subject):
        raise ConflictError(f"{label} was changed by someone else at the same time; nothing was saved. "
                            "Reload it and try again.")
    values = dict(
        subject_kind=workflow.subject_kind, subject_id=subject_id, event=event, from_state=from_state,
        to_state=subject.state, actor_id=actor.id if actor else None, occurred_at=now, comment=ctx.comment,
        meeting_id=meeting_id,
        # Subjects with numbered text revisions record which revision the event concerned.
        revision=getattr(subject, "revision_count", None) or None,
    )
    # Core statements on the connection: this path runs on every transition and skips ORM bookkeeping.
    inserted = ctx_connection.execute(_INSERT_RECORD, values).inserted_primary_key
    record_id = inserted[0] if inserted else None
    return FiredTransition(id=record_id, **values)


def fire_event(
    session: Session,
    workflow: WorkflowDefinition,
    subject_id: int,
    event: str,
    **kwargs: Any,
) -> FiredTransition:
    """Fire ``event`` and commit: permission, guards, transition, record and version bump in one transaction."""
    with committing(session, f"The {workflow.subject_kind.replace('_', ' ')} {subject_id}"):
        record = apply_event(session, workflow, subject_id, event, **kwargs)
    return record


def available_events(
    session: Session, workflow: WorkflowDefinition, subject: Any, actor: Person, now: datetime
) -> list[AvailableEvent]:
    """The events ``actor`` may fire on ``subject`` now, each with the guards that still block it."""
    assert actor.id is not None
    roles = roles_of(session, actor.id, workflow.scope(subject), local_date(now))
    result = []
    for event in workflow.events_from(subject.state):
        rules = [r for r in workflow.rules_for(event, subject.state) if r.roles & roles]
        if not rules:
            continue
        ctx = TransitionContext(session=session, subject=subject, actor=actor, roles=roles, now=require_aware(now))
        # Comments and meetings are asked for when the button is pressed; judge the rest now.
        blocked = tuple(
            reason for guard in rules[0].guards if not guard.judges_input and (reason := guard(ctx)) is not None
        )
        result.append(AvailableEvent(event, tuple(r.dest for r in rules), blocked, rules[0].description))
    return result
