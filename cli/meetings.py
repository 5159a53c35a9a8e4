"""``recoflow meetings``: the strategy group's calendar, agendas, attendance and minutes."""

from datetime import datetime
from typing import Any

import click

from cli.context import AppContext, InputRefused, actor, echo_json, pass_app, table
from models.enums import MeetingKind
from models.strategy import AttendanceStatus
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.meeting_consequences import MovePreview, cancel_preview, move_preview
from workflow.queries.minutes import meeting_summary, minutes
from workflow.strategy_group.agenda import agenda_view, build_agendas, move_item, reorder
from workflow.strategy_group.meetings import (
    add_meeting,
    cancel_meeting,
    list_meetings,
    mark_held,
    move_meeting,
    record_attendance,
    year_warnings,
)

AS = click.option("--as", "as_email", required=True, help="Email of the person acting (the secretariat).")
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def parse_time(value: str | None, name: str, app: AppContext) -> datetime | None:
    """An ISO date-time; without a zone it is the network's local time."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputRefused(f"--{name} '{value}' is not a date and time; write e.g. 2026-06-18T10:00.") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=app.settings.tz)


def require_time(value: str, name: str, app: AppContext) -> datetime:
    """An ISO date-time that must be given."""
    parsed = parse_time(value, name, app)
    assert parsed is not None
    return parsed


def _when(value: datetime, app: AppContext) -> str:
    return value.astimezone(app.settings.tz).strftime("%Y-%m-%d %H:%M")


@click.group()
def meetings() -> None:
    """Strategy meetings and written procedures."""


@meetings.command("list")
@click.option("--year", type=int, help="Only this calendar year.")
@JSON
@pass_app
def list_(app: AppContext, year: int | None, as_json: bool) -> None:
    """Meetings in date order, with the submission deadline; warns about years with too few or many."""
    with app.database.read() as session:
        rows = [meeting_summary(m) for m in list_meetings(session, year)]
        warnings = year_warnings(session)
    if as_json:
        echo_json({"meetings": rows, "warnings": warnings})
        return
    click.echo(table([[str(r.id), _when(r.starts_at, app), r.kind, r.status, r.title,
                       _when(r.submission_deadline, app) if r.submission_deadline else "–"]
                      for r in rows], ["id", "when", "kind", "status", "title", "submission deadline"]))
    for warning in warnings:
        click.echo(f"Warning: {warning}")


@meetings.command()
@click.option("--title", required=True)
@click.option("--at", "at", required=True, help="Start (ISO, local time), or the deadline of a written procedure.")
@click.option("--until", help="End (ISO, local time).")
@click.option("--location", default="")
@click.option("--online-url", default="")
@click.option("--written", is_flag=True, help="A written procedure (Umlaufverfahren) with --at as its deadline.")
@AS
@pass_app
def add(app: AppContext, title: str, at: str, until: str | None, location: str, online_url: str, written: bool,
        as_email: str) -> None:
    """Plan a strategy meeting or a written procedure."""
    with unit_of_work(app.database) as session:
        meeting = add_meeting(session, title=title, starts_at=require_time(at, "at", app),
                              ends_at=parse_time(until, "until", app), location=location, online_url=online_url,
                              kind=MeetingKind.WRITTEN_PROCEDURE if written else MeetingKind.MEETING,
                              actor=actor(session, as_email), now=app.now())
        warnings = year_warnings(session)
    click.echo(f"Planned meeting {meeting.id}: {meeting.title} on {_when(meeting.starts_at, app)}.")
    for warning in warnings:
        click.echo(f"Warning: {warning}")


@meetings.command()
@click.argument("meeting_id", type=int)
@click.option("--to", "to", required=True, help="New start (ISO, local time).")
@click.option("--until", help="New end.")
@click.option("--dry-run", is_flag=True, help="Only show what the move would change (deadlines, overdue reports, "
                                              "mails); change nothing.")
@AS
@pass_app
def move(app: AppContext, meeting_id: int, to: str, until: str | None, dry_run: bool, as_email: str) -> None:
    """Move a meeting to a new date (see first what it changes with --dry-run)."""
    starts_at, ends_at = require_time(to, "to", app), parse_time(until, "until", app)
    with unit_of_work(app.database) as session:
        preview = move_preview(session, meeting_id, starts_at, ends_at=ends_at, actor=actor(session, as_email),
                               now=app.now())
        if not dry_run:
            move_meeting(session, meeting_id, starts_at, ends_at=ends_at, actor=actor(session, as_email),
                         now=app.now())
    _print_move(preview, app)
    if dry_run:
        click.echo("Nothing changed (--dry-run).")
        return
    click.echo(f"Meeting {meeting_id} moved to {_when(preview.starts_after, app)}.")


def _print_move(preview: MovePreview, app: AppContext) -> None:
    click.echo(f"Meeting {preview.meeting_id} ({preview.title}): {_when(preview.starts_before, app)} → "
               f"{_when(preview.starts_after, app)}")
    click.echo(table([[what.replace("_", " "), _when(d.before, app), _when(d.after, app),
                       "; ".join(n for n in ("in the past" if d.past else "",
                                             f"{d.sent} sent for the old date" if d.sent else "") if n) or "–"]
                      for d in preview.dates for what in [d.what]], ["date", "before", "after", "note"]))
    for r in preview.overdue:
        click.echo(f"Turns overdue: {r.body}, report on {r.number or '–'} ({r.title}), due "
                   f"{_when(r.due_after, app)} instead of {_when(r.due_before, app)}")
    if preview.invited:
        click.echo(f"{preview.invited} people invited already receive an updated invitation.")
    click.echo(f"{preview.mails_sent} mails about this meeting already sent or queued.")


@meetings.command()
@click.argument("meeting_id", type=int)
@click.option("--dry-run", is_flag=True, help="Only show what the cancellation would change; change nothing.")
@AS
@pass_app
def cancel(app: AppContext, meeting_id: int, dry_run: bool, as_email: str) -> None:
    """Cancel a meeting; its scheduled items move to the next meeting (see first what moves with --dry-run)."""
    with unit_of_work(app.database) as session:
        preview = cancel_preview(session, meeting_id, actor=actor(session, as_email), now=app.now())
        if not dry_run:
            cancel_meeting(session, meeting_id, actor=actor(session, as_email), now=app.now())
    target = (f"meeting {preview.target_id} ({preview.target_title})" if preview.target_id
              else "no meeting (none is planned after it)")
    for item in preview.items:
        click.echo(f"Moves to {target}: {item.number or f'#{item.id}'} {item.title}")
    if preview.reviews:
        click.echo(f"{preview.reviews} reviews planned at this meeting need another meeting.")
    if preview.invited:
        click.echo(f"{preview.invited} people invited already receive a cancellation.")
    click.echo("Nothing changed (--dry-run)." if dry_run else f"Meeting {meeting_id} cancelled.")


@meetings.command()
@click.argument("meeting_id", type=int)
@AS
@pass_app
def held(app: AppContext, meeting_id: int, as_email: str) -> None:
    """Record that a meeting took place."""
    with unit_of_work(app.database) as session:
        mark_held(session, meeting_id, actor=actor(session, as_email), now=app.now())
    click.echo(f"Meeting {meeting_id} recorded as held.")


@meetings.command()
@click.argument("meeting_id", type=int, required=False)
@click.option("--build", is_flag=True, help="Schedule every submitted recommendation onto its meeting.")
@click.option("--move", "move_ref", help="Recommendation to move to another meeting (with --to-meeting).")
@click.option("--to-meeting", type=int)
@click.option("--item", "item_ref", help="Recommendation to put at --position.")
@click.option("--position", type=int)
@click.option("--as", "as_email", help="Email of the secretariat (to build or change agendas).")
@JSON
@pass_app
def agenda(app: AppContext, meeting_id: int | None, build: bool, move_ref: str | None, to_meeting: int | None,
           item_ref: str | None, position: int | None, as_email: str | None, as_json: bool) -> None:
    """Show a meeting's agenda; build agendas, reorder or move items."""
    changing = build or move_ref or item_ref
    if changing and as_email is None:
        raise InputRefused("Say who changes the agenda with --as EMAIL.")
    with unit_of_work(app.database) as session:
        if build:
            for label, meeting in build_agendas(session, app.now(), actor(session, as_email or "")):
                click.echo(f"{label} → meeting {meeting.id} ({meeting.title})")
        if meeting_id is None:
            return
        if move_ref:
            if to_meeting is None:
                raise InputRefused("Name the meeting to move it to with --to-meeting ID.")
            move_item(session, meeting_id, move_ref, to_meeting, actor=actor(session, as_email or ""), now=app.now())
        if item_ref:
            if position is None:
                raise InputRefused("Give the new place with --position N.")
            reorder(session, meeting_id, item_ref, position, actor=actor(session, as_email or ""), now=app.now())
        rows = agenda_view(session, meeting_id)
    if as_json:
        echo_json(rows)
        return
    click.echo(table([[str(r["position"]), r["purpose"], r["number"] or f"#{r['recommendation_id']}", r["state"],
                       r["title"][:60]] for r in rows], ["#", "for", "number", "state", "title"]))
    _print_gathered_reports(rows)


