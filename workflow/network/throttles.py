"""Throttles of guessing (sign-in passwords, personal links) counted in the database, so that every web worker and
every parallel request sees the same count.

One statement per attempt: an upsert that increments the key's count (or starts a new window) and returns it. No
read-then-write, so parallel attempts cannot lose counts or collide on the key; the count each attempt gets back
is its place in the window, and only attempts within the limit go on to the expensive or guessable part.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from models.accounts import LoginThrottle
from models.base import UTCDateTime
from workflow.engine.clock import require_aware


@dataclass(frozen=True)
class Count:
    """An attempt's place in its key's window, and until when the key is locked (None: not locked)."""

    count: int
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        """Whether the key was locked when this attempt was counted."""
        return self.locked_until is not None and self.locked_until > now


def _at(value: datetime) -> sa.BindParameter[datetime]:
    return sa.literal(value, UTCDateTime())


def count_attempt(session: Session, key: str, *, lock_at: int, window: timedelta, lock_for: timedelta,
                  now: datetime) -> Count:
    """Count one attempt of ``key`` atomically; the attempt that brings the count to ``lock_at`` within the window
    locks the key for ``lock_for``. A window ends ``window`` after its first attempt, unless the key is locked."""
    now = require_aware(now)
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    expired = sa.and_(table.c.window_started_at <= _at(now - window),
                      sa.or_(table.c.locked_until.is_(None), table.c.locked_until <= _at(now)))
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    first = insert(table).values(key=key, failures=1, window_started_at=now,
                                 locked_until=now + lock_for if lock_at <= 1 else None)
    statement = first.on_conflict_do_update(index_elements=[table.c.key], set_={
        "failures": sa.case((expired, 1), else_=table.c.failures + 1),
        "window_started_at": sa.case((expired, _at(now)), else_=table.c.window_started_at),
        "locked_until": sa.case(
            (expired, sa.null()),
            (table.c.failures + 1 == lock_at, _at(now + lock_for)),
            else_=table.c.locked_until),
    }).returning(table.c.failures, table.c.locked_until)
    row = session.execute(statement).one()
    return Count(count=row.failures, locked_until=row.locked_until)


def take_back(session: Session, key: str, *, lock_at: int) -> None:
    """Un-count one attempt of ``key`` that turned out not to be a guess (a right password, a valid link); when
    that attempt was the one that locked the key and none was refused since, the lock goes too."""
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    session.execute(sa.update(table).where(table.c.key == key, table.c.failures > 0).values(
        failures=table.c.failures - 1,
        locked_until=sa.case((table.c.failures <= lock_at, sa.null()), else_=table.c.locked_until)))


def forget(session: Session, key: str) -> None:
    """Start ``key`` afresh (a person who signed in is no longer being guessed at)."""
    session.execute(sa.delete(LoginThrottle).where(col(LoginThrottle.key) == key))


def locked_until(session: Session, key: str, now: datetime) -> datetime | None:
    """Until when ``key`` is locked, or None when it is not (a read; counting is ``count_attempt``)."""
    until = session.exec(select(LoginThrottle.locked_until).where(LoginThrottle.key == key)).first()
    return until if until is not None and until > require_aware(now) else None
