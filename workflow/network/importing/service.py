"""The import use case: read the file, check every row, and import all rows or none, recorded with who, when and
which file; a dry run checks and reports the same way and writes nothing."""

from collections.abc import Callable
from datetime import datetime
from pathlib import PurePath
from typing import NamedTuple

from sqlmodel import Session, func, select

from models.network import ChangeRecord
from models.people import Person
from workflow.engine.errors import InvalidInput
from workflow.network.importing import groups, organisations, people
from workflow.network.importing.columns import KINDS, Layout, layout_of
from workflow.network.importing.files import Sheet, UnreadableFile, read_sheet
from workflow.network.importing.refusals import Problem
from workflow.network.importing.report import ImportReport, Outcome
from workflow.network.records import record_change
from workflow.network.refusals import ImportRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

MAX_MEGABYTES = 20


class Importer(NamedTuple):
    """How one kind of list is checked and written."""

    plan: Callable[[Session, Sheet, Layout, datetime], tuple[list[Outcome], list[Problem]]]
    write: Callable[..., None]


IMPORTERS = {"people": Importer(people.plan, people.write),
             "organisations": Importer(organisations.plan, organisations.write),
             "groups": Importer(groups.plan, groups.write)}
assert set(IMPORTERS) == set(KINDS)


def check_kind(kind: str) -> str:
    """``kind`` if it names a list there is, else a refusal naming the lists."""
    if kind not in IMPORTERS:
        raise InvalidInput(ImportRefusal.UNKNOWN_KIND, kind=kind, kinds=tuple(KINDS))
    return kind


def import_file(session: Session, kind: str, data: bytes, filename: str, *, actor: Person | None, now: datetime,
                dry_run: bool = False) -> ImportReport:
    """Import a list of people, organisations or working groups from a CSV or XLSX file (the secretariat only).

    Every row is checked first; a file with any refused row imports nothing, and the report names each refused row
    with its line, column and reason. Rows equal to their record change nothing, so the same file twice is harmless.
    """
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, Action.IMPORT_LISTS, now)
    importer = IMPORTERS[check_kind(kind)]
    name = PurePath(filename.replace("\\", "/")).name or "upload"
    report = ImportReport(kind=kind, filename=name, dry_run=dry_run)
    if len(data) > MAX_MEGABYTES * 1024 * 1024:
        report.problems.append(Problem(None, "", ImportRefusal.FILE_TOO_LARGE, {"limit": MAX_MEGABYTES}))
        return report
    try:
        sheet = read_sheet(data)
    except UnreadableFile as exc:
        report.problems.append(exc.problem)
        return report
    report.notes.extend(sheet.notes)
    if kind == "groups":
        report.notes.append("memberships_added_only")
    report.rows = len(sheet.rows)
    layout, header_problems = layout_of(kind, sheet)
    if header_problems:
        report.problems.extend(header_problems)
        return report
    if not sheet.rows:
        report.problems.append(Problem(None, "", ImportRefusal.NO_ROWS))
        return report
    report.outcomes, report.problems = importer.plan(session, sheet, layout, now)
    if report.problems or dry_run:
        report.outcomes = [] if report.problems else report.outcomes
        return report
    importer.write(session, report.outcomes, actor=actor, now=now, comment=f"Import: {name}")
    record_change(session, "import", _next_run(session), "import", actor=actor, now=now,
                  comment=f"{kind}: {name}",
                  changes={"kind": kind, "file": name, "rows": report.rows, "created": report.created,
                           "updated": report.updated, "unchanged": report.unchanged})
    report.imported = True
    return report


def _next_run(session: Session) -> int:
    """The number of this import run (imports have no table of their own; their records count them)."""
    last = session.exec(select(func.max(ChangeRecord.subject_id)).where(ChangeRecord.subject_kind == "import")).one()
    return (last or 0) + 1
