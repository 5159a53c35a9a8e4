"""``recoflow attach``, ``attachments`` and ``detach``: the files attached to a draft."""

from pathlib import Path

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from models.file_store import FileStore, read_chunks
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.attachment_views import recommendation_attachments
from workflow.recommendations.attachments import attach_file, detach_file
from workflow.recommendations.lifecycle import find_recommendation


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def _store(app: AppContext) -> FileStore:
    return FileStore(app.settings.files_path)


@click.command()
@click.argument("ref")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="The name to show (default: the file's own name).")
@click.option("--as", "as_email", required=True, help="Email of a member of the draft's working group.")
@pass_app
def attach(app: AppContext, ref: str, file: Path, name: str | None, as_email: str) -> None:
    """Attach a file (PDF, ODT, DOCX, PNG or JPEG) to a draft."""
    with unit_of_work(app.database) as session, file.open("rb") as content:
        row = attach_file(session, _store(app), ref, name or file.name, read_chunks(content),
                          actor(session, as_email), app.now(), app.settings.attachment_max_bytes)
    click.echo(f"Attached {row.name} ({_size(row.size)}) as attachment {row.id}.")


@click.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def attachments(app: AppContext, ref: str, as_json: bool) -> None:
    """List the files attached to a recommendation."""
    with app.database.read() as session:
        rows = recommendation_attachments(session, find_recommendation(session, ref).id or 0)
    if as_json:
        echo_json(rows)
        return
    click.echo(table([[str(r.id), r.name, r.media_type, _size(r.size), r.sha256[:12]] for r in rows],
                     ["id", "name", "type", "size", "sha256"]) if rows else "No files are attached.")


@click.command()
@click.argument("ref")
@click.argument("attachment_id", type=int)
@click.option("--as", "as_email", required=True, help="Email of a member of the draft's working group.")
@pass_app
def detach(app: AppContext, ref: str, attachment_id: int, as_email: str) -> None:
    """Remove an attachment from a draft (recorded with who and when)."""
    with unit_of_work(app.database) as session:
        row = detach_file(session, _store(app), ref, attachment_id, actor(session, as_email), app.now())
    click.echo(f"Removed {row.name}.")


COMMANDS = [attach, attachments, detach]
