"""Schema migrations (Alembic); ``upgrade_to_head`` is what ``recoflow init`` runs."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alembic import command, op
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from models.base import one_of
from models.db import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent

# Tables owned by other components (the scheduler's job store), never to be dropped by autogenerate.
FOREIGN_TABLES = frozenset({"apscheduler_jobs"})


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Leave tables that recoflow does not own out of autogenerate comparisons."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def replace_codes(table: str, column: str, values: Sequence[str]) -> None:
    """In a migration: let ``table.column`` hold exactly ``values`` from now on, by replacing its CHECK constraint.

    Write the values out in the migration (not the enum: a migration must not change when the enum does later).
    On SQLite the table is rebuilt (batch mode), which drops its triggers: they are created again.
    """
    bind = op.get_bind()
    triggers: list[str] = []
    if bind.dialect.name == "sqlite":
        found = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
        triggers = [row[0] for row in found]
    condition = str(one_of(column, values).sqltext)
    with op.batch_alter_table(table) as batch_op:
        # op.f: the name is final; the naming convention would prefix it again.
        batch_op.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
        batch_op.create_check_constraint(column, condition)
    for trigger in triggers:
        op.execute(trigger)


def alembic_config(database: Database) -> Config:
    """An Alembic configuration bound to ``database``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return cfg


def _scripts() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg)


def upgrade_to_head(database: Database) -> None:
    """Bring the schema up to the newest revision (a no-op when it is there already).

    The history is one line: "head" refuses to guess when a second head appears.
    """
    cfg = alembic_config(database)
    with database.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def current_revision(database: Database) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this code (raises if the history has more than one head)."""
    head = _scripts().get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS_DIR}")
    return head


def head_revisions() -> tuple[str, ...]:
    """Every head of the migration history: exactly one while the history is a line."""
    return tuple(_scripts().get_heads())
