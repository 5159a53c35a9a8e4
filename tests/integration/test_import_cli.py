"""``recoflow import`` as an office types it: a report of refused rows (line, column, reason) and exit 2 with
nothing written, or the counts and exit 0; --dry-run writes nothing; --json prints the report."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.support.factories import World
from tests.support.imports import ORGANISATIONS, PEOPLE, csv_bytes, xlsx_bytes

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, ["--now", NOW, *args], catch_exceptions=False)

    return invoke


def _orgs(run) -> list[str]:
    return [o["name"] for o in json.loads(run("people", "orgs", "--json").output)]


def test_an_import_prints_the_counts_and_exits_0_and_a_second_run_changes_nothing(run, tmp_path: Path) -> None:
    file = tmp_path / "organisationen.csv"
    file.write_bytes(csv_bytes(ORGANISATIONS))
    first = run("import", "organisations", str(file), "--as", "sek@example.org")
    assert first.exit_code == 0, first.output
    assert "created: 3, updated: 0, unchanged: 0" in first.output
    assert "Stadt Ulm" in _orgs(run)
    second = run("import", "organisations", str(file), "--as", "sek@example.org")
    assert second.exit_code == 0 and "created: 0, updated: 0, unchanged: 3" in second.output


def test_a_refused_file_prints_each_bad_row_exits_2_and_writes_nothing(run, tmp_path: Path) -> None:
    file = tmp_path / "personen.xlsx"
    file.write_bytes(xlsx_bytes([PEOPLE[0], PEOPLE[1], ["", "kaputt", "", "", "", ""]]))
    before = run("people", "list", "--json").output
    result = run("import", "people", str(file), "--as", "sek@example.org")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert "nothing was imported" in lines[0]
    assert lines[1].split() == ["line", "column", "reason"]
    rows = [line.split(None, 2) for line in lines[3:]]
    assert ["2", "Organisation", "There is no organisation named “Landratsamt Reutlingen”; import the "
            "organisations first."] in rows
    assert ["3", "Name", "This field must not be empty."] in rows
    assert ["3", "E-Mail", "“kaputt” is not a valid email address."] in rows
    assert run("people", "list", "--json").output == before


def test_a_dry_run_reports_what_would_happen_as_json_and_writes_nothing(run, tmp_path: Path) -> None:
    file = tmp_path / "organisationen.csv"
    file.write_bytes(csv_bytes(ORGANISATIONS, delimiter=",", bom=False))
    before = _orgs(run)
    result = run("import", "organisations", str(file), "--dry-run", "--json", "--as", "sek@example.org")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert (report["dry_run"], report["imported"], report["created"]) == (True, False, 3)
    assert [c["key"] for c in report["changes"]] == ["Landratsamt Reutlingen", "Stadt Ulm",
                                                     "Gemeindetag Baden-Württemberg"]
    assert _orgs(run) == before


def test_only_the_secretariat_imports_and_the_refusal_is_one_line(run, tmp_path: Path) -> None:
    file = tmp_path / "organisationen.csv"
    file.write_bytes(csv_bytes(ORGANISATIONS))
    result = run("import", "organisations", str(file), "--as", "chair@example.org")
    assert result.exit_code != 0
    assert result.output.startswith("Error:") and len(result.output.strip().splitlines()) == 1
    assert "Stadt Ulm" not in _orgs(run)
