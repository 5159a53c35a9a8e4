"""A network's first start on the command line: ``init --admin`` on an empty database makes the first secretariat
with a one-time link, a second one is refused, and ``network set/show/legal`` keep the profile."""

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from models.db import Database
from models.enums import Role
from models.network import NetworkProfile
from tests.support.web import use_cheap_hashing
from workflow.engine.clock import local_date
from workflow.engine.permissions import roles_of
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import sign_in, use_password_link
from workflow.network.first_start import setup_code_valid
from workflow.network.records import changes_of

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    use_cheap_hashing()
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", f"sqlite:///{tmp_path}/net/recoflow.db")
    monkeypatch.setenv("RECOFLOW_BASE_URL", "https://netz.example.org")
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, ["--now", NOW, *args])

    return invoke


def _database(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path}/net/recoflow.db")


def test_init_with_admin_makes_the_first_secretariat_who_sets_a_password_with_the_printed_link(
        run, tmp_path: Path) -> None:
    result = run("init", "--admin", "Jürgen.Müller@Example.org", "--name", "Jürgen Müller",
                 "--network-name", "Netzwerk Teilhabe Nord")
    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    assert link.startswith("https://netz.example.org/set-password/")
    db = _database(tmp_path)
    from datetime import datetime

    from workflow.engine.clock import require_aware
    now = require_aware(datetime.fromisoformat(NOW))
    with unit_of_work(db) as session:
        person = use_password_link(session, link.rsplit("/", 1)[1], "ein-gutes-passwort", now)
    with unit_of_work(db) as session:
        assert sign_in(session, "jürgen.müller@example.org", "ein-gutes-passwort", "127.0.0.1", now).id == person.id
    with db.read() as session:
        assert roles_of(session, person.id or 0, None, local_date(now)) == {Role.SECRETARIAT}
        profile = session.get(NetworkProfile, 1)
        assert profile is not None and profile.name == "Netzwerk Teilhabe Nord"
        [created] = changes_of(session, "person", person.id or 0)
        assert (created.action, created.actor_id, created.comment) == ("create", None, "first start")
    db.dispose()
    shown = json.loads(run("network", "show", "--json").output)
    assert shown["name"] == "Netzwerk Teilhabe Nord"


def test_a_second_init_with_admin_is_refused_and_writes_nothing(run, tmp_path: Path) -> None:
    assert run("init", "--admin", "gs@example.org", "--name", "Erste Person").exit_code == 0
    again = run("init", "--admin", "zweite@example.org", "--name", "Zweite Person")
    assert again.exit_code != 0
    assert "Error: The network has a secretariat already (gs@example.org)" in again.output
    assert "recoflow" not in again.output.split("Error:", 1)[1]
    people = json.loads(run("people", "list", "--json").output)
    assert [p["email"] for p in people] == ["gs@example.org"]


def test_an_invalid_admin_email_is_refused(run) -> None:
    result = run("init", "--admin", "kein-at", "--name", "Jemand")
    assert result.exit_code == 2 and "is not a valid email address" in result.output
    assert json.loads(run("people", "list", "--json").output) == []


def test_plain_init_prints_a_setup_code_for_the_first_run_page_while_no_secretariat_exists(
        run, tmp_path: Path) -> None:
    result = run("init")
    assert "https://netz.example.org/setup" in result.output
    code = result.output.split("setup code ", 1)[1].split(" ", 1)[0]
    db = _database(tmp_path)
    with db.read() as session:
        assert setup_code_valid(session, code, datetime.fromisoformat(NOW))
        assert not setup_code_valid(session, "FALSCH", datetime.fromisoformat(NOW))
    db.dispose()
    run("init", "--admin", "gs@example.org", "--name", "Erste Person")
    assert "setup code" not in run("init").output


def test_network_set_and_show_and_legal_text(run, tmp_path: Path) -> None:
    run("init", "--admin", "gs@example.org", "--name", "Erste Person")
    changed = run("network", "set", "--name", "Netzwerk Ost", "--contact-email", "post@netz-ost.example",
                  "--number-prefix", "no", "--languages", "en,de", "--comment", "Gründung", "--as", "gs@example.org")
    assert changed.exit_code == 0, changed.output
    refused = run("network", "set", "--timezone", "Mond/Basis", "--as", "gs@example.org")
    assert refused.exit_code == 2 and "“Mond/Basis” is not a known time zone" in refused.output
    imprint = tmp_path / "impressum.txt"
    imprint.write_text("\ufeffImpressum\n\nNetzwerk Ost", encoding="utf-8")
    assert run("network", "legal", "imprint", "--file", str(imprint), "--as", "gs@example.org").exit_code == 0
    shown = json.loads(run("network", "show", "--json").output)
    assert (shown["name"], shown["number_prefix"], shown["languages"], shown["timezone"]) == \
        ("Netzwerk Ost", "NO", "en,de", "Europe/Berlin")
    assert shown["legal_texts"]["imprint"] == len("Impressum\n\nNetzwerk Ost")
    assert "Netzwerk Ost" in run("network", "show").output


def test_only_the_secretariat_sets_the_profile(run) -> None:
    run("init", "--admin", "gs@example.org", "--name", "Erste Person")
    refused = run("network", "set", "--name", "Fremdes Netz", "--as", "niemand@example.org")
    assert refused.exit_code != 0 and "Error:" in refused.output
