"""The migrations are one line from one baseline and build exactly the schema the models describe, on SQLite and
PostgreSQL; the database itself refuses a state or code its enum does not know, and keeps the audit tables
append-only."""

import re
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table)
from migrations import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    head_revision,
    head_revisions,
    include_object,
    upgrade_to_head,
)
from models.base import UTCDateTime
from models.db import Database
from models.enums import RecommendationState, WorkingGroupState
from models.forwarding import ForwardingState
from tests.conftest import BACKENDS
from tests.support.factories import World

APPEND_ONLY = ("transition_record", "implementation_report", "change_record")


def _differences(database: Database) -> list[Any]:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def _checks_in_database(database: Database) -> dict[str, frozenset[str]]:
    """Each CHECK constraint of the database by name, with the codes it admits (SQLite keeps the text as written,
    PostgreSQL rewrites ``IN`` to ``= ANY (ARRAY[...])``: the quoted codes are what both have in common)."""
    found: dict[str, frozenset[str]] = {}
    with database.engine.connect() as conn:
        inspector = sa.inspect(conn)
        for table in inspector.get_table_names():
            for check in inspector.get_check_constraints(table):
                found[check["name"]] = frozenset(re.findall(r"'([^']*)'", check["sqltext"]))
    return found


def _checks_of_the_models() -> dict[str, frozenset[str]]:
    """Each CHECK constraint of the models by name, with the codes of its enum as the code has it today."""
    return {str(check.name): frozenset(check.info["values"])
            for table in SQLModel.metadata.tables.values()
            for check in table.constraints if isinstance(check, sa.CheckConstraint)}


@pytest.fixture(params=BACKENDS)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database with nothing in it: a new SQLite file, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'empty.db'}")
        yield database
        database.dispose()
        return
    server: Database = request.getfixturevalue("postgres_database")
    name = f"recoflow_empty_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server.engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    database = Database(server.engine.url.set(database=name).render_as_string(hide_password=False))
    try:
        yield database
    finally:
        database.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}"')
        admin.dispose()


# The history.

def test_the_migration_history_is_one_line_from_one_baseline_to_one_head() -> None:
    scripts = ScriptDirectory.from_config(alembic_config(Database("sqlite://")))
    assert len(head_revisions()) == 1, f"more than one head: {head_revisions()}; add a migration after the head"
    line = list(scripts.walk_revisions("base", "heads"))
    assert [r.revision for r in line if r.down_revision is None] == ["0001"]
    assert all(not r.is_merge_point and not r.is_branch_point for r in line)
    assert {r.revision for r in line} == {r.revision for r in scripts.walk_revisions()}
    assert line[0].revision == head_revision()


def test_init_refuses_a_history_with_a_second_head(tmp_path: Path) -> None:
    forked = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, forked, ignore=shutil.ignore_patterns("__pycache__"))
    for fork in ("fork_a", "fork_b"):
        # Both fork from today's head, whichever migration that is.
        (forked / "versions" / f"{fork}.py").write_text(
            f"revision = {fork!r}\ndown_revision = {head_revision()!r}\nbranch_labels = None\ndepends_on = None\n\n\n"
            "def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n")
    database = Database(f"sqlite:///{tmp_path / 'forked.db'}")
    config = alembic_config(database)
    config.set_main_option("script_location", str(forked))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 2
    with pytest.raises(CommandError, match=r"[Mm]ultiple head"), database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    database.dispose()


# The schema the migrations build.

def test_the_migrated_schema_matches_the_models(database: Database) -> None:
    assert _differences(database) == []


def test_the_database_is_at_the_head_revision(database: Database) -> None:
    assert current_revision(database) == head_revision()


def test_upgrading_an_up_to_date_database_changes_nothing(database: Database) -> None:
    before = current_revision(database)
    upgrade_to_head(database)
    assert current_revision(database) == before


def test_an_empty_database_upgraded_to_head_has_the_schema_of_the_models(empty_database: Database) -> None:
    assert current_revision(empty_database) is None
    upgrade_to_head(empty_database)
    assert current_revision(empty_database) == head_revision()
    assert _differences(empty_database) == []
    assert _checks_in_database(empty_database) == _checks_of_the_models()


def test_the_baseline_goes_down_to_an_empty_database_and_up_again(empty_database: Database) -> None:
    upgrade_to_head(empty_database)
    config = alembic_config(empty_database)
    with empty_database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    with empty_database.engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
    upgrade_to_head(empty_database)
    assert _differences(empty_database) == []


