"""The directory in the JSON API: anyone with a role reads it, the secretariat changes it, refusals are problems."""

from collections.abc import Iterator

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


def _bearer(world: World, who: str) -> dict[str, str]:
    with unit_of_work(world.db) as session:
        return {"Authorization": f"Bearer {issue_api_token(session, getattr(world, who), 'test', world.now)}"}


def test_the_secretariat_registers_edits_and_lets_a_person_leave(api: TestClient, world: World) -> None:
    sek = _bearer(world, "secretariat")
    created = api.post("/api/v1/people", headers=sek, json={
        "name": "Thomas Brückner", "email": "Thomas.Brückner@kreis-rt.example.org",
        "organisation_id": world.bodies[0].id, "comment": "Neu"})
    assert created.status_code == 201, created.text
    person = created.json()
    assert person["email"] == "thomas.brückner@kreis-rt.example.org"
    patched = api.patch(f"/api/v1/people/{person['id']}", headers=sek, json={"function": "Referent"})
    assert patched.status_code == 200 and patched.json()["function"] == "Referent"
    left = api.post(f"/api/v1/people/{person['id']}/deactivate", headers=sek, json={"comment": "Weg"})
    assert left.status_code == 200 and left.json()["active"] is False
    detail = api.get(f"/api/v1/people/{person['id']}", headers=_bearer(world, "lead")).json()
    assert [r["action"] for r in detail["record"]] == ["create", "update", "deactivate"]
    listed = api.get("/api/v1/people", headers=sek, params={"q": "brückner", "active": "false"}).json()
    assert [p["id"] for p in listed["items"]] == [person["id"]]


def test_a_bad_email_is_a_problem_and_a_lead_may_read_but_not_write(api: TestClient, world: World) -> None:
    bad = api.post("/api/v1/people", headers=_bearer(world, "secretariat"),
                   json={"name": "Kaputt", "email": "kaputt@@example.org"})
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    assert "not a valid email address" in bad.json()["detail"]
    lead = _bearer(world, "lead")
    assert api.get("/api/v1/people", headers=lead).status_code == 200
    refused = api.post("/api/v1/people", headers=lead, json={"name": "Neu", "email": "neu@example.org"})
    assert refused.status_code == 403 and "Only the secretariat may register people" in refused.json()["detail"]
    assert "neu@example.org" not in [p["email"] for p in api.get("/api/v1/people", headers=lead).json()["items"]]


def test_a_stranger_without_a_role_reads_nothing(api: TestClient, world: World) -> None:
    assert api.get("/api/v1/organisations", headers=_bearer(world, "stranger")).status_code == 403


def test_merging_people_returns_the_survivor(api: TestClient, world: World) -> None:
    sek = _bearer(world, "secretariat")
    merged = api.post(f"/api/v1/people/{world.stranger.id}/merge", headers=sek, json={"into": world.lead.id})
    assert merged.status_code == 200 and merged.json()["id"] == world.lead.id
    itself = api.post(f"/api/v1/people/{world.lead.id}/merge", headers=sek, json={"into": world.lead.id})
    assert itself.status_code == 422 and "into themselves" in itself.json()["detail"]


def test_organisations_are_registered_edited_deactivated_and_merged(api: TestClient, world: World) -> None:
    sek = _bearer(world, "secretariat")
    created = api.post("/api/v1/organisations", headers=sek, json={
        "name": "Landkreistag", "kind": "municipal_association", "email": "post@landkreistag.example"})
    assert created.status_code == 201, created.text
    org_id = created.json()["id"]
    taken = api.post("/api/v1/organisations", headers=sek, json={"name": "LANDKREISTAG", "kind": "other"})
    assert taken.status_code == 422 and "exists already" in taken.json()["detail"]
    assert api.patch(f"/api/v1/organisations/{org_id}", headers=sek, json={"phone": "0711"}).json()["phone"] == "0711"
    stadt = world.bodies[1].id
    assert api.post(f"/api/v1/organisations/{stadt}/deactivate", headers=sek,
                    json={"comment": "Weg"}).json()["active"] is False
    names = [o["name"] for o in api.get("/api/v1/organisations", headers=sek).json()["items"]]
    assert "Stadt Beispiel" not in names and "Landkreistag" in names
    merged = api.post(f"/api/v1/organisations/{world.bodies[0].id}/merge", headers=sek, json={"into": org_id})
    assert merged.status_code == 200 and merged.json()["id"] == org_id
    detail = api.get(f"/api/v1/organisations/{world.bodies[0].id}", headers=sek).json()
    assert detail["merged_into"]["name"] == "Landkreistag" and detail["active"] is False


def test_the_secretariat_invites_through_the_api_and_the_link_goes_only_into_the_mail(api: TestClient,
                                                                                       world: World) -> None:
    invited = api.post(f"/api/v1/people/{world.wg_member.id}/invite", headers=_bearer(world, "secretariat"))
    assert invited.status_code == 200, invited.text
    assert invited.json()["email"] == world.wg_member.email and invited.json()["delivered_by_mail"] is True
    assert "set-password" not in invited.text
    refused = api.post(f"/api/v1/people/{world.wg_member.id}/invite", headers=_bearer(world, "chair"))
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    detail = api.get(f"/api/v1/people/{world.wg_member.id}", headers=_bearer(world, "lead")).json()
    assert [r["action"] for r in detail["record"]].count("invite") == 1


def test_a_taken_email_is_a_problem_with_its_code_and_values(api: TestClient, world: World) -> None:
    taken = api.post("/api/v1/people", headers=_bearer(world, "secretariat"),
                     json={"name": "Doppelt", "email": "LEAD@example.org"})
    assert taken.status_code == 422 and taken.headers["content-type"] == PROBLEM
    problem = taken.json()
    assert problem["type"] == "/api/v1/problems/network.email_taken" and problem["code"] == "network.email_taken"
    assert problem["parameters"] == {"email": "lead@example.org"}
    assert problem["detail"] == "A person with the email address lead@example.org is registered already."
    described = api.get("/api/v1/problems/network.email_taken", headers=_bearer(world, "lead")).json()
    assert described["kind"] == "invalid_input" and described["status"] == 422
