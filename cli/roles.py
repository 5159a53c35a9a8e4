"""``recoflow roles``: the secretariat and the chair, assigned and ended with dates."""

from dataclasses import asdict
from datetime import datetime

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from workflow.engine.clock import local_date
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.roles import OFFICES, assign_office, end_office, office_terms

AS = click.option("--as", "as_email", required=True, help="Email of the person acting.")
OFFICE = click.argument("office", type=click.Choice([o.value for o in OFFICES]))
DAY = click.DateTime(["%Y-%m-%d"])


@click.group()
def roles() -> None:
    """The network's offices with terms: secretariat and chair."""


@roles.command("assign")
@click.argument("email")
@OFFICE
@click.option("--from", "starts_on", type=DAY, required=True, help="First day of the term.")
@click.option("--until", "ends_on", type=DAY, help="Last day of the term (open if left out).")
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def assign(app: AppContext, email: str, office: str, starts_on: datetime, ends_on: datetime | None, comment: str,
           as_email: str) -> None:
    """Give a person the secretariat or the chair for a term."""
    with unit_of_work(app.database) as session:
        person = actor(session, email)
        term = assign_office(session, person.id or 0, office, starts_on=starts_on.date(),
                             ends_on=ends_on.date() if ends_on else None, actor=actor(session, as_email),
                             now=app.now(), comment=comment)
    until = f" until {term.ends_on.isoformat()}" if term.ends_on else ""
    click.echo(f"{email} holds the {office} from {term.starts_on.isoformat()}{until} (term {term.id}).")


@roles.command("end")
@click.argument("email")
@OFFICE
@click.option("--on", "ends_on", type=DAY, required=True, help="Last day of the term.")
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def end(app: AppContext, email: str, office: str, ends_on: datetime, comment: str, as_email: str) -> None:
    """End a person's term as secretariat or chair."""
    with unit_of_work(app.database) as session:
        person = actor(session, email)
        term = end_office(session, (person.id or 0, office), ends_on=ends_on.date(),
                          actor=actor(session, as_email), now=app.now(), comment=comment)
    click.echo(f"The {office} term {term.id} of {email} ends on {ends_on:%Y-%m-%d}.")


@roles.command("list")
@click.option("--all", "show_all", is_flag=True, help="Past and future terms too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_(app: AppContext, show_all: bool, as_json: bool) -> None:
    """Who holds the secretariat and the chair today (with --all: every term)."""
    today = local_date(app.now())
    with app.database.read() as session:
        terms = [t for t in office_terms(session) if show_all or t.status(today) == "current"]
    if as_json:
        echo_json([{**asdict(t), "status": t.status(today)} for t in terms])
        return
    click.echo(table([[str(t.id), t.role, t.name, t.email, t.starts_on.isoformat(),
                       t.ends_on.isoformat() if t.ends_on else "", t.status(today), t.assigned_by or ""]
                      for t in terms], ["id", "office", "name", "email", "from", "until", "status", "given by"]))


COMMANDS = [roles]
