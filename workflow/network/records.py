"""The record of changes to the network's directory and settings: who changed what, when, why, from what to what.

Services write a record in the same transaction as the change, so a refused or failed change leaves no record and
a saved change always has one. The table refuses UPDATE and DELETE at the database level.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models.base import json_value
from models.network import ChangeRecord
from models.people import Person
from workflow.engine.inputs import PARAGRAPH, bounded_text


def record_change(
    session: Session, subject_kind: str, subject_id: int, action: str, *, actor: Person | None, now: datetime,
    comment: str = "", changes: Mapping[str, Any] | None = None,
) -> ChangeRecord:
    """Add one change to the record (no commit: it lands with the change it describes)."""
    record = ChangeRecord(subject_kind=subject_kind, subject_id=subject_id, action=action,
                          actor_id=actor.id if actor is not None else None, occurred_at=now,
                          comment=bounded_text("comment", comment, PARAGRAPH).strip(),
                          changes={k: json_value(v) for k, v in (changes or {}).items()})
    session.add(record)
    return record


def apply_changes(row: Any, updates: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set ``updates`` on ``row``; return what changed as ``{field: [before, after]}`` (the rest left out)."""
    changed: dict[str, list[Any]] = {}
    for name, value in updates.items():
        before = getattr(row, name)
        if before != value:
            changed[name] = [json_value(before), json_value(value)]
            setattr(row, name, value)
    return changed


def changes_of(session: Session, subject_kind: str, subject_id: int) -> list[ChangeRecord]:
    """The record of one subject, oldest first."""
    return list(session.exec(select(ChangeRecord).where(
        ChangeRecord.subject_kind == subject_kind, ChangeRecord.subject_id == subject_id,
    ).order_by(col(ChangeRecord.id))).all())
