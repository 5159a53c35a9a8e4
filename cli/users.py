"""``recoflow users`` (set-password links, passwords, API tokens) and ``recoflow serve`` (the web app)."""

import click

from cli.context import AppContext, actor, pass_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import invite, issue_api_token, set_password


@click.group()
def users() -> None:
    """Web accounts: set-password links, passwords and API tokens."""


@users.command("invite")
@click.argument("email")
@pass_app
def invite_(app: AppContext, email: str) -> None:
    """Issue a one-time link (valid 7 days) with which EMAIL sets a password, and queue a mail with one."""
    with unit_of_work(app.database) as session:
        invitation = invite(session, actor(session, email), app.settings.base_url, app.now())
    click.echo(invitation.url)
    if invitation.delivered:
        click.echo(f"A mail with a set-password link of its own is queued for {email} (the scheduler or "
                   "'recoflow mail send' delivers it); setting the password through either link uses up both.",
                   err=True)
    else:
        click.echo("Not sent by email (no mail delivery is set up): pass the link on yourself.", err=True)


@users.command("set-password")
@click.argument("email")
@click.password_option(help="The new password (asked for when left out).")
@pass_app
def set_password_(app: AppContext, email: str, password: str) -> None:
    """Set EMAIL's password directly (for administrators); signs the person out everywhere."""
    with unit_of_work(app.database) as session:
        set_password(session, actor(session, email), password, app.now())
    click.echo(f"Password of {email} set.")


@users.command("token")
@click.argument("email")
@click.option("--name", default="integration", show_default=True, help="What the token is for.")
@pass_app
def token(app: AppContext, email: str, name: str) -> None:
    """Issue a bearer token for the JSON API acting as EMAIL; it is printed once and stored hashed."""
    with unit_of_work(app.database) as session:
        value = issue_api_token(session, actor(session, email), name, app.now())
    click.echo(value)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@pass_app
def serve(app: AppContext, host: str, port: int) -> None:
    """Run the web application (pages and the JSON API under /api/v1)."""
    import uvicorn

    from web import create_app  # why: only serve needs the web app; every other command starts without it

    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C stops).")
    uvicorn.run(create_app(app.settings, database=app.database, clock=app.now), host=host, port=port, log_level="info")


COMMANDS = [users, serve]
