"""No input makes a 500: malformed ids, unstorable characters, over-long texts, wrong types and methods sent to the
API and the forms (signed in, with the form token) are refused, and nothing is written."""

import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa

from tests.support.factories import World
from tests.support.forwarding import forwarded
from tests.support.web import Clock, settings_for, sign_in
from web import create_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.postgres

# Ids no row can have: above PostgreSQL's bigint and integer, negative, "²" (isdigit() but not int()), an exponent,
# leading blanks, a NUL byte.
BAD_IDS = ["99999999999999999999", str(2**63), str(2**31), "-1", "%C2%B2", "1e3", "%207", "7%00"]
LONG = "x" * 1_000_000


@dataclass
class Case:
    method: str
    path: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    form: bool = False  # a form of a signed-in page: the session's token is added


def _cases(rec_id: int, meeting_id: int, group_id: int, link: str) -> list[Case]:
    cases: list[Case] = []
    for bad in BAD_IDS:
        for path in (f"/events/{bad}.ics", f"/meetings/{bad}", f"/meetings/{bad}.ics", f"/votes/{bad}",
                     f"/outbox/{bad}", f"/people/{bad}", f"/organisations/{bad}", f"/working-groups/{bad}",
                     f"/recommendations/{bad}", f"/network/roles/{bad}/end", f"/api/v1/recommendations/{bad}",
                     f"/api/v1/recommendations/{bad}/history", f"/api/v1/votes/{bad}", f"/api/v1/people/{bad}",
                     f"/api/v1/organisations/{bad}", f"/api/v1/working-groups/{bad}"):
            cases.append(Case("GET", path))
        for path in (f"/meetings/{bad}/cancel", f"/forwardings/{bad}/revoke", f"/people/{bad}/deactivate"):
            cases.append(Case("POST", path, form=True))
        cases.append(Case("GET", f"/recommendations?group={bad}"))
    for bad in ("²", "99999999999999999999", str(2**31), "-5", "1e3"):
        cases.append(Case("POST", f"/recommendations/{rec_id}/events/schedule", {"data": {"meeting_id": bad}},
                          form=True))
        cases.append(Case("POST", f"/stelle/{link}/report", {"data": {
            "status": "not_responsible", "text": "Nicht zuständig", "suggested_organisation_id": bad}}))
        cases.append(Case("POST", f"/api/v1/recommendations/{rec_id}/events",
                          {"json": {"event": "schedule", "meeting_id": bad}}))
        cases.append(Case("GET", "/api/v1/recommendations", {"params": {"working_group_id": bad}}))
    for text in ("a\x00b", "\x00"):
        cases.append(Case("GET", "/recommendations", {"params": {"q": text}}))
        cases.append(Case("GET", "/recommendations", {"params": {"state": text}}))
        cases.append(Case("GET", "/api/v1/recommendations", {"params": {"q": text}}))
        cases.append(Case("GET", "/api/v1/recommendations", {"params": {"state": text}}))
        cases.append(Case("GET", "/people", {"params": {"q": text}}))
        cases.append(Case("GET", "/api/v1/people", {"params": {"q": text}}))
        cases.append(Case("POST", f"/recommendations/{rec_id}/events/return", {"data": {"comment": text}}, form=True))
        cases.append(Case("POST", f"/api/v1/recommendations/{rec_id}/events", {"json": {"event": "return",
                                                                                         "comment": text}}))
        cases.append(Case("POST", "/recommendations/new", {"data": {"title": text, "working_group_id": str(group_id),
                                                                     "text": "T", "rationale": "R"}}, form=True))
        cases.append(Case("POST", f"/stelle/{link}/report", {"data": {"status": "planned", "text": text}}))
        cases.append(Case("POST", "/api/v1/people", {"json": {"name": text, "email": "nul@example.org"}}))
    for escaped in ('"\\ud800"', '"a\\udfffb"'):
        body = '{"event": "return", "comment": ' + escaped + "}"
        cases.append(Case("POST", f"/api/v1/recommendations/{rec_id}/events",
                          {"content": body, "headers": {"content-type": "application/json"}}))
        cases.append(Case("POST", "/api/v1/people", {"content": '{"name": ' + escaped + ', "email": "s@example.org"}',
                                                     "headers": {"content-type": "application/json"}}))
    cases += [
        Case("POST", f"/api/v1/recommendations/{rec_id}/events", {"json": {"event": "return", "comment": LONG}}),
        Case("POST", f"/recommendations/{rec_id}/events/return", {"data": {"comment": LONG}}, form=True),
        Case("POST", "/recommendations/new", {"data": {"title": "T" * 5000, "working_group_id": str(group_id),
                                                       "text": "T", "rationale": "R"}}, form=True),
        Case("POST", f"/stelle/{link}/report", {"data": {"status": "planned", "text": LONG}}),
        Case("POST", "/api/v1/people", {"json": {"name": "N" * 5000, "email": "long@example.org"}}),
        # wrong types, missing fields, huge numbers
        Case("POST", f"/api/v1/recommendations/{rec_id}/events", {"json": {"event": 5}}),
        Case("POST", f"/api/v1/recommendations/{rec_id}/events", {"json": {"event": "return", "comment": ["x"]}}),
        Case("POST", f"/api/v1/recommendations/{rec_id}/events", {"json": {}}),
        Case("POST", f"/api/v1/recommendations/{rec_id}/events", {"json": [1, 2]}),
        Case("POST", f"/api/v1/recommendations/{rec_id}/events", {"content": "{not json",
                                                                   "headers": {"content-type": "application/json"}}),
        Case("POST", f"/api/v1/recommendations/{rec_id}/events",
             {"json": {"event": "return", "comment": "x", "expected_version": 10**30}}),
        Case("POST", f"/api/v1/recommendations/{rec_id}/events",
             {"json": {"event": "schedule", "meeting_id": 10**30}}),
        Case("POST", f"/api/v1/recommendations/{rec_id}/events",
             {"json": {"event": "schedule", "meeting_id": 2**40}}),
        Case("GET", "/api/v1/recommendations", {"params": {"offset": str(10**30)}}),
        Case("GET", "/api/v1/recommendations", {"params": {"limit": "x"}}),
        Case("GET", "/api/v1/people", {"params": {"offset": str(2**63)}}),
        Case("POST", f"/api/v1/working-groups/{group_id}/members", {"json": {"person_id": 10**30}}),
        Case("POST", f"/api/v1/working-groups/{group_id}/members", {"json": {"person_id": 2**31}}),
        Case("POST", f"/api/v1/working-groups/{group_id}/lead", {"json": {"person_id": "²"}}),
        Case("POST", f"/recommendations/{rec_id}/events/schedule", {"data": {"meeting_id": str(meeting_id),
                                                                            "version": str(10**30)}}, form=True),
        # wrong methods
        Case("DELETE", f"/api/v1/recommendations/{rec_id}"),
        Case("PUT", "/api/v1/recommendations"),
        Case("DELETE", f"/recommendations/{rec_id}"),
        Case("PATCH", "/meetings"),
    ]
    return cases


