"""Diagrams drawn from a workflow's transition table itself (Mermaid text, or SVG through Graphviz)."""

import shutil
from typing import Any, Literal

from transitions.extensions import GraphMachine

from workflow.engine.errors import InvalidInput
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.permissions import ROLE_NAMES


class _DiagramSubject:
    """A stand-in model: a GraphMachine cannot draw without one, and rows are never decorated."""


def _edge_label(event: str, outcome: str | None, roles: frozenset[Any]) -> str:
    who = ", ".join(sorted(str(r) for r in roles if r in ROLE_NAMES))
    return f"{event} [{who}]" if outcome is None else f"{event} = {outcome} [{who}]"


def _graph(workflow: WorkflowDefinition, engine: Literal["graphviz", "mermaid"]) -> Any:
    subject = _DiagramSubject()
    transitions = [
        {"trigger": f"{r.event}__{i}", "source": list(r.sources), "dest": r.dest,
         "label": _edge_label(r.event, r.outcome, r.roles)}
        for i, r in enumerate(workflow.rules)
    ]
    GraphMachine(
        model=subject, states=[s.value for s in workflow.states], transitions=transitions,
        initial=workflow.initial, graph_engine=engine, auto_transitions=False, title=workflow.name,
        show_state_attributes=False,
    )
    return subject.get_graph()  # type: ignore[attr-defined]


def mermaid(workflow: WorkflowDefinition) -> str:
    """The workflow as a Mermaid state diagram."""
    return str(_graph(workflow, "mermaid").draw(None))


def svg(workflow: WorkflowDefinition) -> str:
    """The workflow as an SVG image; needs Graphviz's ``dot`` program."""
    if shutil.which("dot") is None:
        raise InvalidInput("Drawing SVG needs Graphviz's 'dot' program: install the Debian package 'graphviz' "
                           "(make demo does), or use --format mermaid.")
    data = _graph(workflow, "graphviz").draw(None, format="svg", prog="dot")
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)
