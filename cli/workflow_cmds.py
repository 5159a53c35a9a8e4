"""``recoflow workflow``: the transition table and its diagram."""

import click

from cli.context import echo_json, table
from workflow.engine.definitions import WORKFLOWS
from workflow.engine.diagram import mermaid, svg
from workflow.engine.permissions import describe_roles

NAMES = click.Choice(sorted(WORKFLOWS))


@click.group()
def workflow() -> None:
    """The workflow definitions."""


@workflow.command()
@click.option("--name", type=NAMES, default="recommendation", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(name: str, as_json: bool) -> None:
    """The transition table: event, from, to, who may fire it, preconditions."""
    definition = WORKFLOWS[name]
    rows = [
        {"event": r.event, "from": list(r.sources), "to": r.dest, "outcome": r.outcome,
         "roles": sorted(str(x) for x in r.roles), "guards": [g.name for g in r.guards],
         "description": r.description}
        for r in definition.rules
    ]
    if as_json:
        echo_json(rows)
        return
    click.echo(table([[r.event, ", ".join(r.sources), r.dest + (f" (if {r.outcome})" if r.outcome else ""),
                       describe_roles(r.roles), ", ".join(g.name for g in r.guards)]
                      for r in definition.rules], ["event", "from", "to", "who", "checks"]))


@workflow.command()
@click.option("--name", type=NAMES, default="recommendation", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["mermaid", "svg"]), default="mermaid", show_default=True)
def diagram(name: str, fmt: str) -> None:
    """Draw the workflow from its transition table."""
    definition = WORKFLOWS[name]
    click.echo(mermaid(definition) if fmt == "mermaid" else svg(definition))


COMMANDS = [workflow]
