"""Persisted transitions per second, beside a raw driver baseline on the same backend, in one run.

Each persisted transition is the real use case as an entry point runs it: ``unit_of_work`` around ``fire`` (load,
permission and guard checks, the reactions, the transition record, the version bump) and its one commit. The
baseline does the equivalent work with the bare driver: UPDATE the subject's state and version (checking the
version seen), INSERT the record, COMMIT, one transaction each:

- SQLite (the default: a file made for the run): raw ``sqlite3`` with the same pragmas, at synchronous=FULL and at
  synchronous=NORMAL, the service measured at the same setting; both alternate in short slices so that they see
  the same disk and machine load.
- PostgreSQL (``--database-url postgresql+psycopg://…`` naming an empty database, or ``--postgres`` for a throwaway
  server started like the test suite's): raw ``psycopg`` doing UPDATE + INSERT + COMMIT each.

It also counts round trips per transition (PostgreSQL: turns from sending to waiting in libpq's trace of the
connection; SQLite: the statements the driver ran, BEGIN and COMMIT included), runs ``--processes N`` writers on
different recommendations and reports their summed rate against one process, and fires in memory. Readable
figures first, then one JSON line with the load average beside them.
"""

import argparse
import json
import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

# Run as a script, this folder would come first on sys.path and this file would shadow the
# ``transitions`` library: put the repository root there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import sqlalchemy as sa  # noqa: E402

from bootstrap import bootstrap  # noqa: E402
from migrations import upgrade_to_head  # noqa: E402
from models.db import Database  # noqa: E402
from models.enums import OrganisationKind, Role  # noqa: E402
from models.groups import WorkingGroupCreate  # noqa: E402
from models.people import OrganisationCreate, Person, PersonCreate  # noqa: E402
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW  # noqa: E402
from workflow.engine.unit_of_work import unit_of_work  # noqa: E402
from workflow.network.directory import add_organisation, add_person, assign_role  # noqa: E402
from workflow.network.working_groups import convene_working_group  # noqa: E402
from workflow.recommendations.lifecycle import fire  # noqa: E402

RECS = 400  # recommendations per writer (service process or raw baseline)
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
SLICES = 12
TRACED = 200  # transitions whose round trips are counted


@dataclass
class Rate:
    count: int = 0
    seconds: float = 0.0

    @property
    def per_s(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


# --- the database ---------------------------------------------------------------------------------------------

def prepare(db: Database, writers: int) -> dict[str, int]:
    """A small cast and ``writers × RECS`` complete drafts (ids 1 … writers × RECS, as the table was empty)."""
    upgrade_to_head(db)
    with unit_of_work(db) as s:
        body = add_organisation(s, OrganisationCreate(name="Stadt", kind=OrganisationKind.CITY))
        sec = add_person(s, PersonCreate(name="Sekretariat", email="sek@example.org"))
        lead = add_person(s, PersonCreate(name="Leitung", email="lead@example.org"))
        assign_role(s, sec, Role.SECRETARIAT, date(2020, 1, 1))
        assign_role(s, sec, Role.CHAIR, date(2020, 1, 1))
        group = convene_working_group(s, WorkingGroupCreate(name="AG Bench", mandate="m", planned_member_count=5),
                                      sec, NOW)
        assign_role(s, lead, Role.WG_LEAD, date(2020, 1, 1), working_group_id=group.id)
        ids = {"lead": lead.id or 0, "sec": sec.id or 0, "group": group.id or 0, "body": body.id or 0}
    # The drafts in bulk: creating them is not what is measured. They carry numbers already (as drafts returned
    # after their first submission do): numbering happens once in a recommendation's life, not per transition.
    with db.engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO recommendation (number, title, text, rationale, working_group_id, state, version,"
            " revision_count, created_at, updated_at)"
            " VALUES (:number, :title, 'Text', 'Weil', :group, 'draft', 1, 1, :now, :now)"),
            [{"number": f"B-{i:05d}", "title": f"Empfehlung {i}", "group": ids["group"], "now": NOW}
             for i in range(writers * RECS)])
        conn.execute(sa.text("INSERT INTO recommendation_addressee (recommendation_id, organisation_id) "
                             "SELECT id, :org FROM recommendation"), {"org": ids["body"]})
    return ids