def _print_gathered_reports(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        if "reports" not in row:
            continue
        click.echo(f"\n{row['number']}: reports gathered for review round {row['review_round']}"
                   + ("" if row["reports"] else ": none yet"))
        for report in row["reports"]:
            click.echo(f"  {report['report_date'].isoformat()}  {report['body']}: {report['status']}"
                       + (f" – {report['text'][:70]}" if report["text"] else ""))


@meetings.command()
@click.argument("meeting_id", type=int)
@click.option("--seat", "seat_code", help="Seat code, e.g. KLV-GT (omit to show the attendance).")
@click.option("--status", type=click.Choice([s.value for s in AttendanceStatus]))
@click.option("--person", "person_email", help="Who attended (when a seat has several holders or deputies).")
@click.option("--as", "as_email", help="Email of the secretariat (to record).")
@JSON
@pass_app
def attendance(app: AppContext, meeting_id: int, seat_code: str | None, status: str | None,
               person_email: str | None, as_email: str | None, as_json: bool) -> None:
    """Show or record how each seat attends a meeting."""
    if seat_code is not None:
        if status is None or as_email is None:
            raise InputRefused("To record attendance give --status and --as.")
        with unit_of_work(app.database) as session:
            person = actor(session, person_email) if person_email else None
            record_attendance(session, meeting_id, seat_code, AttendanceStatus(status),
                              actor=actor(session, as_email), now=app.now(), person=person)
    with app.database.read() as session:
        rows = minutes(session, meeting_id).attendance
    if as_json:
        echo_json(rows)
        return
    click.echo(table([[r.seat, str(r.status), r.person or "", r.holder or "(vacant)"] for r in rows],
                     ["seat", "attendance", "sitting", "holder"]))


@meetings.command("minutes")
@click.argument("meeting_id", type=int)
@JSON
@pass_app
def minutes_(app: AppContext, meeting_id: int, as_json: bool) -> None:
    """The record of a meeting: attendance and every decision with its tally."""
    with app.database.read() as session:
        data = minutes(session, meeting_id)
    if as_json:
        echo_json(data)
        return
    m = data.meeting
    click.echo(f"Protokoll: {m.title} ({_when(m.starts_at, app)}, {m.location or m.online_url}) – {m.status}")
    present = [f"{a.seat} {a.person}" + (" (Vertretung)" if a.status == "represented" else "")
               for a in data.attendance if a.status in ("present", "represented")]
    click.echo("Anwesend: " + (", ".join(present) or "–"))
    for number, d in enumerate(data.decisions, start=1):
        click.echo(f"{number}. {d.summary}")
    if not data.decisions:
        click.echo("No decisions recorded.")


COMMANDS = [meetings]
