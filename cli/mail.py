"""``recoflow mail``: the outbox, retries, a test mail and previews of every message kind."""

import secrets
from datetime import datetime, tzinfo
from typing import Any

import click

from cli.context import AppContext, InputRefused, echo_json, pass_app, table
from models.outbox import OutboxStatus
from notifications.compose.calendar import meeting_ics
from notifications.compose.kinds import MessageKind
from notifications.compose.samples import sample_context, sample_meeting_entry
from notifications.outbox.claims import Waiting
from notifications.outbox.delivery import deliver_due, retry, transport_for
from notifications.outbox.queue import enqueue, mail_by_key, outbox_rows, renderer_for
from web.i18n import Translator
from web.wording.refusals.notifications import word_note
from workflow.engine.unit_of_work import unit_of_work
from workflow.reminders.plan import Recipient


@click.group()
def mail() -> None:
    """Outgoing email: the outbox and its delivery."""


@mail.command()
@click.option("--status", type=click.Choice([s.value for s in OutboxStatus]), help="Only mails in this status.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def outbox(app: AppContext, status: str | None, limit: int, as_json: bool) -> None:
    """List the outbox, newest first (failed mails show the server's answer)."""
    with app.database.read() as session:
        rows = outbox_rows(session, OutboxStatus(status) if status else None, limit)
    data: list[dict[str, Any]] = [
        {"id": r.id, "status": r.status.value, "kind": r.kind, "to": r.to_address, "language": r.language.value,
         "subject": r.subject, "attempts": r.attempts, "planned_for": r.planned_for,
         "next_attempt_at": r.next_attempt_at, "sent_at": r.sent_at,
         "last_error": word_note(r.last_error, Translator("en"), lambda at: at.isoformat()),
         "message_id": r.message_id} for r in rows]
    if as_json:
        echo_json(data)
        return
    tz = app.settings.tz
    click.echo(table([[str(d["id"]), d["status"], d["kind"], d["to"], d["subject"][:50],
                       (r.sent_at or r.next_attempt_at).astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                       d["last_error"][:40]] for d, r in zip(data, rows, strict=True)],
                     ["id", "status", "kind", "to", "subject", "sent/next", "last error"]))


@mail.command("retry")
@click.argument("mail_id", type=int)
@pass_app
def retry_(app: AppContext, mail_id: int) -> None:
    """Queue a failed or skipped mail again, due now."""
    with unit_of_work(app.database) as session:
        row = retry(session, mail_id, app.now())
    click.echo(f"Mail {row.id} to {row.to_address} is queued again; the scheduler (or 'mail send') delivers it.")


@mail.command()
@pass_app
def send(app: AppContext) -> None:
    """Deliver every due mail now (what the scheduler's delivery job does)."""
    transport = transport_for(app.settings)
    now = app.now()
    report = deliver_due(app.database, transport, app.settings, now)
    click.echo(f"Via {transport.description}: {report.sent} sent, {report.retrying} to retry, "
               f"{report.failed} failed.")
    for line in _what_waits(report.waiting, now, app.settings.tz):
        click.echo(line)


def _what_waits(waiting: Waiting, now: datetime, tz: tzinfo) -> list[str]:
    """Why mails did not go out now: another sender holds them, or their next attempt is not due yet."""
    def at(instant: datetime | None) -> str:
        local = (instant or now).astimezone(tz)
        return local.strftime("%H:%M:%S" if local.date() == now.astimezone(tz).date() else "%Y-%m-%d %H:%M")

    lines = []
    if waiting.held:
        lines.append(f"{_mails(waiting.held)} held by another sender until {at(waiting.held_until)} "
                     "(taken over then, or at once if that sender has died on this machine).")
    if waiting.waiting:
        lines.append(f"{_mails(waiting.waiting)} waiting for a later attempt; the next at "
                     f"{at(waiting.next_attempt_at)} ('recoflow mail outbox' shows why).")
    return lines


def _mails(n: int) -> str:
    return "1 mail is" if n == 1 else f"{n} mails are"


@mail.command("send-test")
@click.option("--to", "address", required=True, help="Where to send the test mail.")
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
@pass_app
def send_test(app: AppContext, address: str, lang: str) -> None:
    """Send a test mail right away through the configured server (or into var/mail/); nothing else is sent."""
    if "@" not in address:
        raise InputRefused(f"'{address}' is not an email address; give one such as name@example.org.")
    now = app.now()
    key = f"test|{address}|{now.isoformat()}|{secrets.token_hex(4)}"
    with unit_of_work(app.database) as session:
        enqueue(session, kind=MessageKind.TEST, recipient=Recipient(address, address, lang), context={"link": "/"},
                dedupe_key=key, now=now, settings=app.settings)
    with app.database.read() as session:
        queued = mail_by_key(session, key)
    transport = transport_for(app.settings)
    report = deliver_due(app.database, transport, app.settings, now, mail_id=queued.id if queued else 0)
    if report.sent:
        click.echo(f"Test mail sent to {address} via {transport.description}.")
        return
    with app.database.read() as session:
        row = mail_by_key(session, key)
    reason = word_note(row.last_error if row else "", Translator("en"), lambda at: at.isoformat())
    state = "failed" if row is not None and row.status == OutboxStatus.FAILED else "is queued for a retry"
    raise click.ClickException(f"The test mail to {address} via {transport.description} {state}: {reason}")


@mail.command()
@click.argument("kind", type=click.Choice([k.value for k in MessageKind]))
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
@click.option("--html", "as_html", is_flag=True, help="Print the HTML part instead of the text part.")
@pass_app
def preview(app: AppContext, kind: str, lang: str, as_html: bool) -> None:
    """Render a message kind with demo data (nothing is stored or sent)."""
    message_kind = MessageKind(kind)
    message = renderer_for(app.settings).render(message_kind, lang, sample_context(message_kind))
    click.echo(f"Subject: {message.subject}\n")
    click.echo(message.html if as_html else message.text)
    entry = sample_meeting_entry(message_kind)
    if entry is not None:
        ics = meeting_ics(entry, organizer=app.settings.smtp_from, network_name=app.settings.network_name,
                          base_url=app.settings.base_url, now=app.now(), language=lang)
        click.echo(f"--- attachment {ics.filename} ({ics.content_type}) ---\n{ics.content}")


COMMANDS = [mail]
