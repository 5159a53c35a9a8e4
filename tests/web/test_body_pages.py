"""The responsible body's pages behind its personal link: it reads, acknowledges, names a contact and reports;
every bad link gets the same refusal, the token stays out of referrers, caches and logs."""

import logging
import secrets
from datetime import timedelta

from sqlmodel import select

from models.forwarding import Forwarding, ImplementationReport, ReportStatus
from models.recommendation import Recommendation
from tests.support.factories import World
from tests.support.forwarding import forwarded, third_body
from tests.support.link_pages import link_form_token, post_as_body
from tests.support.web import Clock, TestClient, client_for
from web.link_safety import FAILURE_LIMIT, REDACT_LINK_TOKENS
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import reissue_link, revoke_link


def _forwarding(world: World, forwarding_id: int) -> Forwarding:
    with world.db.read() as session:
        row = session.get(Forwarding, forwarding_id)
        assert row is not None
        return row


def _reports(world: World, forwarding_id: int) -> list[ImplementationReport]:
    with world.db.read() as session:
        return list(session.exec(select(ImplementationReport)
                                 .where(ImplementationReport.forwarding_id == forwarding_id)).all())


def test_the_body_reads_the_recommendation_who_sent_it_and_where_its_answer_stands(web_world: World,
                                                                                   client: TestClient) -> None:
    rec, [link, other] = forwarded(web_world)
    response = client.get(f"/stelle/{link.token}")
    page = response.text
    assert response.status_code == 200
    assert rec.title in page and "Die Kommunen sollen …" in page and "Weil …" in page
    assert "Weitergeleitet am 10.03.2026 09:00 von Sekretariat Sommer" in page
    assert "Versandt, noch nicht bestätigt" in page and link.organisation_name in page
    # Its own forwarding only: the other body's name appears solely as a choice for "not responsible".
    assert other.token not in page
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"


def test_the_body_acknowledges_names_a_contact_and_reports_twice_through_its_link(web_world: World,
                                                                                  client: TestClient) -> None:
    _rec, [link, _other] = forwarded(web_world)
    acknowledged = post_as_body(client, link.token, "acknowledge", contact_name="Petra Paulsen",
                                contact_email="p.paulsen@landkreis.example.org", contact_phone="")
    assert acknowledged.status_code == 303
    assert acknowledged.headers["location"] == f"/stelle/{link.token}?done=acknowledged#message"
    assert "Vielen Dank: Der Empfang ist bestätigt." in client.get(acknowledged.headers["location"]).text
    contact = post_as_body(client, link.token, "contact", contact_name="Jonas Jansen",
                           contact_email="j.jansen@landkreis.example.org", contact_phone="0711 123")
    assert contact.status_code == 303
    first = post_as_body(client, link.token, "report", status="in_progress", text="Arbeitsgruppe gebildet.",
                         report_date="2026-03-02")
    second = post_as_body(client, link.token, "report", status="implemented", text="Beschluss des Kreistags.",
                          report_date="")
    assert first.status_code == second.status_code == 303
    forwarding = _forwarding(web_world, link.forwarding_id)
    assert forwarding.acknowledged_at is not None and forwarding.state == "reported"
    assert (forwarding.contact_name, forwarding.contact_phone) == ("Jonas Jansen", "0711 123")
    reports = _reports(web_world, link.forwarding_id)
    assert [(r.status, r.report_date.isoformat(), r.filed_by_id) for r in reports] == [
        (ReportStatus.IN_PROGRESS, "2026-03-02", None), (ReportStatus.IMPLEMENTED, "2026-03-10", None)]
    page = client.get(f"/stelle/{link.token}").text
    # The timeline shows the newest report first; the confirmation form is gone once receipt is confirmed.
    assert page.index("Beschluss des Kreistags.") < page.index("Arbeitsgruppe gebildet.")
    assert "Bericht vom 02.03.2026" in page and "Jonas Jansen" in page
    assert f"/stelle/{link.token}/acknowledge" not in page


def test_a_not_responsible_answer_names_the_body_responsible_instead(web_world: World, client: TestClient) -> None:
    _rec, [link, _other] = forwarded(web_world)
    instead = third_body(web_world)
    response = post_as_body(client, link.token, "report", status="not_responsible",
                            text="Zuständig ist die Gemeinde.", suggested_organisation_id=str(instead.id))
    assert response.status_code == 303
    [report] = _reports(web_world, link.forwarding_id)
    assert (report.suggested_organisation_id, report.suggested_body) == (instead.id, instead.name)
    assert f"Stattdessen zuständig: {instead.name}" in client.get(f"/stelle/{link.token}").text


def test_not_responsible_without_naming_a_body_is_refused_in_german_and_keeps_what_was_typed(
        web_world: World, client: TestClient) -> None:
    _rec, [link, _other] = forwarded(web_world)
    response = post_as_body(client, link.token, "report", status="not_responsible", text="Nicht unser Thema.")
    assert response.status_code == 422
    assert "Bitte nennen Sie die Stelle, die stattdessen zuständig ist." in response.text
    assert "Nicht unser Thema." in response.text
    assert response.headers["cache-control"] == "no-store"
    future = post_as_body(client, link.token, "report", status="in_progress", text="Später.",
                          report_date="2026-12-24")
    assert future.status_code == 422 and "Nichts wurde gespeichert" in future.text
    assert _reports(web_world, link.forwarding_id) == []


