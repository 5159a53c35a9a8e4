"""How refusals reach people: an HTML page for the browser, problem details (RFC 9457) for the API."""

from typing import Any

import sqlalchemy as sa
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from web.i18n import N_
from web.security import CsrfRefused, SignInRequired
from web.templating import render, translator, when_in
from web.wording.guard_labels import word_reasons
from web.wording.refusals import explain
from workflow.engine.errors import (
    GuardFailed,
    RecoflowError,
)

# The HTTP status and title of each kind of refusal: the same refusal answers the same on every channel.
STATUS: dict[str, tuple[int, str]] = {
    "not_found": (404, N_("Not found")),
    "not_permitted": (403, N_("Not permitted")),
    "invalid_transition": (409, N_("Not possible in this state")),
    "guard_failed": (409, N_("Not possible yet")),
    "conflict": (409, N_("Changed meanwhile")),
    "precondition_failed": (412, N_("Changed meanwhile")),  # a conditional request (If-Match) named an older version
    "invalid_input": (422, N_("Invalid input")),
}


def status_of(error: RecoflowError) -> tuple[int, str]:
    """The HTTP status and the title of a refusal (by its kind)."""
    return STATUS.get(error.kind, (400, N_("Refused")))


def validation_text(error: ValidationError | RequestValidationError) -> str:
    """A validation error as one sentence naming each bad field."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"] if p not in ("body", "query", "path")) or "value"
        parts.append(f"{where}: {item['msg']}")
    return "Invalid input – " + "; ".join(parts) + "."


def error_page(request: Request, status: int, title: str, message: str, hint: str | None = None) -> Response:
    """The page that says what went wrong and links back."""
    _ = translator(request).gettext
    back = request.headers.get("referer") or "/"
    if not back.startswith(str(request.base_url)) and not back.startswith("/"):
        back = "/"
    return render(request, "error.html", status_code=status, heading=_(title), message=message, hint=hint, back=back)


def _recoflow_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RecoflowError)
    status, title = status_of(exc)
    if isinstance(exc, GuardFailed):
        # The guards' own words, in the reader's language and pointing to the page's forms.
        return error_page(request, status, title, word_reasons(exc.reasons, translator(request)))
    # Every refusal in the reader's language, from its code and values.
    return error_page(request, status, title, explain(exc, translator(request), when_in(request)))


def _csrf_page(request: Request, exc: Exception) -> Response:
    _ = translator(request).gettext
    return error_page(request, 403, N_("Form expired"),
                      _("This form was not accepted because its security token is missing or out of date."),
                      _("Go back, reload the page and send the form again."))


def _sign_in_redirect(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={target}", status_code=303)


def _http_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    _ = translator(request).gettext
    if exc.status_code == 404:
        return error_page(request, 404, N_("Not found"), _("There is no page at this address."))
    response = error_page(request, exc.status_code, N_("Refused"), str(exc.detail))
    response.headers.update(exc.headers or {})  # a 405 keeps its Allow
    return response


def database_unavailable(exc: Exception) -> bool:
    """Whether ``exc`` says the database cannot be reached or has no tables yet (not a fault of the request)."""
    if isinstance(exc, sa.exc.OperationalError):
        return True  # unreachable, no such table (SQLite), locked beyond the busy timeout
    return isinstance(exc, sa.exc.ProgrammingError) and "UndefinedTable" in type(exc.orig).__name__


def _unavailable_page(request: Request, exc: Exception) -> Response:
    if not database_unavailable(exc):
        raise exc
    _ = translator(request).gettext
    response = error_page(request, 503, N_("Temporarily unavailable"),
                          _("The database cannot be reached or has not been set up yet; nothing was saved."),
                          _("Please try again in a few minutes. If this persists, tell the secretariat."))
    response.headers["Retry-After"] = "60"
    return response


def _validation_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError | ValidationError)
    return error_page(request, 422, N_("Invalid input"), validation_text(exc))


HTML_HANDLERS: dict[Any, Any] = {
    RecoflowError: _recoflow_page,
    CsrfRefused: _csrf_page,
    SignInRequired: _sign_in_redirect,
    HTTPException: _http_page,
    RequestValidationError: _validation_page,
    ValidationError: _validation_page,
    sa.exc.OperationalError: _unavailable_page,
    sa.exc.ProgrammingError: _unavailable_page,
}


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """An RFC 9457 problem details response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}  # extra may set type
    return JSONResponse(body, status_code=status, media_type="application/problem+json")
