"""The engine applies a row's destination itself; the transitions machine built from the same rows agrees."""

from dataclasses import dataclass

import pytest

from workflow.engine.definitions import WORKFLOWS


@dataclass
class Plain:
    state: str
    id: int = 1
    version: int = 1


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_the_machine_reaches_the_destination_each_row_names(name: str) -> None:
    workflow = WORKFLOWS[name]
    for rule in workflow.rules:
        for source in rule.sources:
            by_table, by_machine = Plain(source), Plain(source)
            workflow.apply(by_table, rule.event, outcome=rule.outcome)
            workflow.fire_on_machine(by_machine, rule.event, outcome=rule.outcome)
            assert by_table.state == by_machine.state == rule.dest, (rule.event, source)
