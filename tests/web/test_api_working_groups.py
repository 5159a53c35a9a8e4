"""Working groups through the API as on the page: the chair or the secretariat convenes one by a meeting's decision
with its people, the secretariat activates it, the chair concludes it naming the deciding meeting; anyone else is
refused with a 403 problem document and nothing changes."""

from collections.abc import Iterator

import pytest
from sqlmodel import select

from models.groups import WorkingGroup
from tests.support.factories import World
from tests.support.network import held_meeting
from tests.support.web import TestClient, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"


@pytest.fixture
def api(world: World) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    with unit_of_work(world.db) as session:
        tokens = {name: {"Authorization": f"Bearer {issue_api_token(session, getattr(world, name), 't', world.now)}"}
                  for name in ("secretariat", "chair", "member", "lead")}
    with client_for(world) as client:
        yield client, tokens


def _groups(world: World) -> dict[str, str]:
    with world.db.read() as session:
        return {g.name: g.state for g in session.exec(select(WorkingGroup))}


def test_a_group_is_convened_activated_and_concluded_through_the_api_by_the_roles_the_page_names(
        world: World, api: tuple[TestClient, dict[str, dict[str, str]]]) -> None:
    client, tokens = api
    decided = held_meeting(world)
    before = _groups(world)
    convene = {"name": "AG Sprachmittlung", "mandate": "Empfehlungen zur Sprachmittlung erarbeiten",
               "planned_member_count": 6, "meeting_id": decided.id, "lead_id": world.lead.id,
               "member_ids": [world.wg_member.id]}
    refused = client.post("/api/v1/working-groups", json=convene, headers=tokens["member"])
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    assert _groups(world) == before
    convened = client.post("/api/v1/working-groups", json=convene, headers=tokens["chair"])
    assert convened.status_code == 201, convened.text
    group = convened.json()
    assert (group["name"], group["state"]) == ("AG Sprachmittlung", "convened")
    assert {(m["name"], m["role"]) for m in group["members"]} == {(world.lead.name, "wg_lead"),
                                                                   (world.wg_member.name, "wg_member")}
    twice = client.post("/api/v1/working-groups", json=convene, headers=tokens["chair"])
    assert twice.status_code == 422 and twice.json()["code"] == "network.group_name_taken"

    events = f"/api/v1/working-groups/{group['id']}/events"
    assert client.post(events, json={"event": "activate"}, headers=tokens["lead"]).status_code == 403
    activated = client.post(events, json={"event": "activate"}, headers=tokens["secretariat"])
    assert activated.status_code == 200 and activated.json()["state"] == "active"
    unknown = client.post(events, json={"event": "dissolve"}, headers=tokens["secretariat"])
    assert unknown.status_code in (404, 409, 422) and unknown.headers["content-type"] == PROBLEM
    concluded = client.post(events, json={"event": "conclude", "comment": "Auftrag erfüllt.",
                                          "meeting_id": decided.id}, headers=tokens["chair"])
    assert concluded.status_code == 200, concluded.text
    assert concluded.json()["state"] == "concluded" and _groups(world)["AG Sprachmittlung"] == "concluded"
