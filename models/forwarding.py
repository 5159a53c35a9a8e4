"""After the vote: forwardings to responsible bodies, their personal links, implementation reports and reviews."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import enum_type, one_of, utc_column


class ForwardingState(StrEnum):
    """Where one body stands with one forwarded recommendation (``pending`` only inside the forwarding's
    own transaction, before it is sent)."""

    PENDING = "pending"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    REPORTING = "reporting"
    REPORTED = "reported"


class ReportStatus(StrEnum):
    """What a body says about its implementation of a recommendation."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    NOT_IMPLEMENTED = "not_implemented"
    NOT_RESPONSIBLE = "not_responsible"


# Statuses that leave the work open: the forwarding is still "reporting" after them.
INTERIM_STATUSES = frozenset({ReportStatus.NOT_STARTED, ReportStatus.IN_PROGRESS})


class ReviewOutcome(StrEnum):
    """How a review round ended."""

    IMPLEMENTED = "implemented"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    NOT_IMPLEMENTED = "not_implemented"
    FOLLOW_UP = "follow_up"


_fwd_version = sa.Column("version", sa.Integer, nullable=False, default=1)


# One recommendation sent to one responsible body; its state follows the forwarding workflow.
class Forwarding(SQLModel, table=True):
    __tablename__ = "forwarding"
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "organisation_id", name="uq_forwarding_rec_org"),
                      one_of("state", ForwardingState))
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _fwd_version}
    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    state: str = Field(max_length=32, index=True)
    version: int = Field(default=1, sa_column=_fwd_version)
    forwarded_at: datetime = Field(sa_column=utc_column())
    forwarded_by_id: int | None = Field(default=None, foreign_key="person.id")
    # Set when the body was named by another body that answered "not responsible".
    referred_by_id: int | None = Field(default=None, foreign_key="forwarding.id")
    acknowledged_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    # The body's contact person (personal data: never in public summaries).
    contact_name: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=64)


# A personal link for one forwarding; only the SHA-256 of the random token is stored.
class ForwardingToken(SQLModel, table=True):
    __tablename__ = "forwarding_token"
    id: int | None = Field(default=None, primary_key=True)
    forwarding_id: int = Field(foreign_key="forwarding.id", index=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    created_at: datetime = Field(sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_by_id: int | None = Field(default=None, foreign_key="person.id")


# One report of a body on its implementation; reports form a timeline and are never changed.
class ImplementationReport(SQLModel, table=True):
    __tablename__ = "implementation_report"
    __table_args__ = (one_of("status", ReportStatus),)
    id: int | None = Field(default=None, primary_key=True)
    forwarding_id: int = Field(foreign_key="forwarding.id", index=True)
    status: ReportStatus = Field(sa_type=enum_type(ReportStatus))
    text: str = ""
    # The date the body gives for its report (e.g. the date of its letter).
    report_date: date
    filed_at: datetime = Field(sa_column=utc_column())
    # The secretariat member who entered a report received by letter; None when filed through the link.
    filed_by_id: int | None = Field(default=None, foreign_key="person.id")
    # With "not responsible": the body it should go to instead (from the directory, or a name).
    suggested_organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    suggested_body: str = Field(default="", max_length=200)


# One round of review: the meeting where the reports are reviewed, and how the round ended.
class ReviewRound(SQLModel, table=True):
    __tablename__ = "review_round"
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "number", name="uq_review_round_rec_number"),
                      # The dashboard's overdue reports: open rounds by meeting, without reading every round.
                      sa.Index("ix_review_round_open", "concluded_at", "meeting_id"),
                      one_of("outcome", ReviewOutcome))
    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    number: int
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    opened_at: datetime = Field(sa_column=utc_column())
    started_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    # The newest report that was gathered when the review started (the snapshot put on the agenda).
    last_report_id: int | None = Field(default=None, foreign_key="implementation_report.id")
    concluded_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    outcome: ReviewOutcome | None = Field(default=None, sa_type=enum_type(ReviewOutcome), nullable=True)
    note: str = ""
