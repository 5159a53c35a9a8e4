"""Who sends which mail: a sender claims one due mail right before sending it, holds it for a short lease, and a mail
whose sender died is taken over (at once on the same host, after the lease elsewhere).

A claim names its holder as ``host:pid:token``. Claiming one mail at a time means a sender that dies holds at most
the one mail in flight; nothing it never attempted waits for its lease.
"""

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from workflow.engine.clock import require_aware
from workflow.engine.unit_of_work import unit_of_work

# The default lease: two ticks of the scheduler's delivery job (``mail_claim_lease_seconds`` sets it).
CLAIM_LEASE = timedelta(minutes=2)

_T: Any = OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Claimer:
    """One delivery run of one process on one host."""

    host: str
    pid: int
    token: str

    @classmethod
    def here(cls) -> "Claimer":
        """A fresh claimer for a delivery run of this process."""
        return cls(socket.gethostname()[:60], os.getpid(), secrets.token_hex(6))

    @classmethod
    def parse(cls, text: str | None) -> "Claimer | None":
        """The claimer stored as ``text``; None when it is not one."""
        host, _, rest = (text or "").rpartition(":")
        host, _, pid = host.rpartition(":")
        return cls(host, int(pid), rest) if host and pid.isdigit() else None

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}:{self.token}"

    def is_dead(self) -> bool:
        """Whether this claimer is a process on this host that no longer runs (elsewhere: unknown, so False)."""
        if self.host != socket.gethostname()[:60]:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        try:  # a killed child its parent has not reaped yet is a zombie: dead, though kill(pid, 0) succeeds
            with open(f"/proc/{self.pid}/stat") as stat:
                return stat.read().rpartition(")")[2].split()[0] == "Z"
        except (OSError, IndexError):
            return False


