"""``recoflow import people|organisations|groups FILE``: an office's lists from CSV or XLSX files, all rows or none."""

import sys
from pathlib import Path

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from web.wording.import_labels import note_text, problem_reason
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.importing import KINDS, ImportReport, import_file

# Exit status of a refused file (as for every refusal of invalid input): nothing was written.
REFUSED = 2


@click.group("import")
def import_lists() -> None:
    """Import people, organisations or working groups from a CSV (';' or ',') or XLSX file."""


def _print(report: ImportReport) -> None:
    for code in report.notes:
        click.echo(f"Note: {note_text(code)}")
    if report.problems:
        click.echo(f"{report.filename}: {len(report.problems)} problem(s); nothing was imported.")
        click.echo(table([[str(p.line or ""), p.column, problem_reason(p)] for p in report.problems],
                         ["line", "column", "reason"]))
        return
    if report.dry_run:
        click.echo(f"Dry run of {report.filename}: nothing was written. {report.rows} row(s) would give:")
    else:
        click.echo(f"Imported {report.filename}: {report.rows} row(s).")
    click.echo(f"created: {report.created}, updated: {report.updated}, unchanged: {report.unchanged}")


def _command(kind: str) -> click.Command:
    @click.command(kind, help=f"Import {kind} from FILE (CSV or XLSX); every row is checked before any is written.")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Check the file and say what would change; write nothing.")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @click.option("--as", "as_email", required=True, metavar="EMAIL", help="Who imports (the secretariat).")
    @pass_app
    def run(app: AppContext, file: Path, dry_run: bool, as_json: bool, as_email: str) -> None:
        with unit_of_work(app.database) as session:
            report = import_file(session, kind, file.read_bytes(), file.name, actor=actor(session, as_email),
                                 now=app.now(), dry_run=dry_run)
        if as_json:
            echo_json(report.as_dict(problem_reason, note_text))
        else:
            _print(report)
        if report.refused:
            sys.exit(REFUSED)

    return run


for _kind in KINDS:
    import_lists.add_command(_command(_kind))

COMMANDS = [import_lists]
