"""Setting up a deployment: ``init`` and ``demo``."""

from datetime import timedelta

import click
import sqlalchemy as sa

from cli.context import AppContext, pass_app, table
from migrations import current_revisions, head_revisions, upgrade_to_head
from notifications.outbox import last_outbox_id, skip_queued_before
from workflow.accounts import DEMO_PASSWORD, give_demo_passwords
from workflow.demo_data import demo_people, load_demo
from workflow.transaction import committing


@click.command()
@pass_app
def init(app: AppContext) -> None:
    """Create the database or upgrade it to the newest schema."""
    before = current_revisions(app.database)
    upgrade_to_head(app.database)
    after = current_revisions(app.database)
    where = sa.make_url(app.database.url).render_as_string(hide_password=True)
    schema = ", ".join(sorted(after))
    if before == after:
        click.echo(f"Database {where} is up to date (schema {schema}).")
    else:
        click.echo(f"Database {where} upgraded from {', '.join(sorted(before)) or 'empty'} to schema {schema}.")


def _require_schema(app: AppContext) -> None:
    if current_revisions(app.database) != head_revisions():
        upgrade_to_head(app.database)


@click.command()
@click.option("--load-only", is_flag=True, help="Load the demo data and exit.")
@pass_app
def demo(app: AppContext, load_only: bool) -> None:
    """Load demo data (once; running it again changes nothing), then serve the web app with the scheduler."""
    _require_schema(app)
    with app.database.write() as session:
        mails_before = last_outbox_id(session)
        loaded = load_demo(session, app.now())
    click.echo("Demo data loaded." if loaded else "Demo data is already loaded; nothing changed.")
    if loaded:
        _skip_past_mails(app, mails_before)
    with app.database.write() as session:
        people = demo_people(session)
        give_demo_passwords(session, people, app.now())
    if load_only:
        return
    where = sa.make_url(app.database.url).render_as_string(hide_password=True)
    click.echo(f"Database: {where}")
    click.echo(f"{len(people)} people; for example act with --as {people[0].email} (secretariat).")
    click.echo("Try: recoflow rec list   |   recoflow rec history HE-...   |   recoflow workflow show")
    click.echo(f"\nDemo logins for the web app (every demo person's password is '{DEMO_PASSWORD}'):")
    click.echo(table([[p.email, p.name] for p in people], ["email", "name"]))
    _serve_demo(app)


def _skip_past_mails(app: AppContext, mails_before: int) -> None:
    """The demo's history replays months of events: their mails are history too, recorded but never sent.

    The cut is the reminders' grace period, so a secretariat sees what a scheduler that had been running all along
    would have left: mails about the last two days go out, older ones stand in the outbox as skipped.
    """
    grace = timedelta(hours=app.settings.reminder_grace_hours)
    with app.database.write() as session, committing(session, "The demo's past mails"):
        skipped = skip_queued_before(session, app.now() - grace, "demo history: about an event more than "
                                     f"{app.settings.reminder_grace_hours} hours before the demo was loaded; not sent",
                                     after_id=mails_before)
    if skipped:
        click.echo(f"{skipped} mails about the demo's past are recorded as skipped ('recoflow mail outbox').")


def _serve_demo(app: AppContext) -> None:
    import uvicorn

    from scheduler import SchedulerThread
    from web import create_app

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
