"""In the browser, as a new office would: on a database `recoflow init` has just made (no person, no demo), the
first-run page creates the network and its first secretariat account; the profile and the Impressum, organisations
from a CSV and people from an XLSX file through the import page, the chair, a small strategy group with its seats
filled, and a working group with its lead and a member that starts work, all through the secretariat's pages;
then that member, whose address has an umlaut, signs in. axe-core finds no serious or critical violation on any
page on the way."""

from datetime import timedelta
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import EmptySite, screenshot, serious_violations
from workflow.engine.clock import system_now

NETWORK = "Netzwerk Teilhabe Musterland"
ADMIN, ADMIN_NAME = "sabine.ek@teilhabe.example.org", "Sabine Ek"
PASSWORD = "ein-langes-Passwort-2027"
CHAIR = ("Vera Vorsitz", "vorsitz@teilhabe.example.org")
LEAD = ("Lea Lang", "lea.lang@teilhabe.example.org")
MEMBER = ("Thomas Brückner", "thomas.brückner@kreis-rt.example.org")
SEAT_HOLDERS = {"MIN": ("Mira Min", "mira.min@teilhabe.example.org"),
                "K1": ("Karl Eins", "karl.eins@teilhabe.example.org"),
                "K2": ("Kira Zwei", "kira.zwei@teilhabe.example.org")}
IMPRINT = "Netzwerk Teilhabe Musterland, Geschäftsstelle, Schlossplatz 1, 70173 Stuttgart"
COMPOSITION = """[
  {"code": "ministry", "label": "Ministerium", "seats": [
    {"code": "MIN", "label": "Ministerium", "stands_for": ""}]},
  {"code": "municipal", "label": "Kommunen", "seats": [
    {"code": "K1", "label": "Kommune 1", "stands_for": ""},
    {"code": "K2", "label": "Kommune 2", "stands_for": ""}]}
]"""
GROUP = "AG Sprache und Teilhabe"


def _organisations_csv(path: Path) -> Path:
    rows = ["Name;Art;Kurzname;Funktionspostfach;Anschrift",
            "Ministerium für Teilhabe;Ministerium;MfT;poststelle@mft.example.org;Schlossplatz 1, 70173 Stuttgart",
            "Stadt Musterstadt;Stadt;;integration@musterstadt.example.org;Marktplatz 1, 12345 Musterstadt",
            "Kreis Reutlingen;Landkreis;;info@kreis-rt.example.org;"]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8-sig")  # ';' and a BOM, as Excel saves "CSV UTF-8"
    return path


def _people_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "E-Mail", "Organisation", "Sprache"])
    for (name, email), organisation in [(CHAIR, "Ministerium für Teilhabe"), (LEAD, "Stadt Musterstadt"),
                                        (MEMBER, "Kreis Reutlingen"),
                                        (SEAT_HOLDERS["MIN"], "Ministerium für Teilhabe"),
                                        (SEAT_HOLDERS["K1"], "Stadt Musterstadt"),
                                        (SEAT_HOLDERS["K2"], "Kreis Reutlingen")]:
        sheet.append([name, email, organisation, "de"])
    book.save(path)
    return path


def _no_serious_violation(page: Page, axe_source: str, found: dict[str, list[str]]) -> None:
    found[page.url] = serious_violations(page, axe_source)


def _import(page: Page, kind: str, file: Path, check: str, report: str) -> None:
    """Check the list first, then import it; each time the report says what happens to how many rows."""
    for button, expected in (("Nur prüfen", check), ("Importieren", report)):
        page.get_by_label(kind).check()
        page.get_by_label("Datei (CSV oder XLSX)").set_input_files(file)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("heading", name=f"Ergebnis für {file.name}")).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text(expected)


