"""Differences between saved revisions of a recommendation, word by word (for showing, not for storing)."""

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any

from models.recommendation import Revision

_TOKENS = re.compile(r"(\s+)")
FIELDS = ("title", "text", "rationale")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The change from ``old`` to ``new`` as (kind, text) pieces; kind is 'same', 'del' or 'ins'."""
    a, b = _TOKENS.split(old), _TOKENS.split(new)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", "".join(b[j1:j2])))
    return pieces


def revision_changes(revisions: Sequence[Revision]) -> list[dict[str, Any]]:
    """For each revision after the first, newest first: when, by whom (id), why, and what changed in which field."""
    changes = []
    for before, after in pairwise(revisions):
        fields = [{"field": name, "pieces": word_diff(getattr(before, name), getattr(after, name))}
                  for name in FIELDS if getattr(before, name) != getattr(after, name)]
        changes.append({"number": after.number, "created_at": after.created_at, "author_id": after.author_id,
                        "comment": after.comment, "fields": fields})
    return list(reversed(changes))
