"""A responsible body in the JSON API: it has no account, its personal link is its only key, sent as the header
``X-Link-Token`` (never in the address, so no log keeps it). It reads what was forwarded to it, confirms receipt,
names its contact person and files implementation reports, through the same services as its link page; wrong,
expired and revoked links are refused alike and counted, and a client that guesses too often is held off."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader
from pydantic import BaseModel
from sqlmodel import Session

from web.api.problems import PROBLEM_HANDLERS
from web.deps import Now, UnitOfWorkRoute, WriteSession, read_session
from web.documents import Language, PdfVariant, Variant, document_setting, pdf_response, recommendation_pdf
from web.errors import problem
from web.link_safety import count_failed_lookup, lookups_blocked, with_link_headers
from workflow.engine.errors import RecoflowError
from workflow.forwarding.personal_links import LinkRefused
from workflow.forwarding.reports import (
    ContactInput,
    ReportInput,
    acknowledge_by_link,
    name_contact_by_link,
    report_by_link,
)
from workflow.queries.documents import Audience, linked_recommendation
from workflow.queries.link_view import LinkPage, link_page

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/link", tags=["body's link"])
link_token = APIKeyHeader(name="X-Link-Token", auto_error=False, scheme_name="BodyLink",
                          description="The secret of the body's personal link (the last segment of its address).")
LinkToken = Annotated[str | None, Depends(link_token)]
# Closed when the route returns: a failed lookup is counted after the answer, on a connection of its own.
ReadSession = Annotated[Session, Depends(read_session, scope="function")]
T = TypeVar("T")
THROTTLED: dict[int | str, dict[str, Any]] = {429: {
    "description": "Too many wrong links from this client lately; try again later",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}


# A receipt, with the contact person the body may name at once.
class AcknowledgeRequest(BaseModel):
    contact: ContactInput | None = None


# The body's report as filed.
class FiledReport(BaseModel):
    status: str
    text: str
    report_date: date
    filed_at: datetime
    suggested_body: str


def _throttled() -> Response:
    response = problem(429, "Too many attempts", "Too many wrong or expired links were tried from here; try again "
                       "in 15 minutes, or ask the secretariat for a new link.")
    response.headers["Retry-After"] = "900"
    return with_link_headers(response)


def _through_link(request: Request, token: str | None, now: datetime, action: Callable[[str], T]) -> T | Response:
    """Run ``action`` with the token, or answer why not: held off, or the one refusal for every bad link (counted
    once the request's own unit of work has ended)."""
    if lookups_blocked(request, now):
        return _throttled()
    try:
        return action(token or "")
    except LinkRefused as exc:
        refused: JSONResponse = PROBLEM_HANDLERS[RecoflowError](request, exc)
        return count_failed_lookup(request, with_link_headers(refused), now)


def _answer(response: Response, result: Any) -> Any:
    if not isinstance(result, Response):
        with_link_headers(response)
    return result


@router.get("", response_model=LinkPage, summary="What was forwarded to the body", responses=THROTTLED)
def get_link(request: Request, response: Response, token: LinkToken, session: ReadSession, now: Now) -> Any:
    """The recommendation, where the body's forwarding stands, its own reports, and what a report may say."""
    return _answer(response, _through_link(request, token, now, lambda t: link_page(session, t, now)))


@router.get("/document.pdf", response_class=Response, summary="The forwarded recommendation as PDF",
            responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                             "description": "The recommendation as the body reads it, as PDF"}, **THROTTLED})
def get_link_document(request: Request, token: LinkToken, session: ReadSession, now: Now,
                      variant: Variant = PdfVariant.UA, lang: Language = "") -> Response:
    """The recommendation as the body's page offers it: text, rationale, the decision with its tally; no names."""
    rec = _through_link(request, token, now, lambda t: linked_recommendation(session, t, now))
    if isinstance(rec, Response):
        return rec
    pdf, filename = recommendation_pdf(session, rec, Audience.BODY, document_setting(request, lang, reader=False),
                                       variant)
    return with_link_headers(pdf_response(pdf, filename))


@router.post("/acknowledge", response_model=LinkPage, summary="Confirm receipt", responses=THROTTLED)
def post_acknowledge(request: Request, response: Response, body: AcknowledgeRequest, token: LinkToken,
                     session: WriteSession, now: Now) -> Any:
    """The body confirms receipt (a repeat changes nothing but the contact person it names)."""
    def act(t: str) -> LinkPage:
        acknowledge_by_link(session, t, now, body.contact)
        return link_page(session, t, now)
    return _answer(response, _through_link(request, token, now, act))


@router.put("/contact", response_model=LinkPage, summary="Name the contact person", responses=THROTTLED)
def put_contact(request: Request, response: Response, body: ContactInput, token: LinkToken, session: WriteSession,
                now: Now) -> Any:
    """The body names or changes its contact person."""
    def act(t: str) -> LinkPage:
        name_contact_by_link(session, t, now, body)
        return link_page(session, t, now)
    return _answer(response, _through_link(request, token, now, act))


@router.post("/reports", response_model=FiledReport, status_code=201, summary="File an implementation report",
             responses=THROTTLED)
def post_report(request: Request, response: Response, body: ReportInput, token: LinkToken, session: WriteSession,
                now: Now) -> Any:
    """The body files an implementation report; earlier reports stay as they are."""
    def act(t: str) -> dict[str, Any]:
        report = report_by_link(session, t, now, body)
        return {"status": report.status.value, "text": report.text, "report_date": report.report_date,
                "filed_at": report.filed_at, "suggested_body": report.suggested_body}
    return _answer(response, _through_link(request, token, now, act))
