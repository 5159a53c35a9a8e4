"""Every refusal and note of an import is worded on the page, in German, with the values the service gives."""

import re

import pytest

from models.enums import Role
from web.i18n import Translator
from web.wording import import_labels
from web.wording.refusals import REFUSALS, explain
from workflow.engine.errors import InvalidInput
from workflow.network.importing.refusals import NOTES, Problem
from workflow.network.refusals import ImportRefusal

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_the_page_words_every_refusal_and_every_note_of_the_service() -> None:
    assert all(code in REFUSALS for code in ImportRefusal)
    assert set(import_labels.NOTES) == set(NOTES)


@pytest.mark.parametrize("code", list(ImportRefusal), ids=str)
def test_each_refusal_is_worded_in_german_with_the_values_the_service_gives(code: ImportRefusal) -> None:
    given = set(_PLACEHOLDER.findall(REFUSALS[code]))
    assert set(_PLACEHOLDER.findall(Translator("de").gettext(REFUSALS[code]))) == given
    values = {name: f"<{name}>" for name in given}
    german = import_labels.problem_reason(Problem(2, "E-Mail", code, values), Translator("de"))
    assert "%(" not in german and german != REFUSALS[code] % values


def test_no_sentence_names_a_command_or_an_option() -> None:
    sentences = [REFUSALS[code] for code in ImportRefusal] + list(import_labels.NOTES.values())
    assert not [s for s in sentences if "recoflow" in s or "--" in s]


def test_a_refused_row_keeps_its_row_code_in_the_report() -> None:
    assert ImportRefusal.BAD_EMAIL.row_code == "bad_email"
    assert Problem(4, "E-Mail", ImportRefusal.BAD_EMAIL, {"value": "x"}).code == "bad_email"
    assert ImportRefusal.GROUP_CONCLUDED.row_code == "group_concluded"


def test_a_refusal_of_the_whole_import_is_worded_on_the_error_page_and_the_role_is_translated() -> None:
    error = InvalidInput(ImportRefusal.UNKNOWN_KIND, kind="topics", kinds=("people", "organisations", "groups"))
    assert explain(error, Translator("de"), str).startswith("Eine Liste „topics“ gibt es für den Import nicht")
    lead = Problem(2, "Leitung", ImportRefusal.LEAD_DIFFERS, {"current": "a@example.org", "role": Role.WG_LEAD})
    assert import_labels.problem_reason(lead, Translator("de")).startswith(
        "Die Arbeitsgruppe hat bereits a@example.org als Leitung;")
    assert import_labels.problem_reason(lead).startswith("The working group has a@example.org as its lead;")
