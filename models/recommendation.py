"""Recommendations (Handlungsempfehlungen), their numbered text revisions and proposed addressees."""

from datetime import datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from pydantic import field_validator
from sqlmodel import Field, SQLModel

from models.base import one_of, utc_column, utcnow
from models.enums import RecommendationState


def _stripped(value: str) -> str:
    return value.strip()


# The text fields a working group writes; shared by create and edit.
class RecommendationText(SQLModel):
    title: str = Field(min_length=3, max_length=300)
    text: str = Field(min_length=1, max_length=100_000)
    rationale: str = Field(default="", max_length=100_000)

    _strip = field_validator("title", "text", "rationale")(_stripped)


# What a caller provides to create a recommendation, validated.
class RecommendationCreate(RecommendationText):
    working_group_id: int
    addressee_ids: list[int] = Field(default_factory=list)


# A partial edit of a draft, validated; ``None`` leaves a field as it is.
class RecommendationUpdate(SQLModel):
    title: str | None = Field(default=None, min_length=3, max_length=300)
    text: str | None = Field(default=None, min_length=1, max_length=100_000)
    rationale: str | None = Field(default=None, max_length=100_000)
    addressee_ids: list[int] | None = None

    _strip = field_validator("title", "text", "rationale")(lambda v: v.strip() if v is not None else v)


_rec_version = sa.Column("version", sa.Integer, nullable=False, default=1)


# A recommendation row; ``state`` is the only workflow state and ``version`` guards against lost updates.
class Recommendation(SQLModel, table=True):
    # Lists show the latest change first and work queues the oldest first: both walk these indexes and stop
    # after one page instead of sorting every row (with its text) on each request.
    __table_args__ = (sa.Index("ix_recommendation_updated", "updated_at", "id"),
                      sa.Index("ix_recommendation_state_updated", "state", "updated_at", "id"),
                      # The public list by number, filtered by state, from the index alone.
                      sa.Index("ix_recommendation_number_state", "number", "state"),
                      one_of("state", RecommendationState))
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _rec_version}
    id: int | None = Field(default=None, primary_key=True)
    number: str | None = Field(default=None, max_length=32, sa_column_kwargs={"unique": True})
    title: str = Field(max_length=300)
    text: str
    rationale: str = ""
    working_group_id: int = Field(foreign_key="working_group.id", index=True)
    state: str = Field(max_length=32, index=True)
    version: int = Field(default=1, sa_column=_rec_version)
    revision_count: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


# An organisation the working group proposes as addressee of a recommendation.
class RecommendationAddressee(SQLModel, table=True):
    __tablename__ = "recommendation_addressee"
    recommendation_id: int = Field(foreign_key="recommendation.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)


# A saved state of the text: revision 1 is the text as created, each edit adds the next number.
class Revision(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "number", name="uq_revision_rec_number"),)
    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    number: int
    title: str = Field(max_length=300)
    text: str
    rationale: str = ""
    author_id: int | None = Field(default=None, foreign_key="person.id")
    comment: str = ""
    created_at: datetime = Field(sa_column=utc_column())


# The last running count given out per number prefix and year (HE-2026-007 → ("HE", 2026, 7)): a submission takes
# the next one with a single UPDATE … RETURNING, which concurrent writers wait on instead of colliding.
class NumberCounter(SQLModel, table=True):
    __tablename__ = "number_counter"
    prefix: str = Field(max_length=16, primary_key=True)
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = 0