def actors(db: Database, ids: dict[str, int]) -> tuple[Person, Person]:
    """The lead (submits) and the secretariat (returns), as a signed-in entry point holds them."""
    with db.read() as s:
        lead, sec = s.get(Person, ids["lead"]), s.get(Person, ids["sec"])
        assert lead is not None and sec is not None
        return lead, sec


class ServiceWriter:
    """Alternates submit (lead) and return (secretariat) over its recommendations, one unit of work each."""

    def __init__(self, db: Database, ids: dict[str, int], first: int) -> None:
        self.db = db
        self.lead, self.sec = actors(db, ids)
        self.recs = list(range(first, first + RECS))
        self.submitted: set[int] = set()
        self.rate = Rate()

    def one(self) -> None:
        rec_id = self.recs[self.rate.count % len(self.recs)]
        with unit_of_work(self.db) as s:
            if rec_id in self.submitted:
                fire(s, rec_id, "return", actor=self.sec, now=NOW, comment="zurück")
                self.submitted.discard(rec_id)
            else:
                fire(s, rec_id, "submit", actor=self.lead, now=NOW)
                self.submitted.add(rec_id)
        self.rate.count += 1

    def run_for(self, seconds: float) -> None:
        start = time.perf_counter()
        deadline = start + seconds
        while time.perf_counter() < deadline:
            self.one()
        self.rate.seconds += time.perf_counter() - start


class RawWriter:
    """The same change with the bare driver: UPDATE state+version (version checked), INSERT the record, COMMIT."""

    UPDATE = ("UPDATE recommendation SET state={p}, version=version+1, updated_at={p} "
              "WHERE id={p} AND version={p}")
    INSERT = ("INSERT INTO transition_record (subject_kind, subject_id, event, from_state, to_state, actor_id,"
              " occurred_at, comment, revision) VALUES ('recommendation', {p}, {p}, {p}, {p}, {p}, {p}, {p}, 1)")

    def __init__(self, execute: Callable[[str, tuple[Any, ...]], int], commit: Callable[[], None], param: str,
                 first: int, actor: int, stamp: datetime | str) -> None:
        self.execute, self.commit = execute, commit
        self.update, self.insert = self.UPDATE.format(p=param), self.INSERT.format(p=param)
        self.recs = list(range(first, first + RECS))
        self.versions = dict.fromkeys(self.recs, 1)
        self.actor, self.stamp = actor, stamp
        self.rate = Rate()

    def one(self) -> None:
        rec_id = self.recs[self.rate.count % RECS]
        version = self.versions[rec_id]
        old, new, event = ("draft", "submitted", "submit") if version % 2 else ("submitted", "draft", "return")
        if self.execute(self.update, (new, self.stamp, rec_id, version)) != 1:
            raise RuntimeError("the raw baseline lost its own row")
        self.execute(self.insert, (rec_id, event, old, new, self.actor, self.stamp, ""))
        self.commit()
        self.versions[rec_id] = version + 1
        self.rate.count += 1

    def run_for(self, seconds: float) -> None:
        start = time.perf_counter()
        deadline = start + seconds
        while time.perf_counter() < deadline:
            self.one()
        self.rate.seconds += time.perf_counter() - start


def raw_sqlite(path: Path, synchronous: str, first: int, actor: int) -> tuple[RawWriter, sqlite3.Connection]:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "busy_timeout=5000", "foreign_keys=ON", f"synchronous={synchronous}"):
        conn.execute(f"PRAGMA {pragma}")

    def execute(sql: str, params: tuple[Any, ...]) -> int:
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")  # as the service's write transactions begin
        return conn.execute(sql, params).rowcount

    # The stamp as SQLAlchemy stores it in SQLite (naive UTC text).
    stamp = NOW.replace(tzinfo=None).isoformat(sep=" ")
    def commit() -> None:
        conn.execute("COMMIT")

    return RawWriter(execute, commit, "?", first, actor, stamp), conn


