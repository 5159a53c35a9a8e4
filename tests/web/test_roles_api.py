"""Offices, the composition and seat terms in the JSON API: the secretariat gives and ends terms, sets the
composition and appoints seats; everyone else is refused with a problem detail and nothing changes."""

from tests.support.factories import World
from tests.support.roles import FIVE_SEATS
from tests.support.web import Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"


def _headers(world: World, *names: str) -> list[dict[str, str]]:
    with unit_of_work(world.db) as session:
        return [{"Authorization": f"Bearer {issue_api_token(session, getattr(world, n), 'test', world.now)}"}
                for n in names]


def test_the_secretariat_gives_and_ends_a_chair_term_through_the_api(world: World) -> None:
    sek, chair = _headers(world, "secretariat", "chair")
    with client_for(world, Clock(world.now)) as api:
        listed = api.get("/api/v1/roles", headers=sek).json()
        [current] = [t for t in listed if t["role"] == "chair"]
        overlapping = api.post("/api/v1/roles", headers=sek, json={
            "person_id": world.member.id, "role": "chair", "starts_on": "2026-04-01"})
        ended = api.post(f"/api/v1/roles/{current['id']}/end", headers=sek,
                         json={"ends_on": "2026-03-31", "comment": "Rücktritt"})
        given = api.post("/api/v1/roles", headers=sek, json={
            "person_id": world.member.id, "role": "chair", "starts_on": "2026-04-01", "comment": "Wahl"})
        refused = api.get("/api/v1/roles", headers=chair)
    assert overlapping.status_code == 422 and overlapping.headers["content-type"] == PROBLEM
    assert "Vorsitz Vogt holds the chair from 2020-01-01" in overlapping.json()["detail"]
    assert overlapping.json()["code"] == "network.chair_taken"
    assert ended.status_code == 200 and ended.json()["ends_on"] == "2026-03-31"
    assert ended.json()["ended_by"] == "Sekretariat Sommer"
    assert given.status_code == 201 and given.json()["status"] == "future"
    assert given.json()["assigned_by"] == "Sekretariat Sommer"
    assert refused.status_code == 403


def test_the_last_secretariat_term_cannot_end_through_the_api(world: World) -> None:
    [sek] = _headers(world, "secretariat")
    with client_for(world, Clock(world.now)) as api:
        [term] = [t for t in api.get("/api/v1/roles", headers=sek).json() if t["role"] == "secretariat"]
        response = api.post(f"/api/v1/roles/{term['id']}/end", headers=sek, json={"ends_on": "2026-03-31"})
        after = api.get("/api/v1/roles", headers=sek).json()
    assert response.status_code == 422 and "last secretariat term" in response.json()["detail"]
    assert [t["ends_on"] for t in after if t["role"] == "secretariat"] == [None]


def test_the_composition_is_read_by_everyone_and_set_by_the_secretariat_only(world: World) -> None:
    sek, member = _headers(world, "secretariat", "member")
    with client_for(world, Clock(world.now)) as api:
        default = api.get("/api/v1/strategy-group/composition", headers=member).json()
        refused = api.put("/api/v1/strategy-group/composition", headers=member, json={"categories": FIVE_SEATS})
        invalid = api.put("/api/v1/strategy-group/composition", headers=sek,
                          json={"categories": [{"code": "a", "label": "A", "seats": []}]})
        done = api.put("/api/v1/strategy-group/composition", headers=sek,
                       json={"categories": FIVE_SEATS, "comment": "Satzung"})
        after = api.get("/api/v1/strategy-group/composition", headers=member).json()
    assert default["is_default"] and sum(len(c["seats"]) for c in default["categories"]) == 12
    assert refused.status_code == 403 and invalid.status_code == 422
    assert "The category a has no seats" in invalid.json()["detail"]
    assert done.status_code == 200
    assert after == {"is_default": False, "categories": FIVE_SEATS}


def test_the_secretariat_appoints_and_ends_seat_terms_through_the_api(world: World) -> None:
    sek, chair = _headers(world, "secretariat", "chair")
    with client_for(world, Clock(world.now)) as api:
        refused = api.post("/api/v1/strategy-group/seats/KLV-GT/terms", headers=chair,
                           json={"person_id": world.stranger.id, "starts_on": "2026-04-01"})
        made = api.post("/api/v1/strategy-group/seats/klv-gt/terms", headers=sek,
                        json={"person_id": world.stranger.id, "starts_on": "2026-04-01"})
        taken = api.post("/api/v1/strategy-group/seats/KLV-GT/terms", headers=sek,
                         json={"person_id": world.lead.id, "starts_on": "2026-05-01"})
        ended = api.post(f"/api/v1/strategy-group/terms/{made.json()['id']}/end", headers=sek,
                         json={"ends_on": "2026-12-31"})
        unknown = api.post("/api/v1/strategy-group/terms/9999/end", headers=sek, json={"ends_on": "2026-12-31"})
    assert refused.status_code == 403
    assert made.status_code == 201 and made.json()["role"] == "strategy_member"
    assert taken.status_code == 422 and taken.headers["content-type"] == PROBLEM
    assert ended.status_code == 200 and ended.json()["ends_on"] == "2026-12-31"
    assert unknown.status_code == 404
