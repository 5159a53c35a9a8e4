"""Rows as plain snapshots, written back with an optimistic-lock UPDATE.

The workflow engine fires on a snapshot of a subject's row rather than on the ORM entity: loading and writing
back through two prepared Core statements is several times cheaper than the ORM's unit of work, and the
conditional UPDATE (``WHERE id = :id AND version = :seen``) is the same lost-update protection the ORM's
version column gives.
"""

from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import object_session
from sqlmodel import Session

from models.prepared import Prepared


class RowSnapshot:
    """The column values of one row at load time; attribute changes are what ``write_back`` saves."""

    def __init__(self, model: type[Any], values: dict[str, Any]) -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_loaded", values)
        for key, value in values.items():
            object.__setattr__(self, key, value)

    @property
    def model(self) -> type[Any]:
        """The table model the row belongs to."""
        return self._model

    def __getattr__(self, name: str) -> Any:
        # Only reached for names that are not columns: say which table lacks them.
        raise AttributeError(f"{self._model.__name__} has no column {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)

    def has(self, column: str) -> bool:
        """Whether the row has ``column``."""
        return column in self._loaded

    def changes(self) -> dict[str, Any]:
        """Columns whose value differs from the one loaded."""
        return {k: getattr(self, k) for k, v in self._loaded.items() if getattr(self, k) != v}

    def __repr__(self) -> str:
        return f"<{self._model.__name__} snapshot id={getattr(self, 'id', None)}>"


@cache
def _select_by_id(table: sa.Table) -> Prepared:
    return Prepared(sa.select(table).where(table.c.id == sa.bindparam("row_id")))


@cache
def _update_if_unchanged(table: sa.Table) -> Prepared:
    # The SET clause comes from the parameter names; compiled forms are kept per column set.
    return Prepared(sa.update(table).where(table.c.id == sa.bindparam("_row_id"),
                                           table.c.version == sa.bindparam("_seen")))


def load_snapshot(connection: sa.Connection, model: type[Any], row_id: int) -> RowSnapshot | None:
    """The row's current values, or ``None`` when there is no such row."""
    table: sa.Table = model.__table__
    row = _select_by_id(table).run(connection, {"row_id": row_id}).first()
    return RowSnapshot(model, dict(zip(table.columns.keys(), row, strict=True))) if row is not None else None


def write_back(session: Session, connection: sa.Connection, snapshot: RowSnapshot) -> bool:
    """Save the snapshot's changes and bump its version, if nobody changed the row since it was loaded."""
    table: sa.Table = snapshot.model.__table__
    seen = snapshot._loaded["version"]
    values = {**snapshot.changes(), "version": seen + 1, "_row_id": snapshot.id, "_seen": seen}
    if _update_if_unchanged(table).run(connection, values).rowcount != 1:
        return False
    _written(session, snapshot, seen)
    return True


def write_back_and_insert(
    session: Session, connection: sa.Connection, snapshot: RowSnapshot, record: sa.Table, values: dict[str, Any]
) -> tuple[bool, int | None]:
    """``write_back``, then insert ``values`` into ``record`` only if it saved; returns (saved, the new row's id).

    On PostgreSQL both go to the server as one statement (an UPDATE in a WITH clause feeding the INSERT): one
    round trip instead of two, and no record when the version check fails.
    """
    if connection.dialect.name != "postgresql":
        if not write_back(session, connection, snapshot):
            return False, None
        return True, _insert(record).run(connection, values).lastrowid
    table: sa.Table = snapshot.model.__table__
    seen = snapshot._loaded["version"]
    changes = {**snapshot.changes(), "version": seen + 1}
    statement = _update_then_insert(table, tuple(changes), record, tuple(values))
    params = {**{f"_set_{k}": v for k, v in changes.items()}, **{f"_rec_{k}": v for k, v in values.items()},
              "_row_id": snapshot.id, "_seen": seen}
    row = statement.run(connection, params).first()
    if row is None:
        return False, None
    _written(session, snapshot, seen)
    return True, row[0]


def _written(session: Session, snapshot: RowSnapshot, seen: int) -> None:
    object.__setattr__(snapshot, "version", seen + 1)
    if not session.identity_map:
        return
    # An entity of the same row already loaded in this session is now stale: reload it on next access.
    key = sa.inspect(snapshot.model).identity_key_from_primary_key([snapshot.id])
    entity = session.identity_map.get(key)
    if entity is not None and object_session(entity) is session:
        session.expire(entity)


@cache
def _insert(record: sa.Table) -> Prepared:
    return Prepared(sa.insert(record))


@cache
def _update_then_insert(
    table: sa.Table, columns: tuple[str, ...], record: sa.Table, record_columns: tuple[str, ...]
) -> Prepared:
    changed = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("_row_id"), table.c.version == sa.bindparam("_seen"))
        .values({c: sa.bindparam(f"_set_{c}", type_=table.c[c].type) for c in columns})
        .returning(table.c.id)
        .cte("changed")
    )
    # Typed parameters: an untyped NULL in a SELECT list would reach an integer column as text.
    source = sa.select(*(sa.cast(sa.bindparam(f"_rec_{c}", type_=record.c[c].type), record.c[c].type)
                         for c in record_columns)).select_from(changed)
    return Prepared(
        sa.insert(record).add_cte(changed).from_select(list(record_columns), source).returning(record.c.id))
