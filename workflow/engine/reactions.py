"""The one registry of reactions: what runs when a transition has fired or a domain event has happened.

A reaction is registered by name and runs in the order registered, inside the caller's unit of work; it writes
rows (an agenda item, a review round, an outbox mail) and never does I/O. The engine knows no domain room: the
workflow definitions declare their rules and guards only, and ``bootstrap.bootstrap()`` registers every reaction
(the rooms' effects, then the notifications' mails) and installs the registry here. Firing a transition without
an installed registry is a programming error and fails loudly, so no entry point can skip the effects that keep
the domain consistent.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session

from workflow.engine.machine import WorkflowDefinition
from workflow.engine.rules import Effect

DomainEvent = TypeVar("DomainEvent")
Handler = Callable[[Session, Any], None]


@dataclass(frozen=True, slots=True)
class Reaction:
    """One registered reaction: its name (``room.what_it_does``), what it reacts to and what it runs."""

    name: str
    to: str
    run: Callable[..., None]


class NotWired(RuntimeError):
    """Something fired or happened before an entry point installed the reactions (``bootstrap.bootstrap()``)."""


class Reactions:
    """Reactions to transitions (by workflow and event) and to domain events (by their type), in order."""

    def __init__(self) -> None:
        self._transitions: dict[tuple[str, str], list[Reaction]] = {}
        self._events: dict[type, list[Reaction]] = {}
        self._names: set[str] = set()

    def _named(self, name: str) -> str:
        if name in self._names:
            raise ValueError(f"a reaction named {name!r} is registered already")
        self._names.add(name)
        return name

    def on_transition(self, workflow: WorkflowDefinition, event: str, name: str, effect: Effect) -> None:
        """Run ``effect`` whenever ``event`` of ``workflow`` has fired, before the transition is recorded."""
        if not workflow.has_event(event):
            raise ValueError(f"{workflow.name} has no event {event!r}")
        reaction = Reaction(self._named(name), f"{workflow.name}.{event}", effect)
        self._transitions.setdefault((workflow.name, event), []).append(reaction)

    def on_event(self, kind: type[DomainEvent], name: str, handler: Callable[[Session, DomainEvent], None]) -> None:
        """Run ``handler`` whenever a domain event of type ``kind`` is published."""
        self._events.setdefault(kind, []).append(Reaction(self._named(name), kind.__name__, handler))

    def to_transition(self, workflow: str, event: str) -> tuple[Effect, ...]:
        """The effects of ``event`` of the workflow named ``workflow``, in registration order."""
        return tuple(r.run for r in self._transitions.get((workflow, event), ()))

    def publish(self, session: Session, event: object) -> int:
        """Run every reaction to ``event`` in the caller's unit of work; returns how many ran."""
        reactions = self._events.get(type(event), ())
        for reaction in reactions:
            reaction.run(session, event)
        return len(reactions)

    def listing(self) -> list[Reaction]:
        """Every registered reaction: transitions first, then domain events, each in registration order."""
        return [r for rs in (*self._transitions.values(), *self._events.values()) for r in rs]


_installed: Reactions | None = None


def install(reactions: Reactions | None) -> Reactions | None:
    """Make ``reactions`` the process's registry (None removes it); returns the one it replaces."""
    global _installed
    previous, _installed = _installed, reactions
    return previous


@contextmanager
def installed_for(reactions: Reactions) -> Iterator[Reactions]:
    """Install ``reactions`` for the ``with`` block, then put back what was installed before (tests)."""
    previous = install(reactions)
    try:
        yield reactions
    finally:
        install(previous)


def installed() -> Reactions:
    """The registry an entry point installed; refused when none did."""
    if _installed is None:
        raise NotWired("No reactions are installed: an entry point calls bootstrap.bootstrap() before firing.")
    return _installed


def publish(session: Session, event: object) -> int:
    """Run the installed reactions to the domain event ``event``; returns how many ran."""
    return installed().publish(session, event)
