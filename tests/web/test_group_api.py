"""Working groups and their members in the JSON API: read by anyone inside the network, changed only by whom the
rules allow (the secretariat, the chair, the lead for ordinary members of their own group); refusals are problem
details and change nothing."""

from models.people import PersonCreate
from tests.support.factories import World
from tests.support.web import CAST, Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token
from workflow.network.directory import add_person
from workflow.network.memberships import members_of

PROBLEM = "application/problem+json"


def _tokens(world: World) -> dict[str, dict[str, str]]:
    with unit_of_work(world.db) as session:
        return {name: {"Authorization": f"Bearer {issue_api_token(session, getattr(world, name), 'test', world.now)}"}
                for name in CAST}


def test_the_list_and_a_group_with_its_members_and_their_terms(world: World) -> None:
    tokens = _tokens(world)
    with client_for(world, Clock(world.now)) as api:
        listing = api.get("/api/v1/working-groups", headers=tokens["member"])
        detail = api.get(f"/api/v1/working-groups/{world.group.id}", headers=tokens["member"])
        missing = api.get("/api/v1/working-groups/999", headers=tokens["member"])
    assert listing.status_code == 200
    assert {g["name"]: g["leads"] for g in listing.json()} == {"AG Andere": ["Andere Leitung"],
                                                              "AG Beispiel": ["Leitung Lange"]}
    assert [(m["email"], m["role"]) for m in detail.json()["members"]] == [
        ("lead@example.org", "wg_lead"), ("deputylead@example.org", "wg_deputy_lead"),
        ("wgmember@example.org", "wg_member")]
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM


def test_only_the_secretariat_the_chair_and_the_groups_lead_add_a_member(world: World) -> None:
    tokens = _tokens(world)
    outcomes = {}
    with client_for(world, Clock(world.now)) as api:
        for name in CAST:
            with unit_of_work(world.db) as session:
                newcomer = add_person(session, PersonCreate(name=f"Neu {name}", email=f"neu.{name}@example.org"))
            response = api.post(f"/api/v1/working-groups/{world.group.id}/members", headers=tokens[name],
                                json={"person_id": newcomer.id, "comment": f"durch {name}"})
            outcomes[name] = response.status_code
            with world.db.read() as session:
                joined = [m.email for m in members_of(session, world.group.id or 0, world.now.date())]
            assert (newcomer.email in joined) == (response.status_code == 200)
            if response.status_code != 200:
                assert response.headers["content-type"] == PROBLEM
    assert {n for n, s in outcomes.items() if s == 200} == {"secretariat", "chair", "lead"}
    assert {s for n, s in outcomes.items() if n not in {"secretariat", "chair", "lead"}} == {403}


def test_ending_a_membership_and_changing_the_lead_through_the_api(world: World) -> None:
    tokens = _tokens(world)
    with client_for(world, Clock(world.now)) as api:
        ended = api.post(f"/api/v1/working-groups/{world.group.id}/members/{world.wg_member.id}/end",
                         headers=tokens["lead"], json={"ends_on": "2026-03-09", "comment": "Ausgeschieden"})
        refused = api.post(f"/api/v1/working-groups/{world.group.id}/lead", headers=tokens["lead"],
                           json={"person_id": world.deputy_lead.id})
        changed = api.post(f"/api/v1/working-groups/{world.group.id}/lead", headers=tokens["chair"],
                           json={"person_id": world.deputy_lead.id, "starts_on": "2026-03-10"})
    assert ended.status_code == 200
    assert "wgmember@example.org" not in [m["email"] for m in ended.json()["members"]]
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    assert changed.status_code == 200
    assert [(m["email"], m["role"]) for m in changed.json()["members"]] == [
        ("deputylead@example.org", "wg_lead"), ("lead@example.org", "wg_member")]


def test_a_refused_join_is_a_problem_document_with_the_reason(world: World) -> None:
    tokens = _tokens(world)
    with client_for(world, Clock(world.now)) as api:
        response = api.post(f"/api/v1/working-groups/{world.group.id}/members", headers=tokens["secretariat"],
                            json={"person_id": world.wg_member.id})
    assert response.status_code in (400, 409, 422)
    assert response.headers["content-type"] == PROBLEM
    assert "one role in a group at a time" in response.json()["detail"]
