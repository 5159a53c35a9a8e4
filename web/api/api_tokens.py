"""The caller's own API tokens in the JSON API: listed (never a secret or its digest), created (the secret answered
once) and revoked, through the same services and permissions as the page 'My API tokens' and 'recoflow tokens'."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from models.accounts import ApiToken
from models.people import Person
from web.api.paging import LINK_HEADER, Cursor, OptionalLimit, page_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession, web_state
from web.wording.refusals.web import WebRefusal
from workflow.engine.errors import NotFound
from workflow.network.api_tokens import (
    MAX_DAYS,
    TokenState,
    api_tokens_of,
    create_api_token,
    revoke_api_token,
    state_of,
)

router = APIRouter(route_class=UnitOfWorkRoute)


# One of the caller's tokens as it stands (the secret is never listed; only its digest is stored).
class ApiTokenOut(BaseModel):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    state: TokenState


# A token to create: what it is for, and how many days it lives (default: the deployment's setting, 90).
class ApiTokenCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["Statistik"])
    days: int | None = Field(default=None, ge=1, le=MAX_DAYS, examples=[90])


# A new token: as listed, with its secret, which this answer holds and no later one.
class ApiTokenIssued(ApiTokenOut):
    secret: str


def _out(row: ApiToken, now: datetime) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "created_at": row.created_at, "expires_at": row.expires_at,
            "last_used_at": row.last_used_at, "revoked_at": row.revoked_at, "state": state_of(row, now)}


def _actor(session: Session, caller: Caller) -> Person:
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    return actor


@router.get("/tokens", response_model=list[ApiTokenOut], summary="My API tokens",
            responses={200: {"headers": LINK_HEADER}})
def list_tokens(request: Request, response: Response, caller: Caller, session: ReadSession, now: Now,
                cursor: Cursor = None, limit: OptionalLimit = None) -> Any:
    """The caller's own tokens, newest first, with their state (active, expired, revoked); paged with ``limit``
    and ``cursor`` (the next page in the Link header)."""
    rows, _next = page_of(api_tokens_of(session, caller.id), request, response, cursor, limit)
    return [_out(row, now) for row in rows]


@router.post("/tokens", response_model=ApiTokenIssued, status_code=201, summary="Create an API token")
def post_token(request: Request, response: Response, body: ApiTokenCreate, caller: Caller, session: WriteSession,
               now: Now) -> Any:
    """A new token acting for the caller; its secret is in this answer only (not cached)."""
    issued = create_api_token(session, _actor(session, caller), body.name, now,
                              days=body.days or web_state(request).settings.api_token_days)
    response.headers["Cache-Control"] = "no-store"
    return {**_out(issued.row, now), "secret": issued.secret}


@router.delete("/tokens/{token_id}", status_code=204, response_class=Response, summary="Revoke an API token")
def delete_token(token_id: int, caller: Caller, session: WriteSession, now: Now) -> Response:
    """Revoke one of the caller's own tokens from now on (another person's is not found); revoking twice keeps
    the first revocation."""
    revoke_api_token(session, token_id, now, owner=_actor(session, caller))
    return Response(status_code=204)
