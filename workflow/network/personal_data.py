"""Where the database holds personal data about a person, found by walking the tables' metadata, and the export of
all of it (DSGVO Art. 15 and 20: a copy in a machine-readable format).

A table holds data about a person when one of its columns points to ``person.id`` (ballots cast, records written,
mails queued, terms held, …) or holds their address (``email``, ``…_email``, ``to_address``), or — the sign-in
throttles — is keyed by it. The walk reads the metadata, so a table added later is exported without a change here.
Secrets are never exported: columns named ``…_hash`` (password hashes, digests of tokens) are left out, and so
are bytes derived from a row's exported text (a mail's prepared wire bytes).
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

import models  # noqa: F401  (registers every table, so the walk sees them all)
from models.base import json_value
from models.people import Person

EXPORT_FORMAT = "recoflow.personal-data/1"
# Keys of the sign-in and forgotten-password throttles: "<kind>:<address>".
THROTTLE_TABLE, THROTTLE_KEY = "login_throttle", "key"


@dataclass(frozen=True)
class PersonalColumn:
    """One column that names a person: by their id (``by`` "id") or by their address (``by`` "email")."""

    table: str
    column: str
    by: str


def is_secret(column: sa.Column[Any]) -> bool:
    """Whether a column is left out of the export: a secret's digest, or bytes derived from the row's own text
    columns (a mail's prepared wire bytes repeat its exported subject and bodies)."""
    return column.name.endswith("_hash") or isinstance(column.type, sa.LargeBinary)


def is_address(column: sa.Column[Any]) -> bool:
    """Whether a column holds an email address."""
    return column.name in ("email", "to_address") or column.name.endswith("_email")


def personal_columns() -> list[PersonalColumn]:
    """Every column of every table that points to a person or holds an address, in the metadata's order."""
    found: list[PersonalColumn] = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "person" and fk.column.name == "id" for fk in column.foreign_keys):
                found.append(PersonalColumn(table.name, column.name, "id"))
            elif table.name != "person" and is_address(column):
                found.append(PersonalColumn(table.name, column.name, "email"))
    found.append(PersonalColumn(THROTTLE_TABLE, THROTTLE_KEY, "key"))
    return found


def condition(table: sa.Table, personal: PersonalColumn, person: Person) -> sa.ColumnElement[bool]:
    """The rows of ``table`` that ``personal`` ties to ``person``."""
    column = table.c[personal.column]
    if personal.by == "id":
        return column == person.id
    if personal.by == "key":
        return column.endswith(":" + person.email.lower(), autoescape=True)
    return sa.func.lower(column) == person.email.lower()


def _rows(session: Session, person: Person) -> Iterator[tuple[str, dict[str, Any]]]:
    tables = SQLModel.metadata.tables
    by_table: dict[str, list[PersonalColumn]] = {}
    for personal in personal_columns():
        by_table.setdefault(personal.table, []).append(personal)
    for name, columns in by_table.items():
        table = tables[name]
        shown = [c for c in table.columns if not is_secret(c)]
        match = sa.or_(*(condition(table, p, person) for p in columns))
        if name == "change_record":  # what the directory's record says about the person, whoever wrote it
            match = sa.or_(match, sa.and_(table.c.subject_kind == "person", table.c.subject_id == person.id))
        order = list(table.primary_key.columns)
        for row in session.execute(sa.select(*shown).where(match).order_by(*order)).mappings():
            yield name, {key: json_value(value) for key, value in row.items()}


def personal_data(session: Session, person: Person, now: datetime) -> dict[str, Any]:
    """Everything the database holds about ``person``, as JSON-ready data: their own row, then every row of every
    table that names them, grouped by table."""
    table = SQLModel.metadata.tables["person"]
    own = session.execute(sa.select(*(c for c in table.columns if not is_secret(c)))
                          .where(table.c.id == person.id)).mappings().one()
    grouped: dict[str, list[dict[str, Any]]] = {}
    for name, row in _rows(session, person):
        grouped.setdefault(name, []).append(row)
    return {"format": EXPORT_FORMAT, "exported_at": json_value(now),
            "person": {key: json_value(value) for key, value in own.items()},
            "tables": grouped,
            "tables_searched": sorted({p.table for p in personal_columns()})}


def personal_data_json(session: Session, person: Person, now: datetime) -> str:
    """The export as a JSON document (UTF-8 text, German letters as they are)."""
    return json.dumps(personal_data(session, person, now), ensure_ascii=False, indent=2, sort_keys=False)
