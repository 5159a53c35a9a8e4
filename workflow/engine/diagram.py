"""Diagrams drawn from a workflow's transition table itself (Mermaid text, or SVG through Graphviz).

An edge names its event and who may fire it; a service-only event says so. Given ``word`` (a translator of the
rules' English message ids), an edge shows the event's label instead of its name.
"""

import shutil
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


def _graph(workflow: WorkflowDefinition, engine: Literal["graphviz", "mermaid"], word: Word | None = None) -> Any:
    subject = _DiagramSubject()
    transitions = [
        {"trigger": f"{r.event}__{i}", "source": list(r.sources), "dest": r.dest,
         "label": _edge_label(workflow, r, word)}
        for i, r in enumerate(workflow.rules)
    ]
    GraphMachine(
        model=subject, states=[s.value for s in workflow.states], transitions=transitions,
        initial=workflow.initial, graph_engine=engine, auto_transitions=False, title=workflow.name,
        show_state_attributes=False,
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
