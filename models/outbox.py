"""The transactional outbox: every email is a row written with the change that causes it, sent later."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.mutable import MutableList
from sqlmodel import Field, SQLModel

from models.base import enum_type, one_of, utc_column, utcnow
from models.enums import Language


class OutboxStatus(StrEnum):
    """Where one email stands on its way out."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


# One rendered email to one recipient; ``dedupe_key`` makes enqueueing idempotent, ``message_id`` is stable
# across retries so that a mail sent twice after a crash is recognisable as the same mail.
class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    __table_args__ = (sa.Index("ix_outbox_message_due", "status", "next_attempt_at"),
                      one_of("language", Language), one_of("status", OutboxStatus))
    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=300, sa_column_kwargs={"unique": True})
    kind: str = Field(max_length=40, index=True)
    # What the mail is about, e.g. "meeting:3" or "recommendation:7".
    subject_ref: str = Field(default="", max_length=80, index=True)
    to_address: str = Field(max_length=254)
    to_name: str = Field(default="", max_length=200)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    language: Language = Field(default=Language.DE, sa_type=enum_type(Language))
    subject: str = Field(max_length=300)
    body_text: str
    body_html: str
    # A list of {"filename", "content_type", "content"} with text content (calendar entries).
    attachments: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=sa.Column(MutableList.as_mutable(sa.JSON()), nullable=False))
    message_id: str = Field(max_length=200)
    # The mail as it goes on the wire but its From line, with the personal link as a placeholder: made once when
    # queued, so that sending streams it (None for mails queued before, or that could not be put together).
    prepared: bytes | None = Field(default=None, sa_column=sa.Column(sa.LargeBinary(), nullable=True))
    status: OutboxStatus = Field(default=OutboxStatus.QUEUED, sa_type=enum_type(OutboxStatus))
    attempts: int = 0
    # The instant a reminder was planned for (None for mails caused directly by a change).
    planned_for: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    next_attempt_at: datetime = Field(sa_column=utc_column())
    # While ``sending``: the claim expires at this instant and another sender may take the row over.
    claimed_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    # While ``sending``: who holds the claim ("host:pid:token"), so that a sender on the same host can see that
    # the holder died and take the mail over at once instead of waiting for the lease.
    claimed_by: str | None = Field(default=None, max_length=120)
    last_error: str = ""
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


# What the network last announced to calendars for a meeting: the .ics SEQUENCE, the start it named and
# whether a CANCEL went out. A moved meeting is detected by comparing its start with ``announced_start``.
class MeetingAnnouncement(SQLModel, table=True):
    __tablename__ = "meeting_announcement"
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    sequence: int = 0
    announced_start: datetime = Field(sa_column=utc_column())
    cancelled: bool = False
    updated_at: datetime = Field(sa_column=utc_column())
