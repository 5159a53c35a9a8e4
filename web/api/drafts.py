"""Drafting in the JSON API: a new draft, an edit of a draft (its next revision) and the revisions, through the same
services and permissions as the draft form; the recommendation's ``version`` is its ETag, and writes honour If-Match.

If-Match is optional, as GitHub's and Stripe's APIs have it: a write without it applies to whatever version is
stored (the last writer wins), a write with it applies only to that version and answers 412 otherwise.
"""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from models.queries import revisions_of
from models.recommendation import RecommendationCreate, RecommendationUpdate
from web.api.paging import LINK_HEADER, Cursor, OptionalLimit, page_of
from web.api.problems import PreconditionFailed
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession, acting
from web.wording.refusals.web import WebRefusal
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput
from workflow.queries.browsing import names_of, require_view
from workflow.queries.recommendation_views import RecommendationDetail, recommendation_detail
from workflow.recommendations.lifecycle import create_recommendation, edit_recommendation, find_recommendation

router = APIRouter(route_class=UnitOfWorkRoute, tags=["drafts"])
IfMatch = Annotated[str | None, Header(description="The ETag (version) you last read; a write to an older version "
                                                   "is refused with 412. Optional: without it the write applies "
                                                   "to the version stored.", max_length=40)]
ETAG_HEADER: dict[str, Any] = {"ETag": {"description": "The recommendation's version, quoted (a strong ETag).",
                        "schema": {"type": "string"}}}


# What to change in a draft (fields left out stay) and why; the answer is the recommendation with its new version.
class DraftPatch(BaseModel):
    title: str | None = Field(default=None, min_length=3, max_length=300)
    text: str | None = Field(default=None, min_length=1, max_length=100_000)
    rationale: str | None = Field(default=None, max_length=100_000)
    addressee_ids: list[int] | None = None
    comment: str = Field(default="", max_length=2000)


# One numbered revision of a recommendation's text, with who wrote it and why.
class RevisionOut(BaseModel):
    number: int
    title: str
    text: str
    rationale: str
    author: str | None
    comment: str
    created_at: datetime


# One page of revisions, oldest first.
class RevisionList(BaseModel):
    items: list[RevisionOut]
    next: str | None


def etag(version: int) -> str:
    """The strong ETag of a version."""
    return f'"{version}"'


def if_match_version(value: str | None) -> int | None:
    """The version an If-Match header names (``None``: no header, or ``*``, which any version matches)."""
    if value is None or value.strip() == "*":
        return None
    text = value.strip().removeprefix("W/").strip('"')
    if not text.isdigit() or not text.isascii() or len(text) > 9:
        raise InvalidInput(WebRefusal.IF_MATCH_MALFORMED, value=value)
    return int(text)


def require_fresh(session: Session, rec_id: int, if_match: str | None) -> int | None:
    """Refuse (412) a write whose If-Match names another version than the stored one; the version it names."""
    seen = if_match_version(if_match)
    if seen is None:
        return None
    rec = find_recommendation(session, rec_id)
    if rec.version != seen:
        raise PreconditionFailed(WebRefusal.IF_MATCH_STALE, label=RECOMMENDATION_WORKFLOW.label(rec),
                                 version=rec.version, seen=seen)
    return seen


class RecommendationAnswer(RecommendationDetail):
    pdf: str = Field(description="Its PDF/UA document (add ?variant=archiv for PDF/A), with the same token")


def answer_detail(session: Session, rec_id: int, caller: Caller, now: datetime, response: Response) -> Any:
    """The recommendation as GET shows it, with the address of its PDF and its version as ETag."""
    detail = recommendation_detail(session, rec_id, caller.person, now)
    response.headers["ETag"] = etag(detail.version)
    pdf = f"/api/v1/recommendations/{detail.number or detail.id}/document.pdf"
    return RecommendationAnswer.model_validate({**dict(detail), "pdf": pdf})


@router.post("/recommendations", response_model=RecommendationAnswer, status_code=201, summary="Create a draft",
             responses={201: {"headers": {**ETAG_HEADER, "Location": {"description": "The new draft's address.",
                                                                      "schema": {"type": "string"}}}}})
def post_draft(body: RecommendationCreate, request: Request, response: Response, caller: Caller,
               session: WriteSession, now: Now) -> Any:
    """A new draft in one of the caller's working groups, its text as revision 1 (members, leads, deputy leads)."""
    rec = create_recommendation(session, body, acting(session, caller), now)
    session.flush()
    assert rec.id is not None
    response.headers["Location"] = str(request.url_for("get_recommendation", ref=str(rec.id)))
    return answer_detail(session, rec.id, caller, now, response)


@router.patch("/recommendations/{ref}", response_model=RecommendationAnswer, summary="Edit a draft",
              responses={200: {"headers": ETAG_HEADER}})
def patch_draft(ref: str, body: DraftPatch, response: Response, caller: Caller, session: WriteSession, now: Now,
                if_match: IfMatch = None) -> Any:
    """Change a draft's title, text, rationale or addressees (as its form does); a text change is its next
    revision. Refused once submitted, for someone outside its working group, and with 412 on a stale If-Match."""
    rec = find_recommendation(session, ref)
    require_view(caller.person, caller.standing, rec)
    assert rec.id is not None
    seen = require_fresh(session, rec.id, if_match)
    changes = RecommendationUpdate.model_validate(body.model_dump(exclude={"comment"}, exclude_unset=True))
    edit_recommendation(session, rec.id, changes, acting(session, caller), now, body.comment, seen)
    session.flush()
    return answer_detail(session, rec.id, caller, now, response)


@router.get("/recommendations/{ref}/revisions", response_model=RevisionList, summary="Its revisions",
            responses={200: {"headers": LINK_HEADER}})
def list_revisions(ref: str, request: Request, response: Response, caller: Caller, session: ReadSession,
                   cursor: Cursor = None, limit: OptionalLimit = None) -> Any:
    """The numbered revisions of the text, oldest first, as the recommendation's page shows its changes."""
    rec = find_recommendation(session, ref)
    require_view(caller.person, caller.standing, rec)
    assert rec.id is not None
    revisions, following = page_of(revisions_of(session, rec.id), request, response, cursor, limit or 50)
    names = names_of(session, [r.author_id for r in revisions])
    items = [RevisionOut(number=r.number, title=r.title, text=r.text, rationale=r.rationale,
                         author=names.get(r.author_id) if r.author_id else None, comment=r.comment,
                         created_at=r.created_at) for r in revisions]
    return {"items": items, "next": following}
