"""Every refusal and note of an import is worded on the page, in German, with the values the service gives."""

import re

import pytest

from web.i18n import Translator
from web.wording import import_labels
from web.wording.refusals import explain
from workflow.network.importing.refusals import NOTES, SENTENCES, ImportInvalidInput, Problem

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_the_page_words_every_refusal_and_every_note_of_the_service() -> None:
    assert set(import_labels.REFUSALS) == set(SENTENCES)
    assert set(import_labels.NOTES) == set(NOTES)


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_each_refusal_is_worded_in_german_with_the_values_the_service_gives(code: str) -> None:
    given = set(_PLACEHOLDER.findall(SENTENCES[code]))
    assert set(_PLACEHOLDER.findall(import_labels.REFUSALS[code])) == given
    values = {name: f"<{name}>" for name in given}
    german = import_labels.problem_reason(Problem(2, "E-Mail", code, values), Translator("de"))
    assert "%(" not in german and german != SENTENCES[code] % values


def test_no_sentence_names_a_command_or_an_option() -> None:
    assert not [s for s in [*SENTENCES.values(), *NOTES.values()] if "recoflow" in s or "--" in s]


def test_a_refusal_of_the_whole_import_is_worded_on_the_error_page_and_the_role_is_translated() -> None:
    error = ImportInvalidInput("unknown_kind", kind="topics", kinds="people, organisations, groups")
    assert explain(error, Translator("de"), str).startswith("Eine Liste „topics“ gibt es für den Import nicht")
    lead = Problem(2, "Leitung", "lead_differs", {"current": "a@example.org", "role": "lead"})
    assert import_labels.problem_reason(lead, Translator("de")).startswith(
        "Die Arbeitsgruppe hat bereits a@example.org als Leitung;")
