"""Engines and sessions: SQLite tuned for safe concurrent writes, or PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

_WRITE_OPTION = "recoflow_write"


def normalise_url(url: str) -> str:
    """Spell PostgreSQL URLs with the psycopg 3 driver explicitly."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_file(url: sa.URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _configure_sqlite(engine: Engine, busy_timeout_ms: int, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself, so that write sessions can ask for BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # A write takes the write lock up front: a read-then-write under a deferred BEGIN loses
        # updates with "database is locked" when two writers overlap.
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        # Straight to the driver: this runs once per transaction and needs none of SQLAlchemy's statement handling.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[union-attr]


class Database:
    """The database of one deployment: an engine, and sessions for reading or for one unit of work."""

    def __init__(self, url: str, *, busy_timeout_ms: int = 5000, sqlite_synchronous: str = "FULL") -> None:
        self.url = normalise_url(url)
        parsed = sa.make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            path = _sqlite_file(parsed)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = sa.create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(self.engine, busy_timeout_ms, sqlite_synchronous)
        self._write_engine = self.engine.execution_options(**{_WRITE_OPTION: True})

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one unit of work; the service commits, anything uncommitted is rolled back."""
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
