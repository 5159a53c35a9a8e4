"""Errors of the JSON API as problem details (RFC 9457), each with a sentence a person can act on."""

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from web.errors import problem, status_of, validation_text
from web.i18n import Translator
from web.wording.guard_labels import word_reason
from web.wording.refusals import code_of, english, plain_parameters, problem_type
from workflow.engine.errors import GuardFailed, InvalidTransition, RecoflowError

ENGLISH = Translator("en")


class BearerRequired(Exception):
    """The request carries no valid bearer token; ``code`` says why when the token is known (expired, revoked)."""

    def __init__(self, code: str | None = None) -> None:
        super().__init__(code)
        self.code = code


# What to say about a known token that no longer opens the API, by the 401 answer's code.
_TOKEN_ENDED = {
    "api.token_expired": "This API token has expired; create a new one on the page 'My API tokens' or with "
                         "'recoflow tokens create EMAIL'.",
    "api.token_revoked": "This API token was revoked; create a new one on the page 'My API tokens' or with "
                         "'recoflow tokens create EMAIL'.",
}


def _recoflow(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RecoflowError)
    status, title = status_of(exc)
    code = code_of(exc)
    extra: dict[str, Any] = {"code": code, "parameters": plain_parameters(exc)}
    if isinstance(exc, InvalidTransition):
        extra["allowed_events"] = list(exc.allowed)
    if isinstance(exc, GuardFailed):
        extra["reasons"] = [{"code": r.code, "parameters": r.parameters,
                             "detail": word_reason(r, ENGLISH, for_pages=False)} for r in exc.reasons]
    return problem(status, title, english(exc), type=problem_type(code), **extra)


def _unauthorised(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BearerRequired)
    if exc.code in _TOKEN_ENDED:
        response = problem(401, "Not signed in", _TOKEN_ENDED[exc.code], code=exc.code)
    else:
        response = problem(401, "Not signed in", "Send a valid API token as 'Authorization: Bearer <token>'; "
                           "an administrator issues one with 'recoflow users token EMAIL'.")
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return problem(422, "Invalid input", validation_text(exc))


def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    detail = "There is no such endpoint; see /api/v1/docs." if exc.status_code == 404 else str(exc.detail)
    return problem(exc.status_code, "Not found" if exc.status_code == 404 else "Refused", detail)


PROBLEM_HANDLERS: dict[Any, Any] = {
    RecoflowError: _recoflow,
    BearerRequired: _unauthorised,
    RequestValidationError: _validation,
    HTTPException: _http,
}
