"""A persisted transition costs a fixed, small number of statements (SQLite) or round trips (PostgreSQL).

SQLite counts what its driver runs, BEGIN and COMMIT included; PostgreSQL counts each turn from sending to
waiting in libpq's trace of the connection. A change that adds a query to the hot path fails here.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from tests.support.factories import World
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire

# submit: BEGIN, the one read, UPDATE, INSERT, COMMIT; return adds its reaction's DELETE from agendas ahead.
SQLITE_STATEMENTS = {"submit": 5, "return": 6}
# The version-checked UPDATE and the record's INSERT go as one statement; BEGIN is a round trip of its own.
POSTGRES_ROUND_TRIPS = {"submit": 4, "return": 5}


@contextmanager
def counting(world: World) -> Iterator[list[int]]:
    """Count statements (SQLite) or round trips (PostgreSQL) on connections made inside the block."""
    db, count = world.db, [0]
    db.dispose()
    if db.is_sqlite:
        def hook(conn: Any, _record: Any) -> None:
            conn.set_trace_callback(lambda _sql: count.__setitem__(0, count[0] + 1))
        sa.event.listen(db.engine.pool, "connect", hook)
        try:
            yield count
        finally:
            sa.event.remove(db.engine.pool, "connect", hook)
            db.dispose()
        return
    from psycopg import pq

    with tempfile.TemporaryFile("w+") as trace:
        def pg_hook(conn: Any, _record: Any) -> None:
            conn.pgconn.trace(trace.fileno())
            conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        sa.event.listen(db.engine.pool, "connect", pg_hook)
        try:
            yield count
        finally:
            sa.event.remove(db.engine.pool, "connect", pg_hook)
            db.dispose()  # closing the connection flushes the trace
            trace.seek(0)
            sending = False
            for line in trace:
                if line[:1] == "F":
                    sending = True
                elif line[:1] == "B" and sending:
                    count[0], sending = count[0] + 1, False


def _fire(world: World, rec_id: int, event: str) -> None:
    with unit_of_work(world.db) as s:
        if event == "submit":
            fire(s, rec_id, "submit", actor=world.lead, now=world.now)
        else:
            fire(s, rec_id, "return", actor=world.secretariat, now=world.now, comment="Bitte ergänzen")


def test_a_transition_costs_a_fixed_number_of_statements_or_round_trips(world: World) -> None:
    rec = world.recommendation()
    assert rec.id is not None
    _fire(world, rec.id, "submit")  # the first submission numbers it: that happens once in its life
    _fire(world, rec.id, "return")
    expected = SQLITE_STATEMENTS if world.db.is_sqlite else POSTGRES_ROUND_TRIPS
    for event in ("submit", "return"):
        with counting(world) as count:
            _fire(world, rec.id, event)
        assert count[0] == expected[event], event
    assert world.reload(rec).state == "draft"
