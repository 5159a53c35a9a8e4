"""``recoflow backup`` and ``recoflow restore``: a consistent copy of the whole database while the app runs.

SQLite is copied with its online backup API (one read snapshot, so writers in the middle of a transaction are
either wholly in the copy or not at all); PostgreSQL with ``pg_dump`` in its custom format and ``pg_restore``.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import click
import sqlalchemy as sa

from cli.context import AppContext, pass_app
from models.db import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def backup(app: AppContext, file: Path) -> None:
    """Write a consistent copy of the database to FILE while the app may keep running."""
    database = app.database
    file.parent.mkdir(parents=True, exist_ok=True)
    if database.is_sqlite:
        _sqlite_copy(_sqlite_path(database), file)
    else:
        _pg_tool(app, "pg_dump", database, ["--format=custom", "--no-owner", f"--file={file}"])
    click.echo(f"Backup of {_where(database)} written to {file} ({file.stat().st_size} bytes).")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
@pass_app
def restore(app: AppContext, file: Path, force: bool) -> None:
    """Restore the database from a backup FILE (refused on a database holding data, unless --force)."""
    database = app.database
    head = file.read_bytes()[:16]
    expected, kind = (SQLITE_MAGIC, "an SQLite") if database.is_sqlite else (PG_DUMP_MAGIC, "a pg_dump (custom)")
    if not head.startswith(expected):
        raise click.ClickException(f"{file} is not {kind} backup; 'recoflow backup' on this kind of database "
                                   "makes one.")
    holding = _tables_with_rows(database)
    if holding and not force:
        raise click.ClickException(f"{_where(database)} already holds data ({', '.join(holding[:5])}"
                                   f"{', …' if len(holding) > 5 else ''}); stop the app and restore with --force "
                                   "to replace it.")
    database.dispose()
    if database.is_sqlite:
        _sqlite_copy(file, _sqlite_path(database))
    else:
        _pg_tool(app, "pg_restore", database, ["--clean", "--if-exists", "--no-owner", "--single-transaction",
                                               str(file)])
    click.echo(f"{_where(database)} restored from {file}.")


def _sqlite_path(database: Database) -> Path:
    name = sa.make_url(database.url).database
    if not name or name == ":memory:":
        raise click.ClickException("an in-memory database has nothing to back up or restore into")
    return Path(name)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy one SQLite database into another through the backup API (a consistent snapshot of the source)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.execute("PRAGMA busy_timeout = 5000")
        dst.execute("PRAGMA busy_timeout = 5000")
        src.backup(dst)


def _tables_with_rows(database: Database) -> list[str]:
    try:
        with database.engine.connect() as conn:
            names = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
            return [t for t in names if conn.execute(sa.text(f'SELECT 1 FROM "{t}" LIMIT 1')).first()]
    except sa.exc.OperationalError:
        return []  # a database not created yet holds nothing


def _pg_tool(app: AppContext, tool: str, database: Database, arguments: list[str]) -> None:
    """Run pg_dump or pg_restore on the database (the password goes through the environment, not argv)."""
    folder = app.environment.postgres_bin_dir
    program = str(Path(folder) / tool) if folder else shutil.which(tool)
    if not program or not Path(program).exists():
        raise click.ClickException(f"{tool} was not found; install the PostgreSQL client tools or set "
                                   "RECOFLOW_POSTGRES_BIN_DIR to the folder that holds them.")
    url = sa.make_url(database.url).set(drivername="postgresql")
    environment = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    dbname = url.set(password=None).render_as_string(hide_password=False)
    done = subprocess.run([program, f"--dbname={dbname}", *arguments], env=environment, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise click.ClickException(f"{tool} failed: {done.stderr.strip().splitlines()[-1] if done.stderr else ''}")


def _where(database: Database) -> str:
    return sa.make_url(database.url).render_as_string(hide_password=True)


COMMANDS = [backup, restore]
