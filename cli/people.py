"""The directory from the command line: people (register, edit, show, leave, come back, merge) and the list of
organisations; ``recoflow orgs`` manages the organisations themselves."""

from datetime import date, datetime

import click
from sqlmodel import col, select

from cli.context import AppContext, actor, echo_json, pass_app, table
from models.enums import Language
from models.people import Organisation, PersonCreate, PersonUpdate
from workflow.engine.clock import local_date
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.organisations import find_organisation
from workflow.network.people import create_person, deactivate_person, merge_people, reactivate_person, update_person
from workflow.queries.directory_views import people_overview, person_detail

LANGUAGES = click.Choice([lang.value for lang in Language])
AS = click.option("--as", "as_email", required=True, metavar="EMAIL", help="Who acts (the secretariat).")


@click.group()
def people() -> None:
    """People, organisations and roles."""


@people.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--inactive", is_flag=True, help="Include people who left.")
@click.option("--search", "q", default="", help="Only names or emails containing this text.")
@pass_app
def list_people(app: AppContext, as_json: bool, inactive: bool, q: str) -> None:
    """Everyone registered, with the roles held today."""
    with app.database.read() as session:
        data = people_overview(session, q=q, include_inactive=inactive, limit=1_000_000,
                               today=local_date(app.now())).items
    if as_json:
        echo_json([{k: getattr(d, k) for k in ("id", "name", "email", "organisation", "active", "roles")}
                   for d in data])
        return
    click.echo(table([[str(d.id), d.name, d.email, d.organisation, ", ".join(d.roles),
                       "" if d.active else "left"] for d in data],
                     ["id", "name", "email", "organisation", "roles", "status"]))


@people.command("orgs")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_orgs(app: AppContext, as_json: bool) -> None:
    """All organisations (possible addressees of recommendations)."""
    with app.database.read() as session:
        orgs = session.exec(select(Organisation).order_by(col(Organisation.name))).all()
    data = [{"id": o.id, "name": o.name, "kind": o.kind, "email": o.email, "active": o.active} for o in orgs]
    if as_json:
        echo_json(data)
        return
    click.echo(table([[str(o.id), o.name, str(o.kind), o.email or ""] for o in orgs], ["id", "name", "kind", "email"]))


