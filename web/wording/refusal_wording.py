"""Refusals worded for the reader: each family of coded refusals (``Worded.family``) has a table of page wordings
(message ids in English, German from the catalog), without the command-line hints of the services' own sentences.

A family or code without a page wording falls back to the service's English sentence.
"""

from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from typing import Any

from web.i18n import Translator
from web.wording import directory_labels, groups_labels, import_labels, meeting_labels, profile_labels, roles_labels
from workflow.engine.errors import RecoflowError
from workflow.engine.refusals import Worded

# family → code → page wording.
PAGE_WORDINGS: dict[str, Mapping[str, str]] = {
    "strategy": meeting_labels.REFUSALS,
    "directory": directory_labels.REFUSALS,
    "import": import_labels.REFUSALS,
    "network": profile_labels.REFUSALS,
    "memberships": groups_labels.REFUSALS,
    "roles": roles_labels.REFUSALS, "composition": roles_labels.COMPOSITION_REFUSALS,
}
# Values of refusals that are words of the domain, translated where they are shown.
_VALUE_WORDS: dict[str, str] = {**meeting_labels.MEETING_STATUS, **meeting_labels.RESULTS,
                                **roles_labels.VALUE_WORDS}


def explain(error: RecoflowError, translate: Translator, when: Callable[[datetime], str]) -> str:
    """The refusal as a sentence in the reader's language (the service's own sentence when it has no wording)."""
    wording = PAGE_WORDINGS.get(error.family, {}) if isinstance(error, Worded) else {}
    if not isinstance(error, Worded) or error.code not in wording:
        return str(error)
    values = {key: _word(value, translate, when) for key, value in error.values.items()}
    if "allowed" in error.values:
        values["roles"] = meeting_labels.role_names(error.values["allowed"], translate)
    return translate.gettext(wording[error.code], **values)


def _word(value: Any, translate: Translator, when: Callable[[datetime], str]) -> Any:
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, tuple | list):
        return ", ".join(str(_word(v, translate, when)) for v in value)
    if isinstance(value, str) and value in _VALUE_WORDS:
        return translate.gettext(_VALUE_WORDS[value])
    return value
