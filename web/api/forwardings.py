"""Forwarding in the JSON API: forward an adopted recommendation (to its proposed addressees or to bodies named),
onward to a body a report named, reissue and revoke a body's link, enter what a body sent by letter, and list a
recommendation's forwardings with their status and reports, through the same services and permissions as the
pages. A link's secret is in the answer of the call that makes it and in no later one."""

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from models.forwarding import Forwarding, ImplementationReport
from models.people import Person
from web.api.paging import LINK_HEADER, Cursor, PageLimit, page_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, Viewer, WriteSession
from web.link_safety import with_link_headers
from web.wording.refusals.web import WebRefusal
from workflow.engine.errors import NotFound
from workflow.forwarding.accountability import PERSONAL_FIELDS, ForwardingRow, forwarding_rows
from workflow.forwarding.forwardings import (
    find_forwarding,
    forward_recommendation,
    forward_to_suggested,
    forwardings_of,
    reissue_link,
    revoke_link,
)
from workflow.forwarding.personal_links import IssuedLink
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge, file_report, name_contact, reports_of
from workflow.queries.accountability_views import MANAGING_ROLES
from workflow.queries.browsing import require_view
from workflow.recommendations.lifecycle import find_recommendation

router = APIRouter(route_class=UnitOfWorkRoute, tags=["forwarding"])
BodyId = Annotated[int, Field(ge=1, le=2**31 - 1)]


# Whom to forward to: the bodies named, or (left empty, while adopted) the recommendation's proposed addressees.
class ForwardRequest(BaseModel):
    body_ids: list[BodyId] = Field(default_factory=list, max_length=200, examples=[[3, 5]])
    comment: str = Field(default="", max_length=2000)


# A body's new personal link: the only answer that holds its secret (only its digest is stored).
class IssuedLinkOut(BaseModel):
    forwarding_id: int
    body_id: int
    body: str
    body_email: str | None
    link: str = Field(description="The address the body opens; its last segment is the secret token")
    token: str = Field(description="The secret; the body's API operations take it as the X-Link-Token header")
    expires_at: datetime


# One page of a recommendation's forwardings (contact persons for the secretariat only).
class ForwardingList(BaseModel):
    items: list[ForwardingRow]
    next: str | None


# How many of the forwarding's links stopped working.
class Revoked(BaseModel):
    forwarding_id: int
    revoked: int


# A body's report in a forwarding's timeline.
class ReportOut(BaseModel):
    id: int
    forwarding_id: int
    status: str
    text: str
    report_date: date
    filed_at: datetime
    by_letter: bool
    suggested_organisation_id: int | None
    suggested_body: str


# One page of a forwarding's reports, oldest first.
class ReportList(BaseModel):
    items: list[ReportOut]
    next: str | None


# A receipt the body confirmed by letter, phone or mail, with the contact person it may have named.
class AcknowledgeRequest(BaseModel):
    contact: ContactInput | None = None


def actor_of(session: Session, caller: Viewer) -> Person:
    """The token's person as the writing session knows it."""
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    return actor


def issued(links: list[IssuedLink], response: Response) -> list[dict[str, Any]]:
    """The links as answered, the answer marked as neither to be cached nor to be named as a referrer."""
    with_link_headers(response)
    return [{"forwarding_id": link.forwarding_id, "body_id": link.organisation_id, "body": link.organisation_name,
             "body_email": link.organisation_email, "link": link.url, "token": link.token,
             "expires_at": link.expires_at} for link in links]


def visible_forwarding(session: Session, caller: Viewer, forwarding_id: int) -> Forwarding:
    """A forwarding of a recommendation the caller may see."""
    forwarding = find_forwarding(session, forwarding_id)
    require_view(caller.person, caller.standing, find_recommendation(session, forwarding.recommendation_id))
    return forwarding


def report_out(report: ImplementationReport) -> dict[str, Any]:
    """A report as the API answers it."""
    return {"id": report.id, "forwarding_id": report.forwarding_id, "status": report.status.value,
            "text": report.text, "report_date": report.report_date, "filed_at": report.filed_at,
            "by_letter": report.filed_by_id is not None, "suggested_organisation_id": report.suggested_organisation_id,
            "suggested_body": report.suggested_body}


@router.get("/recommendations/{ref}/forwardings", response_model=ForwardingList, summary="Its forwardings",
            responses={200: {"headers": LINK_HEADER}})
