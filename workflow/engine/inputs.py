"""Bounds of what a person may type: ids a column can hold, and texts that can be stored and are not too long.

Every channel (pages, API, command line) reaches the services, so the services check here; the web checks ids
and characters once more at its edge, before a route runs.
"""

import re

from models.queries import MAX_ROW_ID, row_id
from workflow.engine.errors import EngineRefusal, InvalidInput, NotFound

__all__ = ["MAX_ROW_ID", "bounded_text", "existing_id", "row_id", "storable"]

# Limits of free texts, in characters: a line (a name, a title), a paragraph (a comment, a note), a document.
LINE = 300
PARAGRAPH = 10_000
DOCUMENT = 100_000

# NUL, which PostgreSQL cannot store in text, and lone surrogates, which no UTF-8 database can store.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def existing_id(text: str | int) -> int:
    """The id a text names; refused as not found when no row can have it."""
    value = row_id(text)
    if value is None:
        raise NotFound(EngineRefusal.NO_SUCH_ID, id=str(text)[:40])
    return value


def storable(field: str, value: str) -> str:
    """``value`` unchanged; refused when it holds a character no database can store (NUL, a lone surrogate)."""
    if _UNSTORABLE.search(value):
        raise InvalidInput(EngineRefusal.UNSTORABLE_TEXT, field=field)
    return value


def bounded_text(field: str, value: str, limit: int) -> str:
    """``value`` unchanged; refused when it is longer than ``limit`` characters or cannot be stored."""
    if len(value) > limit:
        raise InvalidInput(EngineRefusal.TEXT_TOO_LONG, field=field, limit=limit, length=len(value))
    return storable(field, value)
