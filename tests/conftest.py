"""Shared fixtures: a fixed clock, and a fresh database per test on the SQLite file and on PostgreSQL."""

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bootstrap import all_reactions
from migrations import upgrade_to_head
from models.db import Database
from tests.support.factories import World, build_world
from tests.support.postgres import throwaway_postgres
from workflow.engine.reactions import Reactions, installed_for

BERLIN = ZoneInfo("Europe/Berlin")
# A fixed clock: a Tuesday morning in Stuttgart.
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN)

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def reactions() -> Iterator[Reactions]:
    """Every reaction, as an entry point's bootstrap installs it, removed again after the test."""
    with installed_for(all_reactions()) as wired:
        yield wired


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated to head once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "recoflow.db"
    database = Database(f"sqlite:///{path}")
    upgrade_to_head(database)
    database.dispose()
    return path


def _worker_database(url: str) -> str:
    """The given server's database for this test worker: parallel workers each get their own (made if missing),
    since every test empties the tables it uses."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    parsed = sa.make_url(Database(url).url)
    name = f"{parsed.database}_{worker}"
    engine = sa.create_engine(parsed, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).first():
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[Database]:
    """One migrated PostgreSQL database for the session (a throwaway server unless one is given)."""
    given = os.environ.get("RECOFLOW_TEST_POSTGRES_URL")
    if given:
        database = Database(_worker_database(given))
        upgrade_to_head(database)
        yield database
        database.dispose()
        return
    with throwaway_postgres() as url:
        database = Database(url)
        upgrade_to_head(database)
        yield database
        database.dispose()


def _truncate_all(database: Database) -> None:
    with database.engine.begin() as conn:
        tables = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
        if tables:
            conn.exec_driver_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def _sqlite_copy(template: Path, tmp_path: Path) -> Database:
    target = tmp_path / "recoflow.db"
    shutil.copy(template, target)
    # WAL with synchronous=NORMAL: no fsync per commit (no test cuts the power), and the suite runs faster.
    return Database(f"sqlite:///{target}", sqlite_synchronous="NORMAL")


def _fresh(request: pytest.FixtureRequest, folder: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh, migrated database of the request's backend: a copy of the SQLite template, or PostgreSQL emptied."""
    if request.param == "sqlite":
        database = _sqlite_copy(sqlite_template, folder)
        yield database
        database.dispose()
    else:
        database = request.getfixturevalue("postgres_database")
        _truncate_all(database)
        yield database


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh, migrated database: the embedded SQLite file, then PostgreSQL."""
    yield from _fresh(request, tmp_path, sqlite_template)


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh SQLite file only, for tests about the embedded default itself."""
    database = _sqlite_copy(sqlite_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def module_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                    sqlite_template: Path) -> Iterator[Database]:
    """One fresh database per module and backend, for modules whose every test makes its own subject."""
    yield from _fresh(request, tmp_path_factory.mktemp("module-db"), sqlite_template)


@pytest.fixture(scope="module")
def module_world(module_database: Database) -> World:
    """The standard cast, built once per module and backend: for matrices (each row, each role) whose tests each
    make their own recommendation and look only at it. A module uses this or `world`, never both (on PostgreSQL
    `world` empties the tables)."""
    with installed_for(all_reactions()):  # built before the per-test `reactions` fixture runs
        return build_world(module_database, NOW)


@pytest.fixture
def world(database: Database, now: datetime) -> World:
    """The standard cast of people, groups and a meeting, on the current backend."""
    return build_world(database, now)
