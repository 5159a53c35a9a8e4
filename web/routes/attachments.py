"""Attachments on the pages: upload to a draft and remove from it (its authors), download for whoever may see the
recommendation: its page, the public page once adopted, a body's personal link once forwarded to it."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from models.file_store import read_chunks
from web.attachments import download, limit_of, refuse_oversized, store_of
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, WriteSession, acting, read_session
from web.link_safety import count_failed_lookup, lookups_blocked, with_link_headers
from web.security import verify_csrf
from web.templating import flash, render, translator, when_in
from web.wording.refusals import explain
from workflow.engine.errors import ConflictError, InvalidInput, NotPermitted
from workflow.forwarding.personal_links import LINK_PATH, LinkRefused
from workflow.queries.attachment_views import (
    attachment_of,
    linked_recommendation,
    public_recommendation_row,
    visible_recommendation,
)
from workflow.recommendations.attachments import attach_file, detach_file

# The size check comes first: a body past the limit is refused before the form (and its file) is read.
router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(refuse_oversized), Depends(verify_csrf)])

# Closed when the route returns, as on the body's page: a failed lookup is counted after the answer.
LinkSession = Annotated[Session, Depends(read_session, scope="function")]


def _back(rec_id: int) -> RedirectResponse:
    return RedirectResponse(f"/recommendations/{rec_id}/edit#attachments", status_code=303)


@router.post("/recommendations/{ref}/attachments")
def upload(request: Request, ref: str, viewer: Internal, session: WriteSession, now: Now,
           file: Annotated[UploadFile, File()]) -> Response:
    """Attach the uploaded file to the draft and return to its edit page, saying what happened."""
    rec = visible_recommendation(session, ref, viewer.person, viewer.standing)
    _ = translator(request).gettext
    try:
        row = attach_file(session, store_of(request), rec.id or 0, file.filename or "", read_chunks(file.file),
                          acting(session, viewer), now, limit_of(request))
    except (InvalidInput, ConflictError, NotPermitted) as exc:
        request.state.refused = True  # nothing of the refused file is kept
        flash(request, explain(exc, translator(request), when_in(request)), "error")
        return _back(rec.id or 0)
    flash(request, _("“%(name)s” is attached.", name=row.name), "success")
    return _back(rec.id or 0)


@router.post("/recommendations/{ref}/attachments/{attachment_id}/remove")
def remove(request: Request, ref: str, attachment_id: int, viewer: Internal, session: WriteSession,
           now: Now) -> Response:
    """Remove an attachment from the draft (recorded with who and when)."""
    rec = visible_recommendation(session, ref, viewer.person, viewer.standing)
    row = detach_file(session, store_of(request), rec.id or 0, attachment_id, acting(session, viewer), now)
    flash(request, translator(request).gettext("“%(name)s” is removed.", name=row.name), "success")
    return _back(rec.id or 0)


@router.get("/recommendations/{ref}/attachments/{attachment_id}")
def internal_download(request: Request, ref: str, attachment_id: int, viewer: Internal,
                      session: ReadSession) -> Response:
    """An attachment for whoever may see the recommendation's page."""
    rec = visible_recommendation(session, ref, viewer.person, viewer.standing)
    return download(request, attachment_of(session, rec, attachment_id))


@router.get("/oeffentlich/empfehlungen/{number}/anlagen/{attachment_id}")
def public_download(request: Request, number: str, attachment_id: int, session: ReadSession) -> Response:
    """An attachment of an adopted recommendation, for anyone."""
    return download(request, attachment_of(session, public_recommendation_row(session, number), attachment_id))


@router.get(LINK_PATH + "{token}/anlagen/{attachment_id}")
def link_download(request: Request, token: str, attachment_id: int, session: LinkSession, now: Now) -> Response:
    """An attachment of the recommendation forwarded to a body, through its personal link only; a wrong link is
    counted like a wrong link to the body's page."""
    if lookups_blocked(request, now):
        return with_link_headers(render(request, "body_refused.html", 429, throttled=True))
    try:
        rec = linked_recommendation(session, token, now)
    except LinkRefused:
        return count_failed_lookup(request, with_link_headers(render(request, "body_refused.html", 404,
                                                                     throttled=False)), now)
    return with_link_headers(download(request, attachment_of(session, rec, attachment_id)))