def raw_psycopg(url: str, first: int, actor: int) -> tuple[RawWriter, Any]:
    import psycopg  # why: only the PostgreSQL run needs the driver itself

    conn = psycopg.connect(sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))

    def execute(sql: str, params: tuple[Any, ...]) -> int:
        return conn.execute(sql, params).rowcount

    return RawWriter(execute, conn.commit, "%s", first, actor, NOW), conn


# --- round trips ----------------------------------------------------------------------------------------------

def count_round_trips(db: Database, ids: dict[str, int], first: int) -> float:
    """Round trips per persisted transition over ``TRACED`` transitions.

    PostgreSQL: libpq traces every message; each turn from sending to receiving is one wait on the socket.
    SQLite: there is no socket; every statement the driver runs (BEGIN and COMMIT included) is counted.
    """
    writer = ServiceWriter(db, ids, first)
    writer.recs = writer.recs[:10]  # so that the traced transitions are submits and returns in equal parts
    writer.one()  # warm: the first transition of a process compiles its statements
    with tracing(db) as turns:
        for _ in range(TRACED):
            writer.one()
        return turns() / TRACED


@contextmanager
def tracing(db: Database) -> Iterator[Callable[[], int]]:
    """Count round trips (PostgreSQL) or statements (SQLite) on ``db``'s connections inside the block."""
    db.dispose()  # new connections, so that each gets the tracing hook when it connects
    if db.is_sqlite:
        statements = [0]

        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.set_trace_callback(lambda _sql: statements.__setitem__(0, statements[0] + 1))

        sa.event.listen(db.engine, "connect", on_connect)
        try:
            yield lambda: statements[0]
        finally:
            sa.event.remove(db.engine, "connect", on_connect)
            db.dispose()
        return
    with tempfile.TemporaryFile("w+") as trace:
        from psycopg import pq  # why: only the PostgreSQL run traces libpq

        def on_pg_connect(dbapi_connection: Any, _record: Any) -> None:
            pgconn = dbapi_connection.pgconn
            pgconn.trace(trace.fileno())
            pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)

        def turns() -> int:
            db.dispose()  # closing the connections flushes libpq's trace
            trace.seek(0)
            return _turns(trace)

        sa.event.listen(db.engine, "connect", on_pg_connect)
        try:
            yield turns
        finally:
            sa.event.remove(db.engine, "connect", on_pg_connect)
            db.dispose()


# --- processes ------------------------------------------------------------------------------------------------

def _process(url: str, ids: dict[str, int], first: int, seconds: float, barrier: Any, results: Any) -> None:
    bootstrap()
    db = Database(url)
    writer = ServiceWriter(db, ids, first)
    writer.one()  # warm before the common start
    writer.rate = Rate()
    barrier.wait()
    writer.run_for(seconds)
    results.put((writer.rate.count, writer.rate.seconds))
    db.dispose()


