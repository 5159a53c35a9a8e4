"""Drafting, meetings, agendas, attendance, votes and written procedures through the JSON API alone, each as the role
that may act and one that may not; the recommendation's version as ETag with If-Match on writes; cursor pages."""

from datetime import datetime, timedelta

from tests.support.factories import World
from tests.support.meeting_web import during, seated
from tests.support.web import CAST, Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"


def _tokens(world: World) -> dict[str, dict[str, str]]:
    with unit_of_work(world.db) as session:
        return {name: {"Authorization": f"Bearer {issue_api_token(session, getattr(world, name), 'test', world.now)}"}
                for name in CAST}


def _refused(response, status: int = 403) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == status and response.headers["content-type"] == PROBLEM


def _at(moment: datetime) -> str:
    return moment.isoformat()


def test_a_draft_is_written_edited_and_its_revisions_read_by_its_working_group_only(world: World) -> None:
    tokens = _tokens(world)
    draft = {"title": "Sprachkurse vor Ort", "text": "Die Kommunen bieten Kurse an.", "rationale": "Weil es wirkt.",
             "working_group_id": world.group.id, "addressee_ids": [world.bodies[0].id]}
    with client_for(world, Clock(world.now)) as api:
        assert _refused(api.post("/api/v1/recommendations", headers=tokens["other_lead"], json=draft))
        created = api.post("/api/v1/recommendations", headers=tokens["lead"], json=draft)
        assert created.status_code == 201 and created.json()["state"] == "draft"
        ref = created.json()["id"]
        assert created.headers["location"].endswith(f"/api/v1/recommendations/{ref}")
        assert created.headers["etag"] == f'"{created.json()["version"]}"'
        change = {"text": "Die Kommunen bieten Kurse am Abend an.", "comment": "Abendkurse"}
        assert _refused(api.patch(f"/api/v1/recommendations/{ref}", headers=tokens["other_lead"], json=change))
        edited = api.patch(f"/api/v1/recommendations/{ref}", headers={**tokens["wg_member"],
                                                                       "If-Match": created.headers["etag"]},
                           json=change)
        assert edited.status_code == 200 and edited.json()["text"] == change["text"]
        assert edited.headers["etag"] != created.headers["etag"]
        revisions = api.get(f"/api/v1/recommendations/{ref}/revisions", headers=tokens["lead"]).json()
        assert [(r["number"], r["comment"], r["author"]) for r in revisions["items"]] == [
            (1, "created", world.lead.name), (2, "Abendkurse", world.wg_member.name)]
        assert revisions["next"] is None
        assert api.get(f"/api/v1/recommendations/{ref}/revisions", headers=tokens["other_lead"]).status_code in (
            403, 404)
        submitted = api.post(f"/api/v1/recommendations/{ref}/events", headers=tokens["lead"],
                             json={"event": "submit"})
        assert submitted.status_code == 200, submitted.text
        assert submitted.headers["etag"] == f'"{submitted.json()["version"]}"'
        assert _refused(api.patch(f"/api/v1/recommendations/{ref}", headers=tokens["lead"], json=change), 422)


def test_a_stale_if_match_is_refused_with_412_and_changes_nothing(world: World) -> None:
    tokens = _tokens(world)
    rec = world.recommendation()
    with client_for(world, Clock(world.now)) as api:
        seen = api.get(f"/api/v1/recommendations/{rec.id}", headers=tokens["lead"]).headers["etag"]
        first = api.patch(f"/api/v1/recommendations/{rec.id}", headers={**tokens["lead"], "If-Match": seen},
                          json={"title": "Erste Änderung"})
        assert first.status_code == 200
        writes = (("PATCH", "", {"title": "Zweite Änderung"}), ("POST", "/events", {"event": "submit"}))
        for method, path, body in writes:
            stale = api.request(method, f"/api/v1/recommendations/{rec.id}{path}",
                                headers={**tokens["lead"], "If-Match": seen}, json=body)
            assert _refused(stale, 412) and stale.json()["code"] == "web.if_match_stale"
            assert stale.json()["parameters"]["seen"] == int(seen.strip('"'))
        assert _refused(api.patch(f"/api/v1/recommendations/{rec.id}", headers={**tokens["lead"], "If-Match": "x"},
                                  json={"title": "Dritte"}), 422)
        fresh = api.post(f"/api/v1/recommendations/{rec.id}/events",
                         headers={**tokens["lead"], "If-Match": first.headers["etag"]}, json={"event": "submit"})
        assert fresh.status_code == 200
    assert world.reload(rec).title == "Erste Änderung" and world.reload(rec).state == "submitted"


