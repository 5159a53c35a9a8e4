"""The memberships service's refusals: each code has an English sentence without command-line hints and a page
wording in German that names only values the refusal carries."""

import re

import pytest

from web.i18n import Translator
from web.wording.refusals import REFUSALS, english, explain
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.network.refusals import MembershipRefusal

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_KINDS = {cls.kind: cls for cls in (InvalidInput, *RecoflowError.__subclasses__())}


def test_every_refusal_has_a_wording_in_the_one_table() -> None:
    assert all(code in REFUSALS for code in MembershipRefusal)


@pytest.mark.parametrize("code", list(MembershipRefusal), ids=str)
def test_the_english_sentence_names_no_command_and_no_option(code: MembershipRefusal) -> None:
    assert "recoflow" not in REFUSALS[code] and " --" not in REFUSALS[code]


@pytest.mark.parametrize("code", list(MembershipRefusal), ids=str)
def test_the_german_wording_fills_every_placeholder_from_the_refusal(code: MembershipRefusal) -> None:
    values = {name: f"<{name}>" for name in _PLACEHOLDER.findall(REFUSALS[code])}
    assert set(_PLACEHOLDER.findall(Translator("de").gettext(REFUSALS[code]))) <= set(values)
    error = _KINDS[code.kind](code, **values)
    worded = explain(error, Translator("de"), lambda when: when.isoformat())
    assert worded != english(error)
    assert "%(" not in worded
