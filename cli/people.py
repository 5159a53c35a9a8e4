"""The directory: who is registered and in which roles."""

import click
from sqlmodel import col, select

from cli.context import AppContext, echo_json, pass_app, table
from models.people import Organisation, Person, RoleAssignment
from workflow.clock import local_date


@click.group()
def people() -> None:
    """People, organisations and roles."""


@people.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_people(app: AppContext, as_json: bool) -> None:
    """Everyone registered, with the roles held today."""
    today = local_date(app.now())
    with app.database.read() as session:
        persons = session.exec(select(Person).order_by(col(Person.name))).all()
        roles: dict[int, list[str]] = {}
        for a in session.exec(select(RoleAssignment)).all():
            if a.active_on(today):
                scope = f"@{a.working_group_id}" if a.working_group_id else ""
                roles.setdefault(a.person_id, []).append(f"{a.role}{scope}")
    data = [{"id": p.id, "name": p.name, "email": p.email, "roles": sorted(roles.get(p.id or 0, []))}
            for p in persons]
    if as_json:
        echo_json(data)
        return
    click.echo(table([[str(d["id"]), str(d["name"]), str(d["email"]), ", ".join(d["roles"])]  # type: ignore[arg-type]
                      for d in data], ["id", "name", "email", "roles"]))


@people.command("orgs")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_orgs(app: AppContext, as_json: bool) -> None:
    """All organisations (possible addressees of recommendations)."""
    with app.database.read() as session:
        orgs = session.exec(select(Organisation).order_by(col(Organisation.name))).all()
    data = [{"id": o.id, "name": o.name, "kind": o.kind, "email": o.email} for o in orgs]
    if as_json:
        echo_json(data)
        return
    click.echo(table([[str(o.id), o.name, str(o.kind), o.email or ""] for o in orgs], ["id", "name", "kind", "email"]))


COMMANDS = [people]