def _due(now: datetime, lease_now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(
        sa.and_(_T.c.status == OutboxStatus.QUEUED.value, _T.c.next_attempt_at <= now),
        sa.and_(_T.c.status == OutboxStatus.SENDING.value, _T.c.claimed_until < lease_now),
    )


def claim_batch(database: Database, now: datetime, limit: int, *, claimer: Claimer | None = None,
                lease: timedelta = CLAIM_LEASE, lease_now: datetime | None = None,
                mail_id: int | None = None) -> list[int]:
    """Mark up to ``limit`` due rows (or just mail ``mail_id``) as ``sending`` for ``claimer`` until
    ``lease_now + lease`` and return their ids; concurrent claimers never share a row."""
    with unit_of_work(database) as session:
        return claim_in(session, now, limit, claimer=claimer or Claimer.here(), lease=lease, lease_now=lease_now,
                        mail_id=mail_id)


def _bound(name: str, column: str) -> Any:
    return sa.bindparam(name, type_=_T.c[column].type)


@lru_cache(maxsize=8)
def _claim_statements(limit: int, by_id: bool) -> tuple[Any, Any]:
    """The two statements of a claim, built once: a sender runs them for every mail it sends."""
    due = _due(_bound("due_now", "next_attempt_at"), _bound("lease_now", "claimed_until"))
    candidates = sa.select(_T.c.id).where(due)
    if by_id:
        candidates = candidates.where(_T.c.id == _bound("mail_id", "id"))
    # Two statements: the candidates locked first (FOR UPDATE SKIP LOCKED: on PostgreSQL a second claimer takes
    # the next free row instead of waiting for this one and then finding nothing; SQLite runs writers one at a
    # time, BEGIN IMMEDIATE, and ignores it), then exactly those updated. In one UPDATE with
    # ``id IN (subquery LIMIT n)`` PostgreSQL may run the subquery again per row and claim more than n.
    candidates = (candidates.order_by(_T.c.next_attempt_at, _T.c.id).limit(limit)
                  .with_for_update(skip_locked=True))
    claim = (sa.update(_T).where(_T.c.id.in_(sa.bindparam("chosen", expanding=True))).where(due)
             .values(status=OutboxStatus.SENDING.value, claimed_until=_bound("claim_until", "claimed_until"),
                     claimed_by=_bound("claim_by", "claimed_by"), attempts=_T.c.attempts + 1)
             .returning(_T.c.id))
    return candidates, claim


def claim_in(session: Session, now: datetime, limit: int, *, claimer: Claimer, lease: timedelta = CLAIM_LEASE,
             lease_now: datetime | None = None, mail_id: int | None = None) -> list[int]:
    """``claim_batch`` in the caller's transaction (no commit)."""
    now = require_aware(now)
    lease_now = require_aware(lease_now or now)
    candidates, claim = _claim_statements(limit, mail_id is not None)
    connection = session.connection()
    chosen = [row[0] for row in connection.execute(candidates, {"due_now": now, "lease_now": lease_now,
                                                                "mail_id": mail_id})]
    if not chosen:
        return []
    claimed = connection.execute(claim, {"chosen": chosen, "due_now": now, "lease_now": lease_now,
                                         "claim_until": lease_now + lease, "claim_by": str(claimer)})
    return sorted(row[0] for row in claimed)


def take_over_abandoned(database: Database, now: datetime) -> int:
    """Put back into the queue, due now, every mail held by a process of this host that died; how many.

    Its attempt stays counted: the dead sender may have handed it over already (the one possible duplicate).
    """
    with database.read() as session:
        held = session.execute(sa.select(_T.c.id, _T.c.claimed_by).where(
            _T.c.status == OutboxStatus.SENDING.value, _T.c.claimed_by.is_not(None))).all()
    dead = [(row_id, by) for row_id, by in held if (claimer := Claimer.parse(by)) is not None and claimer.is_dead()]
    if not dead:
        return 0
    taken = 0
    with unit_of_work(database) as session:
        for row_id, by in dead:
            result = session.execute(
                sa.update(_T).where(_T.c.id == row_id, _T.c.claimed_by == by,
                                    _T.c.status == OutboxStatus.SENDING.value)
                .values(status=OutboxStatus.QUEUED.value, claimed_by=None, claimed_until=None,
                        next_attempt_at=require_aware(now)))
            taken += int(getattr(result, "rowcount", 0))
    return taken


def settle(database: Database, row_id: int, claimer: Claimer, **values: Any) -> bool:
    """Record the outcome of a claimed mail in its own short transaction; False when the claim was lost."""
    with unit_of_work(database) as session:
        return settle_in(session, row_id, claimer, **values)


def settle_in(session: Session, row_id: int, claimer: Claimer, **values: Any) -> bool:
    """Record the outcome of a claimed mail in the caller's transaction; False when the claim was lost."""
    if any(isinstance(value, sa.ClauseElement) for value in values.values()):
        result = session.execute(_settle(tuple(values)).values(**values),
                                 {"row_id": row_id, "holder": str(claimer)})
    else:  # the common case, a sent mail: a statement built once per set of columns
        result = session.connection().execute(
            _settle_plain(tuple(sorted(values))),
            {"row_id": row_id, "holder": str(claimer), **{f"set_{k}": v for k, v in values.items()}})
    return bool(getattr(result, "rowcount", 0))


def _settle(columns: tuple[str, ...]) -> Any:
    # Only the claimer settles its row: a row retaken after an expired lease is left to the new claimer.
    return (sa.update(_T).where(_T.c.id == _bound("row_id", "id"), _T.c.status == OutboxStatus.SENDING.value,
                                _T.c.claimed_by == _bound("holder", "claimed_by"))
            .values(claimed_until=None, claimed_by=None))


@lru_cache(maxsize=16)
def _settle_plain(columns: tuple[str, ...]) -> Any:
    return _settle(columns).values({column: _bound(f"set_{column}", column) for column in columns})


def release(database: Database, row_id: int, claimer: Claimer, *, due: datetime, reason: str,
            count_attempt: bool) -> None:
    """Give a claimed mail back to the queue, due at ``due``; its attempt counts only if it was tried."""
    values: dict[str, Any] = {"status": OutboxStatus.QUEUED.value, "last_error": reason[:2000],
                              "next_attempt_at": due}
    if not count_attempt:
        values["attempts"] = _T.c.attempts - 1
    settle(database, row_id, claimer, **values)


def release_all_of(database: Database, claimer: Claimer, now: datetime) -> None:
    """Give back whatever ``claimer`` still holds (a run that stopped on an unexpected error), due now."""
    with unit_of_work(database) as session:
        session.execute(sa.update(_T).where(_T.c.status == OutboxStatus.SENDING.value,
                                            _T.c.claimed_by == str(claimer))
                        .values(status=OutboxStatus.QUEUED.value, claimed_by=None, claimed_until=None,
                                next_attempt_at=require_aware(now)))


def postpone_due(database: Database, now: datetime, until: datetime, reason: str) -> None:
    """The mail system is down: every due queued mail waits until ``until``, showing why (no attempt counted)."""
    with unit_of_work(database) as session:
        session.execute(sa.update(_T).where(_T.c.status == OutboxStatus.QUEUED.value,
                                            _T.c.next_attempt_at <= require_aware(now))
                        .values(next_attempt_at=until, last_error=reason[:2000]))


@dataclass(frozen=True)
class Waiting:
    """What keeps mails from going out now: others' claims, and retries not yet due."""

    held: int = 0
    held_until: datetime | None = None
    waiting: int = 0
    next_attempt_at: datetime | None = None


def waiting(database: Database, now: datetime) -> Waiting:
    """How many mails another sender holds (and until when at the latest), and how many wait for a later attempt."""
    with database.read() as session:
        held, until = session.execute(sa.select(sa.func.count(), sa.func.max(_T.c.claimed_until))
                                      .where(_T.c.status == OutboxStatus.SENDING.value)).one()
        later, first = session.execute(sa.select(sa.func.count(), sa.func.min(_T.c.next_attempt_at))
                                       .where(_T.c.status == OutboxStatus.QUEUED.value,
                                              _T.c.next_attempt_at > require_aware(now))).one()
    return Waiting(int(held), until, int(later), first)
