"""Diagrams drawn from a workflow's transition table itself (Mermaid text, or SVG through Graphviz).

An edge names its event and who may fire it; a service-only event says so. Given ``word`` (a translator of the
rules' English message ids), an edge shows the event's label instead of its name, and the SVG drawn for readers
names the states by their labels too and wraps the edges' labels (who may fire what, the pages list beside it).
"""

import shutil
import textwrap
from collections.abc import Callable
from typing import Any, Literal

from transitions.extensions import GraphMachine

from workflow.engine.errors import EngineRefusal, InvalidInput
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.permissions import ROLE_NAMES
from workflow.engine.rules import TransitionRule


class _DiagramSubject:
    """A stand-in model: a GraphMachine cannot draw without one, and rows are never decorated."""


Word = Callable[[str], str]
# Said of an event only its use case fires (an English message id, like the rules' labels).
SERVICE_ONLY = "only through its own form"


def _edge_label(workflow: WorkflowDefinition, r: TransitionRule, word: Word | None) -> str:
    who = ", ".join(sorted(str(role) for role in r.roles if role in ROLE_NAMES))
    name = r.event if word is None else word(r.label)
    if r.outcome is not None:
        name += f" = {r.outcome if word is None else word(workflow.state_label(r.outcome))}"
    service_only = f" ({(word or str)(SERVICE_ONLY)})" if r.service_only else ""
    return f"{name} [{who}]{service_only}"


# Edge labels wrap at this many characters in the drawn image: top to bottom and wrapped, the recommendation's
# diagram is about 630 pt wide, so a page shows it at its own size with 14 pt (about 19 px) text.
WRAP_AT = 18


class _TopDown(GraphMachine):
    """The drawn image runs top to bottom: left to right it is several thousand points wide and unreadable."""

    machine_attributes = {**GraphMachine.machine_attributes, "rankdir": "TB",  # noqa: RUF012 (as the base declares it)
                          "nodesep": "0.25", "ranksep": "0.45"}


def _drawn_edge_label(workflow: WorkflowDefinition, r: TransitionRule, word: Word) -> str:
    """An edge of the drawn image for readers: the event's label (and outcome) wrapped; who may fire it is in the
    table beside the image."""
    name = word(r.label)
    if r.outcome is not None:
        name += f" = {word(workflow.state_label(r.outcome))}"
    if r.service_only:
        name += f" ({word(SERVICE_ONLY)})"
    return "\n".join(textwrap.wrap(name, WRAP_AT))


def _graph(workflow: WorkflowDefinition, engine: Literal["graphviz", "mermaid"], word: Word | None = None) -> Any:
    subject = _DiagramSubject()
    # Drawn for readers, states are named by their labels (the diagram-only machine's states are only names).
    drawn = engine == "graphviz" and word is not None
    state: Callable[[str], str] = (lambda value: word(workflow.state_label(value))) if drawn and word else str
    transitions = [
        {"trigger": f"{r.event}__{i}", "source": [state(s) for s in r.sources], "dest": state(r.dest),
         "label": _drawn_edge_label(workflow, r, word) if drawn and word else _edge_label(workflow, r, word)}
        for i, r in enumerate(workflow.rules)
    ]
    machine = _TopDown if engine == "graphviz" else GraphMachine
    machine(
        model=subject, states=[state(s.value) for s in workflow.states], transitions=transitions,
        initial=state(workflow.initial), graph_engine=engine, auto_transitions=False,
        title="" if drawn else workflow.name, show_state_attributes=False,
    )
    return subject.get_graph()  # type: ignore[attr-defined]


def mermaid(workflow: WorkflowDefinition, word: Word | None = None) -> str:
    """The workflow as a Mermaid state diagram."""
    return str(_graph(workflow, "mermaid", word).draw(None))


def svg(workflow: WorkflowDefinition, word: Word | None = None) -> str:
    """The workflow as an SVG image; needs Graphviz's ``dot`` program."""
    if shutil.which("dot") is None:
        raise InvalidInput(EngineRefusal.NO_GRAPHVIZ)
    data = _graph(workflow, "graphviz", word).draw(None, format="svg", prog="dot")
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)
