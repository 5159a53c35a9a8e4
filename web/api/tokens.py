"""Who calls the API: the person a bearer token acts for (the dependency every router of the API builds on)."""

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from models.people import Person
from web.api.problems import BearerRequired
from web.deps import Viewer, load_viewer, now, web_state
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import TokenCheck, TokenState, check_api_token, note_last_use
from workflow.queries.browsing import require_internal

bearer = HTTPBearer(auto_error=False, description="A token from the page 'My API tokens' or 'recoflow tokens create'.")
# The 401 answer's code when the token is known but no longer opens the API.
REFUSED_STATES = {TokenState.EXPIRED: "api.token_expired", TokenState.REVOKED: "api.token_revoked"}


def token_holder(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Viewer:
    """The person a bearer token acts for, with or without a role (enough for what is no secret)."""
    if credentials is None:
        raise BearerRequired()
    checked: list[TokenCheck] = []

    def find(session: Session, at: datetime) -> Person | None:
        checked.append(check_api_token(session, credentials.credentials, at))
        return checked[0].person

    viewer = load_viewer(request, find)
    check = checked[0]
    if viewer is None:
        raise BearerRequired(REFUSED_STATES.get(check.state) if check.state else None)
    at = now(request)
    if check.row is not None and check.row.id is not None and check.due_for_last_use(at):
        # A short unit of work of its own, at most once a minute per token: the request's own may only read.
        with unit_of_work(web_state(request).database) as session:
            note_last_use(session, check.row.id, at)
    return viewer


TokenHolder = Annotated[Viewer, Depends(token_holder)]


def token_viewer(holder: TokenHolder) -> Viewer:
    """The person a bearer token acts for, if they hold a role in the network."""
    require_internal(holder.person, holder.standing)
    return holder


Caller = Annotated[Viewer, Depends(token_viewer)]
