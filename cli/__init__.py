"""The ``recoflow`` command: thin entry points that call the services in ``workflow/``."""

import sys
from datetime import datetime
from typing import Any

import click
import sqlalchemy as sa
from pydantic import ValidationError

from bootstrap import bootstrap
from cli import (  # the command modules: each declares its COMMANDS
    attachments,
    backup,
    events,
    export,
    forwarding,
    imports,
    mail,
    meetings,
    network,
    orgs,
    people,
    privacy,
    recs,
    reports,
    review,
    roles,
    scheduling,
    setup,
    strategy,
    users,
    votes,
    workflow_cmds,
)
from cli.context import AppContext, validation_message
from cli.hints import error_line
from workflow.engine.errors import RecoflowError


class RecoflowGroup(click.Group):
    """Turns every refusal into one line on stderr and a non-zero exit, with nothing half-written."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RecoflowError as exc:
            click.echo(f"Error: {error_line(exc)}", err=True)
            sys.exit(exc.exit_code)
        except ValidationError as exc:
            click.echo(f"Error: {validation_message(exc)}", err=True)
            sys.exit(2)
        except (sa.exc.OperationalError, sa.exc.ProgrammingError) as exc:
            line = _database_failure(ctx, exc)
            if line is None:
                raise
            click.echo(f"Error: {line}", err=True)
            sys.exit(1)


def _database_failure(ctx: click.Context, exc: sa.exc.DBAPIError) -> str | None:
    """One line naming the fix when the database is missing, unreachable or has no tables; None for other faults."""
    context = ctx.obj if isinstance(ctx.obj, AppContext) else None
    url = sa.make_url(context.environment.database_url) if context else None
    where = (url.database if url and url.get_backend_name() == "sqlite"
             else url.render_as_string(hide_password=True) if url else "RECOFLOW_DATABASE_URL")
    reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else type(exc.orig).__name__
    if "no such table" in reason or type(exc.orig).__name__ == "UndefinedTable":
        return f"the database at {where} has no tables yet; run 'recoflow init'."
    if isinstance(exc, sa.exc.OperationalError):
        return (f"the database at {where} cannot be reached ({reason}); check RECOFLOW_DATABASE_URL and that the "
                "database server runs.")
    return None


def _parse_now(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("use ISO 8601 with a zone, e.g. 2026-11-21T10:00:00+01:00") from exc
    if parsed.tzinfo is None:
        raise click.BadParameter("give a time zone, e.g. 2026-11-21T10:00:00+01:00")
    return parsed


@click.group(cls=RecoflowGroup)
@click.option("--now", callback=_parse_now, hidden=True, help="Act as if it were this instant (ISO 8601).")
@click.pass_context
def main(ctx: click.Context, now: datetime | None) -> None:
    """recoflow: recommendations from working-group draft to strategy-group vote, forwarding and review."""
    # Every reaction (the domain's effects, and mails of decisions and issued links) for any command.
    bootstrap()
    ctx.obj = AppContext(fixed_now=now)


def _register() -> None:
    for module in (
        setup,
        network,
        recs,
        attachments,
        workflow_cmds,
        people,
        orgs,
        users,
        forwarding,
        reports,
        review,
        export,
        mail,
        scheduling,
        strategy,
        roles,
        meetings,
        votes,
        events,
        imports,
        backup,
        privacy,
    ):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