def test_the_secretariat_plans_moves_holds_and_cancels_meetings_and_others_may_not(world: World) -> None:
    tokens = _tokens(world)
    plan = {"title": "Zweite Sitzung", "starts_at": _at(world.now + timedelta(days=60)), "location": "Ulm"}
    with client_for(world, Clock(world.now)) as api:
        assert _refused(api.post("/api/v1/meetings", headers=tokens["chair"], json=plan))
        planned = api.post("/api/v1/meetings", headers=tokens["secretariat"], json=plan)
        assert planned.status_code == 201, planned.text
        meeting_id = planned.json()["meeting"]["id"]
        move = {"starts_at": _at(world.now + timedelta(days=70))}
        assert _refused(api.post(f"/api/v1/meetings/{meeting_id}/move", headers=tokens["member"], json=move))
        moved = api.post(f"/api/v1/meetings/{meeting_id}/move", headers=tokens["secretariat"], json=move)
        assert moved.status_code == 200 and moved.json()["meeting"]["status"] == "moved"
        assert _refused(api.post(f"/api/v1/meetings/{meeting_id}/cancel", headers=tokens["chair"]))
        cancelled = api.post(f"/api/v1/meetings/{meeting_id}/cancel", headers=tokens["secretariat"])
        assert cancelled.status_code == 200 and cancelled.json()["meeting"]["status"] == "cancelled"
        listed = api.get("/api/v1/meetings", headers=tokens["member"]).json()
        assert [m["status"] for m in listed["items"]] == ["planned", "cancelled"] and listed["next"] is None
    with client_for(world, Clock(during(world))) as api:
        assert _refused(api.post(f"/api/v1/meetings/{world.meeting.id}/held", headers=tokens["chair"]))
        held = api.post(f"/api/v1/meetings/{world.meeting.id}/held", headers=tokens["secretariat"])
        assert held.status_code == 200 and held.json()["meeting"]["status"] == "held"
        assert api.get(f"/api/v1/meetings/{world.meeting.id}/minutes", headers=tokens["member"]).status_code == 200


