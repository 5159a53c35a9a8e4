"""``recoflow users``: the links, passwords and tokens an administrator hands out from the command line."""

from datetime import datetime

import pytest
from click.testing import CliRunner, Result

from cli import main
from demo.data import SECRETARIAT_EMAIL
from models.db import Database
from tests.support.factories import World
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import DEMO_PASSWORD, person_for_link, sign_in
from workflow.network.api_tokens import person_for_api_token

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    monkeypatch.setenv("RECOFLOW_BASE_URL", "https://recoflow.example.org")

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, ["--now", NOW, *args], catch_exceptions=False)

    return invoke


def test_invite_prints_a_set_password_link_and_says_a_mail_is_queued(run, world: World) -> None:
    result = run("users", "invite", "Stranger@Example.org")
    assert result.exit_code == 0
    url = result.stdout.strip()
    assert url.startswith("https://recoflow.example.org/set-password/")
    assert "queued for Stranger@Example.org" in result.stderr
    with world.db.read() as session:
        assert person_for_link(session, url.rsplit("/", 1)[1], world.now).email == "stranger@example.org"


def test_set_password_lets_the_person_sign_in(run, world: World) -> None:
    result = run("users", "set-password", "lead@example.org", "--password", "ein-gutes-passwort")
    assert result.exit_code == 0
    with unit_of_work(world.db) as session:
        assert sign_in(session, "lead@example.org", "ein-gutes-passwort", "127.0.0.1", world.now).id == world.lead.id


def test_a_too_short_password_is_refused_with_the_rule(run) -> None:
    result = run("users", "set-password", "lead@example.org", "--password", "kurz")
    assert result.exit_code == 2 and "at least 10 characters" in result.stderr


def test_token_prints_a_bearer_token_that_acts_for_the_person(run, world: World) -> None:
    result = run("users", "token", "sek@example.org", "--name", "Statistik")
    token = result.stdout.strip()
    assert token.startswith("rf_")
    with world.db.read() as session:
        person = person_for_api_token(session, token, world.now)
    assert person is not None and person.id == world.secretariat.id


def test_an_unknown_email_is_refused_with_where_to_look(run) -> None:
    result = run("users", "invite", "nobody@example.org")
    assert result.exit_code == 1 and "recoflow people list" in result.stderr


def test_demo_gives_every_demo_person_the_documented_password(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", f"sqlite:///{tmp_path}/demo.db")
    result = CliRunner().invoke(main, ["--now", NOW, "demo", "--load-only"], catch_exceptions=False)
    assert result.output.startswith("Demo data loaded")
    database = Database(f"sqlite:///{tmp_path}/demo.db")
    with unit_of_work(database) as session:
        person = sign_in(session, SECRETARIAT_EMAIL, DEMO_PASSWORD, "127.0.0.1", datetime.fromisoformat(NOW))
    database.dispose()
    assert person.email == SECRETARIAT_EMAIL
