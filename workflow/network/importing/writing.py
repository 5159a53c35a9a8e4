"""Writing an import's rows in bulk, in the caller's transaction: inserts with their new ids, updates of the changed
fields only, and one change record per written row (the same shape ``workflow.network.records`` writes)."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from models.network import ChangeRecord
from models.people import Person
from workflow.network.importing.report import Outcome, plain
from workflow.network.records import apply_changes

_CHUNK = 500


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``model``'s table in one statement per batch; their ids in the order given."""
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, list(rows)).all())


def update_rows(session: Session, model: Any, outcomes: Iterable[Outcome]) -> None:
    """Set the changed fields of each outcome's row (loaded a batch at a time)."""
    pending = {o.subject_id: o for o in outcomes if o.changes}
    ids = list(pending)
    for start in range(0, len(ids), _CHUNK):
        rows = session.exec(select(model).where(col(model.id).in_(ids[start:start + _CHUNK]))).all()
        for row in rows:
            outcome = pending[row.id]
            apply_changes(row, outcome.extra.get("updates", {}))
    session.flush()


def record_rows(session: Session, subject_kind: str, outcomes: Iterable[Outcome], *, actor: Person | None,
                now: datetime, comment: str) -> None:
    """One change record per created or updated row (action ``import``), inserted in bulk."""
    records = [{"subject_kind": subject_kind, "subject_id": o.subject_id, "action": "import",
                "actor_id": actor.id if actor is not None else None, "occurred_at": now, "comment": comment,
                "changes": o.values if o.action == "create" else o.changes}
               for o in outcomes if o.action in ("create", "update")]
    if records:
        session.execute(insert(ChangeRecord), records)


def created_values(values: dict[str, Any]) -> dict[str, Any]:
    """The values of a new row as its change record keeps them."""
    return {name: plain(value) for name, value in values.items()}
