"""``recoflow reminders plan`` and ``recoflow scheduler``: what will go out when, and the process that sends it."""

import logging
import signal
import threading
from typing import Any

import click

from cli.context import AppContext, echo_json, pass_app, table
from workflow.engine.errors import NotFound
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import ReminderPolicy, plan_reminders
from workflow.strategy_group.refusals import StrategyRefusal


@click.group()
def reminders() -> None:
    """The reminder calendar."""


@reminders.command()
@click.option("--meeting", "meeting_id", type=int, help="Only the reminders of this meeting.")
@click.option("--all", "show_all", is_flag=True, help="Also reminders whose time has passed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def plan(app: AppContext, meeting_id: int | None, show_all: bool, as_json: bool) -> None:
    """Show which reminder goes to whom when (times in the network's time zone)."""
    now = app.now()
    with app.database.read() as session:
        facts = load_calendar_facts(session, now, meeting_id)
    if meeting_id is not None and not facts.meetings:
        raise NotFound(StrategyRefusal.NO_MEETING, meeting=meeting_id)
    planned = [r for r in plan_reminders(facts, ReminderPolicy.from_settings(app.settings), now)
               if show_all or r.send_at >= now]
    tz = app.settings.tz
    rows: list[dict[str, Any]] = [
        {"send_at": r.send_at.astimezone(tz), "kind": r.kind.value, "about": r.subject_ref,
         "to": r.recipient.address, "name": r.recipient.name, "language": r.recipient.language,
         "dedupe_key": r.dedupe_key} for r in planned]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No reminders planned.")
        return
    click.echo(table([[r["send_at"].strftime("%a %Y-%m-%d %H:%M"), r["kind"], r["about"], r["to"], r["language"]]
                      for r in rows], ["when", "kind", "about", "to", "lang"]))


@click.command("scheduler")
@click.option("--poll", default=5.0, show_default=True, help="Seconds between attempts to become the leader.")
@pass_app
def scheduler_command(app: AppContext, poll: float) -> None:
    """Run the scheduler (reminders, delivery, due votes); a second one waits as standby."""
    from scheduler import run_scheduler  # why: only this command runs the scheduler; the others start without it

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_args: stop.set())
    run_scheduler(app.settings, stop, poll, on_state=lambda state: click.echo(f"scheduler {state}"), clock=app.now)


COMMANDS = [reminders, scheduler_command]