def _triggers(database: Database) -> set[tuple[str, str]]:
    with database.engine.connect() as conn:
        if database.is_sqlite:
            rows = conn.exec_driver_sql("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            rows = conn.exec_driver_sql("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {(row[0], row[1]) for row in rows}


def test_a_migration_widens_the_codes_of_a_column_and_keeps_the_rest(empty_database: Database,
                                                                      tmp_path: Path) -> None:
    # The recipe of the README for a new state: replace_codes in the next migration after the head.
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "next.py").write_text(
        f"from migrations import replace_codes\n\nrevision = 'next'\ndown_revision = {head_revision()!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n"
        "    replace_codes('vote', 'status', ('open', 'closed', 'paused'))\n"
        "    replace_codes('implementation_report', 'status', ('not_started', 'in_progress', 'implemented', "
        "'partially_implemented', 'not_implemented', 'not_responsible', 'postponed'))\n\n\n"
        "def downgrade() -> None:\n    pass\n")
    upgrade_to_head(empty_database)
    triggers = _triggers(empty_database)
    config = alembic_config(empty_database)
    config.set_main_option("script_location", str(scripts))
    with empty_database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    checks = _checks_in_database(empty_database)
    expected = _checks_of_the_models()
    assert checks["ck_vote_status"] == {"open", "closed", "paused"}
    assert checks["ck_implementation_report_status"] == expected["ck_implementation_report_status"] | {"postponed"}
    widened = {"ck_vote_status", "ck_implementation_report_status"}
    assert {k: v for k, v in checks.items() if k not in widened} == {
        k: v for k, v in expected.items() if k not in widened}
    assert _triggers(empty_database) == triggers
    assert {table for table, _ in triggers} == set(APPEND_ONLY)


# CHECK constraints: the database knows the codes of every enum.

def test_every_enum_and_state_column_of_the_models_carries_a_check_of_its_codes() -> None:
    checked = {(table.name, check.info["column"]): set(check.info["values"])
               for table in SQLModel.metadata.tables.values()
               for check in table.constraints if isinstance(check, sa.CheckConstraint)}
    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, sa.Enum):
                assert checked.get((table.name, column.name)) == set(column.type.enums), f"{table.name}.{column.name}"
    assert checked[("recommendation", "state")] == {s.value for s in RecommendationState}
    assert checked[("working_group", "state")] == {s.value for s in WorkingGroupState}
    assert checked[("forwarding", "state")] == {s.value for s in ForwardingState}
    assert set(_checks_of_the_models()) == {f"ck_{table}_{column}" for table, column in checked}


def test_the_check_constraints_in_the_database_admit_exactly_the_codes_of_the_enums(database: Database) -> None:
    # A state or code added to an enum without a migration that widens its CHECK constraint fails here.
    in_database = _checks_in_database(database)
    expected = _checks_of_the_models()
    assert set(in_database) == set(expected)
    mismatched = {name: {"missing in the database": sorted(expected[name] - in_database[name]),
                         "no longer in the enum": sorted(in_database[name] - expected[name])}
                  for name in expected if in_database[name] != expected[name]}
    assert mismatched == {}, "an enum changed without a migration"


def _at() -> sa.BindParameter[datetime]:
    return sa.bindparam("at", datetime(2026, 3, 10, 8, 0, tzinfo=UTC), type_=UTCDateTime())


