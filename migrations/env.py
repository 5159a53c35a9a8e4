"""Alembic environment: runs migrations against the URL given by recoflow (or RECOFLOW_DATABASE_URL)."""

from typing import Any

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on the metadata)
from config import get_settings
from migrations import include_object
from models.db import Database

config = context.config
target_metadata = SQLModel.metadata

def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    database = Database(url)
    with database.engine.connect() as conn:
        _run(conn)
    database.dispose()


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