def test_agenda_attendance_and_a_vote_run_through_the_api_as_the_pages_allow(world: World) -> None:
    seated(world)
    tokens = _tokens(world)
    meeting = world.meeting.id
    recs = [world.recommendation(title=f"Empfehlung {n}") for n in (1, 2)]
    with client_for(world, Clock(world.now)) as api:
        for rec in recs:
            assert api.post(f"/api/v1/recommendations/{rec.id}/events", headers=tokens["lead"],
                            json={"event": "submit"}).status_code == 200
            # 'schedule' asks for the meeting, as its form does.
            scheduled = api.post(f"/api/v1/recommendations/{rec.id}/events", headers=tokens["secretariat"],
                                 json={"event": "schedule", "meeting_id": meeting})
            assert scheduled.status_code == 200 and scheduled.json()["to_state"] == "scheduled"
        agenda = api.get(f"/api/v1/meetings/{meeting}/agenda", headers=tokens["member"]).json()["items"]
        assert [a["id"] for a in agenda] == [recs[0].id, recs[1].id]
        path = f"/api/v1/meetings/{meeting}/agenda/{recs[1].id}/position"
        assert _refused(api.put(path, headers=tokens["chair"], json={"position": 1}))
        reordered = api.put(path, headers=tokens["secretariat"], json={"position": 1})
        assert [a["id"] for a in reordered.json()["items"]] == [recs[1].id, recs[0].id]
    with client_for(world, Clock(during(world))) as api:
        seat = f"/api/v1/meetings/{meeting}/attendance/MIN-3"
        assert _refused(api.put(seat, headers=tokens["chair"], json={"status": "absent"}))
        seats = api.put(seat, headers=tokens["secretariat"], json={"status": "absent"})
        assert seats.status_code == 200 and {s["code"]: s["status"] for s in seats.json()}["MIN-3"] == "absent"
        opening = {"recommendation_ids": [recs[0].id]}
        assert _refused(api.post(f"/api/v1/meetings/{meeting}/votes", headers=tokens["member"], json=opening))
        opened = api.post(f"/api/v1/meetings/{meeting}/votes", headers=tokens["chair"], json=opening)
        assert opened.status_code == 201 and opened.json()["status"] == "open"
        vote = opened.json()["id"]
        closing = {"outcome": "return", "comment": "Bitte überarbeiten"}
        assert _refused(api.post(f"/api/v1/votes/{vote}/close", headers=tokens["member"], json=closing))
        closed = api.post(f"/api/v1/votes/{vote}/close", headers=tokens["chair"], json=closing)
        assert closed.status_code == 200 and closed.json()["result"] == "returned"
    assert world.reload(recs[0]).state == "draft"


def test_a_written_procedure_is_started_by_the_secretariat_and_closed_by_the_chair(world: World) -> None:
    tokens = _tokens(world)
    rec = world.recommendation()
    start = {"title": "Umlaufverfahren", "deadline": _at(world.now + timedelta(days=7)),
             "recommendation_ids": [rec.id]}
    with client_for(world, Clock(world.now)) as api:
        api.post(f"/api/v1/recommendations/{rec.id}/events", headers=tokens["lead"], json={"event": "submit"})
        assert _refused(api.post("/api/v1/procedures", headers=tokens["chair"], json=start))
        started = api.post("/api/v1/procedures", headers=tokens["secretariat"], json=start)
        assert started.status_code == 201 and started.json()["mode"] == "written_procedure"
        listed = api.get("/api/v1/meetings", params={"kind": "written_procedure"}, headers=tokens["member"]).json()
        assert [m["title"] for m in listed["items"]] == ["Umlaufverfahren"]
        closed = api.post(f"/api/v1/votes/{started.json()['id']}/close", headers=tokens["chair"],
                          json={"outcome": "return", "comment": "Zurück an die AG"})
        assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_a_list_of_25_is_walked_in_3_pages_of_10_by_its_cursor_without_duplicates(world: World) -> None:
    tokens = _tokens(world)
    for n in range(25):
        world.recommendation(title=f"Empfehlung Nummer {n:02}")
    seen: list[int] = []
    pages = 0
    with client_for(world, Clock(world.now)) as api:
        address: str | None = "/api/v1/recommendations?limit=10"
        while address:
            response = api.get(address, headers=tokens["secretariat"])
            body = response.json()
            pages += 1
            seen += [item["id"] for item in body["items"]]
            address = body["next"]
            assert (response.headers.get("link") or None) == (f'<{address}>; rel="next"' if address else None)
        assert pages == 3 and len(seen) == 25 == len(set(seen))
        bad = api.get("/api/v1/recommendations", params={"cursor": "nicht-von-hier"}, headers=tokens["secretariat"])
        assert _refused(bad, 422) and bad.json()["code"] == "web.cursor_malformed"
        people = api.get("/api/v1/people", params={"limit": 3}, headers=tokens["secretariat"]).json()
        following = api.get(people["next"], headers=tokens["secretariat"]).json()
        assert not {p["id"] for p in people["items"]} & {p["id"] for p in following["items"]}
