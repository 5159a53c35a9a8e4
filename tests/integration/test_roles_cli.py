"""The offices and the composition as a user types them: roles assign/end/list, strategy composition show/set."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.support.factories import World
from tests.support.roles import FIVE_SEATS

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, ["--now", NOW, *args], catch_exceptions=False)

    return invoke


def test_the_office_assigns_ends_and_lists_the_chair_with_dates(run, world: World) -> None:
    sek = world.secretariat.email
    ended = run("roles", "end", world.chair.email, "chair", "--on", "2026-03-31", "--comment", "Rücktritt",
                "--as", sek)
    assigned = run("roles", "assign", world.member.email, "chair", "--from", "2026-04-01", "--as", sek)
    listed = json.loads(run("roles", "list", "--all", "--json").output)
    today = run("roles", "list")
    assert ended.exit_code == 0 and "ends on 2026-03-31" in ended.output
    assert assigned.exit_code == 0 and "member@example.org holds the chair from 2026-04-01" in assigned.output
    chair_terms = [(t["email"], t["ends_on"], t["status"], t["assigned_by"]) for t in listed if t["role"] == "chair"]
    assert chair_terms == [("chair@example.org", "2026-03-31", "current", None),
                           ("member@example.org", None, "future", "Sekretariat Sommer")]
    assert "Vorsitz Vogt" in today.output and "Mitglied Maier" not in today.output


def test_an_overlapping_chair_is_refused_with_one_error_line_and_nothing_changes(run, world: World) -> None:
    before = run("roles", "list", "--all", "--json").output
    result = run("roles", "assign", world.member.email, "chair", "--from", "2026-04-01",
                 "--as", world.secretariat.email)
    assert result.exit_code != 0
    assert result.output.startswith("Error: Vorsitz Vogt holds the chair from 2020-01-01 until open end.")
    assert run("roles", "list", "--all", "--json").output == before


def test_ending_the_last_secretariat_is_refused(run, world: World) -> None:
    result = run("roles", "end", world.secretariat.email, "secretariat", "--on", "2026-03-31",
                 "--as", world.secretariat.email)
    assert result.exit_code != 0 and "last secretariat term" in result.output


def test_the_composition_is_shown_set_from_a_file_and_checked(run, world: World, tmp_path: Path) -> None:
    default = run("strategy", "composition", "show")
    assert default.exit_code == 0 and "12 seats in 4 categories (the default)." in default.output
    path = tmp_path / "zusammensetzung.json"
    path.write_text(json.dumps(FIVE_SEATS, ensure_ascii=False), encoding="utf-8-sig")
    refused = run("strategy", "composition", "set", str(path), "--as", world.chair.email)
    assert refused.exit_code != 0
    done = run("strategy", "composition", "set", str(path), "--comment", "Satzung", "--as", world.secretariat.email)
    assert done.exit_code == 0 and "5 seats in 2 categories" in done.output
    assert json.loads(run("strategy", "composition", "show", "--json").output) == FIVE_SEATS
    check = run("strategy", "check")
    assert check.exit_code == 0
    assert "Vacancy: Seat K-GEM (Gemeinden) is vacant." in check.output
    assert "Note: Seat KLV-GT (Gemeindetag Baden-Württemberg) is no longer part of the composition" in check.output
    appointed = run("strategy", "appoint", "K-GEM", world.stranger.email, "--from", "2026-04-01",
                    "--as", world.secretariat.email)
    assert appointed.exit_code == 0


def test_a_composition_file_that_is_not_json_or_breaks_the_rules_is_refused(run, world: World,
                                                                            tmp_path: Path) -> None:
    path = tmp_path / "kaputt.json"
    path.write_text("{", encoding="utf-8")
    assert run("strategy", "composition", "set", str(path), "--as", world.secretariat.email).exit_code != 0
    path.write_text(json.dumps([{"code": "a", "label": "A", "seats": []}]), encoding="utf-8")
    result = run("strategy", "composition", "set", str(path), "--as", world.secretariat.email)
    assert result.output.startswith("Error: The category a has no seats")
    assert "12 seats" in run("strategy", "composition", "show").output
