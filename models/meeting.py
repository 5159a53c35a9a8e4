"""Strategy-group meetings and written procedures (the calendar the workflow refers to)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import enum_type, one_of, utc_column, utcnow
from models.enums import MeetingKind, MeetingStatus


# A strategy-group meeting, or a written procedure with a deadline instead of a date.
class Meeting(SQLModel, table=True):
    __table_args__ = (one_of("kind", MeetingKind), one_of("status", MeetingStatus))
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    kind: MeetingKind = Field(default=MeetingKind.MEETING, sa_type=enum_type(MeetingKind))
    starts_at: datetime = Field(sa_column=utc_column())
    # Meetings may give an end; a written procedure's ``starts_at`` is its deadline.
    ends_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    location: str = ""
    online_url: str = ""
    status: MeetingStatus = Field(default=MeetingStatus.PLANNED, sa_type=enum_type(MeetingStatus))
    # Counts changes of date or status, so calendar entries (.ics SEQUENCE) replace the earlier ones.
    sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
