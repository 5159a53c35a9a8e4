"""Delivering the outbox: claim one due mail, send it, settle it at once; one mail's fault stays that mail's."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeAlias

import sqlalchemy as sa
from sqlmodel import Session

from config import Settings
from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from notifications.compose.mime import UnusableAddress
from notifications.compose.rendering import PERSONAL_LINK
from notifications.compose.wire import MailContent, prepared_mail, wire_bytes
from notifications.outbox.claims import (
    Claimer,
    Waiting,
    claim_in,
    postpone_due,
    release,
    release_all_of,
    settle_in,
    take_over_abandoned,
    waiting,
)
from notifications.outbox.notes import OutboxNote, note
from notifications.outbox.personal_links import issue_personal_link, personal_link_delivered
from notifications.outbox.refusals import OutboxRefusal
from notifications.transports.base import Connection, DeliveryFailure, Transport
from notifications.transports.files import FileTransport
from notifications.transports.smtp import SmtpTransport
from workflow.engine.clock import require_aware
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.profile import effective_settings

# Exponential backoff stops growing here.
MAX_BACKOFF = timedelta(hours=6)


@dataclass
class DeliveryReport:
    """What one delivery run did, and what keeps the rest from going out now."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    taken_over: int = 0
    waiting: Waiting = field(default_factory=Waiting)


def transport_for(settings: Settings) -> Transport:
    """SMTP when a host is configured, else .eml files in var/mail/."""
    if settings.smtp_host:
        return SmtpTransport(settings.smtp_host, settings.smtp_port, sender=settings.smtp_from,
                             security=settings.smtp_security, user=settings.smtp_user,
                             password=settings.smtp_password, timeout=settings.smtp_timeout_seconds,
                             ca_file=settings.smtp_ca_file)
    return FileTransport(settings.var_dir / "mail")


