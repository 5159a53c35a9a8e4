"""The use case at the heart of the engine: fire an event on a subject, for an actor, at a given time."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from models.db import core_connection
from models.people import Person, RoleAssignment
from models.prepared import Prepared
from models.snapshot import RowSnapshot, load_snapshot, write_back_and_insert
from models.transition_record import TransitionRecord
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import (
    ConflictError,
    EngineRefusal,
    GuardFailed,
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
    Reason,
)
from workflow.engine.inputs import PARAGRAPH, bounded_text
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.permissions import ASSIGNMENT_COLUMNS, roles_held, roles_of
from workflow.engine.reactions import installed
from workflow.engine.rules import Fact, TransitionContext, TransitionRule

_RECORD: sa.Table = TransitionRecord.__table__  # type: ignore[attr-defined]


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
    blocked_by: tuple[Reason, ...]
    description: str

    @property
    def ready(self) -> bool:
        """Whether firing it now would pass every guard."""
        return not self.blocked_by


def load_subject(connection: sa.Connection, workflow: WorkflowDefinition, subject_id: int) -> RowSnapshot:
    """A snapshot of the subject row, or a NotFound naming what was looked for."""
    subject = load_snapshot(connection, workflow.model, subject_id)
    if subject is None:
        raise NotFound(EngineRefusal.NO_SUBJECT, kind=workflow.subject_kind, id=subject_id)
    return subject


@dataclass(frozen=True, slots=True)
class _Reading:
    """What firing reads in one statement: the subject's row, the facts its guards need and the actor's roles."""

    statement: Prepared
    columns: tuple[str, ...]
    facts: tuple[Fact, ...]


@cache
def _reading(workflow: WorkflowDefinition, event: str, with_actor: bool) -> _Reading:
    # Built once per event: compiled once, then only executed. The actor's role assignments come as an outer
    # join (one row each, the subject's columns repeated; one row of NULLs when there is none).
    table: sa.Table = workflow.model.__table__
    facts = tuple(dict.fromkeys(f for r in workflow.rules if r.event == event for f in r.facts if f.table is table))
    columns: list[Any] = [*table.columns, *(f.column for f in facts)]
    source: Any = table
    if with_actor:
        columns += ASSIGNMENT_COLUMNS
        source = table.outerjoin(RoleAssignment, RoleAssignment.person_id == sa.bindparam("person_id"))  # type: ignore[arg-type]
    statement = sa.select(*columns).select_from(source).where(table.c.id == sa.bindparam("row_id"))
    return _Reading(Prepared(statement), tuple(c.key for c in table.columns), facts)


def _read(
    connection: sa.Connection, workflow: WorkflowDefinition, subject_id: int, event: str, actor_id: int | None
) -> tuple[RowSnapshot, dict[str, Any], Sequence[Sequence[Any]]]:
    """The subject, its facts for ``event`` and the actor's role assignments, in one round trip."""
    reading = _reading(workflow, event, actor_id is not None)
    rows = reading.statement.run(connection, {"row_id": subject_id, "person_id": actor_id}).rows
    if not rows:
        raise NotFound(EngineRefusal.NO_SUBJECT, kind=workflow.subject_kind, id=subject_id)
    first, width = rows[0], len(reading.columns)
    subject = RowSnapshot(workflow.model, dict(zip(reading.columns, first[:width], strict=True)))
    facts = {f.name: value for f, value in zip(reading.facts, first[width:], strict=False)}
    assignments = [row[width + len(reading.facts):] for row in rows] if actor_id is not None else []
    return subject, facts, assignments


def _select_rule(
    workflow: WorkflowDefinition, subject: Any, event: str, outcome: str | None
) -> TransitionRule:
    if not workflow.has_event(event):
        raise InvalidTransition(EngineRefusal.UNKNOWN_EVENT, workflow.events_from(subject.state), event=event,
                                workflow=workflow.name)
    rules = workflow.rules_for(event, subject.state)
    if not rules:
        raise InvalidTransition(EngineRefusal.EVENT_NOT_POSSIBLE, workflow.events_from(subject.state), event=event,
                                label=workflow.label(subject), state=subject.state, workflow=workflow.name)
    outcomes = [r.outcome for r in rules if r.outcome is not None]
    if not outcomes:
        if outcome is not None:
            raise InvalidInput(EngineRefusal.TAKES_NO_OUTCOME, event=event)
        return rules[0]
    for r in rules:
        if r.outcome == outcome:
            return r
    raise InvalidInput(EngineRefusal.NEEDS_OUTCOME, event=event, outcomes=tuple(outcomes))


def fire_event(
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
    """Check and apply one transition in the caller's unit of work; ``actor=None`` is the system itself.

    Permission, guards, transition, the reactions registered for the event (``workflow.engine.reactions``), record
    and version bump land together when the entry point commits.
    """
    now = require_aware(now)
    # The row is read and written with Core below: what earlier services of this unit of work changed through the
    # ORM must be in the database first (and an edited entity of this row is not expired with its edits unsaved).
    session.flush()
    # One connection for the whole transition: asking the session for it each time costs more than the query.
    ctx_connection = core_connection(session)
    if not workflow.has_event(event):
        # Still said with the events possible from the subject's state: read it alone.
        subject = load_subject(ctx_connection, workflow, subject_id)
        raise InvalidTransition(EngineRefusal.UNKNOWN_EVENT, workflow.events_from(subject.state), event=event,
                                workflow=workflow.name)
    subject, facts, assignments = _read(ctx_connection, workflow, subject_id, event,
                                        actor.id if actor is not None else None)
    label = workflow.label(subject)
    if expected_version is not None and subject.version != expected_version:
        raise ConflictError(EngineRefusal.STALE_VERSION, label=label, version=subject.version, seen=expected_version)
    chosen = _select_rule(workflow, subject, event, outcome)
    if actor is None:
        roles = frozenset(chosen.roles)
    else:
        roles = roles_held(assignments, workflow.scope(subject), local_date(now))
        if not roles & chosen.roles:
            raise NotPermitted(EngineRefusal.ROLE_REQUIRED, name=actor.name, email=actor.email, event=event,
                               label=label, allowed=tuple(sorted(chosen.roles)))
    ctx = TransitionContext(
        session=session, subject=subject, actor=actor, roles=roles, now=now,
        comment=bounded_text("comment", comment, PARAGRAPH).strip(), outcome=outcome, meeting_id=meeting_id,
        params=params or {}, facts=facts,
    )
    failures = [reason for guard in chosen.guards if (reason := guard(ctx)) is not None]
    if failures:
        raise GuardFailed(event, label, failures, workflow.name)
    effects = installed().to_transition(workflow.name, event)
    from_state = subject.state
    # The rule names the destination; the machine built from the same table agrees (tests walk every row).
    subject.state = chosen.dest
    for effect in effects:
        effect(ctx, chosen)
    if subject.has("updated_at"):
        subject.updated_at = now
    values = dict(
        subject_kind=workflow.subject_kind, subject_id=subject_id, event=event, from_state=from_state,
        to_state=subject.state, actor_id=actor.id if actor else None, occurred_at=now, comment=ctx.comment,
        meeting_id=meeting_id,
        # Subjects with numbered text revisions record which revision the event concerned.
        revision=getattr(subject, "revision_count", None) or None,
    )
    # Core statements on the connection: this path runs on every transition and skips ORM bookkeeping.
    saved, record_id = write_back_and_insert(session, ctx_connection, subject, _RECORD, values)
    if not saved:
        raise ConflictError(EngineRefusal.CHANGED_MEANWHILE, label=label)
    return FiredTransition(id=record_id, **values)


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
