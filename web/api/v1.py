"""The JSON API, version 1: recommendations for integrations, with the same services and permissions as the pages."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import Response
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field
from sqlmodel import Session

from models.people import Person
from web.api.api_tokens import router as api_tokens
from web.api.body_link import router as body_link
from web.api.directory import router as directory
from web.api.exports import router as exports
from web.api.forwardings import router as forwardings
from web.api.groups import router as groups
from web.api.imports import router as imports
from web.api.network import router as network
from web.api.outbox import router as outbox
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
from workflow.engine.errors import NotFound
from workflow.queries.browsing import RecommendationPage, require_view, search_recommendations
from workflow.queries.documents import Audience
from workflow.queries.recommendation_views import (
    HistoryEntry,
    RecommendationDetail,
    recommendation_detail,
    recommendation_history,
)
from workflow.recommendations.lifecycle import find_recommendation, fire

router = APIRouter(route_class=UnitOfWorkRoute)


# A workflow event to fire; ``expected_version`` refuses the change if someone else changed it first.
class EventRequest(BaseModel):
    event: str = Field(examples=["submit"])
    comment: str = ""
    outcome: str | None = None
    meeting_id: int | None = None
    expected_version: int | None = None


# The transition that happened.
class TransitionResult(BaseModel):
    recommendation_id: int
    event: str
    from_state: str
    to_state: str
    occurred_at: datetime
    version: int


# One recommendation with the address of its PDF.
class RecommendationAnswer(RecommendationDetail):
    pdf: str = Field(description="Its PDF/UA document (add ?variant=archiv for PDF/A), with the same token")


def _visible(session: Session, caller: Viewer, ref: str) -> int:
    rec = find_recommendation(session, ref)
    require_view(caller.person, caller.standing, rec)
    assert rec.id is not None
    return rec.id


@router.get("/recommendations", response_model=RecommendationPage, summary="List recommendations")
def list_recommendations(caller: Caller, session: ReadSession, state: str | None = None,
                         working_group_id: int | None = None, q: str | None = None,
                         offset: Annotated[int, Query(ge=0)] = 0,
                         limit: Annotated[int, Query(ge=1, le=200)] = 50) -> RecommendationPage:
    """Recommendations the caller may see, most recently changed first."""
    return search_recommendations(session, caller.standing, state=state, working_group_id=working_group_id, text=q,
                                  offset=offset, limit=limit)


@router.get("/recommendations/{ref}", response_model=RecommendationAnswer, summary="One recommendation")
def get_recommendation(ref: str, caller: Caller, session: ReadSession, now: Now) -> RecommendationAnswer:
    """One recommendation by id or number, with the events the caller may fire now and the address of its PDF."""
    detail = recommendation_detail(session, _visible(session, caller, ref), caller.person, now)
    pdf = f"/api/v1/recommendations/{detail.number or detail.id}/document.pdf"
    return RecommendationAnswer.model_validate({**dict(detail), "pdf": pdf})


@router.get("/recommendations/{ref}/document.pdf", response_class=Response, summary="Its PDF",
            responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                                  "description": "The recommendation as PDF"}})
def get_document(request: Request, ref: str, caller: Caller, session: ReadSession, variant: Variant = PdfVariant.UA,
                 lang: Language = "") -> Response:
    """The recommendation as an accessible PDF (PDF/UA-1, or PDF/A-2a with variant=archiv), as its page's PDF."""
    rec = find_recommendation(session, _visible(session, caller, ref))
    setting = document_setting(request, lang, reader=False)
    return pdf_response(*recommendation_pdf(session, rec, Audience.INTERNAL, setting, variant))


@router.get("/recommendations/{ref}/history", response_model=list[HistoryEntry], summary="Its transitions")
def get_history(ref: str, caller: Caller, session: ReadSession) -> list[HistoryEntry]:
    """Every transition: who, when, from, to, why."""
    return recommendation_history(session, _visible(session, caller, ref))


@router.post("/recommendations/{ref}/events", response_model=TransitionResult, summary="Fire a workflow event")
def fire_event(ref: str, body: EventRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Fire an event as the caller; refused with a problem document when not permitted or not possible."""
    rec_id = _visible(session, caller, ref)
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    record = fire(session, rec_id, body.event, actor=actor, now=now, comment=body.comment, outcome=body.outcome,
                  meeting_id=body.meeting_id, expected_version=body.expected_version)
    version = recommendation_detail(session, rec_id).version
    return {"recommendation_id": rec_id, "event": record.event, "from_state": record.from_state,
            "to_state": record.to_state, "occurred_at": record.occurred_at, "version": version}


def create_api(state: WebState) -> FastAPI:
    """The API as its own app (mounted at /api/v1), with its own OpenAPI document and docs page."""
    # Swagger UI's script and stylesheet come from the installed package, not from a CDN: offline sites work.
    api = FastAPIOffline(title=f"{state.settings.network_name} – API", version="1", docs_url="/docs",
                         openapi_url="/openapi.json", redoc_url=None, static_url="/docs-assets",
                         exception_handlers=PROBLEM_HANDLERS, dependencies=[Depends(bounded_input)])
    api.state.web = state
    for routes in (router, problem_types, votes, directory, imports, network, groups, roles, api_tokens):
        api.include_router(routes)
    for routes in (forwardings, reviews, body_link, outbox, exports, topics):  # issue 15's second half
        api.include_router(routes)
    plain_document = api.openapi

    def document() -> dict[str, Any]:
        if api.openapi_schema is None:
            api.openapi_schema = declare_problems(plain_document())
        return api.openapi_schema

    api.openapi = document  # type: ignore[method-assign]
    return api
