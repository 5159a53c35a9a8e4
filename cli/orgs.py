"""The organisations of the directory (responsible bodies) from the command line; ORG is an id or exact name."""

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from models.enums import OrganisationKind
from models.people import OrganisationCreate, OrganisationUpdate
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.organisations import (
    create_organisation,
    deactivate_organisation,
    find_organisation,
    merge_organisations,
    reactivate_organisation,
    update_organisation,
)
from workflow.queries.directory_views import organisation_detail, organisations_overview

KINDS = click.Choice([kind.value for kind in OrganisationKind])
AS = click.option("--as", "as_email", required=True, metavar="EMAIL", help="Who acts (the secretariat).")
COMMENT = click.option("--comment", default="", help="Why (kept in the record).")


@click.group()
def orgs() -> None:
    """Organisations: the directory of responsible bodies."""


@orgs.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--inactive", is_flag=True, help="Include deactivated organisations.")
@pass_app
def list_orgs(app: AppContext, as_json: bool, inactive: bool) -> None:
    """Organisations by name, with their functional mailbox and number of active people."""
    with app.database.read() as session:
        items = organisations_overview(session, include_inactive=inactive, limit=1_000_000).items
    if as_json:
        echo_json(items)
        return
    click.echo(table([[str(o.id), o.name, o.kind, o.email or "", str(o.people),
                       "" if o.active else "inactive"] for o in items],
                     ["id", "name", "kind", "email", "people", "status"]))


@orgs.command("show")
@click.argument("ref", metavar="ORG")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def show(app: AppContext, ref: str, as_json: bool) -> None:
    """An organisation with its people and record of changes."""
    with app.database.read() as session:
        detail = organisation_detail(session, find_organisation(session, ref).id or 0)
    if as_json:
        echo_json(detail)
        return
    click.echo(f"{detail.name} ({detail.kind})" + ("" if detail.active else " (inactive)"))
    for key in ("short_name", "email", "address", "phone", "website"):
        if getattr(detail, key):
            click.echo(f"{key}: {getattr(detail, key)}")
    for p in detail.people:
        click.echo(f"person: {p.name} <{p.email}>")
    for entry in detail.record:
        click.echo(f"record: {entry.occurred_at:%Y-%m-%d %H:%M} {entry.action} by "
                   f"{entry.actor or 'the system'}{': ' + entry.comment if entry.comment else ''}")


@orgs.command("add")
@click.option("--name", required=True)
@click.option("--kind", type=KINDS, required=True)
@click.option("--short-name", default="")
@click.option("--email", default=None, help="The functional mailbox.")
@click.option("--address", default="")
@click.option("--phone", default="")
@click.option("--website", default="")
@COMMENT
@AS
@pass_app
def add(app: AppContext, name: str, kind: str, short_name: str, email: str | None, address: str, phone: str,
        website: str, comment: str, as_email: str) -> None:
    """Register an organisation; prints the new id."""
    data = OrganisationCreate(name=name, kind=OrganisationKind(kind), short_name=short_name, email=email,
                              address=address, phone=phone, website=website)
    with unit_of_work(app.database) as session:
        org = create_organisation(session, data, actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(org.id)
        click.echo(f"Registered {org.name}.", err=True)


@orgs.command("edit")
@click.argument("ref", metavar="ORG")
@click.option("--name", default=None)
@click.option("--kind", type=KINDS, default=None)
@click.option("--short-name", default=None)
@click.option("--email", default=None, help="The functional mailbox ('' removes it).")
@click.option("--address", default=None)
@click.option("--phone", default=None)
@click.option("--website", default=None)
@COMMENT
@AS
@pass_app
def edit(app: AppContext, ref: str, name: str | None, kind: str | None, short_name: str | None, email: str | None,
         address: str | None, phone: str | None, website: str | None, comment: str, as_email: str) -> None:
    """Change what is given."""
    data = OrganisationUpdate(name=name, kind=OrganisationKind(kind) if kind else None, short_name=short_name,
                              email=email, address=address, phone=phone, website=website)
    with unit_of_work(app.database) as session:
        org = update_organisation(session, find_organisation(session, ref).id or 0, data,
                                  actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(f"Saved {org.name}.")


@orgs.command("deactivate")
@click.argument("ref", metavar="ORG")
@click.option("--comment", required=True, help="Why (kept in the record).")
@AS
@pass_app
def deactivate(app: AppContext, ref: str, comment: str, as_email: str) -> None:
    """No longer offer the organisation as addressee; its history stays."""
    with unit_of_work(app.database) as session:
        org = deactivate_organisation(session, find_organisation(session, ref).id or 0,
                                      actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(f"{org.name} is deactivated.")


@orgs.command("reactivate")
@click.argument("ref", metavar="ORG")
@COMMENT
@AS
@pass_app
def reactivate(app: AppContext, ref: str, comment: str, as_email: str) -> None:
    """Offer a deactivated organisation again."""
    with unit_of_work(app.database) as session:
        org = reactivate_organisation(session, find_organisation(session, ref).id or 0,
                                      actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(f"{org.name} is active again.")


@orgs.command("merge")
@click.argument("duplicate", metavar="DUPLICATE")
@click.option("--into", "into_ref", required=True, metavar="ORG", help="The organisation that remains.")
@COMMENT
@AS
@pass_app
def merge(app: AppContext, duplicate: str, into_ref: str, comment: str, as_email: str) -> None:
    """Merge a duplicate into the organisation that remains; the duplicate is kept, deactivated."""
    with unit_of_work(app.database) as session:
        dup = find_organisation(session, duplicate)
        survivor = merge_organisations(session, dup.id or 0, find_organisation(session, into_ref).id or 0,
                                       actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(f"{dup.name} is merged into {survivor.name}.")


COMMANDS = [orgs]
