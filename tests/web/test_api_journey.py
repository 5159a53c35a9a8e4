"""The journey from a working group's draft to a concluded review, driven through the API alone as the people who may
act, each with a token of their own: the draft, the meetings planned, submit, schedule, attendance, the vote opened,
the ballots and the vote closed, forwarding, the bodies' receipt and reports through their links, the review brought
forward with a reason, and its conclusion; the history tells the whole story."""

from datetime import datetime, timedelta

from models.people import Person
from tests.support.factories import World
from tests.support.strategy import fill_seats
from tests.support.web import Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token


def _tokens(world: World, people: dict[str, Person]) -> dict[str, dict[str, str]]:
    with unit_of_work(world.db) as session:
        return {name: {"Authorization": f"Bearer {issue_api_token(session, person, 'Reise', world.now)}"}
                for name, person in people.items()}


def test_a_draft_travels_to_a_concluded_review_through_the_api(world: World) -> None:
    holders = fill_seats(world)
    cast = {"lead": world.lead, "secretariat": world.secretariat, "chair": world.chair,
            **{code: person for code, person in holders.items()}}
    tokens = _tokens(world, cast)
    clock = Clock(world.now)
    with client_for(world, clock) as client:
        def call(method: str, path: str, who: str, **body: object) -> dict[str, object] | list[object]:
            response = client.request(method, "/api/v1" + path, headers=tokens[who], json=body)
            assert response.status_code in (200, 201), (path, who, response.text)
            answer: dict[str, object] | list[object] = response.json()
            return answer

        def plan(days: int, title: str) -> tuple[int, datetime]:
            starts_at = world.now + timedelta(days=days)
            planned = call("POST", "/meetings", "secretariat", title=title, starts_at=starts_at.isoformat(),
                           location="Stuttgart")
            assert isinstance(planned, dict) and isinstance(planned["meeting"], dict)
            return int(str(planned["meeting"]["id"])), starts_at

        deciding, deciding_at = plan(7, "Sitzung zur Entscheidung")
        reviewing, _ = plan(120, "Sitzung zur Überprüfung")
        draft = call("POST", "/recommendations", "lead", title="Sprachkurse vor Ort", text="Die Kommunen sollen …",
                     rationale="Weil …", working_group_id=world.group.id,
                     addressee_ids=[body.id for body in world.bodies])
        assert isinstance(draft, dict) and draft["state"] == "draft"
        rec_id = draft["id"]
        ref = f"/recommendations/{rec_id}"
        call("POST", ref + "/events", "lead", event="submit")
        call("POST", ref + "/events", "secretariat", event="schedule", meeting_id=deciding)
        clock.now = deciding_at + timedelta(minutes=5)  # attendance is recorded from the meeting's day on
        for code in holders:
            seats = call("PUT", f"/meetings/{deciding}/attendance/{code}", "secretariat", status="present")
        assert isinstance(seats, list) and {s["status"] for s in seats if isinstance(s, dict)} == {"present"}
        vote = call("POST", f"/meetings/{deciding}/votes", "chair", recommendation_ids=[rec_id])
        assert isinstance(vote, dict) and vote["status"] == "open"
        for code in holders:
            call("POST", f"/votes/{vote['id']}/ballots", code, choice="yes")
        clock.now += timedelta(minutes=10)
        closed = call("POST", f"/votes/{vote['id']}/close", "chair")
        assert isinstance(closed, dict) and closed["status"] == "closed"
        clock.now += timedelta(days=1)

        links = call("POST", ref + "/forwardings", "secretariat", comment="Bitte um Umsetzung.")
        assert isinstance(links, list) and len(links) == len(world.bodies)
        for link in links:
            assert isinstance(link, dict)
            key = {"X-Link-Token": str(link["token"])}
            assert client.post("/api/v1/link/acknowledge", json={}, headers=key).status_code == 200
            filed = client.post("/api/v1/link/reports", json={"status": "implemented", "text": "Erledigt."},
                                headers=key)
            assert filed.status_code == 201
        call("PUT", ref + "/review/meeting", "secretariat", meeting_id=reviewing)
        call("POST", ref + "/review/start", "secretariat", early=True, reason="Alle Berichte liegen vor.")
        concluded = call("POST", ref + "/review/conclude", "chair", outcome="implemented",
                         note="Vollständig umgesetzt.")
        assert isinstance(concluded, dict) and concluded["to_state"] == "implemented"
        history = call("GET", ref + "/history", "chair")
    assert [entry["event"] for entry in history if isinstance(entry, dict)] == [
        "submit", "schedule", "open_vote", "close_vote", "forward", "start_review", "conclude_review"]