# (statement, the constraint, a value the column admits, one it does not); each runs as plain SQL, past the models.
_UPDATES = {
    "recommendation state": ("UPDATE recommendation SET state = :value WHERE id = :rec", "ck_recommendation_state",
                             "submitted", "archived"),
    "working-group state": ("UPDATE working_group SET state = :value WHERE id = :group", "ck_working_group_state",
                            "concluded", "dissolved"),
    "meeting status": ("UPDATE meeting SET status = :value WHERE id = :meeting", "ck_meeting_status", "held",
                       "postponed"),
    "meeting kind": ("UPDATE meeting SET kind = :value WHERE id = :meeting", "ck_meeting_kind", "written_procedure",
                     "conference"),
    "person language": ("UPDATE person SET language = :value WHERE id = :person", "ck_person_language", "en", "fr"),
    "organisation kind": ("UPDATE organisation SET kind = :value WHERE id = :org", "ck_organisation_kind", "city",
                          "company"),
    "role": ("UPDATE role_assignment SET role = :value WHERE person_id = :person", "ck_role_assignment_role", "chair",
             "admin"),
}
_INSERTS = {
    "forwarding state": ("INSERT INTO forwarding (recommendation_id, organisation_id, state, version, forwarded_at, "
                         "contact_name, contact_email, contact_phone) VALUES (:rec, :org, :value, 1, :at, '', '', '')",
                         "ck_forwarding_state", "sent", "lost"),
    "working-group state": ("INSERT INTO working_group (name, mandate, planned_member_count, state, version, "
                            "created_at) VALUES ('AG Neu', '', 3, :value, 1, :at)", "ck_working_group_state",
                            "convened", "planned"),
    "vote status": ("INSERT INTO vote (meeting_id, mode, rule, status, opened_at, yes, no, abstain, comment, version) "
                    "VALUES (:meeting, 'meeting', 'default', :value, :at, 0, 0, 0, '', 1)", "ck_vote_status", "open",
                    "paused"),
    "vote rule": ("INSERT INTO vote (meeting_id, mode, rule, status, opened_at, yes, no, abstain, comment, version) "
                  "VALUES (:meeting, 'meeting', :value, 'open', :at, 0, 0, 0, '', 1)", "ck_vote_rule", "two_thirds",
                  "majority"),
}


@pytest.mark.parametrize("case", [*(("update", k) for k in _UPDATES), *(("insert", k) for k in _INSERTS)],
                         ids=lambda case: f"{case[0]} {case[1]}")
def test_the_database_refuses_a_code_its_enum_does_not_know(world: World, case: tuple[str, str]) -> None:
    statement, constraint, good, bad = (_UPDATES if case[0] == "update" else _INSERTS)[case[1]]
    rec = world.recommendation()
    params = {"rec": rec.id, "group": world.group.id, "meeting": world.meeting.id, "person": world.member.id,
              "org": world.bodies[0].id}
    sql = sa.text(statement).bindparams(_at()) if ":at" in statement else sa.text(statement)
    with world.db.engine.connect() as conn:
        with conn.begin() as tx:
            assert conn.execute(sql, {**params, "value": good}).rowcount == 1
            tx.rollback()
        with pytest.raises(sa.exc.IntegrityError, match=constraint), conn.begin():
            conn.execute(sql, {**params, "value": bad})


# The audit tables are append-only.

def test_the_audit_tables_refuse_updates_and_deletes(world: World) -> None:
    rec = world.recommendation()
    at = _at()
    with world.db.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO transition_record (subject_kind, subject_id, event, from_state, to_state, "
                             "occurred_at, comment) VALUES ('recommendation', :rec, 'submit', 'draft', 'submitted', "
                             ":at, '')").bindparams(at), {"rec": rec.id})
        conn.execute(sa.text("INSERT INTO change_record (subject_kind, subject_id, action, occurred_at, comment, "
                             "changes) VALUES ('person', :person, 'created', :at, '', '{}')").bindparams(at),
                     {"person": world.member.id})
        forwarding = conn.execute(sa.text(
            "INSERT INTO forwarding (recommendation_id, organisation_id, state, version, forwarded_at, contact_name, "
            "contact_email, contact_phone) VALUES (:rec, :org, 'sent', 1, :at, '', '', '') RETURNING id"
        ).bindparams(at), {"rec": rec.id, "org": world.bodies[0].id}).scalar_one()
        conn.execute(sa.text("INSERT INTO implementation_report (forwarding_id, status, text, report_date, filed_at, "
                             "suggested_body) VALUES (:fwd, 'in_progress', '', :day, :at, '')").bindparams(at),
                     {"fwd": forwarding, "day": datetime(2026, 3, 10).date()})
        for table in APPEND_ONLY:
            # The triggers fire per row: each table needs one for the refusals below to mean anything.
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one() >= 1
    with world.db.engine.connect() as conn:
        for table in APPEND_ONLY:
            for statement in (f"UPDATE {table} SET comment = comment" if table != "implementation_report"
                              else f"UPDATE {table} SET text = 'überschrieben'", f"DELETE FROM {table}"):
                with pytest.raises(sa.exc.DBAPIError, match=f"{table} is append-only"), conn.begin():
                    conn.execute(sa.text(statement))