def dump(world: World) -> dict[str, list[str]]:
    """Every row of every table (but the ones a read touches), as text: what "data unchanged" compares."""
    volatile = {"alembic_version", "sign_in_attempt", "api_token", "apscheduler_jobs"}
    with world.db.engine.connect() as conn:
        tables = sorted(set(sa.inspect(conn).get_table_names()) - volatile)
        return {t: sorted(json.dumps(list(row), default=str) for row in conn.exec_driver_sql(f'SELECT * FROM "{t}"'))
                for t in tables}


@pytest.fixture
def app_client(web_world: World) -> Iterator[TestClient]:
    app = create_app(settings_for(web_world), database=web_world.db, clock=Clock(web_world.now))
    with TestClient(app, base_url="http://testserver", follow_redirects=False,
                    raise_server_exceptions=False) as client:
        yield client


def test_no_malformed_request_gets_a_server_error_or_changes_anything(app_client: TestClient,
                                                                      web_world: World) -> None:
    world = web_world
    rec = world.recommendation(state="submitted")
    _, links = forwarded(world)
    with unit_of_work(world.db) as session:
        bearer = {"Authorization": f"Bearer {issue_api_token(session, world.secretariat, 'test', world.now)}"}
    token = sign_in(app_client, world.secretariat)
    cases = _cases(rec.id or 0, world.meeting.id or 0, world.group.id or 0, links[0].token)
    before = dump(world)
    failures = []
    for case in cases:
        kwargs = {k: (dict(v) if isinstance(v, dict) else v) for k, v in case.kwargs.items()}
        if case.path.startswith("/api/"):
            kwargs["headers"] = {**kwargs.get("headers", {}), **bearer}
        if case.form:
            kwargs["data"] = {"csrf_token": token, **kwargs.get("data", {})}
        if case.path.startswith("/stelle/"):
            page = app_client.get(f"/stelle/{links[0].token}").text
            kwargs["data"]["csrf_token"] = page.split('name="csrf_token" value="')[1].split('"')[0]
        response = app_client.request(case.method, case.path, **kwargs)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.path} {str(kwargs)[:80]} → {response.status_code}")
    print(f"\n{len(cases)} malformed requests on {world.db.engine.dialect.name}: {len(failures)} answered ≥ 500")
    for failure in failures:
        print("  ", failure)
    after = dump(world)
    changed = [t for t in before if before[t] != after[t]]
    print("tables changed:", changed)
    assert len(cases) >= 150
    assert failures == [] and changed == []


def test_an_id_no_row_can_have_is_not_found_and_a_huge_comment_is_refused_by_name(app_client: TestClient,
                                                                                   web_world: World) -> None:
    world = web_world
    assert app_client.get("/events/99999999999999999999.ics").status_code == 404
    assert app_client.get("/meetings/%C2%B2").status_code in (303, 404)  # anonymous: sign in first, never a 500
    rec = world.recommendation(state="submitted")
    with unit_of_work(world.db) as session:
        bearer = {"Authorization": f"Bearer {issue_api_token(session, world.secretariat, 'test', world.now)}"}
    refused = app_client.post(f"/api/v1/recommendations/{rec.id}/events", headers=bearer,
                              json={"event": "return", "comment": "x" * 20_000})
    assert refused.status_code == 422 and refused.json()["code"] == "engine.text_too_long"
    assert refused.json()["parameters"] == {"field": "comment", "limit": 10_000, "length": 20_000}
    nul = app_client.get("/api/v1/recommendations", headers=bearer, params={"q": "a\x00"})
    assert nul.status_code == 422 and nul.json()["code"] == "engine.unstorable_text"
    assert app_client.get(f"/api/v1/people/{2**31}", headers=bearer).json()["code"] == "engine.no_such_id"


def test_wrong_methods_keep_allow_and_the_openapi_document_declares_problems(app_client: TestClient) -> None:
    for path in ("/api/v1/recommendations", "/workflow"):
        response = app_client.delete(path)
        assert response.status_code == 405 and response.headers["allow"] == "GET"
    document = app_client.get("/api/v1/openapi.json").json()
    fire = document["paths"]["/recommendations/{ref}/events"]["post"]["responses"]
    assert {"401", "403", "404", "409", "422", "503"} <= set(fire)
    assert fire["409"]["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
    assert "application/json" not in fire["422"]["content"]
