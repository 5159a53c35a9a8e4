"""The signed-in person's own API tokens: listed with their state, created (the secret shown once, on the answer to
the form and never again) and revoked after a confirmation, through the same services as the command line."""

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, Viewer, WriteSession, acting, web_state
from web.errors import status_of
from web.link_safety import with_link_headers
from web.meeting_forms import refused, worded
from web.security import verify_csrf
from web.templating import flash, render, translator
from web.wording.account_labels import TOKEN_STATES
from web.wording.refusals.web import FormRefusal
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.network.api_tokens import (
    MAX_DAYS,
    TokenState,
    api_tokens_of,
    create_api_token,
    revoke_api_token,
    state_of,
)
from workflow.network.refusals import AccountRefusal

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])
TextField = Annotated[str, Form()]
PAGE = "/account/api-tokens"
_DAYS = re.compile(r"[0-9]{1,6}")  # ASCII digits only ("²" passes isdigit() but not int())


def _tokens_page(request: Request, session: Session, viewer: Viewer, now: Any, status: int = 200,
                 **context: Any) -> Response:
    context.setdefault("error", None)
    context.setdefault("values", {})
    # Each token with the word for its state and whether it may still be revoked (only a valid one is offered).
    tokens = [(row, TOKEN_STATES[state], state is TokenState.ACTIVE)
              for row, state in ((row, state_of(row, now)) for row in api_tokens_of(session, viewer.id))]
    return render(request, "account_api_tokens.html", status, tokens=tokens, max_days=MAX_DAYS,
                  default_days=web_state(request).settings.api_token_days, **context)


def _days(request: Request, text: str) -> int:
    """The validity from the form: blank is the deployment's default; anything but a whole number is refused."""
    text = text.strip()
    if not text:
        return web_state(request).settings.api_token_days
    if not _DAYS.fullmatch(text):
        raise InvalidInput(AccountRefusal.TOKEN_DAYS, min=1, max=MAX_DAYS)
    return int(text)


@router.get(PAGE, response_class=HTMLResponse)
def tokens_page(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The person's own API tokens with their state, and a form to create one."""
    return _tokens_page(request, session, viewer, now)


@router.post(PAGE, response_class=HTMLResponse)
def create_token(request: Request, viewer: Internal, session: WriteSession, now: Now, name: TextField = "",
                 days: TextField = "") -> Response:
    """Create a token and show its secret on this answer only (not cached, not named as a referrer)."""
    try:
        issued = create_api_token(session, acting(session, viewer), name, now, days=_days(request, days))
    except RecoflowError as exc:
        status, _title = status_of(exc)
        return _tokens_page(request, session, viewer, now, status, error=worded(request, exc),
                            values={"name": name, "days": days})
    return with_link_headers(render(request, "account_api_token_created.html", token=issued.row,
                                    secret=issued.secret))


@router.post(PAGE + "/{token_id}/revoke")
def revoke_token(request: Request, token_id: int, viewer: Internal, session: WriteSession, now: Now,
                 confirmed: TextField = "") -> Response:
    """Revoke one of the person's own tokens once the form's box is ticked; another's is not found."""
    try:
        if confirmed != "yes":
            raise InvalidInput(FormRefusal.CONFIRM_TOKEN_REVOKE)
        row = revoke_api_token(session, token_id, now, owner=acting(session, viewer))
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The API token “%(name)s” is revoked; it no longer opens the API.",
                                               name=row.name), "success")
    return RedirectResponse(PAGE, status_code=303)
