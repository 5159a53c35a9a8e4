"""What an import can refuse, kept as codes with values: the command line prints the English sentences, the pages
word the same codes in German (``web/wording/import_labels.py``)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from workflow.engine.errors import InvalidInput
from workflow.engine.refusals import Worded

# The English sentences; ``%(name)s`` placeholders take the values. The row and the column are given beside them.
SENTENCES: dict[str, str] = {
    # the file as a whole
    "unknown_kind": "There is no list of '%(kind)s' to import; the lists are %(kinds)s.",
    "file_empty": "The file is empty.",
    "file_too_large": "The file is larger than %(limit)s MB; split it into several files.",
    "file_unreadable": "The file can be read neither as CSV nor as an XLSX workbook.",
    "old_excel": "The file is an old Excel workbook (.xls); save it as XLSX or CSV and import that.",
    "no_rows": "The file has a header line but no rows below it.",
    # the header line
    "unknown_column": "The column '%(column)s' is not one of this list's columns (%(known)s).",
    "missing_column": "The column '%(column)s' is missing; this list needs it.",
    "duplicate_column": "The column '%(column)s' appears twice.",
    # the cells
    "required": "This field must not be empty.",
    "too_long": "The text is longer than %(limit)s characters.",
    "bad_character": "The text contains a control character that cannot be stored.",
    "bad_email": "'%(value)s' is not a valid email address.",
    "bad_kind": "'%(value)s' is not a kind of organisation; use one of %(kinds)s.",
    "bad_language": "'%(value)s' is not a language of the network; use one of %(languages)s.",
    "bad_date": "'%(value)s' is not a date; write it as 2027-12-31 or 31.12.2027.",
    "bad_number": "'%(value)s' is not a whole number from %(low)s to %(high)s.",
    "duplicate_in_file": "'%(value)s' is in line %(first)s of this file already.",
    "unknown_organisation": "There is no organisation named '%(value)s'; import the organisations first.",
    "organisation_inactive": "The organisation '%(value)s' has been deactivated or merged into another.",
    "person_inactive": "The person with the email '%(value)s' has left or was merged into another; reactivate "
                       "them before importing them again.",
    "unknown_person": "No person is registered with the email '%(value)s'; import the people first.",
    "unknown_topic": "There is no topic '%(value)s'.",
    "named_twice": "%(value)s is named more than once for this working group; a person is its lead, its deputy "
                   "lead or a member.",
    "lead_differs": "The working group has %(current)s as its %(role)s; a change of lead is made on the group's "
                    "page, not by an import.",
    "holds_other_role": "%(value)s is %(role)s of this working group already.",
    "group_concluded": "The working group is concluded; nobody can join it any more.",
}

# What the report says besides refusals (also codes).
NOTES: dict[str, str] = {
    "windows_1252": "The file is not UTF-8; it was read as Windows-1252 (check umlauts in the result).",
    "memberships_added_only": "An import adds memberships; it ends none. Members who leave are taken off on the "
                              "group's page.",
}

# The roles of a working group as the sentences name them.
GROUP_ROLE_WORDS = {"wg_lead": "lead", "wg_deputy_lead": "deputy lead", "wg_member": "member"}


def sentence(code: str, values: Mapping[str, Any]) -> str:
    """The English sentence of ``code`` (a refusal or a note) with ``values`` filled in."""
    return {**SENTENCES, **NOTES}[code] % dict(values)


class ImportRefusal(Worded):
    """A refusal of the import service as a whole (the rows' refusals are ``Problem`` entries of the report)."""

    family: ClassVar[str] = "import"
    sentences: ClassVar[Mapping[str, str]] = SENTENCES


class ImportInvalidInput(ImportRefusal, InvalidInput):
    """The request names no list there is, or brings no file."""


@dataclass(frozen=True)
class Problem:
    """One refused cell, row or header: the line as the spreadsheet shows it (the header is line 1; None for the
    file as a whole), the column as the file names it, and why (a code with its values)."""

    line: int | None
    column: str
    code: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """The English sentence."""
        return sentence(self.code, self.values)
