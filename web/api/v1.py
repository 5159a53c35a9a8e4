"""The JSON API, version 1: recommendations for integrations, with the same services and permissions as the pages."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field
from sqlmodel import Session

from models.people import Person
from web.api.api_tokens import router as api_tokens
from web.api.attachments import router as attachments
from web.api.body_link import router as body_link
from web.api.directory import router as directory
from web.api.drafts import ETAG_HEADER, IfMatch, RecommendationAnswer, answer_detail, etag, require_fresh
from web.api.drafts import router as drafts
from web.api.exports import router as exports
from web.api.forwardings import router as forwardings
from web.api.groups import router as groups
from web.api.imports import router as imports
from web.api.meetings import router as meetings
from web.api.network import router as network
from web.api.outbox import router as outbox
from web.api.paging import LINK_HEADER, Cursor, OptionalLimit, PageLimit, decode_cursor, page_of, with_next
from web.api.privacy import router as privacy
from web.api.problem_types import router as problem_types
from web.api.problems import PROBLEM_HANDLERS, declare_problems
from web.api.reviews import router as reviews
from web.api.roles import router as roles
from web.api.tokens import Caller
from web.api.topics import router as topics
from web.api.votes import router as votes
from web.deps import Now, ReadSession, UnitOfWorkRoute, Viewer, WebState, WriteSession
from web.documents import Language, PdfVariant, Variant, document_setting, pdf_response, recommendation_pdf
from web.input_bounds import bounded_input
from web.wording.refusals.web import WebRefusal
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import NotFound
from workflow.queries.attachment_views import visible_recommendation
from workflow.queries.browsing import RecommendationPage, search_recommendations
from workflow.queries.documents import Audience
from workflow.queries.recommendation_views import (
    HistoryEntry,
    recommendation_detail,
    recommendation_history,
)
from workflow.recommendations.lifecycle import find_recommendation, fire

router = APIRouter(route_class=UnitOfWorkRoute)


def _event_inputs() -> str:
    """Each event a form offers and what its form asks for, from the workflow's one table."""
    lines = []
    for event in RECOMMENDATION_WORKFLOW.events:
        facts = RECOMMENDATION_WORKFLOW.facts(event)
        if facts.service_only:
            continue
        asks = [name for name, needed in (("comment", facts.comment_required), ("meeting_id", facts.asks_meeting),
                                          ("outcome", facts.asks_outcome)) if needed]
        lines.append(f"- `{event}`: " + (", ".join(asks) + " required" if asks else "no input beyond the event"))
    return "The event and what it needs (from the workflow's table):\n\n" + "\n".join(lines)


# A workflow event to fire; ``expected_version`` (or If-Match) refuses the change if someone else changed it first.
class EventRequest(BaseModel):
    event: str = Field(examples=["submit"], description=_event_inputs())
    comment: str = Field(default="", description="Why; required by the events that say so.")
    outcome: str | None = Field(default=None, description="The result, for events that ask for it.")
    meeting_id: int | None = Field(default=None, description="The meeting or written procedure, for events that "
                                                             "ask for it (e.g. schedule, reschedule).")
    expected_version: int | None = Field(default=None, description="The version you saw (409 when stale); "
                                                                   "If-Match does the same with 412.")


# One page of recommendations: ``next`` is the following page's address (``None`` after the last).
class RecommendationList(RecommendationPage):
    next: str | None = None


# The transition that happened.
class TransitionResult(BaseModel):
    recommendation_id: int
    event: str
    from_state: str
    to_state: str
    occurred_at: datetime
    version: int


# One recommendation with the address of its PDF.
def _visible(session: Session, caller: Viewer, ref: str) -> int:
    rec_id = visible_recommendation(session, ref, caller.person, caller.standing).id
    assert rec_id is not None
    return rec_id


@router.get("/recommendations", response_model=RecommendationList, summary="List recommendations",
            responses={200: {"headers": LINK_HEADER}})