def test_wrong_guessed_expired_revoked_and_replaced_links_get_the_same_refusal(web_world: World) -> None:
    clock = Clock(web_world.now)
    _rec, [kept, revoked] = forwarded(web_world)
    _rec2, [replaced, expiring] = forwarded(web_world)
    with unit_of_work(web_world.db) as session:
        revoke_link(session, revoked.forwarding_id, web_world.secretariat, web_world.now)
    with unit_of_work(web_world.db) as session:
        reissue_link(session, replaced.forwarding_id, web_world.secretariat, web_world.now)
    later = expiring.expires_at + timedelta(seconds=1)
    cases = {"wrong": ("nicht-der-link", web_world.now), "guessed": (secrets.token_urlsafe(32), web_world.now),
             "revoked": (revoked.token, web_world.now), "replaced": (replaced.token, web_world.now),
             "expired": (expiring.token, later)}
    pages = {}
    with client_for(web_world, clock) as client:
        for name, (token, at) in cases.items():
            clock.now = at
            response = client.get(f"/stelle/{token}")
            post = client.post(f"/stelle/{token}/acknowledge", data={"csrf_token": "1.x"})
            assert response.status_code == 404, name
            assert response.headers["referrer-policy"] == "no-referrer" and "no-store" in response.headers[
                "cache-control"]
            # The page names nothing but its own address: with that taken out, every case reads the same.
            pages[name] = response.text.replace(token, "TOKEN")
            assert post.status_code in (403, 404)
        clock.now = web_world.now
        assert client.get(f"/stelle/{kept.token}").status_code == 200
    assert len(set(pages.values())) == 1
    assert "Dieser Link ist nicht (mehr) gültig." in pages["wrong"]
    assert _forwarding(web_world, expiring.forwarding_id).acknowledged_at is None


def test_a_form_without_the_token_of_its_own_link_changes_nothing(web_world: World, client: TestClient) -> None:
    _rec, [link, other] = forwarded(web_world)
    missing = client.post(f"/stelle/{link.token}/acknowledge", data={})
    borrowed = client.post(f"/stelle/{link.token}/acknowledge",
                           data={"csrf_token": link_form_token(client, other.token)})
    forged = client.post(f"/stelle/{link.token}/report", data={"csrf_token": "1773129600." + "0" * 64,
                                                               "status": "implemented", "text": "Fertig."})
    assert missing.status_code == borrowed.status_code == forged.status_code == 403
    assert "Bitte senden Sie es noch einmal." in missing.text
    assert _forwarding(web_world, link.forwarding_id).acknowledged_at is None
    assert _reports(web_world, link.forwarding_id) == []


def test_a_form_older_than_a_day_is_refused(web_world: World) -> None:
    clock = Clock(web_world.now)
    _rec, [link, _other] = forwarded(web_world)
    with client_for(web_world, clock) as client:
        form_token = link_form_token(client, link.token)
        clock.now = web_world.now + timedelta(hours=25)
        stale = client.post(f"/stelle/{link.token}/acknowledge", data={"csrf_token": form_token})
    assert stale.status_code == 403
    assert _forwarding(web_world, link.forwarding_id).acknowledged_at is None


def test_the_forms_work_in_a_browser_that_keeps_no_cookies(web_world: World, client: TestClient) -> None:
    _rec, [link, _other] = forwarded(web_world)
    form_token = link_form_token(client, link.token)
    client.cookies.clear()
    response = client.post(f"/stelle/{link.token}/acknowledge", data={"csrf_token": form_token})
    assert response.status_code == 303
    assert _forwarding(web_world, link.forwarding_id).acknowledged_at is not None


def test_markup_in_the_recommendation_is_shown_as_text(web_world: World, client: TestClient) -> None:
    rec, [link, _other] = forwarded(web_world)
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with unit_of_work(web_world.db) as session:
        row = session.get(Recommendation, rec.id)
        assert row is not None
        row.title, row.text, row.rationale = f"Titel {evil}", f"Text {evil}", f"Weil {evil}"
        session.add(row)
        session.commit()
    post_as_body(client, link.token, "report", status="in_progress", text=f"Bericht {evil}")
    page = client.get(f"/stelle/{link.token}").text
    assert "<script>" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;") == 5  # title (twice: heading and window title), text, rationale, report


def test_a_client_that_tries_too_many_wrong_links_is_stopped_for_a_while(web_world: World) -> None:
    clock = Clock(web_world.now)
    _rec, [link, _other] = forwarded(web_world)
    with client_for(web_world, clock) as client:
        for _ in range(FAILURE_LIMIT):
            assert client.get(f"/stelle/{secrets.token_urlsafe(32)}").status_code == 404
        stopped = client.get(f"/stelle/{link.token}")
        clock.now = web_world.now + timedelta(minutes=16)
        again = client.get(f"/stelle/{link.token}")
    assert stopped.status_code == 429 and link.token not in stopped.text.replace(f"/stelle/{link.token}", "")
    assert "Viertelstunde" in stopped.text
    assert again.status_code == 200


def test_the_access_log_never_shows_a_token() -> None:
    token = secrets.token_urlsafe(32)
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "POST", f"/stelle/{token}/report?done=1", "1.1", 303), None)
    REDACT_LINK_TOKENS.filter(record)
    assert token not in record.getMessage()
    assert '"POST /stelle/…/report?done=1 HTTP/1.1" 303' in record.getMessage()
