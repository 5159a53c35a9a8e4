"""The memberships service's refusals: each code has an English sentence without command-line hints and a page
wording in German that names only values the refusal carries."""

import re

import pytest

from web.i18n import Translator
from web.wording.groups_labels import REFUSALS
from web.wording.refusals import PAGE_WORDINGS, explain
from workflow.network.memberships import SENTENCES, MembershipInvalidInput

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_every_refusal_has_a_page_wording_and_the_family_is_registered() -> None:
    assert set(REFUSALS) == set(SENTENCES)
    assert PAGE_WORDINGS["memberships"] is REFUSALS


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_the_english_sentence_names_no_command_and_no_option(code: str) -> None:
    assert "recoflow" not in SENTENCES[code] and " --" not in SENTENCES[code]


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_the_german_wording_fills_every_placeholder_from_the_refusal(code: str) -> None:
    values = {name: f"<{name}>" for name in _PLACEHOLDER.findall(SENTENCES[code])}
    assert set(_PLACEHOLDER.findall(REFUSALS[code])) <= set(values)
    worded = explain(MembershipInvalidInput(code, **values), Translator("de"), lambda when: when.isoformat())
    assert worded != str(MembershipInvalidInput(code, **values))
    assert "%(" not in worded
