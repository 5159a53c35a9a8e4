"""Keeping secrets in URLs secret (a body's personal link, a set-password link): no referrer and no cache on their
answers, no token in the access log; form tokens that need no session (the body has no account and may block
cookies), and a brake on guessing links."""

import hashlib
import hmac
import logging
import re
from datetime import datetime, timedelta

from fastapi import Request
from fastapi.responses import Response
from starlette.background import BackgroundTask

from models.db import Database
from web.deps import web_state
from web.security import CsrfRefused, secret_key
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.personal_links import LINK_PATH
from workflow.network.throttles import count_attempt, locked_until

# Every path whose next segment is a secret token: the one list both the log redaction and the headers follow,
# so a future secret route is covered by adding its prefix here.
SECRET_PATHS = (LINK_PATH, "/set-password/")
# Headers of every answer to a URL that carries a secret (its refusals too), and of pages that show links.
SECRET_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "Pragma": "no-cache"}
# A form shown behind a link is accepted for this long (a body may take its time to write a report).
FORM_TOKEN_LIFETIME = timedelta(hours=24)
# Failed token lookups one client may make within the window before every lookup is refused for as long.
FAILURE_LIMIT = 20
FAILURE_WINDOW = timedelta(minutes=15)

_TOKEN_IN_PATH = re.compile("(" + "|".join(re.escape(p) for p in SECRET_PATHS) + r")[^/?#\s\"']+")


def carries_secret(path: str) -> bool:
    """Whether a request path holds a secret token (its answer gets ``SECRET_HEADERS``)."""
    return path.startswith(SECRET_PATHS)


def with_link_headers(response: Response) -> Response:
    """Mark a response as neither to be cached nor to be named as a referrer (it shows or sits behind a link)."""
    response.headers.update(SECRET_HEADERS)
    return response


def redact(text: str) -> str:
    """``text`` with the token of every secret path replaced by an ellipsis."""
    return _TOKEN_IN_PATH.sub(r"\1…", text)


class RedactLinkTokens(logging.Filter):
    """Keeps the tokens of secret paths out of the server's logs (uvicorn logs every request path)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's arguments and message; never drops a record."""
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


REDACT_LINK_TOKENS = RedactLinkTokens()


def redact_access_log() -> None:
    """Install the filter on the server's request loggers (idempotent: the same filter object is added once)."""
    for name in ("uvicorn.access", "uvicorn.error"):
        logging.getLogger(name).addFilter(REDACT_LINK_TOKENS)


def _signature(key: str, issued: int, link_token: str) -> str:
    # Bound to the link (by its hash) and the moment of issue; the purpose prefix keeps it apart from cookies.
    digest = hashlib.sha256(link_token.encode("utf-8")).hexdigest()
    return hmac.new(key.encode("utf-8"), f"link-form|{issued}|{digest}".encode(), hashlib.sha256).hexdigest()


def link_form_token(request: Request, link_token: str, now: datetime) -> str:
    """The form token of a page behind ``link_token``: signed, so it needs no session to be checked."""
    issued = int(now.timestamp())
    return f"{issued}.{_signature(secret_key(web_state(request).settings), issued, link_token)}"


def check_link_form_token(request: Request, link_token: str, sent: str | None, now: datetime) -> None:
    """Refuse a form that was not shown behind this very link within the form token's lifetime."""
    issued_text, _, signature = (sent or "").partition(".")
    if not issued_text.isdigit() or not signature:
        raise CsrfRefused()
    issued = int(issued_text)
    age = now.timestamp() - issued
    expected = _signature(secret_key(web_state(request).settings), issued, link_token)
    if not hmac.compare_digest(signature, expected) or not -60 <= age <= FORM_TOKEN_LIFETIME.total_seconds():
        raise CsrfRefused()


def _lookup_key(request: Request) -> str:
    return f"link:{client_of(request)}"


def lookups_blocked(request: Request, now: datetime) -> bool:
    """Whether this client failed too often lately (counted in the database: it holds across web workers)."""
    with web_state(request).database.read() as session:
        return locked_until(session, _lookup_key(request), now) is not None


def _count_failure(database: Database, key: str, now: datetime) -> None:
    with unit_of_work(database) as session:
        count_attempt(session, key, lock_at=FAILURE_LIMIT, window=FAILURE_WINDOW, lock_for=FAILURE_WINDOW, now=now)


def count_failed_lookup(request: Request, response: Response, now: datetime) -> Response:
    """Count one failed token lookup of this client, once the request's own unit of work has ended (on SQLite a
    second writer inside it would wait for the first); the response is sent as it is."""
    response.background = BackgroundTask(_count_failure, web_state(request).database, _lookup_key(request), now)
    return response


def client_of(request: Request) -> str:
    """The client's address as the server sees it."""
    return request.client.host if request.client else "unknown"