def test_a_new_office_sets_up_its_network_through_the_pages_from_the_first_run_page(
        empty_site: EmptySite, empty_site_page: Page, browser: Browser, axe_source: str, tmp_path: Path) -> None:
    page, found = empty_site_page, {}

    # The first start: the sign-in page leads to the first-run page while nobody has an account.
    page.goto("/login")
    page.get_by_role("link", name="Noch hat niemand einen Zugang: Richten Sie das Netzwerk hier ein.").click()
    expect(page.get_by_role("heading", name="Ersteinrichtung", level=1)).to_be_visible()
    expect(page.get_by_label("Einrichtungscode")).to_have_count(0)  # on loopback no code is asked for
    screenshot(page, "setup-01-first-run")
    _no_serious_violation(page, axe_source, found)
    page.get_by_label("Name des Netzwerks").fill(NETWORK)
    page.get_by_label("Ihr Name").fill(ADMIN_NAME)
    page.get_by_label("Ihre E-Mail-Adresse").fill(ADMIN)
    page.get_by_label("Passwort (mindestens").fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_role("button", name="Zugang anlegen").click()

    # Signed in, on the network's profile: short name, number prefix and contact address.
    expect(page.get_by_role("heading", name="Profil des Netzwerks", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Ihr Zugang ist eingerichtet")
    expect(page.get_by_text(f"Angemeldet als {ADMIN_NAME}")).to_be_visible()
    page.get_by_label("Kurzname").fill("NTM")
    page.get_by_label("E-Mail-Adresse für Kontakt").fill("geschaeftsstelle@teilhabe.example.org")
    page.get_by_label("Präfix der Empfehlungsnummern").fill("TM")
    page.get_by_label("Begründung").fill("Ersteinrichtung")
    page.get_by_role("button", name="Profil speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Das Profil des Netzwerks ist gespeichert.")
    expect(page.get_by_label("Präfix der Empfehlungsnummern")).to_have_value("TM")
    expect(page.get_by_role("contentinfo")).to_contain_text("geschaeftsstelle@teilhabe.example.org")
    screenshot(page, "setup-02-profile")
    _no_serious_violation(page, axe_source, found)

    # The Impressum, and the footer's link to it on every page.
    page.get_by_role("link", name="Bearbeiten: Impressum").click()
    expect(page.get_by_role("heading", name="Impressum", level=1)).to_be_visible()
    _no_serious_violation(page, axe_source, found)
    page.get_by_label("Text der Seite").fill(IMPRINT)
    page.get_by_role("button", name="Seite speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Die Seite „Impressum“ ist gespeichert.")
    page.goto("/")
    page.get_by_role("navigation", name="Rechtliche Hinweise").get_by_role("link", name="Impressum").click()
    expect(page).to_have_url(f"{page.url.split('/impressum')[0]}/impressum")
    expect(page.get_by_role("main")).to_contain_text(IMPRINT)
    screenshot(page, "setup-03-imprint")
    _no_serious_violation(page, axe_source, found)

    # The directory from the office's spreadsheets: the organisations (CSV), then the people (XLSX).
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Datenimport").click()
    expect(page.get_by_role("heading", name="Listen importieren", level=1)).to_be_visible()
    _import(page, "Liste der Organisationen", _organisations_csv(tmp_path / "organisationen.csv"),
            "Ein Import der 3 Zeilen würde 3 Einträge neu anlegen", "Importiert: 3 Zeilen; 3 neu angelegt")
    screenshot(page, "setup-04-import-organisations")
    _no_serious_violation(page, axe_source, found)
    _import(page, "Liste der Personen", _people_xlsx(tmp_path / "personen.xlsx"),
            "Ein Import der 6 Zeilen würde 6 Einträge neu anlegen", "Importiert: 6 Zeilen; 6 neu angelegt")
    expect(page.get_by_role("table", name="Neue und geänderte Einträge")).to_contain_text(MEMBER[1])
    screenshot(page, "setup-05-import-people")
    _import(page, "Liste der Personen", tmp_path / "personen.xlsx",  # the same file again changes nothing
            "würde 0 Einträge neu anlegen, 0 ändern und 6 unverändert lassen",
            "0 neu angelegt, 0 geändert, 6 unverändert")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Personen").click()
    expect(page.get_by_role("main")).to_contain_text(MEMBER[0])
    _no_serious_violation(page, axe_source, found)

    # The chair.
    page.goto("/network/roles")
    page.get_by_label("Person", exact=True).select_option(label=f"{CHAIR[0]} ({CHAIR[1]})")
    page.get_by_label("Rolle", exact=True).select_option(label="Vorsitz")
    page.get_by_role("button", name="Rolle übertragen").click()
    expect(page.get_by_role("status")).to_contain_text(f"{CHAIR[0]} hat die Rolle „Vorsitz“")
    in_office = page.get_by_role("table", name="Heute laufende Amtszeiten")
    expect(in_office.get_by_role("row").filter(has_text="Vorsitz")).to_contain_text(CHAIR[0])
    screenshot(page, "setup-06-roles")
    _no_serious_violation(page, axe_source, found)

    # A small strategy group: three seats in two categories, each with its holder.
    page.goto("/strategy-group")
    page.get_by_label("Zusammensetzung (JSON)").fill(COMPOSITION)
    page.get_by_role("button", name="Zusammensetzung speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Die Zusammensetzung hat 3 Sitze in 2 Kategorien.")
    for seat, (name, email) in SEAT_HOLDERS.items():
        page.get_by_label("Sitz", exact=True).select_option(value=seat)
        page.get_by_label("Person", exact=True).select_option(label=f"{name} ({email})")
        page.get_by_role("button", name="Benennen").click()
        expect(page.get_by_role("status")).to_contain_text(f"{name} ist für den Sitz {seat} benannt.")

    # The strategy group's decision to convene: a written procedure.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Sitzungen").click()
    page.get_by_label("Titel").fill("Umlaufverfahren: Einsetzung der AG Sprache")
    page.get_by_label("Umlaufverfahren (das Datum ist seine Frist)").check()
    page.get_by_label("Datum", exact=True).fill((system_now() + timedelta(days=7)).date().isoformat())
    page.get_by_label("Beginn", exact=True).fill("12:00")
    page.get_by_role("button", name="Sitzung planen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Sitzung ist geplant.")

    # The working group with its lead and a member; it starts work.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Arbeitsgruppen").click()
    page.get_by_label("Name", exact=True).fill(GROUP)
    page.get_by_label("Auftrag").fill("Empfehlungen zur Sprachförderung")
    page.get_by_label("Geplante Zahl der Mitglieder").fill("6")
    page.get_by_label("Leitung (Name oder E-Mail-Adresse, freiwillig)", exact=True).fill(LEAD[1])
    page.get_by_label("Mitglieder (eine E-Mail-Adresse je Zeile").fill(MEMBER[1])
    page.get_by_label("Beschlossen in").select_option(index=0)
    page.get_by_role("button", name="Arbeitsgruppe einsetzen").click()
    expect(page.get_by_role("status")).to_contain_text(f"Die Arbeitsgruppe „{GROUP}“ ist eingesetzt.")
    expect(page.get_by_role("heading", name=GROUP, level=1)).to_be_visible()
    page.get_by_role("button", name="Arbeit aufnehmen").click()
    expect(page.get_by_role("heading", name=GROUP, level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Status: Aktiv")
    people = page.get_by_role("table", name="Leitung, stellvertretende Leitung und Mitglieder heute")
    expect(people.get_by_role("row").filter(has_text=LEAD[0])).to_contain_text("Leitung")
    expect(people.get_by_role("row").filter(has_text=MEMBER[0])).to_contain_text("Mitglied")
    screenshot(page, "setup-07-working-group")
    _no_serious_violation(page, axe_source, found)

    # The strategy group with every seat filled.
    page.goto("/strategy-group")
    expect(page.get_by_text("Die Zusammensetzung folgt der Regel; jeder Sitz ist besetzt.")).to_be_visible()
    for seat, (name, _email) in SEAT_HOLDERS.items():
        expect(page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=seat, exact=True))) \
            .to_contain_text(name)
    screenshot(page, "setup-08-strategy-group")
    _no_serious_violation(page, axe_source, found)

    assert {url: problems for url, problems in found.items() if problems} == {}

    # The member, whose address has an umlaut, signs in through the same form (the password set on the server).
    empty_site.recoflow("users", "set-password", MEMBER[1], "--password", "ein-anderes-Passwort-2027")
    member = browser.new_context(base_url=empty_site.url, locale="de-DE").new_page()
    member.goto("/login")
    member.get_by_label("E-Mail-Adresse").fill(MEMBER[1])
    member.get_by_label("Passwort").fill("ein-anderes-Passwort-2027")
    member.get_by_role("button", name="Anmelden").click()
    expect(member.get_by_text(f"Angemeldet als {MEMBER[0]}")).to_be_visible()
    member.context.close()