def in_processes(url: str, ids: dict[str, int], processes: int, seconds: float, first_rec: int) -> Rate:
    """``processes`` writers started together on different recommendations; their summed rate."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes), context.Queue()
    children = [context.Process(target=_process, args=(url, ids, first_rec + i * RECS, seconds, barrier, results))
                for i in range(processes)]
    for child in children:
        child.start()
    counts = [results.get(timeout=seconds + 120) for _ in children]
    for child in children:
        child.join()
    return Rate(sum(c for c, _ in counts), max(s for _, s in counts)) if counts else Rate()


# --- in memory ------------------------------------------------------------------------------------------------

@dataclass
class Plain:
    state: str
    id: int = 1
    version: int = 1


def in_memory(seconds: float, apply: Callable[..., Any]) -> Rate:
    """Fires on plain objects, nothing persisted."""
    subjects = [Plain("draft") for _ in range(1000)]
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for subject in subjects:
            apply(subject, "submit" if subject.state == "draft" else "return")
        count += len(subjects)
    return Rate(count, time.perf_counter() - start)


def through_machine(subject: Any, event: str) -> None:
    RECOMMENDATION_WORKFLOW.fire_on_machine(subject, event)


# --- the runs -------------------------------------------------------------------------------------------------

def alternate(service: ServiceWriter, raw: RawWriter, seconds: float) -> None:
    for _ in range(SLICES):
        service.run_for(seconds / SLICES)
        raw.run_for(seconds / SLICES)


def sqlite_run(path: Path, seconds: float, processes: int) -> dict[str, Any]:
    url = f"sqlite:///{path}"
    writers = 4 + processes  # FULL, NORMAL, tracing, 1 process, N processes (raw copies take the same ids)
    db = Database(url)
    ids = prepare(db, writers)
    db.dispose()
    raw_path = path.with_name(path.stem + "-raw.db")
    shutil.copy(path, raw_path)
    out: dict[str, Any] = {"backend": "sqlite"}
    for n, synchronous in enumerate(("FULL", "NORMAL")):
        db = Database(url, sqlite_synchronous=synchronous)
        service = ServiceWriter(db, ids, 1 + n * RECS)
        service.one()
        service.rate = Rate()
        raw, conn = raw_sqlite(raw_path, synchronous, 1 + n * RECS, ids["sec"])
        alternate(service, raw, seconds)
        conn.close()
        db.dispose()
        key = synchronous.lower()
        out[f"service_{key}_per_s"], out[f"raw_{key}_per_s"] = service.rate.per_s, raw.rate.per_s
        out[f"ratio_{key}"] = service.rate.per_s / raw.rate.per_s
    db = Database(url)
    out["statements_per_transition"] = count_round_trips(db, ids, 1 + 2 * RECS)
    db.dispose()
    if processes > 1:
        one = in_processes(url, ids, 1, seconds, 1 + 3 * RECS)
        many = in_processes(url, ids, processes, seconds, 1 + 4 * RECS)
        out.update(one_process_per_s=one.per_s, processes=processes, processes_per_s=many.per_s,
                   processes_ratio=many.per_s / one.per_s)
    raw_path.unlink()
    return out


def postgres_run(url: str, seconds: float, processes: int) -> dict[str, Any]:
    writers = 5 + processes  # service, raw, tracing both, 1 process, N processes
    db = Database(url)
    ids = prepare(db, writers)
    service = ServiceWriter(db, ids, 1)
    service.one()
    service.rate = Rate()
    raw, conn = raw_psycopg(db.url, 1 + RECS, ids["sec"])
    alternate(service, raw, seconds)
    conn.close()
    out: dict[str, Any] = {"backend": "postgresql", "service_per_s": service.rate.per_s, "raw_per_s": raw.rate.per_s,
                           "ratio": service.rate.per_s / raw.rate.per_s}
    out["round_trips_per_transition"] = count_round_trips(db, ids, 1 + 2 * RECS)
    out["raw_round_trips_per_transition"] = _raw_round_trips(db.url, 1 + 3 * RECS, ids["sec"])
    db.dispose()
    if processes > 1:
        one = in_processes(db.url, ids, 1, seconds, 1 + 4 * RECS)
        many = in_processes(db.url, ids, processes, seconds, 1 + 5 * RECS)
        out.update(one_process_per_s=one.per_s, processes=processes, processes_per_s=many.per_s,
                   processes_ratio=many.per_s / one.per_s)
    return out


def _raw_round_trips(url: str, first: int, actor: int) -> float:
    """The baseline's round trips, counted the same way on rows of its own."""
    from psycopg import pq  # why: only the PostgreSQL run traces libpq

    raw, conn = raw_psycopg(url, first, actor)
    with tempfile.TemporaryFile("w+") as trace:
        conn.pgconn.trace(trace.fileno())
        conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        for _ in range(TRACED):
            raw.one()
        conn.close()
        trace.seek(0)
        return _turns(trace) / TRACED


def _turns(trace: Any) -> int:
    """Turns from sending to receiving in a libpq trace: each is one wait on the socket."""
    count, sending = 0, False
    for line in trace:
        if line[:1] == "F":
            sending = True
        elif line[:1] == "B" and sending:
            count, sending = count + 1, False
    return count