@people.command("add")
@click.option("--name", required=True, help="Full name.")
@click.option("--email", required=True, help="Email address (umlauts allowed).")
@click.option("--organisation", "org_ref", default=None, metavar="ORG", help="Organisation id or exact name.")
@click.option("--language", type=LANGUAGES, default=Language.DE.value, show_default=True)
@click.option("--phone", default="")
@click.option("--function", default="", help="Function or position in the organisation.")
@click.option("--comment", default="", help="Why (kept in the record).")
@AS
@pass_app
def add(app: AppContext, name: str, email: str, org_ref: str | None, language: str, phone: str, function: str,
        comment: str, as_email: str) -> None:
    """Register a person; prints the new id."""
    with unit_of_work(app.database) as session:
        org_id = find_organisation(session, org_ref).id if org_ref else None
        data = PersonCreate(name=name, email=email, organisation_id=org_id, language=Language(language),
                            phone=phone, function=function)
        person = create_person(session, data, actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(person.id)
        click.echo(f"Registered {person.name} <{person.email}>.", err=True)


@people.command("edit")
@click.argument("email")
@click.option("--name", default=None)
@click.option("--email", "new_email", default=None, help="A new email address.")
@click.option("--organisation", "org_ref", default=None, metavar="ORG", help="Organisation id or name ('' for none).")
@click.option("--language", type=LANGUAGES, default=None)
@click.option("--phone", default=None)
@click.option("--function", default=None)
@click.option("--comment", default="", help="Why (kept in the record).")
@AS
@pass_app
def edit(app: AppContext, email: str, name: str | None, new_email: str | None, org_ref: str | None,
         language: str | None, phone: str | None, function: str | None, comment: str, as_email: str) -> None:
    """Change a person's name, email, organisation, language, phone or function."""
    with unit_of_work(app.database) as session:
        person = actor(session, email)
        org_id = None if org_ref is None else (find_organisation(session, org_ref).id if org_ref.strip() else 0)
        data = PersonUpdate(name=name, email=new_email, organisation_id=org_id,
                            language=Language(language) if language else None, phone=phone, function=function)
        update_person(session, person.id or 0, data, actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(f"Saved {person.name} <{person.email}>.")


@people.command("show")
@click.argument("email")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def show(app: AppContext, email: str, as_json: bool) -> None:
    """A person with organisation, roles held today and before, and the record of changes."""
    with app.database.read() as session:
        detail = person_detail(session, actor(session, email).id or 0, today=local_date(app.now()))
    if as_json:
        echo_json(detail)
        return
    org = detail.organisation
    click.echo(f"{detail.name} <{detail.email}>" + ("" if detail.active else " (left)"))
    click.echo(f"organisation: {org.name if org else '-'}; function: {detail.function or '-'}; "
               f"phone: {detail.phone or '-'}; language: {detail.language}")
    for title, roles in (("roles today", detail.roles_now), ("roles ahead", detail.roles_ahead),
                         ("roles before", detail.roles_past)):
        for r in roles:
            scope = r.working_group or r.seat or ""
            click.echo(f"{title}: {r.role} {scope} {r.starts_on} – {r.ends_on or ''}".rstrip())
    for entry in detail.record:
        click.echo(f"record: {entry.occurred_at:%Y-%m-%d %H:%M} {entry.action} by "
                   f"{entry.actor or 'the system'}{': ' + entry.comment if entry.comment else ''}")


def _day(_ctx: click.Context, _param: click.Parameter, value: datetime | None) -> date | None:
    return value.date() if value else None


@people.command("deactivate")
@click.argument("email")
@click.option("--on", "day", type=click.DateTime(["%Y-%m-%d"]), callback=_day, default=None,
              help="The day the person left (default today).")
@click.option("--comment", required=True, help="Why (kept in the record).")
@AS
@pass_app
def deactivate(app: AppContext, email: str, day: date | None, comment: str, as_email: str) -> None:
    """The person leaves: roles end that day, sign-in, sessions, links and tokens stop working."""
    with unit_of_work(app.database) as session:
        person = deactivate_person(session, actor(session, email).id or 0, actor=actor(session, as_email),
                                   now=app.now(), on=day, comment=comment)
        click.echo(f"{person.name} <{person.email}> has left; the history stays.")


@people.command("reactivate")
@click.argument("email")
@click.option("--comment", default="", help="Why (kept in the record).")
@AS
@pass_app
def reactivate(app: AppContext, email: str, comment: str, as_email: str) -> None:
    """Bring back a person who left (roles are given anew; send a new set-password link)."""
    with unit_of_work(app.database) as session:
        person = reactivate_person(session, actor(session, email).id or 0, actor=actor(session, as_email),
                                   now=app.now(), comment=comment)
        click.echo(f"{person.name} <{person.email}> is active again.")


@people.command("merge")
@click.argument("duplicate_email")
@click.option("--into", "into_email", required=True, metavar="EMAIL", help="The person who remains.")
@click.option("--comment", default="", help="Why (kept in the record).")
@AS
@pass_app
def merge(app: AppContext, duplicate_email: str, into_email: str, comment: str, as_email: str) -> None:
    """Merge a duplicate into the person who remains; the duplicate is kept, deactivated."""
    with unit_of_work(app.database) as session:
        duplicate = actor(session, duplicate_email)
        survivor = merge_people(session, duplicate.id or 0, actor(session, into_email).id or 0,
                                actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(f"{duplicate.email} is merged into {survivor.name} <{survivor.email}>.")


COMMANDS = [people]
