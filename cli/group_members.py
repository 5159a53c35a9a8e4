"""``recoflow groups members|join|leave|lead``: a working group's lead, deputy lead and members with their terms."""

from datetime import date, datetime

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from models.enums import Role
from workflow.engine.clock import local_date
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.memberships import (
    Membership,
    change_lead,
    join_group,
    leave_group,
    members_of,
    membership_history,
)
from workflow.network.working_groups import find_working_group

AS = click.option("--as", "as_email", required=True, help="Email of the person acting.")
DAY = click.DateTime(["%Y-%m-%d"])
ROLE_OPTIONS = {"member": Role.WG_MEMBER, "deputy-lead": Role.WG_DEPUTY_LEAD, "lead": Role.WG_LEAD}
ROLE_WORDS = {Role.WG_LEAD: "lead", Role.WG_DEPUTY_LEAD: "deputy lead", Role.WG_MEMBER: "member"}


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _row(m: Membership) -> dict[str, object]:
    return {"person_id": m.person_id, "name": m.name, "email": m.email, "role": m.role.value,
            "starts_on": m.starts_on, "ends_on": m.ends_on}


@click.command("members")
@click.argument("group_ref")
@click.option("--all", "everyone", is_flag=True, help="Every term, also ended and future ones.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def members(app: AppContext, group_ref: str, everyone: bool, as_json: bool) -> None:
    """The group's lead, deputy lead and members today (with --all: every term)."""
    with app.database.read() as session:
        group = find_working_group(session, group_ref)
        found = (membership_history(session, group.id or 0) if everyone
                 else members_of(session, group.id or 0, local_date(app.now())))
    if as_json:
        echo_json([_row(m) for m in found])
        return
    if not found:
        click.echo(f"'{group.name}' has nobody{' yet' if everyone else ' today'}.")
        return
    click.echo(table([[ROLE_WORDS[m.role], m.name, m.email, m.starts_on.isoformat(),
                       m.ends_on.isoformat() if m.ends_on else ""] for m in found],
                     ["role", "name", "email", "since", "until"]))


@click.command("join")
@click.argument("group_ref")
@click.argument("email")
@click.option("--as-role", "role", type=click.Choice(sorted(ROLE_OPTIONS)), default="member", show_default=True)
@click.option("--from", "starts_on", type=DAY, help="First day (default: today).")
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def join(app: AppContext, group_ref: str, email: str, role: str, starts_on: datetime | None, comment: str,
         as_email: str) -> None:
    """Make a person a member (or deputy lead) of a working group."""
    with unit_of_work(app.database) as session:
        group = find_working_group(session, group_ref)
        term = join_group(session, group.id or 0, actor(session, email).id or 0, ROLE_OPTIONS[role],
                          starts_on=_day(starts_on), actor=actor(session, as_email), now=app.now(), comment=comment)
        click.echo(f"{email} is {ROLE_WORDS[term.role]} of '{group.name}' from {term.starts_on.isoformat()}.")


@click.command("leave")
@click.argument("group_ref")
@click.argument("email")
@click.option("--on", "ends_on", type=DAY, help="Last day in the group (default: today).")
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def leave(app: AppContext, group_ref: str, email: str, ends_on: datetime | None, comment: str,
          as_email: str) -> None:
    """End every role of a person in a working group."""
    with unit_of_work(app.database) as session:
        group = find_working_group(session, group_ref)
        terms = leave_group(session, group.id or 0, actor(session, email).id or 0, ends_on=_day(ends_on),
                            actor=actor(session, as_email), now=app.now(), comment=comment)
        last = max(t.ends_on for t in terms if t.ends_on is not None)
        click.echo(f"{email} belongs to '{group.name}' until {last.isoformat()}.")


@click.command("lead")
@click.argument("group_ref")
@click.argument("email")
@click.option("--deputy", is_flag=True, help="Change the deputy lead rather than the lead.")
@click.option("--from", "starts_on", type=DAY, help="First day of the new lead (default: today).")
@click.option("--former-leaves", is_flag=True, help="The former lead does not stay an ordinary member.")
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def lead(app: AppContext, group_ref: str, email: str, deputy: bool, starts_on: datetime | None,
         former_leaves: bool, comment: str, as_email: str) -> None:
    """Make a person the group's lead (or deputy lead); the former one's term ends the day before."""
    with unit_of_work(app.database) as session:
        group = find_working_group(session, group_ref)
        term = change_lead(session, group.id or 0, actor(session, email).id or 0, starts_on=_day(starts_on),
                           actor=actor(session, as_email), now=app.now(), comment=comment, deputy=deputy,
                           former_stays_member=not former_leaves)
        click.echo(f"{email} is {ROLE_WORDS[term.role]} of '{group.name}' from {term.starts_on.isoformat()}.")


MEMBER_COMMANDS = [members, join, leave, lead]
