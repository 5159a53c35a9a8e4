"""API tokens with a life: an expiry, revocation and the last use, through the command line and the API."""

import json
from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from sqlmodel import select

from cli import main
from models.accounts import ApiToken
from tests.support.factories import World
from tests.support.web import Clock, TestClient, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import create_api_token

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)

    def invoke(*args: str, now: str = NOW) -> Result:
        return CliRunner().invoke(main, ["--now", now, *args], catch_exceptions=False)

    return invoke


def _rows(world: World) -> list[ApiToken]:
    with world.db.read() as session:
        return list(session.exec(select(ApiToken).order_by(ApiToken.id)).all())


def test_a_token_lives_ninety_days_unless_created_for_fewer_and_is_shown_only_once(run, world: World) -> None:
    default = run("tokens", "create", "sek@example.org", "--name", "Statistik")
    short = run("tokens", "create", "lead@example.org", "--name", "Kurz", "--days", "7")
    assert default.exit_code == short.exit_code == 0 and default.stdout.strip().startswith("rf_")
    # 90 calendar days at the same local time, though summer time began between (so 90 days less one hour)
    assert "Valid until 2026-06-08 09:00" in default.stderr
    first, second = _rows(world)
    berlin = ZoneInfo("Europe/Berlin")
    assert [(r.expires_at.astimezone(berlin) - timedelta(days=d)).replace(tzinfo=None)
            for r, d in ((first, 90), (second, 7))] == [r.created_at.astimezone(berlin).replace(tzinfo=None)
                                                        for r in (first, second)]
    assert first.expires_at - first.created_at == timedelta(days=90, hours=-1)
    listed = run("tokens", "list").stdout
    assert "Statistik" in listed and "sek@example.org" in listed and "active" in listed
    assert default.stdout.strip() not in listed and first.token_hash not in listed  # never the secret


def test_the_operator_lists_and_revokes_a_token_and_the_list_says_so(run, world: World) -> None:
    run("tokens", "create", "sek@example.org", "--name", "Statistik")
    [row] = _rows(world)
    revoked = run("tokens", "revoke", str(row.id))
    assert revoked.exit_code == 0 and f"Token {row.id} (Statistik) is revoked." in revoked.stdout
    [entry] = json.loads(run("tokens", "list", "sek@example.org", "--json").stdout)
    assert entry["state"] == "revoked" and entry["name"] == "Statistik" and set(entry) == {
        "id", "name", "person", "created", "expires", "last_used", "state"}
    unknown = CliRunner().invoke(main, ["--now", NOW, "tokens", "revoke", "999"])
    assert unknown.exit_code != 0 and "There is no API token 999" in unknown.output


@pytest.fixture
def api(world: World) -> Iterator[tuple[TestClient, Clock]]:
    clock = Clock(world.now)
    with client_for(world, clock) as client:
        yield client, clock


def _token(world: World, days: int = 90) -> tuple[int, dict[str, str]]:
    with unit_of_work(world.db) as session:
        issued = create_api_token(session, world.secretariat, "test", world.now, days=days)
        assert issued.row.id is not None
        return issued.row.id, {"Authorization": f"Bearer {issued.secret}"}


def test_an_expired_token_is_refused_with_its_own_code(world: World, api: tuple[TestClient, Clock]) -> None:
    client, clock = api
    _id, headers = _token(world, days=1)
    assert client.get("/api/v1/recommendations", headers=headers).status_code == 200
    clock.now = world.now + timedelta(days=1)
    answer = client.get("/api/v1/recommendations", headers=headers)
    assert answer.status_code == 401 and answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "api.token_expired" and "expired" in answer.json()["detail"]


def test_a_revoked_token_is_refused_with_its_own_code(run, world: World, api: tuple[TestClient, Clock]) -> None:
    client, _clock = api
    token_id, headers = _token(world)
    run("tokens", "revoke", str(token_id))
    answer = client.get("/api/v1/recommendations", headers=headers)
    assert answer.status_code == 401 and answer.json()["code"] == "api.token_revoked"
    assert client.get("/api/v1/recommendations", headers={"Authorization": "Bearer rf_wrong"}).json().get(
        "code") is None


def test_the_last_use_is_noted_at_most_once_a_minute(world: World, api: tuple[TestClient, Clock]) -> None:
    client, clock = api
    _id, headers = _token(world)
    assert _rows(world)[0].last_used_at is None
    client.get("/api/v1/recommendations", headers=headers)
    assert _rows(world)[0].last_used_at == world.now
    clock.now = world.now + timedelta(seconds=30)
    client.get("/api/v1/recommendations", headers=headers)
    assert _rows(world)[0].last_used_at == world.now
    clock.now = world.now + timedelta(minutes=2)
    client.get("/api/v1/recommendations", headers=headers)
    assert _rows(world)[0].last_used_at == clock.now
