"""The API after the vote, operation by operation: forwarding, the bodies' links, letters, the review, the outbox,
the exports, topics and public events. The role that may act succeeds, one that may not is refused with a 403
problem document and nothing changes; link secrets appear only in the answer of the call that makes them."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from models.forwarding import ReportStatus
from models.outbox import OutboxMessage, OutboxStatus
from tests.support.factories import World
from tests.support.forwarding import forwarded, third_body
from tests.support.network import mail
from tests.support.web import CAST, Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.reports import ReportInput, report_by_link
from workflow.network.api_tokens import issue_api_token

PROBLEM = "application/problem+json"


class Api:
    """One app on the module's world, and a bearer token for each person of the cast."""

    def __init__(self, client: Any, tokens: dict[str, dict[str, str]]) -> None:
        self.client, self.tokens = client, tokens

    def __call__(self, method: str, path: str, who: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = {**(self.tokens[who] if who else {}), **kwargs.pop("headers", {})}
        response: httpx.Response = self.client.request(method, "/api/v1" + path, headers=headers, **kwargs)
        return response


@pytest.fixture(scope="module")
def api(module_world: World) -> Iterator[Api]:
    with unit_of_work(module_world.db) as session:
        secrets = {name: issue_api_token(session, getattr(module_world, name), "t", module_world.now) for name in CAST}
    tokens = {name: {"Authorization": f"Bearer {secret}"} for name, secret in secrets.items()}
    with client_for(module_world, Clock(module_world.now)) as client:
        yield Api(client, tokens)


def refused(response: httpx.Response, status: int = 403) -> bool:
    """Whether the answer is a problem document with ``status``."""
    return response.status_code == status and response.headers["content-type"] == PROBLEM


def test_the_secretariat_forwards_to_the_proposed_addressees_and_the_links_are_shown_once(
        module_world: World, api: Api) -> None:
    rec = module_world.recommendation(state="adopted")
    by_chair = api("POST", f"/recommendations/{rec.id}/forwardings", "chair", json={})
    sent = api("POST", f"/recommendations/{rec.id}/forwardings", "secretariat", json={"comment": "Bitte umsetzen."})
    assert refused(by_chair)
    assert sent.status_code == 201 and sent.headers["cache-control"] == "no-store"
    links = sent.json()
    assert sorted(link["body"] for link in links) == sorted(b.name for b in module_world.bodies)
    assert all(link["link"].endswith("/stelle/" + link["token"]) for link in links)
    listed = api("GET", f"/recommendations/{rec.id}/forwardings", "secretariat")
    as_member = api("GET", f"/recommendations/{rec.id}/forwardings", "member")
    assert listed.status_code == 200 and [row["status"] for row in listed.json()["items"]] == ["sent", "sent"]
    assert links[0]["token"] not in listed.text
    assert refused(api("GET", f"/recommendations/{rec.id}/forwardings", "stranger"))
    assert as_member.status_code == 200 and len(as_member.json()["items"]) == 2


def test_forwarding_further_names_the_bodies_and_the_list_pages_by_cursor(module_world: World, api: Api) -> None:
    rec, _links = forwarded(module_world)
    further = third_body(module_world, "Gemeinde Seitenweg")
    sent = api("POST", f"/recommendations/{rec.id}/forwardings", "secretariat", json={"body_ids": [further.id]})
    assert sent.status_code == 201 and [link["body"] for link in sent.json()] == ["Gemeinde Seitenweg"]
    first = api("GET", f"/recommendations/{rec.id}/forwardings?limit=2", "secretariat")
    assert len(first.json()["items"]) == 2 and first.headers["link"].endswith('; rel="next"')
    rest = api("GET", first.json()["next"].removeprefix("http://testserver/api/v1"), "secretariat")
    assert [row["body"] for row in rest.json()["items"]] == ["Gemeinde Seitenweg"] and rest.json()["next"] is None
    malformed = api("GET", f"/recommendations/{rec.id}/forwardings?cursor=kaputt", "secretariat")
    assert refused(malformed, 422) and malformed.json()["code"] == "web.cursor_malformed"
    forwarding = first.json()["items"][0]["forwarding_id"]
    reports = api("GET", f"/forwardings/{forwarding}/reports?cursor=kaputt", "secretariat")
    assert refused(reports, 422) and reports.json()["code"] == "web.cursor_malformed"


@pytest.mark.parametrize("path", ["/outbox", "/topics", "/public-events"])
def test_a_cursor_the_list_never_gave_is_refused_with_the_coded_problem(api: Api, path: str) -> None:
    malformed = api("GET", path, "secretariat", params={"cursor": "kaputt"})
    assert refused(malformed, 422) and malformed.json()["code"] == "web.cursor_malformed"


def test_reissuing_replaces_the_link_and_revoking_ends_it(module_world: World, api: Api) -> None:
    _rec, [link, _other] = forwarded(module_world)
    assert refused(api("POST", f"/forwardings/{link.forwarding_id}/reissue", "chair"))
    assert api("GET", "/link", headers={"X-Link-Token": link.token}).status_code == 200
    reissued = api("POST", f"/forwardings/{link.forwarding_id}/reissue", "secretariat")
    assert reissued.status_code == 201 and reissued.headers["referrer-policy"] == "no-referrer"
    new_token = reissued.json()["token"]
    old = api("GET", "/link", headers={"X-Link-Token": link.token})
    assert refused(old, 404) and old.json()["code"] == "forwarding.link_not_valid"
    assert refused(api("POST", f"/forwardings/{link.forwarding_id}/revoke", "chair"))
    assert api("GET", "/link", headers={"X-Link-Token": new_token}).status_code == 200
    revoked = api("POST", f"/forwardings/{link.forwarding_id}/revoke", "secretariat")
    assert revoked.json() == {"forwarding_id": link.forwarding_id, "revoked": 1}
    assert refused(api("GET", "/link", headers={"X-Link-Token": new_token}), 404)


def test_the_body_reads_confirms_names_its_contact_and_reports_through_its_link(
        module_world: World, api: Api) -> None:
    rec, [link, _other] = forwarded(module_world)
    key = {"X-Link-Token": link.token}
    page = api("GET", "/link", headers=key)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert page.json()["recommendation"]["title"] == rec.title and page.json()["body"]["name"] == link.organisation_name
    assert refused(api("GET", "/link"), 404) and refused(api("GET", "/link", headers={"X-Link-Token": "geraten"}), 404)
    confirmed = api("POST", "/link/acknowledge", json={"contact": {"name": "Jana Jansen"}}, headers=key)
    assert confirmed.json()["forwarding"]["status"] == "acknowledged"
    assert confirmed.json()["forwarding"]["contact"]["name"] == "Jana Jansen"
    contact = api("PUT", "/link/contact", json={"name": "Kai Kern", "email": "kai@example.org"}, headers=key)
    assert contact.json()["forwarding"]["contact"]["email"] == "kai@example.org"
    filed = api("POST", "/link/reports", json={"status": "in_progress", "text": "Wir sind dabei."}, headers=key)
    assert filed.status_code == 201 and filed.json()["status"] == "in_progress"
    assert refused(api("POST", "/link/reports", json={"status": "not_responsible", "text": "Nicht wir."},
                       headers=key), 422)
    pdf = api("GET", "/link/document.pdf", headers=key)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    reports = api("GET", f"/forwardings/{link.forwarding_id}/reports", "member")
    assert [(r["status"], r["by_letter"]) for r in reports.json()["items"]] == [("in_progress", False)]


def test_the_secretariat_enters_what_a_body_sent_by_letter(module_world: World, api: Api) -> None:
    _rec, [link, _other] = forwarded(module_world)
    path = f"/forwardings/{link.forwarding_id}"
    assert refused(api("POST", path + "/acknowledge", "member", json={}))
    assert api("POST", path + "/acknowledge", "secretariat", json={}).json()["acknowledged_at"] is not None
    assert refused(api("PUT", path + "/contact", "lead", json={"name": "Jonas Jansen"}))
    named = api("PUT", path + "/contact", "secretariat", json={"name": "Jonas Jansen", "phone": "0711 1"})
    assert named.json()["contact_name"] == "Jonas Jansen"
    letter = {"status": "implemented", "text": "Laut Brief umgesetzt.", "report_date": "2026-03-01"}
    assert refused(api("POST", path + "/reports", "chair", json=letter))
    entered = api("POST", path + "/reports", "secretariat", json=letter)
    assert entered.status_code == 201 and entered.json()["by_letter"] is True
    assert api("GET", path + "/reports", "secretariat").json()["items"][0]["text"] == "Laut Brief umgesetzt."


def test_the_secretariat_forwards_to_the_body_a_report_named_instead(module_world: World, api: Api) -> None:
    _rec, [link, _other] = forwarded(module_world)
    instead = third_body(module_world, "Landratsamt Anderswo")
    with unit_of_work(module_world.db) as session:
        report = report_by_link(session, link.token, module_world.now, ReportInput(
            status=ReportStatus.NOT_RESPONSIBLE, text="Nicht wir.", suggested_organisation_id=instead.id))
    assert refused(api("POST", f"/reports/{report.id}/forward-onward", "chair"))
    onward = api("POST", f"/reports/{report.id}/forward-onward", "secretariat")
    assert onward.status_code == 201 and onward.json()["body"] == "Landratsamt Anderswo"


def test_the_review_is_planned_brought_forward_with_a_reason_and_concluded(module_world: World, api: Api) -> None:
    rec, _links = forwarded(module_world)
    review = f"/recommendations/{rec.id}/review"
    meeting = {"meeting_id": module_world.meeting.id}
    assert refused(api("PUT", review + "/meeting", "chair", json=meeting))
    planned = api("PUT", review + "/meeting", "secretariat", json=meeting)
    assert planned.status_code == 200 and planned.json()["meeting_id"] == module_world.meeting.id
    too_soon = api("POST", review + "/start", "secretariat", json={})
    assert too_soon.status_code == 409 and too_soon.json()["code"] == "engine.guard_failed"
    early = {"early": True, "reason": "Die Berichte liegen vollständig vor."}
    assert refused(api("POST", review + "/start", "chair", json=early))
    started = api("POST", review + "/start", "secretariat", json=early)
    assert started.json()["to_state"] == "under_review"
    outcome = {"outcome": "partially_implemented", "note": "Teilweise umgesetzt."}
    assert refused(api("POST", review + "/conclude", "member", json=outcome))
    concluded = api("POST", review + "/conclude", "chair", json=outcome)
    assert concluded.json()["to_state"] == "partially_implemented"
    rounds = api("GET", review + "/rounds", "member").json()
    assert [(r["number"], r["outcome"]) for r in rounds] == [(1, "partially_implemented")]


def test_the_chair_asks_for_another_round_of_reports(module_world: World, api: Api) -> None:
    rec, _links = forwarded(module_world)
    review = f"/recommendations/{rec.id}/review"
    api("POST", review + "/start", "secretariat", json={"meeting_id": module_world.meeting.id, "early": True,
                                                         "reason": "Vorgezogen."}).raise_for_status()
    assert refused(api("POST", review + "/follow-up", "lead", json={"note": "Neue Berichte nötig."}))
    again = api("POST", review + "/follow-up", "chair", json={"note": "Neue Berichte nötig."})
    assert again.status_code == 200 and again.json()["to_state"] == "forwarded"


def test_only_the_secretariat_reads_the_outbox_and_queues_a_failed_mail_again(module_world: World, api: Api) -> None:
    failed = mail(module_world, status=OutboxStatus.FAILED, error="550 Postfach unbekannt", key="api-outbox")
    assert refused(api("GET", "/outbox", "chair")) and refused(api("POST", f"/outbox/{failed}/retry", "chair"))
    listing = api("GET", "/outbox?status=failed", "secretariat").json()
    assert [(m["id"], m["last_error"]) for m in listing["items"]] == [(failed, "550 Postfach unbekannt")]
    assert api("GET", f"/outbox/{failed}", "secretariat").json()["body_text"]
    seen: list[int] = []
    address: str | None = "/outbox?limit=2"
    while address:
        page = api("GET", address.removeprefix("http://testserver/api/v1"), "secretariat").json()
        seen += [m["id"] for m in page["items"]]
        address = page["next"]
    assert failed in seen and len(seen) == len(set(seen)) == page["total"]
    retried = api("POST", f"/outbox/{failed}/retry", "secretariat")
    assert retried.json()["status"] == "queued"
    with module_world.db.read() as session:
        row = session.get(OutboxMessage, failed)
        assert row is not None and row.status == OutboxStatus.QUEUED


@pytest.mark.parametrize(("path", "media_type"), [
    ("/exports/forwardings.csv", "text/csv; charset=utf-8"),
    ("/exports/forwardings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("/exports/forwardings.json", "application/json"),
])
def test_the_chair_downloads_the_forwarding_exports_a_member_may_not(api: Api, path: str, media_type: str) -> None:
    assert refused(api("GET", path, "member"))
    download = api("GET", path, "chair")
    assert download.status_code == 200 and download.headers["content-type"] == media_type
    assert "attachment" in download.headers["content-disposition"] and download.content


def test_a_meetings_calendar_entry_and_minutes_for_everyone_inside(module_world: World, api: Api) -> None:
    meeting = module_world.meeting.id
    assert refused(api("GET", f"/meetings/{meeting}/calendar.ics", "stranger"))
    ics = api("GET", f"/meetings/{meeting}/calendar.ics", "member")
    assert ics.headers["content-type"] == "text/calendar; charset=utf-8" and b"BEGIN:VEVENT" in ics.content
    minutes = api("GET", f"/meetings/{meeting}/minutes.pdf", "member")
    assert minutes.headers["content-type"] == "application/pdf" and minutes.content.startswith(b"%PDF")


def test_the_chair_sets_topics_and_goals_a_member_reads_them(api: Api) -> None:
    assert refused(api("POST", "/topics", "member", json={"title": "Arbeit und Ausbildung"}))
    topic = api("POST", "/topics", "chair", json={"title": "Arbeit und Ausbildung", "description": "Zugänge"})
    assert topic.status_code == 201
    path = f"/topics/{topic.json()['id']}/goals"
    assert refused(api("POST", path, "lead", json={"title": "Mehr Ausbildungsplätze"}))
    goal = api("POST", path, "secretariat", json={"title": "Mehr Ausbildungsplätze"})
    assert goal.status_code == 201
    listed = api("GET", "/topics", "member").json()["items"]
    assert [g["title"] for t in listed if t["title"] == "Arbeit und Ausbildung" for g in t["goals"]] == [
        "Mehr Ausbildungsplätze"]


def test_the_secretariat_announces_and_cancels_a_public_event(module_world: World, api: Api) -> None:
    event = {"title": "Fachtag Integration", "kind": "fachtag",
             "starts_at": (module_world.now + timedelta(days=30)).isoformat(), "location": "Ulm"}
    assert refused(api("POST", "/public-events", "chair", json=event))
    announced = api("POST", "/public-events", "secretariat", json=event)
    assert announced.status_code == 201
    event_id = announced.json()["id"]
    assert [e["title"] for e in api("GET", "/public-events", "member").json()["items"]] == ["Fachtag Integration"]
    calendar = api("GET", announced.json()["calendar"].removeprefix("/api/v1"))
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert refused(api("POST", f"/public-events/{event_id}/cancel", "chair"))
    assert api("POST", f"/public-events/{event_id}/cancel", "secretariat").json()["cancelled"] is True
    assert api("GET", "/public-events", "member").json()["items"] == []
