"""In the browser: a lead signs in and submits a draft, the secretariat schedules it or returns another one;
axe-core finds no serious or critical accessibility violation on any page on the way."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Site, screenshot, serious_violations, sign_in


def fire(page: Page, heading: str, comment: str, **selects: str) -> None:
    form = page.locator("form.event-form", has=page.get_by_role("heading", name=heading, exact=True))
    for label, value in selects.items():
        form.get_by_label(label).select_option(label=value)
    form.get_by_role("textbox").fill(comment)
    form.get_by_role("button", name=heading).click()


def test_a_lead_submits_a_draft_and_the_secretariat_schedules_it(site: Site, new_page: Callable[[], Page],
                                                                  axe_source: str) -> None:
    rec = site.world.recommendation(title="Sprachmittlung in Bürgerämtern")
    lead = new_page()
    sign_in(lead, "lead@example.org")
    screenshot(lead, "01-lead-tasks")
    lead.get_by_role("link", name=f"Entwurf #{rec.id}").first.click()
    fire(lead, "Einreichen", "Von der Arbeitsgruppe verabschiedet.")
    expect(lead.get_by_role("status").first).to_contain_text("Die Empfehlung ist jetzt „Eingereicht“")
    screenshot(lead, "02-lead-submitted")

    secretariat = new_page()
    sign_in(secretariat, "sek@example.org")
    expect(secretariat.get_by_role("table").first).to_contain_text("Sprachmittlung in Bürgerämtern")
    screenshot(secretariat, "03-secretariat-tasks")
    secretariat.get_by_role("cell", name="Sprachmittlung in Bürgerämtern").locator("xpath=..").get_by_role(
        "link").click()
    fire(secretariat, "Auf die Tagesordnung setzen", "Für die nächste Sitzung.",
         **{"Sitzung oder Umlaufverfahren": secretariat.locator(
             "select[name=meeting_id] option:not([value=''])").first.inner_text()})
    expect(secretariat.get_by_role("status").first).to_contain_text("„Terminiert“")
    expect(secretariat.locator(".timeline")).to_contain_text("Für die nächste Sitzung.")
    screenshot(secretariat, "04-secretariat-scheduled")
    assert site.world.reload(rec).state == "scheduled"


def test_the_secretariat_returns_a_submitted_recommendation_with_a_reason(site: Site, new_page: Callable[[], Page],
                                                                         axe_source: str) -> None:
    rec = site.world.recommendation(state="submitted", title="Beiräte mit Antragsrecht")
    page = new_page()
    sign_in(page, "sek@example.org")
    page.goto(f"/recommendations/{rec.id}")
    fire(page, "Zur Überarbeitung zurückgeben", "Bitte Kosten ergänzen.")
    expect(page.get_by_role("status").first).to_contain_text("„Entwurf“")
    screenshot(page, "05-secretariat-returned")
    assert site.world.reload(rec).state == "draft"


def test_no_page_has_a_serious_or_critical_accessibility_violation(site: Site, new_page: Callable[[], Page],
                                                                   axe_source: str) -> None:
    rec = site.world.recommendation(state="submitted", title="Barrierefreiheit prüfen")
    page = new_page()
    problems = {}
    for path in ("/", "/login", "/workflow"):
        page.goto(path)
        problems[path] = serious_violations(page, axe_source)
    sign_in(page, "sek@example.org")
    for path in ("/tasks", "/recommendations", f"/recommendations/{rec.id}", "/recommendations/new",
                 "/recommendations?state=submitted"):
        page.goto(path)
        problems[path] = serious_violations(page, axe_source)
    screenshot(page, "06-recommendation-new")
    assert {path: found for path, found in problems.items() if found} == {}


def test_the_keyboard_reaches_the_content_through_the_skip_link(site: Site, new_page: Callable[[], Page]) -> None:
    page = new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
