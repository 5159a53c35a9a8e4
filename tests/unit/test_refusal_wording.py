"""Every refusal of the strategy group's services has a wording on the pages, in English and in German, that fills
in the values the service gives."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from web.i18n import Translator
from web.wording.meeting_labels import REFUSALS
from web.wording.refusals import explain
from workflow.engine.errors import InvalidInput
from workflow.engine.refusals import SENTENCES, WordedInvalidInput

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _values(code: str) -> dict[str, object]:
    values: dict[str, object] = {name: f"<{name}>" for name in _PLACEHOLDER.findall(SENTENCES[code])}
    values["allowed"] = ("chair", "secretariat")
    return values


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_each_refusal_is_worded_in_german_with_the_values_the_service_gives(code: str) -> None:
    error = WordedInvalidInput(code, **_values(code))
    german = explain(error, Translator("de"), lambda at: at.isoformat())
    english = explain(error, Translator("en"), lambda at: at.isoformat())
    assert code in REFUSALS and german != english
    assert "%(" not in german and "%(" not in english
    used = set(_PLACEHOLDER.findall(REFUSALS[code])) - {"roles"}
    assert used <= set(_PLACEHOLDER.findall(SENTENCES[code])), "the page names a value the service does not give"


def test_times_statuses_and_roles_in_refusals_are_worded_for_the_reader() -> None:
    when = datetime(2026, 6, 18, 8, 0, tzinfo=UTC)
    de = Translator("de")
    assert explain(WordedInvalidInput("meeting_not_changeable", meeting=4, status="cancelled"), de, str) == (
        "Diese Sitzung hat den Status „abgesagt“; nur geplante oder verlegte Sitzungen können geändert werden.")
    berlin = ZoneInfo("Europe/Berlin")
    in_berlin = explain(WordedInvalidInput("time_in_past", what="meeting", when=when), de,
                        lambda at: at.astimezone(berlin).strftime("%d.%m.%Y %H:%M"))
    assert in_berlin == "Der Zeitpunkt liegt in der Vergangenheit (18.06.2026 10:00); wählen Sie einen späteren."
    role = explain(WordedInvalidInput("role_required", name="X", email="x@example.org", doing="open votes",
                                      roles="the chair or the secretariat", allowed=("chair", "secretariat")), de, str)
    assert role == "Das dürfen Sie nicht: Berechtigt ist nur Vorsitz oder Geschäftsstelle."


def test_a_refusal_without_a_wording_keeps_the_services_sentence() -> None:
    assert explain(InvalidInput("Something else."), Translator("de"), str) == "Something else."
