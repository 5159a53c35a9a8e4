"""The workflow engine: a workflow is data (states and one table of transition rules) plus one shared machine.

The machine never decorates a persisted row: it is built once per definition with ``model=None`` and fired
*on* the row, whose ``state`` column is the only state there is.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import Session
from transitions import EventData, Machine, MachineError

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

    @cached_property
    def connection(self) -> sa.Connection:
        """The transaction's connection, for the prepared Core statements of guards and effects."""
        return self.session.connection()


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

    def __call__(self, ctx: TransitionContext) -> Reason | None:
        return self.check(ctx)

    @property
    def name(self) -> str:
        """The check's name, as the command line lists it."""
        return self.check.__name__


def guard(*reasons: str, judges_input: bool = False) -> Callable[[Check], Guard]:
    """Declare a check as a guard refusing with one of ``reasons``."""
    return lambda check: Guard(check, reasons, judges_input)


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


def _outcome_matches(expected: str) -> Callable[[EventData], bool]:
    def condition(event_data: EventData) -> bool:
        return bool(event_data.kwargs.get("outcome") == expected)

    return condition


class WorkflowDefinition:
    """A named workflow: its states, its transition table and the one machine that applies it."""

    def __init__(
        self,
        name: str,
        subject_kind: str,
        states: type[StrEnum],
        initial: StrEnum,
        rules: Iterable[TransitionRule],
        *,
        model: type[Any],
        scope: Callable[[Any], int | None],
        label: Callable[[Any], str],
        final: Iterable[StrEnum] = (),
        state_facts: Mapping[Any, StateFacts] | None = None,  # keyed by the members of ``states``
    ) -> None:
        self.name = name
        self.model = model
        # The working group a subject belongs to: group-scoped roles are checked against it.
        self.scope = scope
        self.label = label
        self.subject_kind = subject_kind
        self.states = states
        self.initial = initial.value
        self.rules = tuple(rules)
        self.final = frozenset(s.value for s in final)
        self._check_table()
        self._states = {
            s.value: replace(facts, final=s.value in self.final)
            for s, facts in (state_facts or {s: StateFacts(label=s.value) for s in states}).items()
        }
        if set(self._states) != {s.value for s in states}:
            raise ValueError(f"{self.name}: the state facts name other states than the workflow's")
        self._facts = {event: self._event_facts(event) for event in dict.fromkeys(r.event for r in self.rules)}
        self.machine = Machine(
            model=None,
            states=[s.value for s in states],
            initial=self.initial,
            auto_transitions=False,
            send_event=True,
        )
        for r in self.rules:
            conditions: list[str | Callable[..., bool | None]] = (
                [_outcome_matches(r.outcome)] if r.outcome is not None else []
            )
            self.machine.add_transition(r.event, list(r.sources), r.dest, conditions=conditions)
        self._events = tuple(dict.fromkeys(r.event for r in self.rules))
        self._by_event_source: dict[tuple[str, str], list[TransitionRule]] = {}
        for r in self.rules:
            for source in r.sources:
                self._by_event_source.setdefault((r.event, source), []).append(r)

    def _check_table(self) -> None:
        known = {s.value for s in self.states}
        for r in self.rules:
            unknown = [s for s in (*r.sources, r.dest) if s not in known]
            if unknown:
                raise ValueError(f"{self.name}: rule {r.event!r} names unknown states {unknown}")
            if not r.roles:
                raise ValueError(f"{self.name}: rule {r.event!r} allows no role")
            if not r.label:
                raise ValueError(f"{self.name}: rule {r.event!r} has no label")

    def _event_facts(self, event: str) -> EventFacts:
        # Every row of an event is offered by one form: they must agree on what the pages need.
        facts = {EventFacts(r.event, r.label, r.service_only, r.own_form, r.asks, r.irreversible)
                 for r in self.rules if r.event == event}
        if len(facts) > 1:
            raise ValueError(f"{self.name}: the rows of {event!r} differ in label, form, asks or irreversibility")
        return facts.pop()

    @property
    def events(self) -> list[str]:
        """Every event of the workflow, in table order."""
        return list(self._events)

    def has_event(self, event: str) -> bool:
        """Whether ``event`` belongs to this workflow."""
        return event in self._events

    def facts(self, event: str) -> EventFacts:
        """What the pages need of ``event``: its label, how it is offered, what it asks for."""
        return self._facts[event]

    def event_label(self, event: str) -> str:
        """The label of ``event`` (an English message id); the event's own name for one the table no longer has."""
        facts = self._facts.get(event)
        return facts.label if facts is not None else event

    @property
    def service_only_events(self) -> frozenset[str]:
        """The events only a use case fires."""
        return frozenset(e for e, f in self._facts.items() if f.service_only)

    def state(self, state: str) -> StateFacts:
        """The facts of ``state`` (its label, whether it is final, …)."""
        return self._states[state]

    def has_state(self, state: str) -> bool:
        """Whether ``state`` belongs to this workflow."""
        return state in self._states

    def state_label(self, state: str) -> str:
        """The label of ``state`` (an English message id); the value itself for a state the workflow lacks."""
        facts = self._states.get(state)
        return facts.label if facts is not None else state

    def rules_for(self, event: str, state: str) -> list[TransitionRule]:
        """The rows that let ``event`` fire from ``state`` (several when the outcome picks the destination)."""
        return self._by_event_source.get((event, state), [])

    def events_from(self, state: str) -> list[str]:
        """The events possible from ``state`` before permissions and guards are considered."""
        return list(dict.fromkeys(r.event for r in self.rules if state in r.sources))

    def apply(self, subject: Subject, event: str, outcome: str | None = None) -> str:
        """Fire ``event`` on ``subject`` through the shared machine and return the new state."""
        try:
            fired = self.machine.events[event].trigger(subject, outcome=outcome)
        except (MachineError, KeyError) as exc:  # callers check rules first; this is a programming error
            raise RuntimeError(f"{self.name}: {event} cannot fire from {subject.state}") from exc
        if not fired:
            raise RuntimeError(f"{self.name}: {event} found no rule for outcome {outcome!r}")
        return subject.state
