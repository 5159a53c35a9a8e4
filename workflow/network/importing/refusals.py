"""What an import refuses, as data: each refused header, row or cell is a ``Problem`` with a code and its values
(``ImportRefusal`` in ``workflow.network.refusals``); the channels word them from the one wording table."""

from dataclasses import dataclass, field
from typing import Any

from workflow.network.refusals import ImportRefusal

# What the report says besides refusals (codes of notes, worded by the channels).
NOTES = ("windows_1252", "memberships_added_only")


@dataclass(frozen=True)
class Problem:
    """One refused cell, row or header: the line as the spreadsheet shows it (the header is line 1; None for the
    file as a whole), the column as the file names it, and why (a code with its values)."""

    line: int | None
    column: str
    refusal: ImportRefusal
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        """The row code the report names it by (``bad_email``)."""
        return self.refusal.row_code
