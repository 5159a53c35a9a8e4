"""Setting up a deployment: ``init`` and ``demo``."""

import click
import sqlalchemy as sa

from cli.context import AppContext, pass_app, table
from migrations import current_revisions, head_revisions, upgrade_to_head
from workflow.accounts import DEMO_PASSWORD, give_demo_passwords
from workflow.demo_data import demo_people, load_demo


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
    """Load demo data (once; running it again changes nothing) and show where things are."""
    _require_schema(app)
    with app.database.write() as session:
        loaded = load_demo(session, app.now())
    click.echo("Demo data loaded." if loaded else "Demo data is already loaded; nothing changed.")
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


def _serve_demo(app: AppContext) -> None:
    import uvicorn

    from web import create_app

    click.echo("\nServing the web app on http://127.0.0.1:8000/ (Ctrl+C stops).")
    uvicorn.run(create_app(app.settings, database=app.database, clock=app.now), host="127.0.0.1", port=8000)


COMMANDS = [init, demo]
