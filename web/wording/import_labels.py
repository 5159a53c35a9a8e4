"""Words of the import page: the lists, what happens to a row, the notes of a report, and each refused row worded
for the reader from the one wording table (``web/wording/refusals/network.py``)."""

from typing import Any

from models.enums import Role
from web.i18n import N_, Translator
from web.wording.refusals.network import IMPORTS
from workflow.network.importing.refusals import NOTES as NOTE_CODES
from workflow.network.importing.refusals import Problem

KINDS = {
    "people": N_("List of people"),
    "organisations": N_("List of organisations"),
    "groups": N_("List of working groups"),
}

ACTIONS = {
    "create": N_("New entry"),
    "update": N_("Changed entry"),
    "unchanged": N_("Unchanged entry"),
}

# The roles of a working group as the refusals name them.
ROLES = {
    Role.WG_LEAD: N_("lead"),
    Role.WG_DEPUTY_LEAD: N_("deputy lead"),
    Role.WG_MEMBER: N_("member"),
}

NOTES = {
    "windows_1252": N_("The file is not UTF-8; it was read as Windows-1252. Please check umlauts in the result."),
    "memberships_added_only": N_("An import adds memberships; it ends none. Members who leave are taken off on "
                                 "the group's page."),
}


assert set(NOTES) == set(NOTE_CODES)
_ENGLISH = Translator("en")


def problem_reason(problem: Problem, translate: Translator = _ENGLISH) -> str:
    """Why a row (or the file) was refused, in the reader's language (English for the command line and the API)."""
    values: dict[str, Any] = dict(problem.values)
    if "role" in values:
        role = values["role"]
        values["role"] = translate.gettext(ROLES[role]) if role in ROLES else role
    for key, value in values.items():
        if isinstance(value, tuple | list):
            values[key] = ", ".join(str(v) for v in value)
    return translate.gettext(IMPORTS[problem.refusal], **values)


def note_text(code: str, translate: Translator = _ENGLISH) -> str:
    """A note of the report, in the reader's language (English for the command line and the API)."""
    return translate.gettext(NOTES[code])
