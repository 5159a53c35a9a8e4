"""Transitional: refusals of the families that still keep their English sentences in their own room (directory,
import, network, memberships, roles, composition), each known by ``"<family>.<key>"``.

A family moves to codes of its own room (a ``RefusalCode`` enum, its sentences in ``web/wording/refusals``); the
strategy group's family has moved (``workflow/strategy_group/refusals.py``).
"""

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any, ClassVar

from workflow.engine.errors import EngineRefusal, InvalidInput, NotFound, NotPermitted, RecoflowError


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return ", ".join(str(_plain(v)) for v in value)
    return value


class Worded(RecoflowError):
    """A refusal of a family that still keeps its English sentences here (``sentences``), known by
    ``"<family>.<key>"``; the pages word each family from a table of their own (``web/wording/refusals``).

    Families move to codes of their own room (a ``RefusalCode`` enum) with their sentences in the one wording table.
    """

    family: ClassVar[str]
    sentences: ClassVar[Mapping[str, str]] = {}

    def __init__(self, key: str, **values: Any) -> None:
        if key not in self.sentences:
            raise KeyError(f"{self.family} has no refusal {key!r}")
        self.key = key
        self.values = values
        super().__init__(EngineRefusal.FAMILY, family=self.family, key=key, **values)

    def __str__(self) -> str:
        return self.sentences[self.key] % {k: _plain(v) for k, v in self.values.items()}


class WordedNotPermitted(Worded, NotPermitted):
    """The actor may not do this (see ``key``)."""


class WordedInvalidInput(Worded, InvalidInput):
    """Not possible with these values or at this time (see ``key``)."""


class WordedNotFound(Worded, NotFound):
    """A named thing is not where it was looked for (see ``key``)."""
