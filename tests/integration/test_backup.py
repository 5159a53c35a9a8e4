"""``recoflow backup`` while the app writes, and ``recoflow restore`` into a fresh database: the restored rows are
those of the backup, table by table, and a backup taken mid-write holds whole transactions only."""

import json
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from migrations import upgrade_to_head
from models.db import Database
from models.recommendation import RecommendationCreate
from tests.support.factories import World, build_world
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import create_recommendation

ROOT = Path(__file__).resolve().parents[2]


def recoflow(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a separate process, as an operator runs it beside the app."""
    environment = {**os.environ, "RECOFLOW_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cli", *args], env=environment, capture_output=True, text=True,
                          check=False, timeout=300)


def rows_of_every_table(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    with database.engine.connect() as conn:
        tables = sorted(t for t in sa.inspect(conn).get_table_names() if t != "apscheduler_jobs")
        return {t: sorted(tuple(_hashable(v) for v in r) for r in conn.execute(sa.text(f'SELECT * FROM "{t}"')).all())
                for t in tables}


def _hashable(value: Any) -> Any:
    # JSON columns come back as dicts and lists on PostgreSQL.
    return json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value


class Writer:
    """The running app: drafts written one transaction each (a recommendation with its first revision)."""

    def __init__(self, world: World) -> None:
        self.world, self.written, self.stop = world, 0, threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self) -> None:
        while not self.stop.is_set():
            with unit_of_work(self.world.db) as session:
                create_recommendation(session, RecommendationCreate(
                    title=f"Entwurf {self.written}", text="Text", working_group_id=self.world.group.id or 0),
                    self.world.lead, self.world.now)
            self.written += 1

    def __enter__(self) -> "Writer":
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=60)


def _whole_transactions_only(rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """Every recommendation in the copy has its first revision, and every revision its recommendation."""
    recommendations = {r[0] for r in rows["recommendation"]}
    revised = {r[1] for r in rows["revision"]}
    assert recommendations == revised


def _backup_during_writes_then_restore(world: World, fresh_url: str, tmp_path: Path, name: str) -> None:
    during, after = tmp_path / f"during.{name}", tmp_path / f"after.{name}"
    with Writer(world) as writer:
        while writer.written < 20:
            threading.Event().wait(0.05)
        taken = recoflow(world.db.url, "backup", str(during))
        before_stop = writer.written
    assert taken.returncode == 0, taken.stderr
    assert writer.written > before_stop or writer.written >= 20
    print(f"\nbackup ({name}) taken while {writer.written} drafts were written; {during.stat().st_size} bytes")
    # A copy taken mid-write restores into a fresh database with whole transactions only.
    restored = recoflow(fresh_url, "restore", str(during))
    assert restored.returncode == 0, restored.stderr
    fresh = Database(fresh_url)
    try:
        mid = rows_of_every_table(fresh)
        _whole_transactions_only(mid)
        source = rows_of_every_table(world.db)
        assert 20 <= len(mid["recommendation"]) <= len(source["recommendation"])
        assert all(set(mid[t]) <= set(source[t]) for t in mid)
        # Once the writes stopped, a backup restored over it (forced) has exactly the source's rows.
        assert recoflow(world.db.url, "backup", str(after)).returncode == 0
        refused = recoflow(fresh_url, "restore", str(after))
        assert refused.returncode != 0 and "already holds data" in refused.stderr
        assert recoflow(fresh_url, "restore", str(after), "--force").returncode == 0
        assert rows_of_every_table(fresh) == rows_of_every_table(world.db)
    finally:
        fresh.dispose()


def test_a_sqlite_backup_during_writes_restores_into_a_fresh_file_row_for_row(sqlite_database: Database,
                                                                              now: datetime, tmp_path: Path) -> None:
    world = build_world(sqlite_database, now)
    _backup_during_writes_then_restore(world, f"sqlite:///{tmp_path / 'fresh' / 'recoflow.db'}", tmp_path, "db")


@pytest.fixture
def fresh_postgres(postgres_database: Database) -> Any:
    """A second, empty database on the same throwaway server."""
    url = sa.make_url(postgres_database.url)
    name = f"{url.database}_restore"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.mark.postgres
def test_a_postgresql_backup_during_writes_restores_into_a_fresh_database_row_for_row(
        postgres_database: Database, fresh_postgres: str, now: datetime, tmp_path: Path) -> None:
    from tests.conftest import _truncate_all

    _truncate_all(postgres_database)
    world = build_world(postgres_database, now)
    _backup_during_writes_then_restore(world, fresh_postgres, tmp_path, "dump")


def test_restore_refuses_a_file_that_is_no_backup_of_this_kind(sqlite_database: Database, tmp_path: Path) -> None:
    upgrade_to_head(sqlite_database)
    bogus = tmp_path / "notes.txt"
    bogus.write_text("no backup")
    refused = recoflow(sqlite_database.url, "restore", str(bogus))
    assert refused.returncode != 0 and refused.stderr.startswith("Error:") and "not an SQLite backup" in refused.stderr
