"""The network's profile in the JSON API: anyone with a token reads it, the secretariat changes it, a stale
version is refused with 409 and changes nothing."""

from tests.support.factories import World
from tests.support.web import client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token


def _token(world: World, person) -> dict[str, str]:
    with unit_of_work(world.db) as session:
        return {"Authorization": f"Bearer {issue_api_token(session, person, 'test', world.now)}"}


def test_the_profile_is_read_by_any_token_and_changed_by_the_secretariat_with_if_match(world: World) -> None:
    secretariat, stranger, chair = _token(world, world.secretariat), _token(world, world.stranger), \
        _token(world, world.chair)
    with client_for(world) as client:
        read = client.get("/api/v1/network", headers=stranger)
        assert read.status_code == 200 and read.json()["name"] == "recoflow"
        assert client.get("/api/v1/network").status_code == 401
        version = read.json()["version"]
        refused = client.patch("/api/v1/network", json={"name": "NW"}, headers=secretariat)
        assert refused.status_code == 422 and refused.json()["detail"].startswith("The network's name must")
        forbidden = client.patch("/api/v1/network", json={"name": "Netz des Vorsitzes"}, headers=chair)
        assert forbidden.status_code == 403
        changed = client.patch("/api/v1/network", json={"name": "Netzwerk API", "languages": ["en", "de"],
                                                        "comment": "per API"},
                               headers={**secretariat, "If-Match": f'"{version}"'})
        assert changed.status_code == 200, changed.text
        assert changed.json()["languages"] == ["en", "de"] and changed.json()["version"] == version + 1
        stale = client.patch("/api/v1/network", json={"name": "Netzwerk Alt"},
                             headers={**secretariat, "If-Match": f'"{version}"'})
        assert stale.status_code == 409
        assert client.get("/api/v1/network", headers=stranger).json()["name"] == "Netzwerk API"
        # the running app follows the saved profile: page titles name the network
        assert "Netzwerk API" in client.get("/workflow").text


def test_legal_texts_are_read_and_replaced_through_the_api(world: World) -> None:
    secretariat, member = _token(world, world.secretariat), _token(world, world.member)
    with client_for(world) as client:
        put = client.put("/api/v1/network/legal/privacy", json={"text": "Datenschutz.\n\nMehr."},
                         headers=secretariat)
        assert put.status_code == 200 and put.json()["text"] == "Datenschutz.\n\nMehr."
        assert client.put("/api/v1/network/legal/imprint", json={"text": "x"}, headers=member).status_code == 403
        got = client.get("/api/v1/network/legal/privacy", headers=member)
        assert got.json() == {"page": "privacy", "text": "Datenschutz.\n\nMehr.", "version": put.json()["version"]}
        assert client.get("/api/v1/network/legal/agb", headers=member).status_code == 422