def list_forwardings(request: Request, response: Response, ref: str, caller: Caller, session: ReadSession, now: Now,
                     cursor: Cursor = None, limit: PageLimit = 50) -> Any:
    """The bodies the recommendation went to, in the order sent, each with its status, receipt, reports, the review
    round and whether its report is overdue; the contact persons for the secretariat only (as on its page)."""
    rec = find_recommendation(session, ref)
    require_view(caller.person, caller.standing, rec)
    rows = forwarding_rows(session, now, forwardings_of(session, rec.id))
    if not caller.standing.roles & MANAGING_ROLES:
        rows = [row.model_copy(update=dict.fromkeys(PERSONAL_FIELDS, "")) for row in rows]
    items, following = page_of(rows, request, response, cursor, limit)
    return {"items": items, "next": following}


@router.post("/recommendations/{ref}/forwardings", response_model=list[IssuedLinkOut], status_code=201,
             summary="Forward to bodies")
def post_forwardings(response: Response, ref: str, body: ForwardRequest, caller: Caller, session: WriteSession,
                     now: Now) -> Any:
    """Forward an adopted recommendation to the bodies named (none named: its proposed addressees), or a forwarded
    one to further bodies; answers each body's new link, whose secret no later answer holds."""
    rec = find_recommendation(session, ref)
    require_view(caller.person, caller.standing, rec)
    return issued(forward_recommendation(session, rec.id or 0, list(body.body_ids), actor_of(session, caller), now,
                                         body.comment), response)


@router.post("/reports/{report_id}/forward-onward", response_model=IssuedLinkOut, status_code=201,
             summary="Forward to the body a report named")
def post_onward(response: Response, report_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Forward to the body that a "not responsible" report named instead; answers its new link."""
    link = forward_to_suggested(session, report_id, actor_of(session, caller), now)
    return issued([link], response)[0]


@router.post("/forwardings/{forwarding_id}/reissue", response_model=IssuedLinkOut, status_code=201,
             summary="Reissue a body's link")
def post_reissue(response: Response, forwarding_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Revoke the body's links and issue a new one (the secretariat); answers it, this once."""
    visible_forwarding(session, caller, forwarding_id)
    return issued([reissue_link(session, forwarding_id, actor_of(session, caller), now)], response)[0]


@router.post("/forwardings/{forwarding_id}/revoke", response_model=Revoked, summary="Revoke a body's link")
def post_revoke(forwarding_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Make every link of the forwarding stop working (the secretariat); 0 when none worked any more."""
    visible_forwarding(session, caller, forwarding_id)
    return {"forwarding_id": forwarding_id, "revoked": revoke_link(session, forwarding_id, actor_of(session, caller),
                                                                     now)}


@router.post("/forwardings/{forwarding_id}/acknowledge", response_model=ForwardingRow,
             summary="Record a receipt sent by letter")
def post_acknowledge(forwarding_id: int, body: AcknowledgeRequest, caller: Caller, session: WriteSession,
                     now: Now) -> Any:
    """Record the receipt a body confirmed by letter, phone or mail (the secretariat), with its contact person."""
    forwarding = visible_forwarding(session, caller, forwarding_id)
    acknowledge(session, forwarding, actor_of(session, caller), now, body.contact)
    return forwarding_rows(session, now, [forwarding])[0]


@router.put("/forwardings/{forwarding_id}/contact", response_model=ForwardingRow,
            summary="Record the body's contact person")
def put_contact(forwarding_id: int, body: ContactInput, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Record the contact person a body gave by letter, phone or mail (the secretariat)."""
    forwarding = visible_forwarding(session, caller, forwarding_id)
    name_contact(session, forwarding, body, actor_of(session, caller), now)
    return forwarding_rows(session, now, [forwarding])[0]


@router.get("/forwardings/{forwarding_id}/reports", response_model=ReportList, summary="A forwarding's reports",
            responses={200: {"headers": LINK_HEADER}})
def list_reports(request: Request, response: Response, forwarding_id: int, caller: Caller, session: ReadSession,
                 cursor: Cursor = None, limit: PageLimit = 50) -> Any:
    """The body's implementation reports, oldest first, as the recommendation's page shows them."""
    visible_forwarding(session, caller, forwarding_id)
    items, following = page_of(reports_of(session, [forwarding_id]), request, response, cursor, limit)
    return {"items": [report_out(r) for r in items], "next": following}


@router.post("/forwardings/{forwarding_id}/reports", response_model=ReportOut, status_code=201,
             summary="Enter a report sent by letter")
def post_report(forwarding_id: int, body: ReportInput, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Enter an implementation report a body sent by letter (the secretariat); earlier reports stay as they are."""
    forwarding = visible_forwarding(session, caller, forwarding_id)
    report = file_report(session, forwarding, body, actor_of(session, caller), now)
    session.flush()
    return report_out(report)

