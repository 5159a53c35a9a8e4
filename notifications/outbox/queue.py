"""Putting mails into the outbox inside the caller's transaction: rendered and made into bytes now, sent later, never
twice."""

import hashlib
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from config import Settings, get_settings
from models.enums import Language
from models.network import PROFILE_ID, NetworkProfile
from models.outbox import OutboxMessage, OutboxStatus
from models.people import Organisation
from notifications.compose.kinds import MessageKind
from notifications.compose.rendering import Attachment, MessageRenderer, RenderedMessage
from notifications.compose.wire import MailContent, prepare_mail
from notifications.outbox.notes import OutboxNote
from notifications.outbox.notes import note as coded_note
from workflow.engine.clock import require_aware
from workflow.network.profile import FALLBACK_NAME, apply_profile
from workflow.reminders.plan import Recipient


@lru_cache(maxsize=8)
def _renderer(network_name: str, base_url: str, timezone: str, genitive: str = "") -> MessageRenderer:
    from zoneinfo import ZoneInfo

    return MessageRenderer(network_name, base_url, ZoneInfo(timezone), genitive)


def renderer_for(settings: Settings) -> MessageRenderer:
    """The (cached) renderer configured by ``settings``."""
    return _renderer(settings.network_name or FALLBACK_NAME, settings.base_url, settings.timezone,
                     settings.network_name_genitive)


def _salutes_office(session: Session, recipient: Recipient) -> bool:
    """Whether a mail goes to a body without a named contact person ("Sehr geehrte Damen und Herren,")."""
    if recipient.organisation_id is None or recipient.person_id is not None:
        return False
    body = session.get(Organisation, recipient.organisation_id)
    return body is None or recipient.name.strip() == body.name.strip()


def message_id_for(dedupe_key: str, sender: str) -> str:
    """A Message-ID derived from the deduplication key: the same mail keeps the same id across retries."""
    domain = sender.rsplit("@", 1)[-1].rstrip(">").strip() or "recoflow.invalid"
    return f"<{hashlib.sha256(dedupe_key.encode()).hexdigest()[:40]}@{domain}>"


def already_enqueued(session: Session, dedupe_key: str) -> bool:
    """Whether a mail with this key exists (in this transaction or committed)."""
    return session.exec(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)).first() is not None


def enqueue(
    session: Session,
    *,
    kind: MessageKind,
    recipient: Recipient,
    context: Mapping[str, Any],
    dedupe_key: str,
    now: datetime,
    subject_ref: str = "",
    planned_for: datetime | None = None,
    attachments: tuple[Attachment, ...] = (),
    status: OutboxStatus = OutboxStatus.QUEUED,
    note: str = "",
    settings: Settings | None = None,
) -> bool:
    """Render one mail and add it to the outbox in the caller's transaction (no commit).

    Idempotent by ``dedupe_key``: returns False and adds nothing when the key exists, even when another
    transaction inserts it concurrently. A rolled-back transaction leaves no mail behind.
    """
    now = require_aware(now)
    if already_enqueued(session, dedupe_key):
        return False
    if settings is None:
        # Mails speak in the network's name as its saved profile has it (read once per transaction).
        profile = session.get(NetworkProfile, PROFILE_ID)
        settings = apply_profile(get_settings(), profile) if profile is not None else get_settings()
    language = recipient.language if recipient.language in ("de", "en") else "de"
    context = {**context, "recipient_name": recipient.name, "salute_office": _salutes_office(session, recipient),
               # A body is written to as the addressee of a recommendation, not as someone who takes part.
               "to_body": recipient.organisation_id is not None and recipient.person_id is None}
    try:
        rendered = renderer_for(settings).render(kind, language, context, attachments)
    except Exception as exc:  # a mail that cannot be rendered fails alone, not the change that causes it
        rendered = RenderedMessage(kind, Language(language), kind.value, "", "", ())
        status, note = OutboxStatus.FAILED, coded_note(OutboxNote.NOT_COMPOSED,
                                                       error=f"{type(exc).__name__}: {exc}"[:500])
    message_id = message_id_for(dedupe_key, settings.smtp_from)
    stored_attachments = [a.as_dict() for a in rendered.attachments]
    prepared = None
    if status is not OutboxStatus.FAILED:
        try:
            prepared = prepare_mail(MailContent(
                recipient.address, recipient.name, rendered.subject[:300], message_id, now, kind.value, language,
                rendered.text, rendered.html, stored_attachments))
        except Exception:  # the sender tries again when it sends the mail, and records why it cannot
            prepared = None
    row = {
        "dedupe_key": dedupe_key, "kind": kind.value, "subject_ref": subject_ref,
        "to_address": recipient.address, "to_name": recipient.name, "person_id": recipient.person_id,
        "organisation_id": recipient.organisation_id, "language": Language(language),
        "subject": rendered.subject[:300], "body_text": rendered.text, "body_html": rendered.html,
        "attachments": stored_attachments, "prepared": prepared,
        "message_id": message_id, "status": status, "attempts": 0,
        "planned_for": planned_for, "next_attempt_at": now, "last_error": note, "created_at": now,
    }
    table: Any = OutboxMessage.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # ON CONFLICT DO NOTHING: two schedulers racing on the same reminder insert it once, and neither fails.
    result = session.execute(insert(table).values(**row).on_conflict_do_nothing(index_elements=["dedupe_key"]))
    return bool(getattr(result, "rowcount", 0))


def mail_by_key(session: Session, dedupe_key: str) -> OutboxMessage | None:
    """The mail enqueued with ``dedupe_key``, if any."""
    return session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)).first()


def last_outbox_id(session: Session) -> int:
    """The id of the newest mail (0 for an empty outbox)."""
    return int(session.exec(select(sa.func.max(OutboxMessage.id))).one() or 0)


def skip_queued_before(session: Session, cutoff: datetime, note: str, *, after_id: int = 0) -> int:
    """Record each mail still queued, newer than ``after_id`` and caused before ``cutoff`` as skipped (no commit)."""
    table: Any = OutboxMessage.__table__  # type: ignore[attr-defined]
    result = session.execute(sa.update(table).where(table.c.status == OutboxStatus.QUEUED.value,
                                                    table.c.id > after_id,
                                                    table.c.created_at < require_aware(cutoff))
                             .values(status=OutboxStatus.SKIPPED.value, last_error=note))
    return int(getattr(result, "rowcount", 0))


def outbox_rows(session: Session, status: OutboxStatus | None = None, limit: int = 200) -> list[OutboxMessage]:
    """Outbox rows, newest first, optionally of one status."""
    query = select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    return list(session.exec(query).all())
