"""``recoflow events``: public events for the Fachöffentlichkeit and their calendar entries."""

import sys
from typing import Any

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from cli.meetings import parse_time, require_time
from models.strategy import PublicEventKind
from notifications.compose.calendar import meeting_entry, meeting_ics
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.public_events import add_event, cancel_event, event_ics, find_event, public_events
from workflow.strategy_group.meetings import find_meeting

AS = click.option("--as", "as_email", required=True, help="Email of the secretariat.")


@click.group()
def events() -> None:
    """Fachtage and Informationsveranstaltungen."""


@events.command("list")
@click.option("--all", "everything", is_flag=True, help="Also events that are over.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_(app: AppContext, everything: bool, as_json: bool) -> None:
    """Public events, soonest first (those ahead unless --all)."""
    with app.database.read() as session:
        rows: list[dict[str, Any]] = [
            {"id": e.id, "title": e.title, "kind": e.kind, "starts_at": e.starts_at, "ends_at": e.ends_at,
             "location": e.location, "description": e.description}
            for e in public_events(session, None if everything else app.now())]
    if as_json:
        echo_json(rows)
        return
    tz = app.settings.tz
    click.echo(table([[str(r["id"]), r["starts_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M"), str(r["kind"]),
                       r["title"], r["location"]] for r in rows], ["id", "when", "kind", "title", "where"]))


@events.command()
@click.option("--title", required=True)
@click.option("--kind", type=click.Choice([k.value for k in PublicEventKind]), required=True)
@click.option("--at", "at", required=True, help="Start (ISO, local time).")
@click.option("--until", help="End (ISO, local time).")
@click.option("--location", default="")
@click.option("--description", default="")
@AS
@pass_app
def add(app: AppContext, title: str, kind: str, at: str, until: str | None, location: str, description: str,
        as_email: str) -> None:
    """Announce a public event."""
    with unit_of_work(app.database) as session:
        event = add_event(session, title=title, kind=PublicEventKind(kind), starts_at=require_time(at, "at", app),
                          ends_at=parse_time(until, "until", app), location=location, description=description,
                          actor=actor(session, as_email), now=app.now())
    click.echo(f"Event {event.id} '{event.title}' announced.")


@events.command()
@click.argument("event_id", type=int)
@AS
@pass_app
def cancel(app: AppContext, event_id: int, as_email: str) -> None:
    """Cancel a public event."""
    with unit_of_work(app.database) as session:
        cancel_event(session, event_id, actor=actor(session, as_email), now=app.now())
    click.echo(f"Event {event_id} cancelled.")


@events.command()
@click.argument("event_id", type=int, required=False)
@click.option("--meeting", "meeting_id", type=int, help="The calendar entry of a strategy meeting instead.")
@pass_app
def ics(app: AppContext, event_id: int | None, meeting_id: int | None) -> None:
    """Print the calendar entry (.ics) of an event or of a meeting."""
    with app.database.read() as session:
        if meeting_id is not None:
            settings = app.settings
            data = meeting_ics(meeting_entry(session, find_meeting(session, meeting_id)), organizer=settings.smtp_from,
                               network_name=settings.network_name, base_url=settings.base_url,
                               now=app.now()).content.encode("utf-8")
        elif event_id is not None:
            data = event_ics(find_event(session, event_id), app.now())
        else:
            raise click.UsageError("Name an event id or --meeting ID.")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


COMMANDS = [events]
