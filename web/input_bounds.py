"""The web's edge check, run before every route of the pages and the API: an id no row can have is not found,
and a character no database can store (NUL, a lone surrogate) is refused before any service or query sees it."""

from typing import Any

from fastapi import Request

from workflow.engine.errors import EngineRefusal, InvalidInput
from workflow.engine.inputs import existing_id, row_id, storable

# The largest number any column holds (BIGINT); a larger one in a query or a body is refused before it reaches one.
MAX_NUMBER = 2**63 - 1


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def _number(text: str) -> bool:
    return text.lstrip("+-").isdigit()


def _check_value(name: str, value: Any) -> None:
    """A field of a query, form or JSON body: an id field with an impossible id, a number too large for any column,
    a text that cannot be stored (an empty or free-text id field is left to the route)."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        if _is_id(name) and row_id(value) is None:
            existing_id(value)
        if abs(value) > MAX_NUMBER:
            raise InvalidInput(EngineRefusal.NUMBER_OUT_OF_RANGE, field=name)
    elif isinstance(value, str):
        storable(name, value)
        text = value.strip()
        if _is_id(name) and _number(text) and row_id(text) is None:
            existing_id(text)
        if _number(text) and abs(int(text) if text.lstrip("+-").isascii() else 0) > MAX_NUMBER:
            raise InvalidInput(EngineRefusal.NUMBER_OUT_OF_RANGE, field=name)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_value(str(key), item)
    elif isinstance(value, list):
        for item in value:
            _check_value(name, item)


async def bounded_input(request: Request) -> None:
    """Refuse ids outside every column's range (404) and unstorable text (422) in path, query, form and JSON."""
    for name, value in request.path_params.items():
        if _is_id(name):
            existing_id(value)
        storable(name, value)
    for name, value in request.query_params.multi_items():
        _check_value(name, value)
    content_type = request.headers.get("content-type", "")
    # FastAPI has read the body already (forms and JSON are cached on the request): no second read of the stream.
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        for name, value in (await request.form()).multi_items():
            _check_value(name, value)
    elif content_type.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            return  # FastAPI answers a body that is not JSON itself
        _check_value("body", body)
