"""Errors of the JSON API as problem details (RFC 9457), each with a sentence a person can act on."""

from typing import Any

import sqlalchemy as sa
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from models.base import json_value
from web.errors import database_unavailable, problem, status_of, validation_text
from web.i18n import Translator
from web.wording.guard_labels import word_reason
from web.wording.refusals import code_of, english, plain_parameters, problem_type
from workflow.engine.errors import GuardFailed, InvalidTransition, RecoflowError

ENGLISH = Translator("en")


class PreconditionFailed(RecoflowError):
    """A conditional request's If-Match names an older version than the one stored (HTTP 412): nothing changed."""

    kind = "precondition_failed"


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
        extra["reasons"] = [{"code": r.code, "parameters": {k: json_value(v) for k, v in r.parameters.items()},
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
    response = problem(exc.status_code, "Not found" if exc.status_code == 404 else "Refused", detail)
    response.headers.update(exc.headers or {})  # a 405 keeps its Allow
    return response


def _unavailable(_request: Request, exc: Exception) -> JSONResponse:
    if not database_unavailable(exc):
        raise exc
    response = problem(503, "Temporarily unavailable", "The database cannot be reached or has not been set up yet; "
                       "nothing was saved. Try again later.")
    response.headers["Retry-After"] = "60"
    return response


PROBLEM_HANDLERS: dict[Any, Any] = {
    RecoflowError: _recoflow,
    BearerRequired: _unauthorised,
    RequestValidationError: _validation,
    HTTPException: _http,
    sa.exc.OperationalError: _unavailable,
    sa.exc.ProgrammingError: _unavailable,
}


# What every problem document holds (RFC 9457), plus recoflow's code and the values its wording needs.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "'/api/v1/problems/<code>' describes a refusal; else about:blank"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "A sentence a person can act on."},
        "code": {"type": "string", "description": "The refusal's stable code, e.g. engine.stale_version."},
        "parameters": {"type": "object", "description": "The values the refusal's wording needs."},
        "allowed_events": {"type": "array", "items": {"type": "string"}},
        "reasons": {"type": "array", "items": {"type": "object", "properties": {
            "code": {"type": "string"}, "parameters": {"type": "object"}, "detail": {"type": "string"}}}},
    },
}
_PROBLEMS = {
    "401": "No valid API token (see WWW-Authenticate)",
    "403": "The token's person may not do this",
    "404": "No such thing (or an id no row can have)",
    "409": "Not possible in this state, or changed by someone else meanwhile",
    "412": "If-Match names an older version than the one stored (code web.if_match_stale); nothing changed",
    "422": "Invalid input: a field is missing, of the wrong type, too long or holds an unstorable character",
    "503": "The database cannot be reached or is not set up yet; try again later",
}


def _problems_of(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    """The problem statuses an operation can answer: by its authentication, its path, and whether it writes."""
    statuses = ["422", "503"]
    if operation.get("security"):
        statuses += ["401", "403"]
    if "{" in path or operation.get("security"):
        statuses.append("404")  # a path's thing, or a thing a body or query names
    if method in ("post", "put", "patch", "delete"):
        statuses.append("409")
    if any(p.get("in") == "header" and p.get("name", "").lower() == "if-match"
           for p in operation.get("parameters", [])):
        statuses.append("412")
    return sorted(statuses)


def declare_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """Add each operation's problem responses (``application/problem+json``, one Problem schema) to the document."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in _problems_of(path, method, operation):
                described = responses.get(status, {})
                content = {k: v for k, v in described.get("content", {}).items() if k != "application/json"
                           or status != "422" or "HTTPValidationError" not in str(v)}
                responses[status] = {"description": described.get("description") if status != "422"
                                     and described.get("description") else _PROBLEMS[status],
                                     "content": {**content, **reference}}
    return schema
