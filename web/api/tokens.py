"""Who calls the API: the person a bearer token acts for (the dependency every router of the API builds on)."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from web.api.problems import BearerRequired
from web.deps import Viewer, load_viewer
from workflow.network.accounts import person_for_api_token
from workflow.queries.browsing import require_internal

bearer = HTTPBearer(auto_error=False, description="A token from 'recoflow users token EMAIL'.")


def token_holder(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Viewer:
    """The person a bearer token acts for, with or without a role (enough for what is no secret)."""
    if credentials is None:
        raise BearerRequired()
    viewer = load_viewer(request, lambda session, _at: person_for_api_token(session, credentials.credentials))
    if viewer is None:
        raise BearerRequired()
    return viewer


TokenHolder = Annotated[Viewer, Depends(token_holder)]


def token_viewer(holder: TokenHolder) -> Viewer:
    """The person a bearer token acts for, if they hold a role in the network."""
    require_internal(holder.person, holder.standing)
    return holder


Caller = Annotated[Viewer, Depends(token_viewer)]
