"""Votes in the JSON API, tried by every person of the cast with their own token: only seat holders and deputies
cast ballots, only the chair and the secretariat read the named ballots; refusals are problem details."""

from tests.support.factories import World
from tests.support.meeting_web import during, procedure_vote, seated, snapshot
from tests.support.web import CAST, Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"
SEAT_OF = {"chair": "MIN-1", "member": "MIN-2", "deputy": "MIN-2"}


def _tokens(world: World) -> dict[str, dict[str, str]]:
    with unit_of_work(world.db) as session:
        return {name: {"Authorization": f"Bearer {issue_api_token(session, getattr(world, name), 'test', world.now)}"}
                for name in CAST}


def test_only_seat_holders_and_deputies_cast_ballots_and_refusals_change_nothing(world: World) -> None:
    seated(world)
    tokens = _tokens(world)
    outcomes = {}
    with client_for(world, Clock(during(world))) as api:
        for name in CAST:
            vote, _rec = procedure_vote(world)
            before = snapshot(world)
            response = api.post(f"/api/v1/votes/{vote.id}/ballots", headers=tokens[name],
                                json={"choice": "no", "seat": SEAT_OF.get(name)})
            outcomes[name] = response.status_code
            if response.status_code == 200:
                assert response.json()["seat"] == SEAT_OF[name] and response.json()["choice"] == "no"
            else:
                assert response.headers["content-type"] == PROBLEM and snapshot(world) == before
    assert {n for n, s in outcomes.items() if s == 200} == {"chair", "member", "deputy"}
    assert {s for n, s in outcomes.items() if n not in SEAT_OF} == {403}


def test_the_named_ballots_are_for_the_chair_and_the_secretariat(world: World) -> None:
    seated(world)
    tokens = _tokens(world)
    vote, _rec = procedure_vote(world)
    with client_for(world, Clock(during(world))) as api:
        api.post(f"/api/v1/votes/{vote.id}/ballots", headers=tokens["deputy"], json={"choice": "yes", "seat": "MIN-2"})
        changed = api.post(f"/api/v1/votes/{vote.id}/ballots", headers=tokens["member"],
                           json={"choice": "no", "seat": "MIN-2"})
        statuses = {name: api.get(f"/api/v1/votes/{vote.id}/ballots", headers=tokens[name]) for name in CAST}
        board = api.get(f"/api/v1/votes/{vote.id}", headers=tokens["chair"]).json()
    assert changed.status_code == 422 and "never both" in changed.json()["detail"]
    assert {n for n, r in statuses.items() if r.status_code == 200} == {"chair", "secretariat"}
    assert statuses["chair"].json() == [{**statuses["chair"].json()[0], "seat": "MIN-2", "person": "Vertretung Vogel",
                                         "choice": "yes"}]
    assert board["tally"]["yes"] == 1 and board["tally"]["quorum_met"] is False


def test_a_refused_ballot_is_a_problem_with_the_strategy_groups_code_and_its_values(world: World) -> None:
    seated(world)
    tokens = _tokens(world)
    vote, _rec = procedure_vote(world)
    with client_for(world, Clock(during(world))) as api:
        refused = api.post(f"/api/v1/votes/{vote.id}/ballots", headers=tokens["lead"], json={"choice": "yes"})
        missing = api.post("/api/v1/votes/9999/ballots", headers=tokens["chair"], json={"choice": "yes"})
    problem = refused.json()
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    assert problem["type"] == "/api/v1/problems/strategy_group.no_seat" and problem["code"] == "strategy_group.no_seat"
    assert problem["parameters"]["email"] == world.lead.email
    assert problem["detail"].startswith("You hold no seat of the strategy group")
    assert missing.status_code == 404 and missing.json()["code"] == "strategy_group.no_vote"
    assert missing.json()["parameters"] == {"vote": 9999} and missing.json()["detail"] == "There is no vote 9999."
