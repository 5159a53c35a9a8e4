"""The network's own profile (one row) and the record of every change to its directory and settings."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import utc_column

PROFILE_ID = 1


# Who the network is and how its public website speaks: name, contact, time zone, languages, the number prefix of
# its recommendations, its legally required pages (Impressum, Datenschutzerklärung, Barrierefreiheitserklärung)
# and the composition of its deciding body. One row (id 1); ``version`` guards concurrent edits.
class NetworkProfile(SQLModel, table=True):
    __tablename__ = "network_profile"
    id: int = Field(default=PROFILE_ID, primary_key=True)
    name: str = Field(max_length=200)
    short_name: str = Field(default="", max_length=50)
    address: str = Field(default="", max_length=500)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=50)
    website: str = Field(default="", max_length=300)
    timezone: str = Field(default="Europe/Berlin", max_length=64)
    # Comma-separated language codes the network offers, the first being its default ("de,en").
    languages: str = Field(default="de,en", max_length=50)
    number_prefix: str = Field(default="HE", max_length=10)
    imprint: str = ""
    privacy_policy: str = ""
    accessibility_statement: str = ""
    # The deciding body's seat categories and seats (see workflow.network.composition); null: the default.
    composition: dict[str, Any] | None = Field(default=None, sa_column=sa.Column(sa.JSON, nullable=True))
    # A one-time code printed by ``init`` that opens the first-run page from any address, as its SHA-256 digest.
    setup_code_hash: str | None = Field(default=None, max_length=64)
    setup_code_expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    updated_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    version: int = 1


# One change to the network's directory or settings (a person, an organisation, a role, a membership, the
# profile): who made it, when, why, and which fields changed from what to what. Append-only at the database level,
# like the transition record of the workflows.
class ChangeRecord(SQLModel, table=True):
    __tablename__ = "change_record"
    __table_args__ = (sa.Index("ix_change_record_subject", "subject_kind", "subject_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    subject_kind: str = Field(max_length=32)
    subject_id: int
    action: str = Field(max_length=64)
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    occurred_at: datetime = Field(sa_column=utc_column())
    comment: str = ""
    # {field: [before, after]} for edits; the values given for creations.
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False))
