"""Counting the SQL statements a piece of work runs, and the rows they fetch: pages and read models pin theirs so
they do not grow with data."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

from models.db import Database
from tests.support.factories import World


@contextmanager
def counting(world: World) -> Iterator[list[str]]:
    """Collect the statements run on the world's database inside the block."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith("BEGIN"):  # SQLite's explicit BEGIN is no query
            statements.append(statement)

    event.listen(world.db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(world.db.engine, "before_cursor_execute", count)


class _CountingCursor:
    """A DBAPI cursor that counts the rows fetched through it (everything else is the cursor's own)."""

    def __init__(self, cursor: Any, fetched: list[int]) -> None:
        self._cursor, self._fetched = cursor, fetched

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def fetchone(self) -> Any:
        row = self._cursor.fetchone()
        self._fetched[0] += row is not None
        return row

    def fetchmany(self, *args: Any) -> Any:
        rows = self._cursor.fetchmany(*args)
        self._fetched[0] += len(rows)
        return rows

    def fetchall(self) -> Any:
        rows = self._cursor.fetchall()
        self._fetched[0] += len(rows)
        return rows


@dataclass
class Reads:
    """The statements run and the rows fetched inside a ``reading`` block."""

    statements: list[str] = field(default_factory=list)
    fetched: list[int] = field(default_factory=lambda: [0])

    @property
    def rows(self) -> int:
        """How many rows the database handed over."""
        return self.fetched[0]


@contextmanager
def reading(db: Database) -> Iterator[Reads]:
    """Collect the statements run on ``db`` inside the block and count the rows they fetched: a page whose
    statements stay constant may still load every row of a table."""
    reads = Reads()

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith("BEGIN"):
            reads.statements.append(statement)

    def after(_conn: Any, _cursor: Any, _statement: str, _parameters: Any, context: Any, _many: bool) -> None:
        # The result reads its rows from the context's cursor after this event: count them on the way out.
        if context is not None and context.cursor is not None:
            context.cursor = _CountingCursor(context.cursor, reads.fetched)

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        yield reads
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