def list_recommendations(request: Request, response: Response, caller: Caller, session: ReadSession,
                         state: str | None = None, working_group_id: int | None = None, q: str | None = None,
                         offset: Annotated[int, Query(ge=0, le=2**31 - 1, description="Kept for older clients; "
                                                      "follow 'next' (cursor) instead.")] = 0,
                         limit: PageLimit = 50, cursor: Cursor = None) -> Any:
    """Recommendations the caller may see, most recently changed first (then by id)."""
    start = decode_cursor(cursor, default=offset)
    page = search_recommendations(session, caller.standing, state=state, working_group_id=working_group_id, text=q,
                                  offset=start, limit=limit)
    return with_next(page, request, response, start, limit)


@router.get("/recommendations/{ref}", response_model=RecommendationAnswer, summary="One recommendation",
            responses={200: {"headers": ETAG_HEADER}})
def get_recommendation(ref: str, response: Response, caller: Caller, session: ReadSession, now: Now) -> Any:
    """One recommendation by id or number, with the events the caller may fire now and the address of its PDF;
    its version is the ETag."""
    return answer_detail(session, _visible(session, caller, ref), caller, now, response)


@router.get("/recommendations/{ref}/document.pdf", response_class=Response, summary="Its PDF",
            responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                                  "description": "The recommendation as PDF"}})
def get_document(request: Request, ref: str, caller: Caller, session: ReadSession, variant: Variant = PdfVariant.UA,
                 lang: Language = "") -> Response:
    """The recommendation as an accessible PDF (PDF/UA-1, or PDF/A-2a with variant=archiv), as its page's PDF."""
    rec = find_recommendation(session, _visible(session, caller, ref))
    setting = document_setting(request, lang, reader=False)
    return pdf_response(*recommendation_pdf(session, rec, Audience.INTERNAL, setting, variant))


@router.get("/recommendations/{ref}/history", response_model=list[HistoryEntry], summary="Its transitions",
            responses={200: {"headers": LINK_HEADER}})
def get_history(ref: str, request: Request, response: Response, caller: Caller, session: ReadSession,
                cursor: Cursor = None, limit: OptionalLimit = None) -> Any:
    """Every transition: who, when, from, to, why (oldest first; paged when ``limit`` or ``cursor`` is given, the
    next page in the Link header)."""
    return page_of(recommendation_history(session, _visible(session, caller, ref)), request, response, cursor,
                   limit)[0]


@router.post("/recommendations/{ref}/events", response_model=TransitionResult, summary="Fire a workflow event",
             responses={200: {"headers": ETAG_HEADER}})
def fire_event(ref: str, body: EventRequest, response: Response, caller: Caller, session: WriteSession, now: Now,
               if_match: IfMatch = None) -> Any:
    """Fire an event as the caller; refused with a problem document when not permitted or not possible, and with
    412 when If-Match names an older version."""
    rec_id = _visible(session, caller, ref)
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    seen = require_fresh(session, rec_id, if_match)
    record = fire(session, rec_id, body.event, actor=actor, now=now, comment=body.comment, outcome=body.outcome,
                  meeting_id=body.meeting_id, expected_version=body.expected_version if seen is None else seen)
    version = recommendation_detail(session, rec_id).version
    response.headers["ETag"] = etag(version)
    return {"recommendation_id": rec_id, "event": record.event, "from_state": record.from_state,
            "to_state": record.to_state, "occurred_at": record.occurred_at, "version": version}


def create_api(state: WebState) -> FastAPI:
    """The API as its own app (mounted at /api/v1), with its own OpenAPI document and docs page."""
    # Swagger UI's script and stylesheet come from the installed package, not from a CDN: offline sites work.
    api = FastAPIOffline(title=f"{state.settings.network_name} – API", version="1", docs_url="/docs",
                         openapi_url="/openapi.json", redoc_url=None, static_url="/docs-assets",
                         exception_handlers=PROBLEM_HANDLERS, dependencies=[Depends(bounded_input)])
    api.state.web = state
    for routes in (router, drafts, problem_types, votes, meetings, directory, imports, network, groups, roles,
                   api_tokens, attachments, forwardings, reviews, body_link, outbox, exports, topics, privacy):
        api.include_router(routes)
    plain_document = api.openapi

    def document() -> dict[str, Any]:
        if api.openapi_schema is None:
            api.openapi_schema = declare_problems(plain_document())
        return api.openapi_schema

    api.openapi = document  # type: ignore[method-assign]
    return api
