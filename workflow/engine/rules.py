"""The rule table's parts: a transition rule with what the pages need of it (label, form, asks, irreversible), its
guards with their reason codes, each state's facts, and the context a guard or an effect sees when an event fires.

A workflow (``workflow.engine.machine.WorkflowDefinition``) is made of these.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import Session

from models.db import core_connection
from models.enums import Role
from models.people import Person
from workflow.engine.errors import Reason


class Subject(Protocol):
    """What the engine needs of a persisted row."""

    id: int | None
    state: str
    version: int


@dataclass(frozen=True)
class TransitionContext:
    """Everything a guard or an effect may look at; time is passed in, never read."""

    session: Session
    subject: Any
    actor: Person | None
    roles: frozenset[Role]
    now: datetime
    comment: str = ""
    outcome: str | None = None
    meeting_id: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    # Facts about the subject read with it in one statement when the event fired (``Fact``); others are read lazily.
    facts: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def connection(self) -> sa.Connection:
        """The transaction's connection, for the prepared Core statements of guards and effects."""
        return core_connection(self.session)

    def fact(self, fact: "Fact") -> Any:
        """The value of ``fact`` for the subject: as read with it when the event fired, else read now."""
        if fact.name in self.facts:
            return self.facts[fact.name]
        return self.connection.execute(fact.alone, {"row_id": self.subject.id}).scalar()


class Fact:
    """A value a guard needs about the subject, as one SQL expression over the subject's table (a correlated
    subquery): firing reads every fact of the event's guards in the same statement as the subject itself."""

    def __init__(self, name: str, table: sa.Table, expression: sa.ColumnElement[Any]) -> None:
        self.name = name
        self.table = table
        self.column = expression.label(f"fact_{name}")
        # For a context that did not read it with the subject (the pages' available events): one statement.
        self.alone = sa.select(self.column).where(table.c.id == sa.bindparam("row_id"))

    def __repr__(self) -> str:
        return f"<Fact {self.name}>"


# A check returns ``None`` when it holds, else one sentence saying what is missing and what to do.
Check = Callable[[TransitionContext], Reason | None]
# An effect runs after the state changed, in the same transaction; it records rows, never does I/O.
Effect = Callable[[TransitionContext, "TransitionRule"], None]


@dataclass(frozen=True)
class Guard:
    """A precondition of a rule, with the stable reason codes its refusals carry.

    ``judges_input`` marks a guard about what is given when the event is fired (a comment, a meeting): it cannot
    block the button beforehand, only the firing.
    """

    check: Check
    reasons: tuple[str, ...]
    judges_input: bool = False
    facts: tuple[Fact, ...] = ()  # what the check reads about the subject, loaded with it when the event fires

    def __call__(self, ctx: TransitionContext) -> Reason | None:
        return self.check(ctx)

    @property
    def name(self) -> str:
        """The check's name, as the command line lists it."""
        return self.check.__name__


def guard(*reasons: str, judges_input: bool = False, facts: Iterable[Fact] = ()) -> Callable[[Check], Guard]:
    """Declare a check as a guard refusing with one of ``reasons`` (reading ``facts`` through ``ctx.fact``)."""
    return lambda check: Guard(check, reasons, judges_input, tuple(facts))


class Ask(StrEnum):
    """What a rule's form asks of the person firing it (every form offers a comment, optional unless asked)."""

    COMMENT = "comment"  # a comment is required
    MEETING = "meeting"  # the meeting or written procedure it concerns
    OUTCOME = "outcome"  # the result, which picks the destination


@dataclass(frozen=True)
class TransitionRule:
    """One row of a transition table, with what the pages need to offer it."""

    event: str
    sources: tuple[str, ...]
    dest: str
    roles: frozenset[Role]
    guards: tuple[Guard, ...] = ()
    # For an event with several destinations: this row applies when the caller's outcome equals it.
    outcome: str | None = None
    description: str = ""
    label: str = ""  # the English message id of the event's name (translated where shown)
    # Only a use case may fire it, because it changes more than the subject's state: no plain event form offers it.
    service_only: bool = False
    # Offered by a form of its own (a use case's), not by the plain event form; firing it plainly still works.
    own_form: bool = False
    asks: frozenset[Ask] = frozenset()
    irreversible: bool = False  # the pages ask for confirmation before firing it

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reason codes its guards may refuse with."""
        return tuple(code for g in self.guards for code in g.reasons)

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The facts its guards read about the subject."""
        return tuple(f for g in self.guards for f in g.facts)


@dataclass(frozen=True)
class EventFacts:
    """What every row of one event shares: how the pages name it, offer it and what its form asks for."""

    event: str
    label: str
    service_only: bool
    own_form: bool
    asks: frozenset[Ask]
    irreversible: bool

    @property
    def comment_required(self) -> bool:
        """Whether the form must have a comment."""
        return Ask.COMMENT in self.asks

    @property
    def asks_meeting(self) -> bool:
        """Whether the form asks for a meeting or written procedure."""
        return Ask.MEETING in self.asks

    @property
    def asks_outcome(self) -> bool:
        """Whether the form asks for the result."""
        return Ask.OUTCOME in self.asks


@dataclass(frozen=True)
class StateFacts:
    """One state as the pages show it: its label (an English message id) and the facts they test instead of
    comparing state values. ``final`` is filled in by the workflow definition."""

    label: str
    final: bool = False
    editable: bool = False  # the subject's text may still be changed
    awaiting_forwarding: bool = False  # decided; the bodies have not been sent it yet
    reports_open: bool = False  # the bodies report on it; reports by letter are entered
    review_plannable: bool = False  # its review meeting may still be set
    movable: bool = False  # on an agenda, and may move to another meeting


def rule(
    event: str,
    sources: Iterable[StrEnum] | StrEnum,
    dest: StrEnum,
    roles: Iterable[Role],
    *guards: Guard,
    label: str,
    outcome: StrEnum | None = None,
    description: str = "",
    asks: Iterable[Ask] = (),
    service_only: bool = False,
    own_form: bool = False,
    irreversible: bool = False,
) -> TransitionRule:
    """A transition rule written with enum members; a rule with an outcome asks for it."""
    src = (sources,) if isinstance(sources, StrEnum) else tuple(sources)
    return TransitionRule(
        event=event,
        sources=tuple(s.value for s in src),
        dest=dest.value,
        roles=frozenset(roles),
        guards=guards,
        outcome=outcome.value if outcome is not None else None,
        description=description,
        label=label,
        service_only=service_only,
        own_form=own_form or service_only,
        asks=frozenset(asks) | ({Ask.OUTCOME} if outcome is not None else set()),
        irreversible=irreversible,
    )