def profile_run(url: str, transitions: int) -> None:
    """CPU per persisted transition and cProfile's top entries (by own time), on one writer."""
    import cProfile  # why: only this option profiles
    import pstats

    db = Database(url)
    writer = ServiceWriter(db, prepare(db, 1), 1)
    for _ in range(50):
        writer.one()  # warm: statements compiled, pool filled
    started = time.process_time()
    for _ in range(transitions):
        writer.one()
    cpu = (time.process_time() - started) / transitions
    profiler = cProfile.Profile(time.process_time)  # CPU, not the wait on the disk
    profiler.enable()
    for _ in range(transitions):
        writer.one()
    profiler.disable()
    db.dispose()
    print(f"CPU per transition: {cpu * 1000:.3f} ms (unprofiled, {transitions} transitions)")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


@contextmanager
def database_url(args: argparse.Namespace) -> Iterator[str]:
    """The URL to measure on: the one given, a throwaway PostgreSQL server, or a fresh SQLite file."""
    if args.database_url:
        yield args.database_url
    elif args.postgres:
        from tests.support.postgres import throwaway_postgres  # why: the test suite's own throwaway server

        with throwaway_postgres() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory(prefix="recoflow-bench-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'app.db'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a SQLite file that does not exist yet, or an empty PostgreSQL "
                                               "database (default: a SQLite file in a temporary folder)")
    parser.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL server and use it")
    parser.add_argument("--processes", type=int, default=4, help="writer processes for the scaling figure")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each measurement")
    parser.add_argument("--profile", type=int, metavar="N", help="only profile N transitions on one writer "
                                                                  "(CPU per transition, cProfile's top entries)")
    args = parser.parse_args()
    bootstrap()  # the benchmark is an entry point: every reaction runs, as in the web app
    if args.profile:
        with database_url(args) as url:
            profile_run(url, args.profile)
        return
    with database_url(args) as url:
        if Database(url).is_sqlite:
            path = Path(sa.make_url(url).database or "")
            if path.exists():
                parser.error(f"{path} exists: name a SQLite file that does not exist yet")
            out = sqlite_run(path, args.seconds, args.processes)
        else:
            out = postgres_run(url, args.seconds, args.processes)
    memory = in_memory(args.seconds, RECOMMENDATION_WORKFLOW.apply)
    machine = in_memory(args.seconds, through_machine)
    out.update(inmemory_per_s=memory.per_s, machine_per_s=machine.per_s, loadavg=os.getloadavg())
    report(out)


def report(out: dict[str, Any]) -> None:
    if out["backend"] == "sqlite":
        for key in ("full", "normal"):
            print(f"SQLite synchronous={key.upper():6} service {out[f'service_{key}_per_s']:8,.0f}/s   raw sqlite3 "
                  f"{out[f'raw_{key}_per_s']:8,.0f}/s   ratio {out[f'ratio_{key}']:.2f} (target >= 0.5)")
        print(f"statements per transition (BEGIN and COMMIT included): {out['statements_per_transition']:.2f}")
    else:
        print(f"PostgreSQL service {out['service_per_s']:8,.0f}/s   raw psycopg {out['raw_per_s']:8,.0f}/s   "
              f"ratio {out['ratio']:.2f} (target >= 0.6)")
        print(f"round trips per transition: {out['round_trips_per_transition']:.2f} (target <= 5; raw psycopg: "
              f"{out['raw_round_trips_per_transition']:.2f})")
    if "processes_ratio" in out:
        print(f"{out['processes']} processes {out['processes_per_s']:8,.0f}/s   "
              f"1 process {out['one_process_per_s']:8,.0f}/s   "
              f"ratio {out['processes_ratio']:.2f} (target >= 1.5 on PostgreSQL)")
    print(f"in-memory fires (the engine's apply, rule table): {out['inmemory_per_s']:,.0f}/s (target >= 150,000); "
          f"through the transitions machine: {out['machine_per_s']:,.0f}/s")
    print(f"load average: {' '.join(f'{x:.2f}' for x in out['loadavg'])}")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}))


if __name__ == "__main__":
    main()
