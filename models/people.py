"""Organisations, people, the strategy group's seats and who holds which role."""

from datetime import date, datetime

import sqlalchemy as sa
from pydantic import field_validator
from sqlmodel import Field, SQLModel

from models.base import enum_type, one_of, utc_column, utcnow
from models.enums import Language, OrganisationKind, Role


def _stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


# Fields of an organisation that callers provide, validated (the mailbox by ``validate_email`` in the services).
class OrganisationCreate(SQLModel):
    name: str = Field(min_length=2, max_length=200)
    kind: OrganisationKind
    email: str | None = Field(default=None, max_length=254)
    short_name: str = Field(default="", max_length=50)
    address: str = Field(default="", max_length=500)
    phone: str = Field(default="", max_length=50)
    website: str = Field(default="", max_length=300)

    @field_validator("name", "short_name", "address", "phone", "website", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return _stripped(value)

    @field_validator("email", mode="before")
    @classmethod
    def _no_empty_mailbox(cls, value: object) -> object:
        return _stripped(value) or None


# Fields of an organisation that an edit changes; what is left out (None) stays as it is.
class OrganisationUpdate(SQLModel):
    name: str | None = Field(default=None, min_length=2, max_length=200)
    kind: OrganisationKind | None = None
    email: str | None = Field(default=None, max_length=254)
    short_name: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=500)
    phone: str | None = Field(default=None, max_length=50)
    website: str | None = Field(default=None, max_length=300)

    @field_validator("name", "email", "short_name", "address", "phone", "website", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return _stripped(value)


# An institution: ministry, association, district, city, municipality or other body. Together they are the
# directory of responsible bodies; ``email`` is the functional mailbox forwarded recommendations go to.
# A deactivated organisation keeps its history; one merged into another points to it.
class Organisation(SQLModel, table=True):
    __table_args__ = (one_of("kind", OrganisationKind),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    kind: OrganisationKind = Field(sa_type=enum_type(OrganisationKind))
    email: str | None = Field(default=None, max_length=254)
    short_name: str = Field(default="", max_length=50)
    address: str = Field(default="", max_length=500)
    phone: str = Field(default="", max_length=50)
    website: str = Field(default="", max_length=300)
    active: bool = Field(default=True, sa_column_kwargs={"server_default": sa.text("true")})
    merged_into_id: int | None = Field(default=None, foreign_key="organisation.id")
    created_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


# Fields of a person that callers provide, validated (the email by ``validate_email`` in the services).
class PersonCreate(SQLModel):
    name: str = Field(min_length=2, max_length=200)
    email: str = Field(max_length=254)
    organisation_id: int | None = None
    language: Language = Language.DE
    phone: str = Field(default="", max_length=50)
    function: str = Field(default="", max_length=200)

    @field_validator("name", "phone", "function", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return _stripped(value)

    @field_validator("email")
    @classmethod
    def _lowercase(cls, value: str) -> str:
        return value.strip().lower()


# Fields of a person that an edit changes; what is left out (None) stays as it is. ``organisation_id`` 0 means
# "no organisation" (None cannot, as it means "unchanged").
class PersonUpdate(SQLModel):
    name: str | None = Field(default=None, min_length=2, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    organisation_id: int | None = None
    language: Language | None = None
    phone: str | None = Field(default=None, max_length=50)
    function: str | None = Field(default=None, max_length=200)

    @field_validator("name", "email", "phone", "function", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return _stripped(value)


# A person who may sign in or receive mail; emails are stored lower-case. A person who leaves is deactivated
# (``active`` false, ``left_at`` set): their history stays, their accounts and links stop working. A duplicate
# merged into another person points to the one that remains.
class Person(SQLModel, table=True):
    __table_args__ = (one_of("language", Language),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    email: str = Field(max_length=254, sa_column_kwargs={"unique": True})
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    language: Language = Field(default=Language.DE, sa_type=enum_type(Language))
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    phone: str = Field(default="", max_length=50)
    function: str = Field(default="", max_length=200)
    left_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    merged_into_id: int | None = Field(default=None, foreign_key="person.id")


# One of the ordinary seats of the strategy group. Category and sub-kind are codes of the network's configured
# composition (``network_profile.composition``; by default the categories and sub-kinds of ``models.enums``).
class Seat(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, sa_column_kwargs={"unique": True})
    category: str = Field(max_length=32)
    subkind: str = Field(default="none", max_length=32)
    label: str = Field(max_length=200)


# A role held by a person from a start date, optionally until an end date; scoped to a group or a seat.
class RoleAssignment(SQLModel, table=True):
    __tablename__ = "role_assignment"
    __table_args__ = (
        sa.Index("ix_role_assignment_person_role", "person_id", "role"),
        one_of("role", Role),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    role: Role = Field(sa_type=enum_type(Role))
    working_group_id: int | None = Field(default=None, foreign_key="working_group.id")
    seat_id: int | None = Field(default=None, foreign_key="seat.id")
    starts_on: date
    ends_on: date | None = None
    # Who gave and who ended the role, and when (the record of the change is in ``change_record``).
    assigned_by_id: int | None = Field(default=None, foreign_key="person.id")
    assigned_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    ended_by_id: int | None = Field(default=None, foreign_key="person.id")
    ended_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    def active_on(self, day: date) -> bool:
        """Whether the assignment is in force on ``day``."""
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
