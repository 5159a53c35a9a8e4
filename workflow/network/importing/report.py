"""What an import did or would do: each row's outcome, the refused rows with line, column and reason, the counts."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from models.base import json_value
from workflow.network.importing.refusals import Problem

# A value as JSON and the change record hold it (dates as ISO text, enums as their values).
plain = json_value


@dataclass
class Outcome:
    """What happens to one row: ``create`` (with the values), ``update`` (with ``{field: [before, after]}``) or
    ``unchanged``; ``key`` is what matched it (an email or a name)."""

    line: int
    action: str
    key: str
    subject_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, list[Any]] = field(default_factory=dict)
    # What a kind's writer needs besides the row's fields (working groups: the memberships to add).
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportReport:
    """The report of one import (or of a dry run)."""

    kind: str
    filename: str
    dry_run: bool
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    imported: bool = False

    @property
    def refused(self) -> bool:
        """Whether the file was refused (nothing written)."""
        return bool(self.problems)

    def count(self, action: str) -> int:
        """How many rows were (or would be) created, updated or left unchanged."""
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def created(self) -> int:
        """Rows that became new records."""
        return self.count("create")

    @property
    def updated(self) -> int:
        """Rows that changed a record."""
        return self.count("update")

    @property
    def unchanged(self) -> int:
        """Rows equal to their record."""
        return self.count("unchanged")

    def as_dict(self, reason: Callable[[Problem], str], note: Callable[[str], str]) -> dict[str, Any]:
        """The report as JSON holds it (the command line's ``--json`` and the API), each problem and note worded
        by the channel (``reason``, ``note``); a problem keeps its row code (``bad_email``)."""
        return {
            "kind": self.kind, "file": self.filename, "dry_run": self.dry_run, "imported": self.imported,
            "refused": self.refused, "rows": self.rows,
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "notes": [{"code": code, "text": note(code)} for code in self.notes],
            "problems": [{"line": p.line, "column": p.column, "code": p.code, "reason": reason(p),
                          "values": {k: plain(v) for k, v in p.values.items()}} for p in self.problems],
            "changes": [{"line": o.line, "action": o.action, "key": o.key, "id": o.subject_id,
                         "values": o.values, "changes": o.changes}
                        for o in self.outcomes if o.action != "unchanged"],
        }
