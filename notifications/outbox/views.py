"""The outbox as the secretariat sees it: mails by status with their delivery state, one mail's text, and retries."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from models.outbox import OutboxMessage, OutboxStatus
from models.people import Person
from notifications.outbox.delivery import retry
from notifications.outbox.refusals import OutboxRefusal
from workflow.engine.errors import NotFound
from workflow.engine.read_model import ReadModel
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

# Mails the page offers to send again: those given up on (a queued mail is retried by the scheduler anyway).
RETRY_OFFERED = frozenset({OutboxStatus.FAILED, OutboxStatus.SKIPPED})
_LIST_COLUMNS = (OutboxMessage.id, OutboxMessage.kind, OutboxMessage.to_address, OutboxMessage.to_name,
                 OutboxMessage.subject, OutboxMessage.status, OutboxMessage.attempts, OutboxMessage.next_attempt_at,
                 OutboxMessage.sent_at, OutboxMessage.planned_for, OutboxMessage.last_error,
                 OutboxMessage.created_at)


# One mail of the outbox list, without its body.
class OutboxLine(ReadModel):
    id: int
    kind: str
    to_address: str
    to_name: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    planned_for: datetime | None
    last_error: str
    created_at: datetime
    retry_offered: bool


# The newest mails, the number of mails of each status, how many there are in all and how many are shown at most.
class OutboxListing(ReadModel):
    rows: list[OutboxLine]
    counts: dict[str, int]
    total: int
    limit: int


# One mail with its subject, text part and the names of its attachments.
class OutboxMail(ReadModel):
    id: int
    kind: str
    to_address: str
    to_name: str
    language: str
    subject: str
    body_text: str
    status: str
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    planned_for: datetime | None
    last_error: str
    message_id: str
    created_at: datetime
    attachments: list[str]
    retry_offered: bool


def _row(values: Any) -> OutboxLine:
    row = dict(values._mapping)
    status = OutboxStatus(row["status"])
    return OutboxLine.model_validate({**row, "status": status.value, "retry_offered": status in RETRY_OFFERED})


def outbox_listing(session: Session, status: OutboxStatus | None = None, limit: int = 100,
                   offset: int = 0) -> OutboxListing:
    """The newest mails (optionally of one status, from the ``offset``-th on) without their bodies, and how many
    there are of each status."""
    query = (sa.select(*(col(c) for c in _LIST_COLUMNS)).order_by(col(OutboxMessage.id).desc())
             .offset(offset).limit(limit))
    if status is not None:
        query = query.where(col(OutboxMessage.status) == status)
    rows = [_row(r) for r in session.execute(query).all()]
    counts = {OutboxStatus(s).value: int(n) for s, n in session.exec(
        select(OutboxMessage.status, func.count()).group_by(col(OutboxMessage.status))).all()}
    return OutboxListing(rows=rows, counts={s.value: counts.get(s.value, 0) for s in OutboxStatus},
                         total=sum(counts.values()), limit=limit)


def outbox_mail(session: Session, mail_id: int) -> OutboxMail:
    """One mail with its subject, text part and the names of its attachments."""
    row = session.get(OutboxMessage, mail_id)
    if row is None:
        raise NotFound(OutboxRefusal.NO_MAIL, mail=mail_id)
    return OutboxMail(id=row.id or 0, kind=row.kind, to_address=row.to_address, to_name=row.to_name,
                      language=row.language.value, subject=row.subject, body_text=row.body_text,
                      status=row.status.value, attempts=row.attempts, next_attempt_at=row.next_attempt_at,
                      sent_at=row.sent_at, planned_for=row.planned_for, last_error=row.last_error,
                      message_id=row.message_id, created_at=row.created_at,
                      attachments=[a.get("filename", "") for a in row.attachments],
                      retry_offered=row.status in RETRY_OFFERED)


def retry_mail(session: Session, mail_id: int, *, actor: Person, now: datetime) -> OutboxMessage:
    """Queue a failed or skipped mail again, due now; only the secretariat may."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.SEND_MAILS_AGAIN, now)
    return retry(session, mail_id, now)
