"""Refusals are codes with parameters: each code has one kind (so one HTTP status and exit code everywhere) and one
sentence in the wording table, in English and in German, that names every value it uses."""

import re

import pytest

import web.app  # noqa: F401  (imports every room, so every room's codes are declared)
from cli.hints import error_line
from web.errors import STATUS, status_of
from web.i18n import Translator
from web.wording.refusals import REFUSALS, english, explain
from workflow.engine.errors import (
    ConflictError,
    EngineRefusal,
    GuardFailed,
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
    Reason,
    RecoflowError,
    RefusalCode,
    refusal_codes,
)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_CODED = refusal_codes()
_KIND_CLASS = {cls.kind: cls for cls in (NotFound, InvalidInput, ConflictError, *RecoflowError.__subclasses__())}


def _refusal(code: RefusalCode, values: dict[str, object]) -> RecoflowError:
    if code is EngineRefusal.GUARD_FAILED:  # built from the guards' reasons, not from loose values
        return GuardFailed("submit", "HE-2026-001", [Reason("comment_missing")])
    return _KIND_CLASS[code.kind](code, **values)


@pytest.mark.parametrize("code", _CODED, ids=str)
def test_every_code_has_one_sentence_in_english_and_german(code: RefusalCode) -> None:
    assert code in REFUSALS, f"{code} has no sentence in web/wording/refusals"
    names = _PLACEHOLDER.findall(REFUSALS[code])
    values: dict[str, object] = {name: f"<{name}>" for name in names}
    error = _refusal(code, values)
    german = explain(error, Translator("de"), lambda at: at.isoformat())
    assert german != REFUSALS[code] % values, f"{code} has no German text"
    assert "%(" not in german and "%(" not in english(error)
    assert set(_PLACEHOLDER.findall(Translator("de").gettext(REFUSALS[code]))) == set(names), \
        f"the German text of {code} names other values than the English one"


@pytest.mark.parametrize("code", _CODED, ids=str)
def test_every_code_declares_a_kind_the_channels_answer_with(code: RefusalCode) -> None:
    assert code.kind in STATUS and code.value.count(".") == 1


def test_a_code_raised_as_another_kind_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match=r"engine\.stale_version is a refusal of kind conflict"):
        InvalidInput(EngineRefusal.STALE_VERSION, label="HE-2026-001", version=6, seen=5)


def test_a_stale_version_is_a_409_with_a_german_sentence_on_the_page_and_english_on_the_command_line() -> None:
    error = ConflictError(EngineRefusal.STALE_VERSION, label="HE-2026-006", version=6, seen=5)
    assert status_of(error)[0] == 409
    assert explain(error, Translator("de"), str) == (
        "HE-2026-006 wurde inzwischen von jemand anderem geändert (Fassung 6, Ihnen lag Fassung 5 vor). Bitte laden "
        "Sie die Seite neu und versuchen Sie es noch einmal.")
    assert error_line(error) == (
        "HE-2026-006 was changed by someone else meanwhile (version 6, you saw version 5). Reload it and try again. "
        "Show it again ('recoflow rec show') and repeat the command.")


def test_the_pages_name_steps_states_and_roles_as_people_read_them_the_command_line_as_people_type_them() -> None:
    impossible = InvalidTransition(EngineRefusal.EVENT_NOT_POSSIBLE, ("return", "schedule"), event="forward",
                                   label="HE-2026-001", state="submitted")
    assert explain(impossible, Translator("de"), str) == (
        "„An die zuständigen Stellen weiterleiten“ ist für HE-2026-001 nicht möglich: der Stand ist „Eingereicht“. "
        "Möglich ist jetzt: Zur Überarbeitung zurückgeben, Auf die Tagesordnung setzen.")
    assert english(impossible) == ("“forward” is not possible for HE-2026-001: it is submitted. "
                                   "Possible now: return, schedule.")
    refused = NotPermitted(EngineRefusal.ROLE_REQUIRED, name="Ada", email="ada@example.org", event="submit",
                           label="HE-2026-001", allowed=("wg_lead",))
    assert explain(refused, Translator("de"), str).endswith("Dazu berechtigt: Leitung der Arbeitsgruppe.")
    assert "only the lead of this working group may" in english(refused)


def test_a_refusal_says_its_code_and_values_not_a_sentence() -> None:
    error = NotFound(EngineRefusal.NO_SUBJECT, kind="recommendation", id=99)
    assert str(error) == "engine.no_subject (kind='recommendation', id=99)"


def test_a_guards_reasons_are_worded_per_channel_page_form_command_and_api_code() -> None:
    error = GuardFailed("forward", "HE-2026-004", [Reason("forward_through_service", {"recommendation": "HE-2026-004"}),
                                                   Reason("comment_missing")])
    assert status_of(error)[0] == 409
    assert explain(error, Translator("de"), str) == (
        "„An die zuständigen Stellen weiterleiten“ ist für HE-2026-004 noch nicht möglich: Erst die Weiterleitung "
        "legt für jede Stelle die Weiterleitung und ihren persönlichen Link an; der Schritt allein kann das nicht. "
        "Leiten Sie sie mit dem Formular „An die zuständigen Stellen weiterleiten“ weiter. Geben Sie im Kommentar "
        "eine Begründung an.")
    assert error_line(error) == (
        "“forward” is not possible yet for HE-2026-004: Forwarding creates each body's forwarding and personal link, "
        "which the plain step cannot. Forward it with 'recoflow forward HE-2026-004 --to BODY' (without --to: to its "
        "proposed addressees). Give a reason in the comment. Give it with --comment.")
    assert "recoflow" not in english(error)  # the API's detail names no command
