"""Cursor pagination for the lists of the API's later operations (forwardings, reports, outbox, topics, events):
``?limit=&cursor=`` with an opaque cursor, the next page's address as ``next`` and in a ``Link: <…>; rel="next"``
header (RFC 8288). The cursor reads as the one of the recommendation lists' pagination (``c1:<start>``, base64), so
a client follows every list alike."""

import base64
import binascii
from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from fastapi import Query, Request, Response
from fastapi.exceptions import RequestValidationError

T = TypeVar("T")
MAX_START = 2**31 - 1
_PREFIX = "c1:"

Cursor = Annotated[str | None, Query(max_length=64, description="Where to go on: the cursor of the previous page's "
                                                               "'next' link (opaque; leave out for the first page).")]
Limit = Annotated[int, Query(ge=1, le=200, description="How many entries one page holds (1–200).")]
LINK_HEADER: dict[str, Any] = {
    "Link": {"description": "The next page as '<address>; rel=\"next\"' (RFC 8288), when there is one.",
             "schema": {"type": "string"}}}


def _cursor_refused(cursor: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", "cursor"), "type": "value_error", "input": cursor,
                                    "msg": "this cursor was not given out by this list; follow the 'next' links"}])


def encode_cursor(start: int) -> str:
    """The opaque cursor of a page starting at ``start``."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{start}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """Where the page of ``cursor`` starts (0 without one); a cursor this API never gave is invalid input."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    number = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not number.isascii() or not number.isdigit() or int(number) > MAX_START:
        raise _cursor_refused(cursor)
    return int(number)


def next_page(request: Request, response: Response, start: int, limit: int, more: bool) -> str | None:
    """The address of the next page (also set as the ``Link`` header), or ``None`` after the last page."""
    if not more:
        return None
    address = request.url.remove_query_params(["cursor"]).include_query_params(cursor=encode_cursor(start + limit))
    response.headers["Link"] = f'<{address}>; rel="next"'
    return str(address)


def page_of(items: Sequence[T], request: Request, response: Response, cursor: str | None,
            limit: int) -> tuple[list[T], str | None]:
    """One page of a list read whole, in its order, and the next page's address."""
    start = decode_cursor(cursor)
    chosen = list(items[start:start + limit])
    return chosen, next_page(request, response, start, limit, start + limit < len(items))
