"""The workflow engine: a workflow is data (states and one table of transition rules) plus one shared machine.

The machine never decorates a persisted row: it is built once per definition with ``model=None`` and fired
*on* the row, whose ``state`` column is the only state there is.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import Session
from transitions import EventData, Machine, MachineError

from models.enums import Role
from models.people import Person


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


# A guard returns ``None`` when it holds, else one sentence saying what is missing and what to do.
Guard = Callable[[TransitionContext], str | None]
# An effect runs after the state changed, in the same transaction; it records rows, never does I/O.
Effect = Callable[[TransitionContext, "TransitionRule"], None]


@dataclass(frozen=True)
class TransitionRule:
    """One row of a transition table."""

    event: str
    sources: tuple[str, ...]
    dest: str
    roles: frozenset[Role]
    guards: tuple[Guard, ...] = ()
    # For an event with several destinations: this row applies when the caller's outcome equals it.
    outcome: str | None = None
    description: str = ""


def rule(
    event: str,
    sources: Iterable[StrEnum] | StrEnum,
    dest: StrEnum,
    roles: Iterable[Role],
    *guards: Guard,
    outcome: StrEnum | None = None,
    description: str = "",
) -> TransitionRule:
    """A transition rule written with enum members."""
    src = (sources,) if isinstance(sources, StrEnum) else tuple(sources)
    return TransitionRule(
        event=event,
        sources=tuple(s.value for s in src),
        dest=dest.value,
        roles=frozenset(roles),
        guards=guards,
        outcome=outcome.value if outcome is not None else None,
        description=description,
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
        self._effects: dict[str, list[Effect]] = {}
        self._check_table()
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

    @property
    def events(self) -> list[str]:
        """Every event of the workflow, in table order."""
        return list(self._events)

    def has_event(self, event: str) -> bool:
        """Whether ``event`` belongs to this workflow."""
        return event in self._events

    def rules_for(self, event: str, state: str) -> list[TransitionRule]:
        """The rows that let ``event`` fire from ``state`` (several when the outcome picks the destination)."""
        return self._by_event_source.get((event, state), [])

    def events_from(self, state: str) -> list[str]:
        """The events possible from ``state`` before permissions and guards are considered."""
        return list(dict.fromkeys(r.event for r in self.rules if state in r.sources))

    def on(self, event: str, effect: Effect) -> None:
        """Register an effect to run whenever ``event`` has fired."""
        if event not in self.events:
            raise ValueError(f"{self.name} has no event {event!r}")
        self._effects.setdefault(event, []).append(effect)

    def effects_for(self, event: str) -> list[Effect]:
        """The effects registered for ``event``, in registration order."""
        return list(self._effects.get(event, ()))

    def apply(self, subject: Subject, event: str, outcome: str | None = None) -> str:
        """Fire ``event`` on ``subject`` through the shared machine and return the new state."""
        try:
            fired = self.machine.events[event].trigger(subject, outcome=outcome)
        except (MachineError, KeyError) as exc:  # callers check rules first; this is a programming error
            raise RuntimeError(f"{self.name}: {event} cannot fire from {subject.state}") from exc
        if not fired:
            raise RuntimeError(f"{self.name}: {event} found no rule for outcome {outcome!r}")
        return subject.state
