"""Words of the import page: the lists, what happens to a row, and each refusal of an import worded for the reader
(the same codes as ``workflow.network.importing.refusals``; a test keeps them complete)."""

from typing import Any

from web.i18n import N_, Translator
from workflow.network.importing.refusals import GROUP_ROLE_WORDS, Problem

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

ROLES = {
    "lead": N_("lead"),
    "deputy lead": N_("deputy lead"),
    "member": N_("member"),
}
assert set(ROLES) == set(GROUP_ROLE_WORDS.values())

REFUSALS = {
    "unknown_kind": N_("There is no list of “%(kind)s” to import; the lists are %(kinds)s."),
    "file_empty": N_("The file is empty."),
    "file_too_large": N_("The file is larger than %(limit)s MB; split it into several files."),
    "file_unreadable": N_("The file can be read neither as CSV nor as an XLSX workbook."),
    "old_excel": N_("The file is an old Excel workbook (.xls); save it as XLSX or CSV and import that."),
    "no_rows": N_("The file has a header line but no rows below it."),
    "unknown_column": N_("The column “%(column)s” is not one of this list's columns (%(known)s)."),
    "missing_column": N_("The column “%(column)s” is missing; this list needs it."),
    "duplicate_column": N_("The column “%(column)s” appears twice."),
    "required": N_("This field must not be empty."),
    "too_long": N_("The text is longer than %(limit)s characters."),
    "bad_character": N_("The text contains a control character that cannot be stored."),
    "bad_email": N_("“%(value)s” is not a valid email address."),
    "bad_kind": N_("“%(value)s” is not a kind of organisation; use one of %(kinds)s."),
    "bad_language": N_("“%(value)s” is not a language of the network; use one of %(languages)s."),
    "bad_date": N_("“%(value)s” is not a date; write it as 31.12.2027 or 2027-12-31."),
    "bad_number": N_("“%(value)s” is not a whole number from %(low)s to %(high)s."),
    "duplicate_in_file": N_("“%(value)s” is in line %(first)s of this file already."),
    "unknown_organisation": N_("There is no organisation named “%(value)s”; import the organisations first."),
    "organisation_inactive": N_("The organisation “%(value)s” has been deactivated or merged into another."),
    "person_inactive": N_("The person with the email address %(value)s has left or was merged into another; "
                          "reactivate them before importing them again."),
    "unknown_person": N_("No person is registered with the email address %(value)s; import the people first."),
    "unknown_topic": N_("There is no topic “%(value)s”."),
    "named_twice": N_("%(value)s is named more than once for this working group; a person is its lead, its deputy "
                      "lead or a member."),
    "lead_differs": N_("The working group has %(current)s as its %(role)s; a change of lead is made on the group's "
                       "page, not by an import."),
    "holds_other_role": N_("%(value)s is %(role)s of this working group already."),
    "group_concluded": N_("The working group is concluded; nobody can join it any more."),
}

NOTES = {
    "windows_1252": N_("The file is not UTF-8; it was read as Windows-1252. Please check umlauts in the result."),
    "memberships_added_only": N_("An import adds memberships; it ends none. Members who leave are taken off on "
                                 "the group's page."),
}


def problem_reason(problem: Problem, translate: Translator) -> str:
    """Why a row (or the file) was refused, in the reader's language."""
    values: dict[str, Any] = dict(problem.values)
    if "role" in values:
        values["role"] = translate.gettext(ROLES.get(str(values["role"]), str(values["role"])))
    return translate.gettext(REFUSALS[problem.code], **values)
