"""The journey from a working group's draft to a concluded review, driven through the API as the people who may act,
each with a token of their own: submit, schedule, the ballots, forwarding, the bodies' receipt and reports through
their links, the review brought forward with a reason, and its conclusion; the history tells the whole story.

Until the API's first half lands (c15e: drafts, meetings, attendance, opening and closing votes), those steps run
through the same services directly, each marked ``# c15e:`` with the operation that replaces it."""

from datetime import timedelta

from models.people import Person
from models.strategy import AttendanceStatus
from tests.support.factories import World
from tests.support.strategy import attend, fill_seats, meeting_ahead
from tests.support.web import Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token
from workflow.strategy_group.votes import close_vote, open_vote


def _tokens(world: World, people: dict[str, Person]) -> dict[str, dict[str, str]]:
    with unit_of_work(world.db) as session:
        return {name: {"Authorization": f"Bearer {issue_api_token(session, person, 'Reise', world.now)}"}
                for name, person in people.items()}


def test_a_draft_travels_to_a_concluded_review_through_the_api(world: World) -> None:
    holders = fill_seats(world)
    cast = {"lead": world.lead, "secretariat": world.secretariat, "chair": world.chair,
            **{code: person for code, person in holders.items()}}
    tokens = _tokens(world, cast)
    deciding = meeting_ahead(world, 7, title="Sitzung zur Entscheidung")  # c15e: POST /meetings
    reviewing = meeting_ahead(world, 120, title="Sitzung zur Überprüfung")  # c15e: POST /meetings
    rec = world.recommendation()  # c15e: POST /recommendations as the lead
    clock = Clock(world.now)
    with client_for(world, clock) as client:
        def call(method: str, path: str, who: str, **body: object) -> dict[str, object] | list[object]:
            response = client.request(method, "/api/v1" + path, headers=tokens[who], json=body)
            assert response.status_code in (200, 201), (path, who, response.text)
            answer: dict[str, object] | list[object] = response.json()
            return answer

        ref = f"/recommendations/{rec.id}"
        call("POST", ref + "/events", "lead", event="submit")
        call("POST", ref + "/events", "secretariat", event="schedule", meeting_id=deciding.id)
        clock.now = deciding.starts_at + timedelta(minutes=5)
        attend(world, deciding, list(holders), clock.now, AttendanceStatus.PRESENT)  # c15e: PUT .../attendance/{seat}
        with unit_of_work(world.db) as session:  # c15e: POST /meetings/{id}/votes as the chair
            vote = open_vote(session, deciding.id or 0, [str(rec.id)], actor=world.chair, now=clock.now)
            vote_id = vote.id
        for code in holders:
            call("POST", f"/votes/{vote_id}/ballots", code, choice="yes")
        with unit_of_work(world.db) as session:  # c15e: POST /votes/{id}/close as the chair
            close_vote(session, vote_id or 0, actor=world.chair, now=clock.now + timedelta(minutes=10))
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
        call("PUT", ref + "/review/meeting", "secretariat", meeting_id=reviewing.id)
        call("POST", ref + "/review/start", "secretariat", early=True, reason="Alle Berichte liegen vor.")
        concluded = call("POST", ref + "/review/conclude", "chair", outcome="implemented",
                         note="Vollständig umgesetzt.")
        assert isinstance(concluded, dict) and concluded["to_state"] == "implemented"
        history = call("GET", ref + "/history", "chair")
    assert [entry["event"] for entry in history if isinstance(entry, dict)] == [
        "submit", "schedule", "open_vote", "close_vote", "forward", "start_review", "conclude_review"]
