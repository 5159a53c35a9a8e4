"""Counting the SQL statements a piece of work runs: pages and read models pin theirs so they do not grow with data."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

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
