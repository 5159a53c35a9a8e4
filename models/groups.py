"""Topics and the working groups the strategy group convenes on them."""

from datetime import date, datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import one_of, utc_column, utcnow
from models.enums import WorkingGroupState


# A topic (Themenschwerpunkt) chosen by the strategy group.
class Topic(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    description: str = ""


# Fields of a working group that callers provide, validated.
class WorkingGroupCreate(SQLModel):
    name: str = Field(min_length=3, max_length=200)
    topic_id: int | None = None
    mandate: str = Field(min_length=1)
    planned_member_count: int = Field(ge=1, le=100)
    planned_end: date | None = None


_wg_version = sa.Column("version", sa.Integer, nullable=False, default=1)


# A working group (operative Arbeitsgruppe); its state follows the working-group workflow.
class WorkingGroup(SQLModel, table=True):
    __tablename__ = "working_group"
    __table_args__ = (one_of("state", WorkingGroupState),)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _wg_version}
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    topic_id: int | None = Field(default=None, foreign_key="topic.id")
    mandate: str = ""
    planned_member_count: int = 1
    planned_end: date | None = None
    state: str = Field(max_length=32, index=True)
    version: int = Field(default=1, sa_column=_wg_version)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
