"""``recoflow privacy``: a person's data as JSON (DSGVO Art. 15/20), their erasure (Art. 17), and emptying old mail
bodies as the retention setting says."""

from pathlib import Path

import click

from cli.context import AppContext, actor, pass_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.erasure import erase_person, purge_mail_bodies
from workflow.network.personal_data import personal_data_json


@click.group()
def privacy() -> None:
    """Data-protection rights: export a person's data, erase a person, empty old mail bodies."""


@privacy.command("export")
@click.argument("email")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the JSON into this file instead of printing it.")
@pass_app
def export(app: AppContext, email: str, output: Path | None) -> None:
    """Everything the database holds about EMAIL, as JSON (secrets such as password hashes are left out)."""
    with app.database.read() as session:
        document = personal_data_json(session, actor(session, email), app.now())
    if output is None:
        click.echo(document)
        return
    output.write_text(document + "\n", encoding="utf-8")
    click.echo(f"The data held about {email} is in {output}.", err=True)


@privacy.command("erase")
@click.argument("email")
@click.option("--yes", "confirmed", is_flag=True, help="Confirm: the erasure cannot be undone.")
@click.option("--as", "as_email", default=None, metavar="EMAIL",
              help="Who erases (kept in the record); left out: the operator.")
@pass_app
def erase(app: AppContext, email: str, confirmed: bool, as_email: str | None) -> None:
    """Erase EMAIL: a pseudonym takes the place of name and address everywhere, accounts close, mails to them are
    emptied; the record (history, votes, decisions) stays."""
    if not confirmed:
        raise click.UsageError("The erasure cannot be undone: add --yes to go ahead.")
    with unit_of_work(app.database) as session:
        erasing = actor(session, as_email) if as_email else None
        done = erase_person(session, actor(session, email).id or 0, actor=erasing, now=app.now())
    click.echo(f"{email} is erased; the record names them “{done.pseudonym}” from now on.")


@privacy.command("purge")
@pass_app
def purge(app: AppContext) -> None:
    """Empty the bodies of mails sent or failed longer ago than RECOFLOW_MAIL_RETENTION_DAYS (the scheduler does
    this daily)."""
    days = app.settings.mail_retention_days
    with unit_of_work(app.database) as session:
        count = purge_mail_bodies(session, app.now(), days)
    click.echo(f"{count} mail(s) older than {days} days emptied." if days else "Mail bodies are kept (0 days).")


COMMANDS = [privacy]
