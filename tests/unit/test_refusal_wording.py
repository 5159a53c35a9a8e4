"""Every refusal of the strategy group's services has a wording on the pages, in English and in German, that fills
in the values the service gives."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from cli.hints import error_line
from web.i18n import Translator
from web.wording.refusals import REFUSALS, english, explain
from workflow.engine.errors import ConflictError, InvalidInput, NotFound, NotPermitted, RecoflowError
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import Action

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_KINDS: dict[str, type[RecoflowError]] = {"invalid_input": InvalidInput, "not_found": NotFound,
                                         "not_permitted": NotPermitted, "conflict": ConflictError}


def _values(code: StrategyRefusal) -> dict[str, object]:
    values: dict[str, object] = {name: f"<{name}>" for name in _PLACEHOLDER.findall(REFUSALS[code])}
    values.pop("roles", None)  # worded from ``allowed``
    values["allowed"] = ("chair", "secretariat")
    return values


@pytest.mark.parametrize("code", list(StrategyRefusal), ids=str)
def test_each_refusal_is_worded_in_german_with_the_values_the_service_gives(code: StrategyRefusal) -> None:
    error = _KINDS[code.kind](code, **_values(code))
    german = explain(error, Translator("de"), lambda at: at.isoformat())
    in_english = explain(error, Translator("en"), lambda at: at.isoformat())
    assert code in REFUSALS and german != in_english
    assert "%(" not in german and "%(" not in in_english
    assert "recoflow" not in REFUSALS[code] and " --" not in REFUSALS[code], "a command-line hint belongs to cli/hints"


def test_times_statuses_and_roles_in_refusals_are_worded_for_the_reader() -> None:
    when = datetime(2026, 6, 18, 8, 0, tzinfo=UTC)
    de = Translator("de")
    assert explain(InvalidInput(StrategyRefusal.MEETING_NOT_CHANGEABLE, meeting=4, status="cancelled"), de, str) == (
        "Diese Sitzung hat den Status „abgesagt“; nur geplante oder verlegte Sitzungen können geändert werden.")
    berlin = ZoneInfo("Europe/Berlin")
    in_berlin = explain(InvalidInput(StrategyRefusal.MEETING_IN_PAST, when=when), de,
                        lambda at: at.astimezone(berlin).strftime("%d.%m.%Y %H:%M"))
    assert in_berlin == "Der Zeitpunkt liegt in der Vergangenheit (18.06.2026 10:00); wählen Sie einen späteren."
    role = explain(NotPermitted(StrategyRefusal.ROLE_REQUIRED, name="X", email="x@example.org", doing=Action.OPEN_VOTES,
                                allowed=("chair", "secretariat")), de, str)
    assert role == "Abstimmungen eröffnen dürfen nur: Vorsitz oder Geschäftsstelle."


def test_the_command_line_says_the_refusal_in_english_with_the_option_that_helps() -> None:
    refused = InvalidInput(StrategyRefusal.NO_QUORUM_TO_OPEN, meeting=3, attending=4, needed=7)
    assert english(refused) == ("Only 4 seats are present or represented; a vote needs a quorum of 7. Record the "
                                "attendance first.")
    assert error_line(refused).endswith("Record the attendance with 'recoflow meetings attendance'.")
    role = NotPermitted(StrategyRefusal.ROLE_REQUIRED, name="X", email="x@example.org", doing=Action.OPEN_VOTES,
                        allowed=("chair", "secretariat"))
    assert english(role) == "Only the secretariat or the chair may open votes."


def test_a_refusal_is_a_code_never_a_sentence() -> None:
    with pytest.raises(TypeError, match="not a sentence"):
        InvalidInput("Something else.")  # type: ignore[arg-type]
