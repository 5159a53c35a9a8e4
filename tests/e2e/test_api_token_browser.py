"""In the browser: a person with a role finds 'Meine API-Schlüssel' in the header, creates a token whose secret is
shown once in a read-only field, and revokes it after ticking the confirmation; axe-core finds no serious or
critical violation on the list or the answer."""

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Site, screenshot, serious_violations, sign_in


def test_a_person_creates_a_token_sees_it_once_and_revokes_it(site: Site, new_page: Callable[[], Page],
                                                               axe_source: str) -> None:
    page = new_page()
    sign_in(page, "lead@example.org")
    page.get_by_role("link", name="Meine API-Schlüssel").click()
    expect(page.get_by_role("heading", name="Meine API-Schlüssel", level=1)).to_be_visible()
    problems = {"list": serious_violations(page, axe_source)}

    page.get_by_label("Bezeichnung (wofür der Schlüssel dient)").fill("Statistik im Browser")
    page.get_by_label("Gültigkeit in Tagen").fill("30")
    page.get_by_role("button", name="Schlüssel erstellen").click()
    secret = page.get_by_label("Schlüssel", exact=True)
    expect(secret).to_have_value(re.compile(r"^rf_"))
    expect(page.get_by_role("status")).to_contain_text("nur dieses eine Mal angezeigt")
    problems["answer"] = serious_violations(page, axe_source)
    screenshot(page, "api-tokens-01-shown-once")
    shown = secret.input_value()

    page.get_by_role("link", name="Zurück zu meinen API-Schlüsseln").click()
    row = page.get_by_role("row", name=re.compile("Statistik im Browser"))
    expect(row).to_contain_text("gültig")
    assert shown not in page.content()
    # Without the ticked box the browser does not send the form (the server would refuse it, too).
    row.get_by_role("button", name="Widerrufen").click()
    expect(row).to_contain_text("gültig")
    row.get_by_label(re.compile("Ja, „Statistik im Browser“ widerrufen")).check()
    row.get_by_role("button", name="Widerrufen").click()
    expect(page.get_by_role("status").first).to_contain_text("ist widerrufen")
    expect(page.get_by_role("row", name=re.compile("Statistik im Browser"))).to_contain_text("widerrufen am")
    screenshot(page, "api-tokens-02-revoked")
    assert {name: found for name, found in problems.items() if found} == {}
