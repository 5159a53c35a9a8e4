"""``recoflow users`` (set-password links, passwords), ``recoflow tokens`` (API tokens) and ``recoflow serve``
(the web app)."""

import os
from datetime import datetime

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from models.people import Person
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import invite, set_password
from workflow.network.api_tokens import MAX_DAYS, api_tokens_of, create_api_token, revoke_api_token, state_of


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


@click.group()
def tokens() -> None:
    """API tokens: create (shown once), list, revoke."""


def _create(app: AppContext, email: str, name: str, days: int | None) -> None:
    with unit_of_work(app.database) as session:
        issued = create_api_token(session, actor(session, email), name, app.now(),
                                  days=days or app.settings.api_token_days)
        expires = _when(app, issued.row.expires_at)
    click.echo(issued.secret)
    click.echo(f"Valid until {expires}; it is shown only now and stored hashed.", err=True)


_NAME = click.option("--name", default="integration", show_default=True, help="What the token is for.")
_DAYS = click.option("--days", type=click.IntRange(1, MAX_DAYS), default=None,
                     help="How many days it lives (default: the setting RECOFLOW_API_TOKEN_DAYS, 90).")


@tokens.command("create")
@click.argument("email")
@_NAME
@_DAYS
@pass_app
def create_token(app: AppContext, email: str, name: str, days: int | None) -> None:
    """Issue a bearer token for the JSON API acting as EMAIL; it is printed once and stored hashed."""
    _create(app, email, name, days)


@users.command("token")
@click.argument("email")
@_NAME
@_DAYS
@pass_app
def token(app: AppContext, email: str, name: str, days: int | None) -> None:
    """Issue a bearer token for the JSON API acting as EMAIL (the same as 'recoflow tokens create')."""
    _create(app, email, name, days)


def _when(app: AppContext, at: datetime | None) -> str:
    return at.astimezone(app.settings.tz).strftime("%Y-%m-%d %H:%M") if at is not None else ""


@tokens.command("list")
@click.argument("email", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_tokens(app: AppContext, email: str | None, as_json: bool) -> None:
    """Every API token (or EMAIL's): name, person, created, expires, last used, state; never the secret."""
    now = app.now()
    with app.database.read() as session:
        rows = api_tokens_of(session, actor(session, email).id if email else None)
        people = {p.id: p.email for p in (session.get(Person, r.person_id) for r in rows) if p is not None}
    listed = [{"id": r.id, "name": r.name, "person": people.get(r.person_id, ""), "created": _when(app, r.created_at),
               "expires": _when(app, r.expires_at), "last_used": _when(app, r.last_used_at),
               "state": state_of(r, now).value} for r in rows]
    if as_json:
        echo_json(listed)
        return
    keys = ["id", "name", "person", "created", "expires", "last_used", "state"]
    click.echo(table([[str(t[k]) for k in keys] for t in listed], keys))


@tokens.command("revoke")
@click.argument("token_id", type=int)
@pass_app
def revoke_token(app: AppContext, token_id: int) -> None:
    """Revoke API token TOKEN_ID (see 'recoflow tokens list'): it opens the API no longer."""
    with unit_of_work(app.database) as session:
        row = revoke_api_token(session, token_id, app.now())
        name = row.name
    click.echo(f"Token {token_id} ({name}) is revoked.")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes answering requests side by side (about one per processor core).")
@pass_app
def serve(app: AppContext, host: str, port: int, workers: int) -> None:
    """Run the web application (pages and the JSON API under /api/v1)."""
    import uvicorn

    from web import create_app  # why: only serve needs the web app; every other command starts without it
    from web.security import secret_key  # why: as above
    from web.workers import FIXED_NOW  # why: as above

    click.echo(f"Serving on http://{host}:{port}/ with {workers} worker process{'es' if workers > 1 else ''} "
               "(Ctrl+C stops).")
    if workers == 1:
        uvicorn.run(create_app(app.settings, database=app.database, clock=app.now), host=host, port=port,
                    log_level="info")
        return
    # Each worker builds its own app from the environment; the signing key is made here first, so that workers
    # starting at once do not race to create it.
    secret_key(app.settings)
    if app.fixed_now is not None:
        os.environ[FIXED_NOW] = app.fixed_now.isoformat()
    # A worker busy with a long page on a loaded machine is not dead: uvicorn's default 5 s ping killed such
    # workers mid-request in the benchmark (connection reset); a minute still finds a hung one.
    uvicorn.run("web.workers:app_for_worker", factory=True, workers=workers, host=host, port=port,
                log_level="info", timeout_worker_healthcheck=60)


COMMANDS = [users, tokens, serve]
