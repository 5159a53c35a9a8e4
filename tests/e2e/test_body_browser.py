"""In the browser: the secretariat forwards an adopted recommendation and reads the body's link once; the body
opens it, acknowledges receipt and reports; axe-core finds no serious or critical violation on the way, and the
server's log never shows the token."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from models.forwarding import Forwarding
from tests.e2e.conftest import Site, screenshot, serious_violations, sign_in


def _forwarding_state(site: Site, rec_id: int) -> list[str]:
    with site.world.db.read() as session:
        return [f.state for f in session.exec(select(Forwarding).where(Forwarding.recommendation_id == rec_id)
                                              .order_by(Forwarding.id)).all()]


def test_the_body_acknowledges_and_reports_through_the_link_it_was_sent(
        site: Site, new_page: Callable[[], Page], axe_source: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    rec = site.world.recommendation(state="adopted", title="Dolmetschpool für Beratungsstellen")
    problems = {}
    secretariat = new_page()
    sign_in(secretariat, "sek@example.org")
    secretariat.goto(f"/recommendations/{rec.id}")
    problems["adopted recommendation"] = serious_violations(secretariat, axe_source)
    forward = secretariat.locator(f"form[action='/recommendations/{rec.id}/forward']")
    expect(forward.locator("input[name=body_ids]:checked")).to_have_count(2)  # the proposed addressees
    forward.get_by_label("Ich bestätige").check()  # forwarding cannot be undone: the form asks first
    forward.get_by_role("button", name="Weiterleiten").click()
    expect(secretariat.get_by_role("heading", name="Persönliche Links")).to_be_visible()
    problems["links shown once"] = serious_violations(secretariat, axe_source)
    screenshot(secretariat, "body-01-secretariat-links-shown-once")
    link = secretariat.get_by_label("Persönlicher Link von Landkreis Beispiel").input_value()
    token = link.rsplit("/", 1)[1]

    body = new_page()
    body.goto(link)
    expect(body.get_by_role("heading", name="Dolmetschpool für Beratungsstellen")).to_be_visible()
    problems["body page"] = serious_violations(body, axe_source)
    screenshot(body, "body-02-page")
    acknowledge = body.locator("form[action$='/acknowledge']")
    acknowledge.get_by_label("Ansprechperson (freiwillig)").fill("Petra Paulsen")
    acknowledge.get_by_label("E-Mail (freiwillig)").fill("p.paulsen@landkreis.example.org")
    acknowledge.get_by_role("button", name="Empfang bestätigen").click()
    expect(body.locator("#confirmation")).to_contain_text("Vielen Dank: Der Empfang ist bestätigt.")
    screenshot(body, "body-03-acknowledged")
    report = body.locator("form[action$='/report']")
    report.get_by_label("Status").select_option(label="Umsetzung läuft")
    report.get_by_label("Ihr Bericht").fill("Der Kreistag berät im Mai über den Dolmetschpool.")
    report.get_by_role("button", name="Bericht absenden").click()
    expect(body.locator("#confirmation")).to_contain_text("Ihr Bericht ist eingegangen")
    expect(body.locator(".timeline")).to_contain_text("Der Kreistag berät im Mai")
    problems["body page with a report"] = serious_violations(body, axe_source)
    screenshot(body, "body-04-reported")
    assert _forwarding_state(site, rec.id or 0) == ["reporting", "sent"]

    secretariat.goto(f"/recommendations/{rec.id}")
    expect(secretariat.locator("#forwarding")).to_contain_text("Petra Paulsen")
    problems["forwarded recommendation"] = serious_violations(secretariat, axe_source)
    screenshot(secretariat, "body-05-secretariat-sees-the-report")
    secretariat.goto("/forwardings")
    problems["/forwardings"] = serious_violations(secretariat, axe_source)
    screenshot(secretariat, "body-06-forwardings-overview")
    assert {where: found for where, found in problems.items() if found} == {}
    logs = list(Path(tmp_path_factory.getbasetemp()).glob("e2e-log*/serve.log"))
    assert logs and "/stelle/…" in logs[0].read_text(encoding="utf-8")
    assert all(token not in log.read_text(encoding="utf-8") for log in logs)


def test_a_wrong_link_shows_the_plain_refusal(site: Site, new_page: Callable[[], Page], axe_source: str) -> None:
    page = new_page()
    response = page.goto("/stelle/kein-gueltiger-link")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Link nicht gültig")).to_be_visible()
    assert serious_violations(page, axe_source) == []
    screenshot(page, "body-07-refused")
