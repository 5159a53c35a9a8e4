"""In the browser: the public page announces an event with its calendar entry, the strategy group's composition and
the other pages of the network's structure and the secretariat's office; axe-core finds no serious or critical
violation on any of them."""

from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect

from models.outbox import OutboxStatus
from models.strategy import PublicEventKind
from tests.e2e.conftest import Site, screenshot, serious_violations, sign_in
from tests.support.network import mail
from workflow.engine.clock import system_now
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.public_events import add_event


def test_the_public_page_announces_an_event_with_its_calendar_entry(site: Site, new_page: Callable[[], Page],
                                                                    axe_source: str) -> None:
    world, now = site.world, system_now()
    with unit_of_work(world.db) as s:
        add_event(s, title="Fachtag Integration vor Ort", kind=PublicEventKind.FACHTAG,
                  starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=6),
                  location="Neues Schloss, Stuttgart", description="Austausch für die Fachöffentlichkeit",
                  actor=world.secretariat, now=now)
    page = new_page()
    page.goto("/")
    events = page.get_by_role("region", name="Veranstaltungen für die Fachöffentlichkeit")
    expect(events).to_contain_text("Neues Schloss, Stuttgart")
    with page.expect_download() as download:
        events.get_by_role("link", name="In den Kalender übernehmen: Fachtag Integration vor Ort (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    assert "SUMMARY:Fachtag Integration vor Ort" in download.value.path().read_text(encoding="utf-8")
    screenshot(page, "network-01-public-events")
    assert serious_violations(page, axe_source) == []


def test_the_composition_and_the_office_pages_have_no_serious_violation(site: Site, new_page: Callable[[], Page],
                                                                          axe_source: str) -> None:
    mail(site.world, status=OutboxStatus.FAILED, error="550 Postfach unbekannt", key="e2e-network-failed")
    page = new_page()
    sign_in(page, "sek@example.org")
    page.goto("/strategy-group")
    expect(page.get_by_role("heading", name="Prüfung der Zusammensetzung")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Vorsitz Vogt")
    screenshot(page, "network-02-strategy-group")
    problems = {"/strategy-group": serious_violations(page, axe_source)}
    pages = {"03-working-groups": "/working-groups", "04-working-group": f"/working-groups/{site.world.group.id}",
             "05-topics": "/topics", "06-outbox": "/outbox?status=failed", "07-reminders": "/reminders",
             "08-roles": "/network/roles"}
    for name, path in pages.items():
        page.goto(path)
        problems[path] = serious_violations(page, axe_source)
        screenshot(page, f"network-{name}")
    assert {path: found for path, found in problems.items() if found} == {}
