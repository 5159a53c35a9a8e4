"""Delivering the outbox: claim due rows atomically, send them over one connection, record each outcome."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from config import Settings
from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from notifications.compose.mime import to_email
from notifications.compose.rendering import PERSONAL_LINK
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

# A claim that was not settled within this time (the sender died) may be taken over by another sender.
CLAIM_LEASE = timedelta(minutes=10)
# Accepted mails are recorded as sent in groups of this many (one commit each). A crash between the server's
# acceptance and that commit re-sends at most this many mails, with their original Message-IDs.
SETTLE_EVERY = 20
# Exponential backoff stops growing here.
MAX_BACKOFF = timedelta(hours=6)

_T: Any = OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass
class DeliveryReport:
    """What one delivery run did."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def transport_for(settings: Settings) -> Transport:
    """SMTP when a host is configured, else .eml files in var/mail/."""
    if settings.smtp_host:
        return SmtpTransport(settings.smtp_host, settings.smtp_port, sender=settings.smtp_from,
                             security=settings.smtp_security, user=settings.smtp_user,
                             password=settings.smtp_password, timeout=settings.smtp_timeout_seconds,
                             ca_file=settings.smtp_ca_file)
    return FileTransport(settings.var_dir / "mail")


def _due(now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(
        sa.and_(_T.c.status == OutboxStatus.QUEUED.value, _T.c.next_attempt_at <= now),
        sa.and_(_T.c.status == OutboxStatus.SENDING.value, _T.c.claimed_until < now),
    )


def claim_batch(database: Database, now: datetime, limit: int) -> list[int]:
    """Mark up to ``limit`` due rows as ``sending`` and return their ids; concurrent claimers never share a row."""
    now = require_aware(now)
    candidates = sa.select(_T.c.id).where(_due(now)).order_by(_T.c.next_attempt_at, _T.c.id).limit(limit)
    # The condition is repeated on the UPDATE itself: PostgreSQL re-checks it on rows another claimer
    # changed meanwhile, SQLite runs writers one at a time (BEGIN IMMEDIATE).
    statement = (sa.update(_T).where(_T.c.id.in_(candidates.scalar_subquery())).where(_due(now))
                 .values(status=OutboxStatus.SENDING.value, claimed_until=now + CLAIM_LEASE,
                         attempts=_T.c.attempts + 1)
                 .returning(_T.c.id))
    with unit_of_work(database) as session:
        ids = [row[0] for row in session.execute(statement)]
    return sorted(ids)


def backoff(attempts: int, base_seconds: int) -> timedelta:
    """The wait before the next attempt after ``attempts`` temporary failures."""
    return min(timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _settle(session: Session, row_id: int, **values: Any) -> None:
    # Only the claimer settles its row: a row retaken after an expired lease is left to the new claimer.
    session.execute(sa.update(_T).where(_T.c.id == row_id, _T.c.status == OutboxStatus.SENDING.value)
                    .values(claimed_until=None, **values))


def deliver_due(database: Database, transport: Transport, settings: Settings, now: datetime,
                limit: int | None = None) -> DeliveryReport:
    """Send every due mail in batches of ``mail_batch_size``, one connection per batch, until none is due."""
    # Mails rendered when sent (their personal links) name the network as its saved profile has it.
    settings = effective_settings(settings, database)
    report = DeliveryReport()
    seen: set[int] = set()
    while True:
        ids = claim_batch(database, now, limit or settings.mail_batch_size)
        if not ids or seen.issuperset(ids):
            return report
        seen.update(ids)
        report.claimed += len(ids)
        _deliver_batch(database, transport, settings, now, ids, report)
        if limit is not None:
            return report


def _deliver_batch(database: Database, transport: Transport, settings: Settings, now: datetime,
                   ids: Sequence[int], report: DeliveryReport) -> None:
    with database.read() as session:
        rows = list(session.exec(select(OutboxMessage).where(col(OutboxMessage.id).in_(ids))
                                 .order_by(col(OutboxMessage.id))).all())
    pending = list(rows)
    sent: list[int] = []
    try:
        with transport.connect() as connection:
            while pending:
                if _send_one(database, connection, settings, now, pending[0], report):
                    sent.append(pending[0].id or 0)
                pending.pop(0)
                if len(sent) >= SETTLE_EVERY:
                    _mark_sent(database, sent, now)
                    sent.clear()
    except DeliveryFailure as exc:
        # The server is unreachable or went away: nothing left in the batch is lost, it waits and is retried;
        # an outage does not count against a mail's attempts.
        _release(database, [r.id or 0 for r in pending], now, settings, exc.reason)
        report.retrying += len(pending)
    finally:
        _mark_sent(database, sent, now)


def _mark_sent(database: Database, ids: Sequence[int], now: datetime) -> None:
    if not ids:
        return
    with unit_of_work(database) as session:
        session.execute(sa.update(_T).where(_T.c.id.in_(ids), _T.c.status == OutboxStatus.SENDING.value)
                        .values(status=OutboxStatus.SENT.value, sent_at=now, last_error="", claimed_until=None))


def _send_one(database: Database, connection: Connection, settings: Settings, now: datetime,
              row: OutboxMessage, report: DeliveryReport) -> bool:
    """Send one row; True when the server accepted it (the caller records it as sent)."""
    try:
        link = None
        if PERSONAL_LINK in row.body_text:
            link = issue_personal_link(database, row.subject_ref, now, settings.base_url)
            if link is None:
                raise DeliveryFailure(note(OutboxNote.SUBJECT_GONE, subject=row.subject_ref), permanent=True)
        connection.send(to_email(row, settings.smtp_from, link), row.to_address)
    except DeliveryFailure as exc:
        if exc.connection_lost:
            raise
        with unit_of_work(database) as session:
            if exc.permanent or row.attempts >= settings.mail_max_attempts:
                _settle(session, row.id or 0, status=OutboxStatus.FAILED.value, last_error=exc.reason[:2000])
                report.failed += 1
            else:
                _settle(session, row.id or 0, status=OutboxStatus.QUEUED.value, last_error=exc.reason[:2000],
                        next_attempt_at=now + backoff(row.attempts, settings.mail_retry_base_seconds))
                report.retrying += 1
        return False
    if link is not None:
        personal_link_delivered(database, row.subject_ref, link, now)
    report.sent += 1
    return True


def _release(database: Database, ids: Sequence[int], now: datetime, settings: Settings, reason: str) -> None:
    if not ids:
        return
    with unit_of_work(database) as session:
        session.execute(
            sa.update(_T).where(_T.c.id.in_(ids), _T.c.status == OutboxStatus.SENDING.value)
            .values(status=OutboxStatus.QUEUED.value, claimed_until=None, attempts=_T.c.attempts - 1,
                    last_error=reason[:2000],
                    next_attempt_at=now + timedelta(seconds=settings.mail_retry_base_seconds)))


def retry(session: Session, row_id: int, now: datetime) -> OutboxMessage:
    """Put a failed or skipped mail back into the queue, due now, with a fresh count of attempts."""
    row = session.get(OutboxMessage, row_id)
    if row is None:
        raise NotFound(OutboxRefusal.NO_MAIL, mail=row_id)
    if row.status not in (OutboxStatus.FAILED, OutboxStatus.SKIPPED, OutboxStatus.QUEUED):
        raise InvalidInput(OutboxRefusal.NOT_RETRYABLE, mail=row_id, status=row.status)
    row.status, row.attempts, row.next_attempt_at = OutboxStatus.QUEUED, 0, require_aware(now)
    row.claimed_until = None
    session.add(row)
    return row
