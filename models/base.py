"""Shared column types and conventions for all tables."""

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import Enum, StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import SQLModel

# Constraint names Alembic can rely on, on SQLite (batch mode) and PostgreSQL alike.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.TypeDecorator[datetime]):
    """An instant stored in UTC; refuses naive datetimes so local times never slip in unconverted."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime (UTC or local with zone)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def enum_type(enum_cls: type[StrEnum]) -> sa.Enum:
    """A portable enum column storing the member *values* as plain strings (no native PostgreSQL ENUM)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


_PLAIN_VALUE = re.compile(r"[a-z][a-z0-9_]*")


def one_of(column: str, values: type[StrEnum] | Iterable[str]) -> sa.CheckConstraint:
    """A CHECK constraint ``ck_<table>_<column>`` that lets ``column`` hold only ``values`` (or NULL, if nullable).

    Tables pass their enum, so the models always describe the enum as it is; a migration passes the values frozen
    as they were, so a test comparing the database's constraints with the models notices an enum that grew without
    a migration.
    """
    allowed = tuple(v.value if isinstance(v, StrEnum) else v for v in values)
    for value in allowed:
        if not _PLAIN_VALUE.fullmatch(value):
            raise ValueError(f"{value!r} is not a plain lower-case code")
    listed = ", ".join(f"'{value}'" for value in allowed)
    # The name is the column: the naming convention makes it ck_<table>_<column>.
    return sa.CheckConstraint(f"{column} IN ({listed})", name=column, info={"column": column, "values": allowed})


def utc_column(nullable: bool = False, **kwargs: Any) -> Any:
    """A column for an instant in UTC."""
    return sa.Column(UTCDateTime(), nullable=nullable, **kwargs)


def utcnow() -> datetime:
    """The current instant in UTC (for defaults only; services receive ``now`` explicitly)."""
    return datetime.now(UTC)


def json_value(value: Any) -> Any:
    """A value as JSON holds it: instants and days in ISO 8601, enumerations by value, tuples and lists as lists."""
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value
