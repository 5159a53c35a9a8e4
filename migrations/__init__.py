"""Schema migrations (Alembic); ``upgrade_to_head`` is what ``recoflow init`` runs."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from models.db import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent

# Tables owned by other components (the scheduler's job store), never to be dropped by autogenerate.
FOREIGN_TABLES = frozenset({"apscheduler_jobs"})


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Leave tables that recoflow does not own out of autogenerate comparisons."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def alembic_config(database: Database) -> Config:
    """An Alembic configuration bound to ``database``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return cfg


def upgrade_to_head(database: Database) -> None:
    """Bring the schema up to the newest revisions (a no-op when it is there already)."""
    cfg = alembic_config(database)
    with database.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


def current_revisions(database: Database) -> frozenset[str]:
    """The revisions the database is at (empty for an empty database)."""
    with database.engine.connect() as connection:
        return frozenset(MigrationContext.configure(connection).get_current_heads())


def head_revisions() -> frozenset[str]:
    """The newest revisions shipped with this code (one per independent branch of migrations)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return frozenset(ScriptDirectory.from_config(cfg).get_heads())
