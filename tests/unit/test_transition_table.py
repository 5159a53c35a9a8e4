"""The transition tables as data: consistent, complete, and applied by the shared machine."""

from dataclasses import dataclass

import pytest

from workflow.engine.definitions import RECOMMENDATION_WORKFLOW, WORKFLOWS
from workflow.engine.diagram import mermaid
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.states import RecommendationState as R


@dataclass
class Plain:
    """Not a row: the machine works on anything with a state attribute."""

    state: str
    id: int = 1
    version: int = 1


def reachable(workflow: WorkflowDefinition) -> set[str]:
    seen, todo = {workflow.initial}, [workflow.initial]
    while todo:
        state = todo.pop()
        for rule in workflow.rules:
            if state in rule.sources and rule.dest not in seen:
                seen.add(rule.dest)
                todo.append(rule.dest)
    return seen


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_every_state_is_reachable_from_the_initial_state(name: str) -> None:
    workflow = WORKFLOWS[name]
    assert reachable(workflow) == {s.value for s in workflow.states}


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_final_states_have_no_way_out_and_all_others_do(name: str) -> None:
    workflow = WORKFLOWS[name]
    for state in workflow.states:
        assert (workflow.events_from(state.value) == []) == (state.value in workflow.final), state


def test_the_default_workflow_has_the_events_of_the_domain() -> None:
    assert RECOMMENDATION_WORKFLOW.events == [
        "submit", "return", "schedule", "reschedule", "open_vote", "close_vote", "forward", "start_review",
        "conclude_review", "follow_up", "withdraw",
    ]


def test_closing_a_vote_leads_to_adopted_or_rejected_by_outcome() -> None:
    adopted, rejected = Plain("voting"), Plain("voting")
    RECOMMENDATION_WORKFLOW.apply(adopted, "close_vote", outcome="adopted")
    RECOMMENDATION_WORKFLOW.apply(rejected, "close_vote", outcome="rejected")
    assert (adopted.state, rejected.state) == ("adopted", "rejected")


@pytest.mark.parametrize("rule", RECOMMENDATION_WORKFLOW.rules, ids=lambda r: f"{r.event}->{r.dest}")
def test_the_machine_applies_each_row_from_each_of_its_sources(rule) -> None:
    for source in rule.sources:
        subject = Plain(source)
        assert RECOMMENDATION_WORKFLOW.apply(subject, rule.event, outcome=rule.outcome) == rule.dest


def test_the_machine_refuses_an_event_from_a_state_without_a_row() -> None:
    with pytest.raises(RuntimeError):
        RECOMMENDATION_WORKFLOW.apply(Plain(R.ADOPTED.value), "submit")


def test_a_rule_naming_an_unknown_state_is_refused_when_the_workflow_is_defined() -> None:
    from models.enums import Role
    from workflow.engine.rules import TransitionRule

    with pytest.raises(ValueError, match="unknown states"):
        WorkflowDefinition("broken", "x", R, R.DRAFT,
                           [TransitionRule("go", ("draft",), "nowhere", frozenset({Role.CHAIR}))],
                           model=object, scope=lambda s: None, label=str)


def test_the_forwarding_workflow_is_registered_beside_the_other_two() -> None:
    assert sorted(WORKFLOWS) == ["forwarding", "recommendation", "working_group"]


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_the_mermaid_diagram_draws_every_row_of_the_table(name: str) -> None:
    workflow = WORKFLOWS[name]
    text = mermaid(workflow)
    for rule in workflow.rules:
        for source in rule.sources:
            assert f"{source} --> {rule.dest}: {rule.event}" in text