def backoff(attempts: int, base_seconds: int) -> timedelta:
    """The wait before the next attempt after ``attempts`` temporary failures."""
    return min(timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


# What a sent or refused mail leaves to record: written in the transaction that claims the next mail.
Settlement: TypeAlias = Callable[[Session], None]
# A claimed mail as its row reads (the outbox table's columns by name), read without the ORM: once per mail sent.
Claimed: TypeAlias = sa.Row[Any]
_T: Any = OutboxMessage.__table__  # type: ignore[attr-defined]
_CLAIMED = sa.select(_T).where(_T.c.id == sa.bindparam("mail_id", type_=_T.c.id.type))


@dataclass
class _Run:
    """One delivery run: its claimer, its clock for leases and what it did."""

    database: Database
    settings: Settings
    now: datetime
    claimer: Claimer
    report: DeliveryReport
    lease_now: Callable[[], datetime]
    seen: set[int] = field(default_factory=set)

    def settle_and_claim(self, settlement: Settlement | None = None, *, take_next: bool = True,
                         mail_id: int | None = None) -> Claimed | None:
        """Record the last mail's outcome and claim the next due mail (or mail ``mail_id``) in one short
        transaction: the last mail is settled before the next is sent, with one commit per mail."""
        with unit_of_work(self.database) as session:
            if settlement is not None:
                settlement(session)
            while take_next:
                ids = claim_in(session, self.now, 1, claimer=self.claimer, lease_now=self.lease_now(),
                               lease=timedelta(seconds=self.settings.mail_claim_lease_seconds), mail_id=mail_id)
                row = session.connection().execute(_CLAIMED, {"mail_id": ids[0]}).first() if ids else None
                if row is None:
                    return None
                if row.id in self.seen:  # due again within this run (no backoff): it waits for the next run
                    settle_in(session, row.id or 0, self.claimer, status=OutboxStatus.QUEUED.value,
                              attempts=row.attempts - 1)
                    return None
                self.seen.add(row.id or 0)
                self.report.claimed += 1
                if row.attempts <= self.settings.mail_max_attempts:
                    return row
                # Its senders kept dying while sending it (each takeover counted an attempt): given up.
                settle_in(session, row.id or 0, self.claimer, status=OutboxStatus.FAILED.value,
                          last_error=note(OutboxNote.GIVEN_UP, attempts=row.attempts - 1))
                self.report.failed += 1
        return None


def deliver_due(database: Database, transport: Transport, settings: Settings, now: datetime,
                limit: int | None = None, *, mail_id: int | None = None) -> DeliveryReport:
    """Send every due mail (at most ``limit``; only mail ``mail_id`` if given), one at a time, each settled
    before the next is sent, over one connection per ``mail_batch_size`` mails.

    A crash repeats at most the one mail in flight. Leases run on ``now`` advanced by the time this run took.
    """
    # Mails rendered when sent (their personal links) name the network as its saved profile has it.
    settings = effective_settings(settings, database)
    now = require_aware(now)
    started = time.monotonic()
    run = _Run(database, settings, now, Claimer.here(), DeliveryReport(),
               lambda: now + timedelta(seconds=time.monotonic() - started))
    run.report.taken_over = take_over_abandoned(database, now)
    try:
        pending = run.settle_and_claim(mail_id=mail_id)
        while pending is not None:
            pending = _deliver_over_one_connection(run, transport, pending, limit, mail_id)
    finally:
        release_all_of(database, run.claimer, now)  # only after an unexpected error does it hold anything here
    run.report.waiting = waiting(database, now)
    return run.report


def _deliver_over_one_connection(run: _Run, transport: Transport, first: Claimed, limit: int | None,
                                 mail_id: int | None) -> Claimed | None:
    """Send ``first`` and further due mails over one connection; the next mail, already claimed, when the
    connection has carried ``mail_batch_size`` mails; None when the run is done."""
    pending: Claimed | None = first
    sent_here = 0
    try:
        with transport.connect() as connection:
            while pending is not None:
                row, pending = pending, None
                settlement = _send_one(run, connection, row)
                sent_here += 1
                done = mail_id is not None or (limit is not None and run.report.claimed >= limit)
                pending = run.settle_and_claim(settlement, take_next=not done)
                if sent_here >= run.settings.mail_batch_size:
                    return pending
    except DeliveryFailure as exc:
        # The server is unreachable or went away: the mail is not lost, it waits and is retried; an outage
        # costs no attempt (a connection lost while a mail was being sent costs that mail one).
        due = run.now + timedelta(seconds=run.settings.mail_retry_base_seconds)
        if pending is not None:
            release(run.database, pending.id or 0, run.claimer, reason=exc.reason, count_attempt=False, due=due)
            run.report.retrying += 1
        postpone_due(run.database, run.now, due, exc.reason)
    return None


def _send_one(run: _Run, connection: Connection, row: Claimed) -> Settlement:
    """Send one claimed mail; what to record for it: sent, failed, or queued for a later attempt."""
    settings, link = run.settings, None
    try:
        if PERSONAL_LINK in row.body_text:
            link = issue_personal_link(run.database, row.subject_ref, run.now, settings.base_url)
            if link is None:
                raise DeliveryFailure(note(OutboxNote.SUBJECT_GONE, subject=row.subject_ref), permanent=True)
        data = _wire(row, settings.smtp_from, link)
        try:
            connection.send(data, row.to_address, message_id=row.message_id)
        except DeliveryFailure:
            raise
        except Exception as exc:  # a message the transport cannot write fails alone
            raise DeliveryFailure(_not_composed(exc), permanent=True) from exc
    except DeliveryFailure as exc:
        if exc.connection_lost:
            release(run.database, row.id or 0, run.claimer, reason=exc.reason, count_attempt=True,
                    due=run.now + timedelta(seconds=settings.mail_retry_base_seconds))
            run.report.retrying += 1
            raise
        return _refused(run, row, exc)
    run.report.sent += 1

    def sent(session: Session) -> None:
        settle_in(session, row.id or 0, run.claimer, status=OutboxStatus.SENT.value, sent_at=run.now, last_error="")
        if link is not None:
            personal_link_delivered(session, row.subject_ref, link, run.now)
    return sent


def _wire(row: Claimed, sender: str, link: str | None) -> bytes:
    """The mail's bytes: those made when it was queued, or made now (queued before they were kept, or changed)."""
    try:
        content = MailContent(row.to_address, row.to_name, row.subject, row.message_id, row.created_at, row.kind,
                              row.language.value, row.body_text, row.body_html, row.attachments)
        return wire_bytes(prepared_mail(content, row.prepared), sender, link)
    except UnusableAddress as exc:
        raise DeliveryFailure(note(OutboxNote.BAD_ADDRESS, address=row.to_address), permanent=True) from exc
    except Exception as exc:  # any fault putting this one mail together fails it alone
        raise DeliveryFailure(_not_composed(exc), permanent=True) from exc


def _not_composed(exc: BaseException) -> str:
    return note(OutboxNote.NOT_COMPOSED, error=f"{type(exc).__name__}: {exc}"[:500])


def _refused(run: _Run, row: Claimed, exc: DeliveryFailure) -> Settlement:
    values: dict[str, object] = {"last_error": exc.reason[:2000]}
    if exc.permanent or row.attempts >= run.settings.mail_max_attempts:
        values["status"] = OutboxStatus.FAILED.value
        run.report.failed += 1
    else:
        values["status"] = OutboxStatus.QUEUED.value
        values["next_attempt_at"] = run.now + backoff(row.attempts, run.settings.mail_retry_base_seconds)
        run.report.retrying += 1

    def refused(session: Session) -> None:
        settle_in(session, row.id or 0, run.claimer, **values)
    return refused


def retry(session: Session, row_id: int, now: datetime) -> OutboxMessage:
    """Put a failed or skipped mail back into the queue, due now, with a fresh count of attempts."""
    row = session.get(OutboxMessage, row_id)
    if row is None:
        raise NotFound(OutboxRefusal.NO_MAIL, mail=row_id)
    if row.status not in (OutboxStatus.FAILED, OutboxStatus.SKIPPED, OutboxStatus.QUEUED):
        raise InvalidInput(OutboxRefusal.NOT_RETRYABLE, mail=row_id, status=row.status)
    row.status, row.attempts, row.next_attempt_at = OutboxStatus.QUEUED, 0, require_aware(now)
    row.claimed_until, row.claimed_by = None, None
    session.add(row)
    return row
