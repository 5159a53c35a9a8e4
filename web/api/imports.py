"""Imports in the JSON API: a list of people, organisations or working groups as the request body (a CSV or XLSX
file, raw or as multipart form data), checked and imported all or nothing, answered with the report."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.datastructures import UploadFile

from models.people import Person
from web.api.tokens import Caller
from web.deps import Now, UnitOfWorkRoute, WriteSession
from web.wording.import_labels import note_text, problem_reason
from web.wording.refusals.web import WebRefusal
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.importing import check_kind, import_file
from workflow.network.refusals import ImportRefusal

router = APIRouter(route_class=UnitOfWorkRoute)


# A note about the file as a whole.
class ImportNote(BaseModel):
    code: str
    text: str


# A refused cell or row: where, which refusal code, why, with the code's parameters.
class ImportProblem(BaseModel):
    line: int | None
    column: str
    code: str
    reason: str
    values: dict[str, Any]


# A row that creates (``values``) or updates (``changes``: field → [before, after]) a record.
class ImportChange(BaseModel):
    line: int
    action: str
    key: str
    id: int | None
    values: dict[str, Any]
    changes: dict[str, list[Any]]


# The report of an import or a dry run (``ImportReport.as_dict``), with 200 and with 422.
class ImportReportOut(BaseModel):
    kind: str
    file: str
    dry_run: bool
    imported: bool
    refused: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    notes: list[ImportNote]
    problems: list[ImportProblem]
    changes: list[ImportChange]
_EXTENSIONS = {"text/csv": "csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}


async def _file(request: Request, kind: str) -> tuple[bytes, str]:
    """The uploaded file and its name: the first file of a multipart form, or the raw body."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = next((v for v in form.values() if isinstance(v, UploadFile)), None)
        if upload is None:
            raise InvalidInput(ImportRefusal.FILE_EMPTY)
        return await upload.read(), upload.filename or f"{kind}.csv"
    extension = _EXTENSIONS.get(content_type.split(";")[0].strip(), "csv")
    return await request.body(), f"{kind}.{extension}"


@router.post("/imports/{kind}", response_model=ImportReportOut,
             summary="Import a list (people, organisations or groups)",
             responses={422: {"model": ImportReportOut,
                              "description": "The file was refused; the report names each refused row."}})
async def post_import(kind: str, request: Request, caller: Caller, session: WriteSession, now: Now,
                      dry_run: Annotated[bool, Query(description="Check and report only; write nothing.")] = False,
                      filename: Annotated[str | None, Query(description="The file's name for the record.")] = None,
                      ) -> Any:
    """Check every row and import all or none (the secretariat only); the report has the counts (created, updated,
    unchanged) and, when refused, each refused row with line, column, code and reason."""
    check_kind(kind)
    data, named = await _file(request, kind)
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    report = import_file(session, kind, data, filename or named, actor=actor, now=now, dry_run=dry_run)
    return JSONResponse(report.as_dict(problem_reason, note_text), status_code=422 if report.refused else 200)
