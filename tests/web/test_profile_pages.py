"""The network's profile, its legal pages and the first-run page in the browser: German by default, field errors
at their fields, markup in texts escaped, the footer on every page, and /setup only while nobody is secretariat."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from html import unescape

import pytest

from config import Settings
from models.db import Database
from tests.support.factories import World
from tests.support.web import Clock, TestClient, browsers, form_token
from web import create_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.first_start import issue_setup_code
from workflow.network.profile import ProfileUpdate, set_legal_text, update_profile

PASSWORD = "ein-sicheres-passwort"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@contextmanager
def fresh_client(database: Database, now: datetime, host: str = "127.0.0.1") -> Iterator[TestClient]:
    settings = Settings(database_url=database.url, secret_key="test-secret-key-of-at-least-32-chars",
                        base_url="http://testserver")
    app = create_app(settings, database=database, clock=Clock(now))
    with TestClient(app, base_url="http://testserver", follow_redirects=False, client=(host, 50123)) as client:
        yield client


def _setup_form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf_token": form_token(client, "/setup"), "network_name": "Netzwerk Teilhabe Nord",
            "name": "Jürgen Müller", "email": "jürgen.müller@example.org", "password": PASSWORD,
            "repeat": PASSWORD, **fields}


def test_the_first_run_page_from_this_computer_creates_the_admin_signs_in_and_then_answers_404(
        database: Database, now: datetime) -> None:
    with fresh_client(database, now) as client:
        assert "/setup" in client.get("/login").text
        page = client.get("/setup")
        assert page.status_code == 200 and "Ersteinrichtung" in page.text and "Einrichtungscode" not in page.text
        done = client.post("/setup", data=_setup_form(client))
        assert done.status_code == 303 and done.headers["location"] == "/network/profile#message"
        profile = client.get("/network/profile")
        assert profile.status_code == 200
        text = _text(profile.text)
        assert "Profil des Netzwerks" in text and "Signed in" not in text and "Jürgen Müller" in text
        assert "Netzwerk Teilhabe Nord" in text  # the page title and the footer follow the new name
        assert client.get("/setup").status_code == 404
        assert client.post("/setup", data={**_setup_form(client), "email": "x@example.org"}).status_code in (403, 404)
        assert "/setup" not in client.get("/login").text


def test_the_first_run_page_from_elsewhere_needs_the_setup_code(database: Database, now: datetime) -> None:
    with unit_of_work(database) as session:
        code = issue_setup_code(session, now)
    assert code is not None
    with fresh_client(database, now, host="203.0.113.7") as client:
        assert "Einrichtungscode" in client.get("/setup").text
        refused = client.post("/setup", data=_setup_form(client, setup_code="FALSCH"))
        assert refused.status_code == 403
        assert "Der Einrichtungscode ist falsch oder abgelaufen." in _text(refused.text)
        assert 'aria-invalid="true"' in refused.text
        assert client.get("/setup").status_code == 200  # nothing was created
        accepted = client.post("/setup", data=_setup_form(client, setup_code=code.lower()))
        assert accepted.status_code == 303


def test_a_proxied_request_is_not_taken_for_this_computer(database: Database, now: datetime) -> None:
    with fresh_client(database, now) as client:
        form = _setup_form(client)
        refused = client.post("/setup", data=form, headers={"X-Forwarded-For": "198.51.100.1"})
    assert refused.status_code == 403


def test_the_first_run_page_refuses_differing_passwords_at_the_field(database: Database, now: datetime) -> None:
    with fresh_client(database, now) as client:
        refused = client.post("/setup", data=_setup_form(client, repeat="etwas-anderes-1"))
        assert refused.status_code == 422
        assert "Die beiden Passwörter" in _text(refused.text) or "unterscheiden" in _text(refused.text)
        assert client.get("/setup").status_code == 200


def test_every_page_has_a_footer_with_the_legal_pages_and_the_contact(web_world: World) -> None:
    with unit_of_work(web_world.db) as session:
        update_profile(session, ProfileUpdate(name="Netzwerk Ost", contact_email="post@netz-ost.example"),
                       actor=web_world.secretariat, now=web_world.now)
    with browsers(web_world) as cast:
        for page in ("/", "/workflow", "/tasks", "/impressum"):
            html = cast["lead"].client.get(page).text
            assert 'href="/impressum"' in html and 'href="/datenschutz"' in html and 'href="/barrierefreiheit"' in html
            assert "Netzwerk Ost" in html and "mailto:post@netz-ost.example" in html
        assert 'href="/network/profile"' in cast["secretariat"].client.get("/tasks").text
        assert 'href="/network/profile"' not in cast["lead"].client.get("/tasks").text


def test_a_legal_page_knows_who_is_signed_in_and_keeps_their_navigation(web_world: World) -> None:
    with browsers(web_world) as cast:
        for page in ("/impressum", "/datenschutz", "/barrierefreiheit"):
            html = cast["secretariat"].client.get(page).text
            assert 'href="/network/profile"' in html and 'action="/logout"' in html, page


def test_a_legal_page_escapes_markup_and_makes_paragraphs_and_links(web_world: World) -> None:
    with unit_of_work(web_world.db) as session:
        set_legal_text(session, "imprint", "Verantwortlich: <script>alert(1)</script>\nZeile zwei\n\n"
                       "https://netz.example.org/kontakt\njavascript:alert(2)", actor=web_world.secretariat,
                       now=web_world.now)
    with browsers(web_world) as cast:
        html = cast["stranger"].client.get("/impressum").text
        empty = cast["stranger"].client.get("/datenschutz").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Zeile zwei" in html and html.count('<div class="legal-text">') == 1
    assert '<a href="https://netz.example.org/kontakt">' in html and 'href="javascript' not in html
    assert "Dieser Text ist noch nicht verfasst." in empty


def test_the_secretariat_edits_the_profile_and_a_refusal_is_shown_in_german_at_its_field(web_world: World) -> None:
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"]
        form = {"name": "Netzwerk Ost", "short_name": "NO", "address": "", "contact_email": "kein-at",
                "contact_phone": "", "website": "", "timezone": "Europe/Berlin", "languages": "de,en",
                "number_prefix": "NO", "version": "0"}
        refused = secretariat.post("/network/profile", **form)
        assert refused.status_code == 422
        text = _text(refused.text)
        assert "„kein-at“ ist keine gültige E-Mail-Adresse." in text
        assert 'id="f-contact_email" name="contact_email"' in refused.text and \
            'aria-describedby="f-contact_email-error"' in refused.text
        saved = secretariat.post("/network/profile", **{**form, "contact_email": "post@netz-ost.example"})
        assert saved.status_code == 303
        page = _text(secretariat.client.get("/network/profile").text)
        assert "Das Profil des Netzwerks ist gespeichert." in page and "Netzwerk Ost" in page
        stale = secretariat.post("/network/profile", **{**form, "name": "Netzwerk Alt",
                                                         "contact_email": "", "version": "0"})
        assert stale.status_code == 409 and "Jemand anderes hat das Profil inzwischen gespeichert" in \
            _text(stale.text)
        legal = secretariat.post("/network/legal/accessibility", text="Barrierefrei.\n\nMehr.")
        assert legal.status_code == 303 and legal.headers["location"] == "/barrierefreiheit#message"
        read_only = cast["member"].client.get("/network/profile")
        assert read_only.status_code == 200 and "Profil speichern" not in read_only.text
        refused_member = cast["member"].post("/network/profile", **form)
        assert refused_member.status_code == 403


@pytest.mark.parametrize("page", ["/network/profile", "/network/legal/imprint"])
def test_the_profile_pages_are_not_for_people_without_a_role(web_world: World, page: str) -> None:
    with browsers(web_world) as cast:
        assert cast["stranger"].client.get(page).status_code == 403
