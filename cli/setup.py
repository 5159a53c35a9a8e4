"""Setting up a deployment: ``init`` and ``demo``."""

from datetime import timedelta

import click
import sqlalchemy as sa

from cli.context import AppContext, pass_app, table
from demo.data import demo_logins, demo_people, load_demo
from migrations import current_revision, head_revision, upgrade_to_head
from models.people import Person
from notifications.outbox.notes import OutboxNote, note
from notifications.outbox.queue import last_outbox_id, skip_queued_before
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import DEMO_PASSWORD, give_demo_passwords
from workflow.network.first_start import first_start, issue_setup_code


@click.command()
@click.option("--admin", "admin_email", metavar="EMAIL", help="Create the first secretariat account with this email.")
@click.option("--name", "admin_name", metavar="NAME", help="The first administrator's name (with --admin).")
@click.option("--network-name", metavar="NAME", help="The network's name (with --admin; editable later).")
@pass_app
def init(app: AppContext, admin_email: str | None, admin_name: str | None, network_name: str | None) -> None:
    """Create the database or upgrade it to the newest schema; with --admin, create the first secretariat account."""
    if admin_email is not None and not (admin_name or "").strip():
        raise click.UsageError("Give the administrator's name with --name.")
    if admin_email is None and (admin_name or network_name):
        raise click.UsageError("--name and --network-name go with --admin EMAIL.")
    before = current_revision(app.database)
    upgrade_to_head(app.database)
    after = current_revision(app.database)
    where = sa.make_url(app.database.url).render_as_string(hide_password=True)
    if before == after:
        click.echo(f"Database {where} is up to date (schema {after}).")
    else:
        click.echo(f"Database {where} upgraded from {before or 'empty'} to schema {after}.")
    app.forget_settings()
    if admin_email is not None:
        _first_admin(app, admin_email, admin_name or "", network_name)
    else:
        _offer_setup_code(app)


def _first_admin(app: AppContext, email: str, name: str, network_name: str | None) -> None:
    with unit_of_work(app.database) as session:
        started = first_start(session, name=name, email=email, network_name=network_name, now=app.now(),
                              base_url=app.settings.base_url, settings=app.settings)
    click.echo(f"{started.person.name} <{started.person.email}> is the secretariat from today.")
    click.echo("Set the password with this one-time link (valid 7 days):")
    click.echo(started.password_link)


def _offer_setup_code(app: AppContext) -> None:
    with unit_of_work(app.database) as session:
        code = issue_setup_code(session, app.now(), app.settings)
    if code is None:
        return
    click.echo("No one holds the secretariat role yet. Create the first account with "
               "'recoflow init --admin EMAIL --name NAME', or on the first-run page:")
    click.echo(f"  {app.settings.base_url.rstrip('/')}/setup")
    click.echo(f"From another computer than this one, enter the one-time setup code {code} (valid 24 hours).")


def _require_schema(app: AppContext) -> None:
    if current_revision(app.database) != head_revision():
        upgrade_to_head(app.database)


@click.command()
@click.option("--load-only", is_flag=True, help="Load the demo data and exit.")
@pass_app
def demo(app: AppContext, load_only: bool) -> None:
    """Load demo data (once; running it again changes nothing), then serve the web app with the scheduler."""
    _require_schema(app)
    with unit_of_work(app.database) as session:
        mails_before = last_outbox_id(session)
        loaded = load_demo(session, app.now())
    click.echo("Demo data loaded." if loaded else "Demo data is already loaded; nothing changed.")
    if loaded:
        _skip_past_mails(app, mails_before)
    with unit_of_work(app.database) as session:
        people = demo_people(session)
        given = give_demo_passwords(session, people, app.now())
        logins = demo_logins(session, app.now())
    _print_logins(logins, given)
    if load_only:
        return
    where = sa.make_url(app.database.url).render_as_string(hide_password=True)
    click.echo(f"\nDatabase: {where}")
    click.echo(f"{len(people)} people; for example act with --as {people[0].email} (secretariat).")
    click.echo("Try: recoflow rec list   |   recoflow rec history HE-...   |   recoflow workflow show")
    _serve_demo(app)


def _print_logins(logins: list[tuple[Person, list[str]]], given: int) -> None:
    """Who to sign in as to try each role: address, name, roles today, and the demo password."""
    click.echo(f"\nDemo logins for the web app ({given} passwords set now; people who had one keep it):")
    click.echo(table([[p.email, p.name, ", ".join(roles) or "(no role: public pages only)", DEMO_PASSWORD]
                      for p, roles in logins], ["email", "name", "role(s)", "password"]))


def _skip_past_mails(app: AppContext, mails_before: int) -> None:
    """The demo's history replays months of events: their mails are history too, recorded but never sent.

    The cut is the reminders' grace period, so a secretariat sees what a scheduler that had been running all along
    would have left: mails about the last two days go out, older ones stand in the outbox as skipped.
    """
    grace = timedelta(hours=app.settings.reminder_grace_hours)
    with unit_of_work(app.database) as session:
        skipped = skip_queued_before(session, app.now() - grace,
                                     note(OutboxNote.DEMO_HISTORY, hours=app.settings.reminder_grace_hours),
                                     after_id=mails_before)
    if skipped:
        click.echo(f"{skipped} mails about the demo's past are recorded as skipped ('recoflow mail outbox').")


def _serve_demo(app: AppContext) -> None:
    import uvicorn

    from scheduler import SchedulerThread  # why: only the demo's server runs it; other commands start without it
    from web import create_app  # why: only the demo's server needs the web app; other commands start without it

    where = f"SMTP {app.settings.smtp_host}" if app.settings.smtp_host else \
        f"{app.settings.var_dir / 'mail'}/ as .eml files (no SMTP server is configured)"
    click.echo(f"\nThe scheduler runs beside the web app: reminders and mails go to {where}.")
    scheduler = SchedulerThread(app.settings, clock=app.now, on_state=lambda state: click.echo(f"scheduler {state}"))
    scheduler.start()
    try:
        click.echo("Serving the web app on http://127.0.0.1:8000/ (Ctrl+C stops both).")
        uvicorn.run(create_app(app.settings, database=app.database, clock=app.now), host="127.0.0.1", port=8000)
    finally:
        if not scheduler.stop():
            click.echo("The scheduler did not stop within a minute; a job may still be running.", err=True)


COMMANDS = [init, demo]
