"""The workflow engine: a workflow is data (states and one table of transition rules) plus one shared machine.

The machine never decorates a persisted row: it is built once per definition with ``model=None`` and fired
*on* the row, whose ``state`` column is the only state there is.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from enum import StrEnum
from typing import Any

from transitions import EventData, Machine, MachineError

from workflow.engine.rules import EventFacts, StateFacts, Subject, TransitionRule


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
        """Fire ``event`` on ``subject`` by its row of the table and return the new state.

        The row names the destination, so the machine is not asked (it costs several times more per fire); the
        machine is built from the same rows, and ``fire_on_machine`` applies it, which tests hold against this.
        """
        for r in self._by_event_source.get((event, subject.state), ()):
            if r.outcome is None or r.outcome == outcome:
                subject.state = r.dest
                return r.dest
        if not self.rules_for(event, subject.state):  # callers check rules first; this is a programming error
            raise RuntimeError(f"{self.name}: {event} cannot fire from {subject.state}")
        raise RuntimeError(f"{self.name}: {event} found no rule for outcome {outcome!r}")

    def fire_on_machine(self, subject: Subject, event: str, outcome: str | None = None) -> str:
        """Fire ``event`` on ``subject`` through the shared ``transitions`` machine and return the new state."""
        try:
            fired = self.machine.events[event].trigger(subject, outcome=outcome)
        except (MachineError, KeyError) as exc:
            raise RuntimeError(f"{self.name}: {event} cannot fire from {subject.state}") from exc
        if not fired:
            raise RuntimeError(f"{self.name}: {event} found no rule for outcome {outcome!r}")
        return subject.state
