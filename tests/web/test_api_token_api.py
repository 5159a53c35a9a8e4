"""The caller's own API tokens through the JSON API: listed without secrets, created with the secret answered once,
revoked (then refused with 401), another person's not found; the OpenAPI document describes them."""

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from tests.support.factories import World
from tests.support.web import TestClient, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    with client_for(world) as client:
        yield client


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _secret_of(world: World, who: str, name: str = "test") -> str:
    with unit_of_work(world.db) as session:
        return issue_api_token(session, getattr(world, who), name, world.now)


def test_a_caller_creates_lists_and_revokes_their_own_tokens(api: TestClient, world: World) -> None:
    lead = _bearer(_secret_of(world, "lead", "Erster"))
    created = api.post("/api/v1/tokens", headers=lead, json={"name": "Statistik", "days": 14})
    assert created.status_code == 201 and created.headers["cache-control"] == "no-store"
    issued = created.json()
    assert issued["name"] == "Statistik" and issued["state"] == "active" and issued["secret"].startswith("rf_")
    assert datetime.fromisoformat(issued["expires_at"]) == world.now + timedelta(days=14)

    listed = api.get("/api/v1/tokens", headers=_bearer(issued["secret"]))
    assert listed.status_code == 200
    assert [(t["name"], t["state"]) for t in listed.json()] == [("Statistik", "active"), ("Erster", "active")]
    assert all(set(t) == {"id", "name", "created_at", "expires_at", "last_used_at", "revoked_at", "state"}
               for t in listed.json())
    assert issued["secret"] not in listed.text and listed.json()[1]["last_used_at"] is not None  # 'Erster' was used

    revoked = api.delete(f"/api/v1/tokens/{issued['id']}", headers=lead)
    again = api.delete(f"/api/v1/tokens/{issued['id']}", headers=lead)
    assert (revoked.status_code, revoked.content, again.status_code) == (204, b"", 204)
    refused = api.get("/api/v1/tokens", headers=_bearer(issued["secret"]))
    assert refused.status_code == 401 and refused.json()["code"] == "api.token_revoked"
    after = {t["name"]: t for t in api.get("/api/v1/tokens", headers=lead).json()}
    assert after["Statistik"]["state"] == "revoked" and after["Statistik"]["revoked_at"] is not None


def test_a_token_without_days_lives_as_long_as_the_setting_says(api: TestClient, world: World) -> None:
    created = api.post("/api/v1/tokens", headers=_bearer(_secret_of(world, "member")), json={"name": "Skript"})
    assert created.status_code == 201
    # Its date: the clock time across the change to summer time is the service's to settle.
    expires = datetime.fromisoformat(created.json()["expires_at"])
    assert expires.astimezone(world.now.tzinfo).date() == (world.now + timedelta(days=90)).date()


def test_another_persons_token_or_an_unknown_one_is_not_found_and_stays_valid(api: TestClient,
                                                                              world: World) -> None:
    theirs = _secret_of(world, "wg_member", "Fremd")
    [their_token] = api.get("/api/v1/tokens", headers=_bearer(theirs)).json()
    lead = _bearer(_secret_of(world, "lead"))
    for token_id in (their_token["id"], 999):
        answer = api.delete(f"/api/v1/tokens/{token_id}", headers=lead)
        assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM
        assert answer.json()["code"] == "network.no_api_token"
    assert api.get("/api/v1/tokens", headers=_bearer(theirs)).json()[0]["state"] == "active"
    assert [t["name"] for t in api.get("/api/v1/tokens", headers=lead).json()] == ["test"]


@pytest.mark.parametrize("body", [{"name": "", "days": 30}, {"name": "   ", "days": 30}, {"name": "x" * 101},
                                  {"name": "Statistik", "days": 0}, {"name": "Statistik", "days": 3651},
                                  {"days": 30}])
def test_a_refused_name_or_validity_is_a_422_problem_and_creates_nothing(api: TestClient, world: World,
                                                                         body: dict[str, object]) -> None:
    lead = _bearer(_secret_of(world, "lead"))
    answer = api.post("/api/v1/tokens", headers=lead, json=body)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert len(api.get("/api/v1/tokens", headers=lead).json()) == 1


def test_without_a_role_or_a_token_nobody_reaches_the_tokens(api: TestClient, world: World) -> None:
    assert api.get("/api/v1/tokens").status_code == 401
    assert api.post("/api/v1/tokens", json={"name": "x"}).status_code == 401
    assert api.get("/api/v1/tokens", headers=_bearer(_secret_of(world, "stranger"))).status_code == 403


def test_the_openapi_document_describes_the_token_endpoints_and_their_schemas(api: TestClient) -> None:
    document = api.get("/api/v1/openapi.json").json()
    paths, schemas = document["paths"], document["components"]["schemas"]
    assert set(paths["/tokens"]) >= {"get", "post"} and "delete" in paths["/tokens/{token_id}"]
    assert paths["/tokens"]["post"]["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApiTokenIssued"}
    assert "204" in paths["/tokens/{token_id}"]["delete"]["responses"]
    assert set(schemas["ApiTokenOut"]["properties"]) == {"id", "name", "created_at", "expires_at", "last_used_at",
                                                         "revoked_at", "state"}
    assert "secret" in schemas["ApiTokenIssued"]["properties"]
    assert schemas["ApiTokenCreate"]["properties"]["days"]["anyOf"][0] == {"type": "integer", "minimum": 1,
                                                                          "maximum": 3650}
    assert schemas["TokenState"]["enum"] == ["active", "expired", "revoked"]
