"""The API of a recommendation's attachments: list, upload (the file as the raw body, streamed), download and
delete, with the same services and permissions as the pages."""

from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

from anyio.from_thread import run as run_from_thread
from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from models.attachment import MEDIA_TYPES
from models.people import Person
from web.api.tokens import Caller
from web.attachments import download, limit_of, refuse_oversized, store_of
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession
from web.wording.refusals.web import WebRefusal
from workflow.engine.errors import NotFound
from workflow.queries.attachment_views import (
    AttachmentView,
    attachment_of,
    recommendation_attachments,
    visible_recommendation,
)
from workflow.recommendations.attachments import attach_file, detach_file

router = APIRouter(route_class=UnitOfWorkRoute)

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_UPLOAD = {"requestBody": {"required": True, "description": "The file itself (PDF, ODT, DOCX, PNG or JPEG; its kind "
                                                            "is told by its content).",
                           "content": {"application/octet-stream": _BINARY}}}
_FILE: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file, as a download", "content": {t: _BINARY for t in MEDIA_TYPES.values()}}}


def _actor(session: Session, caller: Caller) -> Person:
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    return actor


def _body_chunks(request: Request) -> Iterator[bytes]:
    """The request's body chunk by chunk as it arrives, for a route running in a worker thread."""
    chunks: AsyncIterator[bytes] = request.stream().__aiter__()

    async def next_chunk() -> bytes:
        return await chunks.__anext__()

    while True:
        try:
            chunk: bytes = run_from_thread(next_chunk)
        except StopAsyncIteration:
            return
        if chunk:
            yield chunk


@router.get("/recommendations/{ref}/attachments", response_model=list[AttachmentView],
            summary="A recommendation's attachments")
def list_attachments(ref: str, caller: Caller, session: ReadSession) -> list[AttachmentView]:
    """The files attached to a recommendation the caller may see, oldest first."""
    rec = visible_recommendation(session, ref, caller.person, caller.standing)
    return recommendation_attachments(session, rec.id or 0)


@router.post("/recommendations/{ref}/attachments", response_model=AttachmentView, status_code=201,
             summary="Attach a file to a draft", openapi_extra=_UPLOAD, dependencies=[Depends(refuse_oversized)])
def post_attachment(ref: str, request: Request, caller: Caller, session: WriteSession, now: Now,
                    name: Annotated[str, Query(min_length=1, max_length=255,
                                               description="The file's name, as it is to be shown.")]) -> Any:
    """Attach the body to a draft (its working group or the secretariat); refused when past the size limit, empty,
    of a kind not allowed, or already attached."""
    rec = visible_recommendation(session, ref, caller.person, caller.standing)
    row = attach_file(session, store_of(request), rec.id or 0, name, _body_chunks(request), _actor(session, caller),
                      now, limit_of(request))
    return AttachmentView(id=row.id or 0, name=row.name, media_type=row.media_type, size=row.size,
                          sha256=row.sha256, uploaded_at=row.uploaded_at)


@router.get("/recommendations/{ref}/attachments/{attachment_id}", response_class=Response, responses=_FILE,
            summary="Download an attachment")
def get_attachment(ref: str, attachment_id: int, request: Request, caller: Caller, session: ReadSession) -> Response:
    """The file itself, as a download with its stored media type."""
    rec = visible_recommendation(session, ref, caller.person, caller.standing)
    return download(request, attachment_of(session, rec, attachment_id))


@router.delete("/recommendations/{ref}/attachments/{attachment_id}", status_code=204, response_class=Response,
               summary="Remove an attachment from a draft")
def delete_attachment(ref: str, attachment_id: int, request: Request, caller: Caller, session: WriteSession,
                      now: Now) -> Response:
    """Remove an attachment while the recommendation is a draft (recorded with who and when)."""
    rec = visible_recommendation(session, ref, caller.person, caller.standing)
    detach_file(session, store_of(request), rec.id or 0, attachment_id, _actor(session, caller), now)
    return Response(status_code=204)
