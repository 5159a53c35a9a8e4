"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table)
from migrations import current_revisions, head_revisions, include_object, upgrade_to_head
from models.db import Database


def test_the_migrated_schema_matches_the_models(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_the_database_is_at_every_head_revision(database: Database) -> None:
    assert current_revisions(database) == head_revisions()


def test_upgrading_an_up_to_date_database_changes_nothing(database: Database) -> None:
    before = current_revisions(database)
    upgrade_to_head(database)
    assert current_revisions(database) == before
