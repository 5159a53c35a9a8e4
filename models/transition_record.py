"""The append-only record of every workflow transition."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import utc_column


# One fired event: who moved which subject from where to where, when, why, and in which meeting.
class TransitionRecord(SQLModel, table=True):
    __tablename__ = "transition_record"
    __table_args__ = (sa.Index("ix_transition_record_subject", "subject_kind", "subject_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    subject_kind: str = Field(max_length=32)
    subject_id: int
    event: str = Field(max_length=64)
    from_state: str = Field(max_length=32)
    to_state: str = Field(max_length=32)
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    occurred_at: datetime = Field(sa_column=utc_column())
    comment: str = ""
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    # The number of the text revision the event concerned (recommendations only).
    revision: int | None = None
