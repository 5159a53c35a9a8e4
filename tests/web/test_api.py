"""The JSON API: bearer tokens, the same permissions as the pages, and refusals as problem details."""

from collections.abc import Iterator

import pytest

from tests.support.factories import World
from tests.support.web import CAST, Clock, TestClient, client_for
from tests.web.test_authorization import PLAIN_RULES, ROLES, SERVICE_RULES
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    with client_for(world) as client:
        yield client


def _tokens(world: World) -> dict[str, dict[str, str]]:
    with unit_of_work(world.db) as session:
        return {name: {"Authorization": f"Bearer {issue_api_token(session, getattr(world, name), 'test', world.now)}"}
                for name in CAST}


def test_without_a_valid_token_the_api_says_how_to_get_one(api: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer rf_wrong"}):
        response = api.get("/api/v1/recommendations", headers=headers)
        assert response.status_code == 401 and response.headers["content-type"] == PROBLEM
        assert response.headers["www-authenticate"] == "Bearer"
        assert "recoflow users token" in response.json()["detail"]


def test_lists_shows_and_tells_the_history_of_recommendations(api: TestClient, world: World) -> None:
    rec = world.recommendation(state="submitted", title="Über die API")
    headers = _tokens(world)["secretariat"]
    listed = api.get("/api/v1/recommendations", params={"state": "submitted"}, headers=headers).json()
    assert listed["total"] == 1 and listed["items"][0]["title"] == "Über die API"
    detail = api.get(f"/api/v1/recommendations/{rec.id}", headers=headers).json()
    assert {e["event"] for e in detail["possible_events"]} == {"return", "schedule"}
    fired = api.post(f"/api/v1/recommendations/{rec.id}/events", headers=headers,
                     json={"event": "schedule", "meeting_id": world.meeting.id, "expected_version": rec.version})
    assert fired.status_code == 200 and fired.json()["to_state"] == "scheduled"
    history = api.get(f"/api/v1/recommendations/{rec.id}/history", headers=headers).json()
    assert [h["event"] for h in history] == ["schedule"] and history[0]["actor"]["name"] == "Sekretariat Sommer"


@pytest.mark.parametrize(("body", "status", "says"), [
    ({"event": "forward"}, 409, "it is submitted. Possible now: return, schedule"),
    ({"event": "return", "comment": ""}, 409, "Give a reason"),
    ({"event": "schedule", "meeting_id": 1, "expected_version": 0}, 409, "changed by someone else"),
    ({"comment": "no event"}, 422, "event: Field required"),
])
def test_refusals_are_problem_details_with_a_sentence_to_act_on(api: TestClient, world: World, body, status,
                                                                says) -> None:
    rec = world.recommendation(state="submitted")
    response = api.post(f"/api/v1/recommendations/{rec.id}/events", headers=_tokens(world)["secretariat"], json=body)
    assert response.status_code == status and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status and says in problem["detail"]
    assert world.reload(rec).state == "submitted"


def test_a_refusal_names_its_code_its_values_and_a_type_the_api_explains(api: TestClient, world: World) -> None:
    rec = world.recommendation(state="submitted")
    response = api.post(f"/api/v1/recommendations/{rec.id}/events", headers=_tokens(world)["secretariat"],
                        json={"event": "schedule", "meeting_id": world.meeting.id, "expected_version": 0})
    problem = response.json()
    assert response.status_code == 409 and problem["code"] == "engine.stale_version"
    assert problem["parameters"] == {"label": rec.number or f"draft #{rec.id}", "version": rec.version, "seen": 0}
    assert problem["type"] == "/api/v1/problems/engine.stale_version"
    described = api.get(problem["type"]).json()
    assert described["status"] == 409 and described["kind"] == "conflict"
    assert "%(version)s" in described["sentence"]
    assert api.get("/api/v1/problems/engine.nothing").status_code == 404


def test_an_unknown_recommendation_is_a_404_problem(api: TestClient, world: World) -> None:
    response = api.get("/api/v1/recommendations/HE-2026-999", headers=_tokens(world)["chair"])
    assert response.status_code == 404 and "There is no recommendation" in response.json()["detail"]


def test_people_without_a_role_and_other_groups_drafts_are_refused(api: TestClient, world: World) -> None:
    tokens = _tokens(world)
    draft = world.recommendation(group=world.other_group)
    assert api.get("/api/v1/recommendations", headers=tokens["stranger"]).status_code == 403
    assert api.get(f"/api/v1/recommendations/{draft.id}", headers=tokens["lead"]).status_code == 403
    assert api.get(f"/api/v1/recommendations/{draft.id}/history", headers=tokens["lead"]).status_code == 403
    assert api.get(f"/api/v1/recommendations/{draft.id}", headers=tokens["other_lead"]).status_code == 200


@pytest.mark.parametrize("rule", PLAIN_RULES, ids=lambda r: f"{r.event}-{r.dest}")
def test_only_the_roles_of_a_rule_can_fire_it_through_the_api(world: World, rule) -> None:
    tokens = _tokens(world)
    allowed = {name for name in CAST if ROLES[name] & rule.roles}
    outcomes = {}
    # A review starts from its meeting's day on; every other row is tried before the meeting.
    at = world.meeting.starts_at if rule.event == "start_review" else world.now
    with client_for(world, Clock(at)) as api:
        for name in CAST:
            rec = world.recommendation(state=rule.sources[0])
            outcomes[name] = api.post(f"/api/v1/recommendations/{rec.id}/events", headers=tokens[name], json={
                "event": rule.event, "comment": "Begründung", "outcome": rule.outcome,
                "meeting_id": world.meeting.id}).status_code
    assert {n for n, s in outcomes.items() if s == 200} == allowed
    assert {s for n, s in outcomes.items() if n not in allowed} == {403}


@pytest.mark.parametrize("rule", SERVICE_RULES, ids=lambda r: f"{r.event}-{r.dest}")
def test_a_service_only_rule_is_refused_through_the_api_with_the_reason_to_use_its_service(
        api: TestClient, world: World, rule) -> None:
    tokens = _tokens(world)
    allowed = {name for name in CAST if ROLES[name] & rule.roles}
    for name in CAST:
        rec = world.recommendation(state=rule.sources[0])
        response = api.post(f"/api/v1/recommendations/{rec.id}/events", headers=tokens[name], json={
            "event": rule.event, "comment": "Begründung", "outcome": rule.outcome})
        assert response.status_code == (409 if name in allowed else 403), name
        if name in allowed:
            assert [(r["code"], r["parameters"]) for r in response.json()["reasons"]] == [
                ("forward_through_service", {"recommendation": rec.number or rec.id})]
            assert "personal link" in response.json()["detail"] and "recoflow" not in response.json()["detail"]
        assert world.reload(rec).state == rule.sources[0]


def _described(schema: dict) -> bool:
    """Whether a response schema names its fields (a model, or a list of models), not just "some object"."""
    if "$ref" in schema:
        return True
    if schema.get("type") == "array":
        return _described(schema.get("items", {}))
    if schema.get("type") == "object":
        return bool(schema.get("properties"))
    return "type" in schema or any(_described(s) for s in schema.get("anyOf", []))


def _a_file(content: dict) -> bool:
    """Whether an answer is a download described by its media types, each of them a file (an attachment)."""
    return bool(content) and all(c.get("schema") == {"type": "string", "format": "binary"} for c in content.values())


def test_the_openapi_document_describes_every_endpoint(api: TestClient) -> None:
    document = api.get("/api/v1/openapi.json").json()
    assert set(document["paths"]) == {"/recommendations", "/recommendations/{ref}",
                                      "/recommendations/{ref}/document.pdf",
                                      "/recommendations/{ref}/history", "/recommendations/{ref}/events",
                                      "/recommendations/{ref}/revisions",
                                      "/votes/{vote_id}", "/votes/{vote_id}/ballots", "/votes/{vote_id}/close",
                                      "/meetings", "/meetings/{meeting_id}", "/meetings/{meeting_id}/move",
                                      "/meetings/{meeting_id}/cancel", "/meetings/{meeting_id}/held",
                                      "/meetings/{meeting_id}/minutes", "/meetings/{meeting_id}/agenda",
                                      "/meetings/{meeting_id}/agenda/{rec_id}/position",
                                      "/meetings/{meeting_id}/agenda/{rec_id}/move",
                                      "/meetings/{meeting_id}/attendance",
                                      "/meetings/{meeting_id}/attendance/{seat_code}",
                                      "/meetings/{meeting_id}/votes", "/procedures",
                                      "/recommendations/{ref}/attachments",
                                      "/recommendations/{ref}/attachments/{attachment_id}",
                                      "/people", "/people/{person_id}", "/people/{person_id}/deactivate",
                                      "/people/{person_id}/reactivate", "/people/{person_id}/merge",
                                      "/people/{person_id}/invite", "/people/{person_id}/personal-data",
                                      "/people/{person_id}/erase",
                                      "/organisations", "/organisations/{organisation_id}",
                                      "/organisations/{organisation_id}/deactivate",
                                      "/organisations/{organisation_id}/reactivate",
                                      "/organisations/{organisation_id}/merge", "/imports/{kind}",
                                      "/network", "/network/legal/{page}",
                                      "/working-groups", "/working-groups/{group_id}",
                                      "/working-groups/{group_id}/members",
                                      "/working-groups/{group_id}/members/{person_id}/end",
                                      "/working-groups/{group_id}/lead", "/working-groups/{group_id}/events",
                                      "/recommendations/{ref}/forwardings", "/reports/{report_id}/forward-onward",
                                      "/forwardings/{forwarding_id}/reissue", "/forwardings/{forwarding_id}/revoke",
                                      "/forwardings/{forwarding_id}/acknowledge",
                                      "/forwardings/{forwarding_id}/contact", "/forwardings/{forwarding_id}/reports",
                                      "/link", "/link/document.pdf", "/link/acknowledge", "/link/contact",
                                      "/link/reports", "/recommendations/{ref}/review/rounds",
                                      "/recommendations/{ref}/review/meeting", "/recommendations/{ref}/review/start",
                                      "/recommendations/{ref}/review/conclude",
                                      "/recommendations/{ref}/review/follow-up",
                                      "/outbox", "/outbox/{mail_id}", "/outbox/{mail_id}/retry",
                                      "/exports/forwardings.csv", "/exports/forwardings.xlsx",
                                      "/exports/forwardings.json", "/meetings/{meeting_id}/calendar.ics",
                                      "/meetings/{meeting_id}/minutes.pdf", "/topics", "/topics/{topic_id}/goals",
                                      "/public-events", "/public-events/{event_id}/cancel",
                                      "/public-events/{event_id}.ics",
                                      "/roles", "/roles/{term_id}/end", "/strategy-group/composition",
                                      "/strategy-group/seats/{code}/terms", "/strategy-group/terms/{term_id}/end",
                                      "/tokens", "/tokens/{token_id}",
                                      "/problems", "/problems/{code}"}
    assert "HTTPBearer" in document["components"]["securitySchemes"]
    # Every answer is described: a client generated from the document knows each field it gets back (a 204 has none).
    undescribed = [f"{verb.upper()} {path}" for path, verbs in document["paths"].items() for verb, op in verbs.items()
                   if not any((code == "204" and not body.get("content"))
                              or (code.startswith("2") and _described(body.get("content", {})
                                                                       .get("application/json", {}).get("schema", {})))
                              or (code.startswith("2") and _a_file(body.get("content", {})))
                              for code, body in op["responses"].items())]
    assert undescribed == []
    schemas = document["components"]["schemas"]
    detail = schemas["RecommendationAnswer"]["properties"]
    assert {"possible_events", "working_group", "addressees", "version", "pdf"} <= detail.keys()
    assert {"event", "from", "to", "at", "actor"} <= schemas["HistoryEntry"]["properties"].keys()
    docs = api.get("/api/v1/docs")
    assert docs.status_code == 200
    # The docs page loads Swagger UI from this server, so it works where no CDN can be reached.
    assert "cdn." not in docs.text and "/api/v1/docs-assets/swagger-ui-bundle.js" in docs.text
    script = api.get("/api/v1/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text

