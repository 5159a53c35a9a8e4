"""The secretariat's import page: upload a list (CSV or XLSX), check it or import it, and read the report; and a
CSV template of each list with German headers."""

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from web.deps import Internal, Now, UnitOfWorkRoute, WriteSession, acting
from web.errors import error_page, status_of
from web.meeting_forms import refused, worded
from web.security import verify_csrf
from web.templating import render, translator
from web.wording import import_labels
from workflow.engine.errors import RecoflowError
from workflow.network.importing import COLUMNS, KINDS, ImportReport, check_kind, import_file
from workflow.queries.reminder_overview import require_secretariat
from workflow.strategy_group.seat_holders import Action

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])
# The report lists at most this many changed rows; the counts cover all.
SHOWN_CHANGES = 200


def _page(request: Request, status_code: int = 200, **context: Any) -> Response:
    context.setdefault("report", None)
    context.setdefault("kind", "people")
    return render(request, "secretariat_import.html", status_code, import_labels=import_labels, kinds=KINDS,
                  shown_changes=SHOWN_CHANGES, **context)


def _refused_view(request: Request, error: RecoflowError) -> Response:
    status, title = status_of(error)
    return error_page(request, status, title, worded(request, error))


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, viewer: Internal) -> Response:
    """The form: which list, which file, check or import."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.IMPORT_LISTS)
    except RecoflowError as exc:
        return _refused_view(request, exc)
    return _page(request)


@router.post("/import", response_class=HTMLResponse)
async def upload(request: Request, viewer: Internal, session: WriteSession, now: Now,
                 file: Annotated[UploadFile, File()], kind: Annotated[str, Form()] = "people",
                 action: Annotated[str, Form()] = "check") -> Response:
    """Check (dry run) or import the uploaded list and show the report on the same page."""
    data = await file.read()
    try:
        report = import_file(session, check_kind(kind), data, file.filename or "upload", actor=acting(session, viewer),
                             now=now, dry_run=action != "import")
    except RecoflowError as exc:
        return refused(request, exc)
    _ = translator(request)
    reasons = [import_labels.problem_reason(p, _) for p in report.problems]
    return _page(request, 422 if report.refused else 200, report=report, reasons=reasons, kind=kind,
                 changes=_changes(report))


def _changes(report: ImportReport) -> list[dict[str, Any]]:
    return [{"line": o.line, "action": o.action, "key": o.key,
             "fields": ", ".join(sorted(o.changes)) if o.action == "update" else ""}
            for o in report.outcomes if o.action != "unchanged"][:SHOWN_CHANGES]


@router.get("/import/template/{name}")
def template(request: Request, name: str, viewer: Internal) -> Response:
    """An empty list of ``people``, ``organisations`` or ``groups`` to fill in: ';'-separated, UTF-8 with BOM, as a
    German spreadsheet saves 'CSV UTF-8', with German headers."""
    kind = name.removesuffix(".csv")
    try:
        require_secretariat(viewer.person, viewer.standing, Action.IMPORT_LISTS)
        check_kind(kind)
    except RecoflowError as exc:
        return _refused_view(request, exc)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow([c.german for c in COLUMNS[kind]])
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="vorlage-{kind}.csv"'})
