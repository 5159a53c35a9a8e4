"""Engines and sessions: SQLite tuned for safe concurrent writes, or PostgreSQL."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
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


class SQLiteDialect(SQLiteDialect_pysqlite):
    """pysqlite that emits BEGIN itself: BEGIN IMMEDIATE on connections lent to a write session.

    A write takes the write lock up front: a read-then-write under a deferred BEGIN loses updates with
    "database is locked" when two writers overlap. Doing this in the dialect rather than in an engine "begin"
    listener matters for speed: any engine listener makes SQLAlchemy dispatch events around every statement.
    """

    # Only do_begin differs from pysqlite, so statements compile and cache exactly as there.
    supports_statement_cache = True

    def do_begin(self, dbapi_connection: Any) -> None:
        """Start the transaction the way the connection's current borrower asked for."""
        immediate = dbapi_connection.info.get(_WRITE_OPTION, False)
        dbapi_connection.dbapi_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")


registry.register("sqlite.recoflow", __name__, "SQLiteDialect")


def _configure_sqlite(engine: Engine, busy_timeout_ms: int, synchronous: str) -> None:
    @event.listens_for(engine.pool, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # BEGIN is emitted by SQLiteDialect.do_begin, not by the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()


# A connection back in the pool for longer than this is pinged before it is lent again (HikariCP's default is 0.5 s).
PING_AFTER_IDLE_SECONDS = 1.0
_CHECKED_IN = "recoflow_checked_in"


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled server connection before lending it, unless it was in use a moment ago.

    A ping on every checkout (``pool_pre_ping``) is one more round trip per unit of work; a connection used within
    the last second almost surely still stands, and one the driver already knows to be closed is replaced at once.
    """

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[_CHECKED_IN] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if getattr(dbapi_connection, "closed", False):
            raise sa.exc.DisconnectionError("the connection was closed")
        checked_in = record.info.get(_CHECKED_IN)
        if checked_in is None or time.monotonic() - checked_in < PING_AFTER_IDLE_SECONDS:
            return  # new, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise sa.exc.DisconnectionError(str(exc)) from exc


class WriteSession(Session):
    """The session of one unit of work, on a connection of its own that Core statements may use directly.

    The transition path runs prepared statements on ``core_connection()``: it begins the connection's transaction
    without the ORM's transaction bookkeeping (a SessionTransaction, its snapshot, its close), which costs more than
    the statements themselves. ORM work later in the same unit joins that transaction; ``commit`` and ``rollback``
    end both, so a caller sees one transaction either way.
    """

    def __init__(self, connection: sa.Connection) -> None:
        super().__init__(bind=connection, expire_on_commit=False)
        self._core = connection

    def core_connection(self) -> sa.Connection:
        """The unit of work's connection inside its transaction (begun here when nothing began it yet)."""
        connection = self._core
        if not connection.in_transaction():
            connection.begin()
        return connection

    def commit(self) -> None:
        """Flush and commit the ORM's work and whatever ran on the core connection."""
        if self.in_transaction():
            super().commit()  # commits the connection too, unless it joined a transaction begun without it
        if self._core.in_transaction():
            self._core.commit()

    def rollback(self) -> None:
        """Roll back the ORM's work and whatever ran on the core connection."""
        super().rollback()
        if self._core.in_transaction():
            self._core.rollback()

    def close(self) -> None:
        """Close the ORM's side; a session that never began nor holds an object has nothing to let go of."""
        if self.in_transaction() or len(self.identity_map):
            super().close()


def core_connection(session: Session) -> sa.Connection:
    """The connection of ``session``'s transaction, for Core statements; cheapest on a unit of work's session."""
    if isinstance(session, WriteSession):
        return session.core_connection()
    return session.connection()


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
        driver_url = parsed.set(drivername="sqlite+recoflow") if self.is_sqlite else parsed
        self.engine = sa.create_engine(driver_url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(self.engine, busy_timeout_ms, sqlite_synchronous)
        else:
            _ping_when_idle(self.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one unit of work; the service commits, anything uncommitted is rolled back."""
        with self.engine.connect() as connection:
            # The flag lives on the pooled connection, so it is cleared before the connection goes back.
            info = connection.connection.info
            info[_WRITE_OPTION] = True
            try:
                with WriteSession(connection) as session:
                    try:
                        yield session
                    except BaseException:
                        session.rollback()
                        raise
            finally:
                info.pop(_WRITE_OPTION, None)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
