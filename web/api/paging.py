"""Cursor pagination of the API's lists: ``?limit=&cursor=`` with an opaque cursor; the next page's address is in
the body (``next``) where the list is an object, and always in a ``Link: <…>; rel="next"`` header (RFC 8288).

A cursor names where the next page starts in the list's stable order (each list orders by its key and then by id),
so walking a list that nobody changes meanwhile sees every entry exactly once. Clients treat it as opaque.
"""

import base64
import binascii
from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from fastapi import Query, Request, Response

from web.wording.refusals.web import WebRefusal
from workflow.engine.errors import InvalidInput

T = TypeVar("T")
MAX_START = 2**31 - 1  # no list holds more; a larger start would only reach the database as an error
_PREFIX = "c1:"

Cursor = Annotated[str | None, Query(max_length=64, description="Where to go on: the cursor of the previous page's "
                                                               "'next' link (opaque; leave out for the first page).")]
PageLimit = Annotated[int, Query(ge=1, le=200, description="How many entries one page holds (1–200).")]
OptionalLimit = Annotated[int | None, Query(ge=1, le=200, description="How many entries one page holds (1–200); "
                                                                      "leave out for the whole list.")]
LINK_HEADER: dict[str, Any] = {
    "Link": {"description": "The next page as '<address>; rel=\"next\"' (RFC 8288), when there is one.",
             "schema": {"type": "string"}}}


def encode_cursor(start: int) -> str:
    """The opaque cursor of a page starting at ``start``."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{start}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, default: int = 0) -> int:
    """Where the page of ``cursor`` starts (``default`` without one); a cursor this API never gave is refused."""
    if cursor is None or cursor == "":
        return default
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    number = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not number.isdigit() or not number.isascii() or int(number) > MAX_START:
        raise InvalidInput(WebRefusal.CURSOR_MALFORMED, value=cursor)
    return int(number)


def next_link(request: Request, response: Response, start: int, limit: int, shown: int,
              total: int | None) -> str | None:
    """The address of the next page (also set as the ``Link`` header), or ``None`` after the last page."""
    following = start + shown
    if shown < limit or (total is not None and following >= total):
        return None
    address = request.url.remove_query_params(["cursor", "offset"]).include_query_params(
        cursor=encode_cursor(following))
    response.headers["Link"] = f'<{address}>; rel="next"'
    return str(address)


def page_of(items: Sequence[T], request: Request, response: Response, cursor: str | None,
            limit: int | None) -> tuple[list[T], str | None]:
    """One page of a list already read whole (small lists: terms, tokens, agenda items), in its order, and the next
    page's address; without ``limit`` and ``cursor`` the whole list, as before cursors existed."""
    if limit is None and not cursor:
        return list(items), None
    size = limit or 50
    start = decode_cursor(cursor)
    chosen = list(items[start:start + size])
    return chosen, next_link(request, response, start, size, len(chosen), len(items))


def with_next(page: Any, request: Request, response: Response, start: int, limit: int) -> dict[str, Any]:
    """A list object (``items`` and ``total``) with ``next``, the address of the following page or ``None``."""
    data = page.model_dump() if hasattr(page, "model_dump") else dict(page)
    data["next"] = next_link(request, response, start, limit, len(data["items"]), data.get("total"))
    return data
