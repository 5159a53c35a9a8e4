"""The secretariat's pages of the directory: people and organisations, in German, with the same checks as the
services; others are refused."""

import re
from html import unescape

import pytest
from sqlmodel import select

from models.outbox import OutboxMessage
from models.people import Organisation, Person
from tests.support.factories import World
from tests.support.web import Browser, TestClient, sign_in
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.records import changes_of


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def office(client: TestClient, web_world: World) -> Browser:
    return Browser(client, sign_in(client, web_world.secretariat))


def test_the_secretariat_sees_people_and_organisations_in_its_navigation(office: Browser) -> None:
    page = office.client.get("/people")
    assert page.status_code == 200
    assert '<a href="/people" aria-current="page">Personen</a>' in page.text
    assert '<a href="/organisations">Organisationen</a>' in page.text
    assert "Leitung Lange" in page.text and "Leitung einer Arbeitsgruppe" in _text(page.text)


def test_a_person_registered_through_the_form_has_an_umlaut_address_and_a_record(office: Browser,
                                                                                web_world: World) -> None:
    assert 'inputmode="email"' in office.client.get("/people/new").text
    response = office.post("/people", name="Thomas Brückner", email="Thomas.Brückner@kreis-rt.example.org",
                           organisation_id=str(web_world.bodies[0].id), language="de", phone="", function="Referent",
                           comment="Neu im Netzwerk")
    assert response.status_code == 303
    page = office.client.get(response.headers["location"])
    text = _text(page.text)
    assert "thomas.brückner@kreis-rt.example.org" in text and "Landkreis Beispiel" in text
    assert "Erfasst" in text and "Neu im Netzwerk" in text and "Sekretariat Sommer" in text


def test_a_malformed_or_taken_email_is_refused_in_german_and_nothing_is_added(office: Browser,
                                                                            web_world: World) -> None:
    bad = office.post("/people", name="Kaputt", email="kaputt@@example.org", language="de")
    assert bad.status_code == 422 and "„kaputt@@example.org“ ist keine gültige E-Mail-Adresse." in bad.text
    taken = office.post("/people", name="Doppelt", email="LEAD@example.org", language="de")
    assert "Eine Person mit der E-Mail-Adresse lead@example.org ist bereits erfasst." in taken.text
    assert "Es wurde nichts geändert." in _text(taken.text)
    with web_world.db.read() as s:
        assert s.exec(select(Person).where(Person.name == "Kaputt")).first() is None


def test_leaving_asks_for_confirmation_first_then_ends_the_roles(office: Browser, web_world: World) -> None:
    lead = web_world.lead
    asked = office.post(f"/people/{lead.id}/deactivate", on="2026-03-09", comment="Ruhestand")
    assert asked.status_code == 200 and "Bitte bestätigen Sie" in asked.text
    assert "Leitung einer Arbeitsgruppe (AG Beispiel)" in _text(asked.text)
    with web_world.db.read() as s:
        assert s.get(Person, lead.id).active  # type: ignore[union-attr]
    done = office.post(f"/people/{lead.id}/deactivate", on="2026-03-09", comment="Ruhestand", confirmed="yes")
    assert done.status_code == 303
    page = _text(office.client.get(f"/people/{lead.id}").text)
    assert "Diese Person ist am 09.03.2026 ausgeschieden" in page and "Frühere Rollen" in page
    listed = _text(office.client.get("/people", params={"status": "left"}).text)
    assert "Leitung Lange" in listed and "Ausgeschieden" in listed


def test_leaving_without_a_reason_is_refused(office: Browser, web_world: World) -> None:
    response = office.post(f"/people/{web_world.lead.id}/deactivate", on="", comment="")
    assert response.status_code == 422 and "Bitte geben Sie einen Grund an" in response.text


def test_merging_a_duplicate_through_the_form(office: Browser, web_world: World) -> None:
    response = office.post(f"/people/{web_world.stranger.id}/merge", into_email="lead@example.org",
                           comment="Doppelt")
    assert response.status_code == 303 and response.headers["location"] == f"/people/{web_world.lead.id}#message"
    page = _text(office.client.get(f"/people/{web_world.stranger.id}").text)
    assert "Zusammengeführt mit Leitung Lange" in page
    itself = office.post(f"/people/{web_world.lead.id}/merge", into_email="lead@example.org")
    assert "Eine Person kann nicht mit sich selbst zusammengeführt werden." in itself.text


def test_organisations_are_registered_edited_deactivated_and_hidden_from_the_list(office: Browser,
                                                                               web_world: World) -> None:
    created = office.post("/organisations", name="Städtetag Baden-Württemberg", kind="municipal_association",
                          short_name="StT", email="post@städtetag.example", address="", phone="", website="")
    assert created.status_code == 303
    org_path = created.headers["location"]
    edited = office.post(org_path, name="Städtetag Baden-Württemberg", kind="municipal_association", short_name="StT",
                         email="post@städtetag.example", address="Königstraße 2", phone="0711", website="",
                         comment="Anschrift")
    assert edited.status_code == 303
    assert "Königstraße 2" in office.client.get(org_path).text
    taken = office.post("/organisations", name="STÄDTETAG Baden-Württemberg", kind="other")
    assert "Eine Organisation mit dem Namen „Städtetag Baden-Württemberg“ ist bereits erfasst." in taken.text
    body = web_world.bodies[1]
    assert "Bitte bestätigen Sie" in office.post(f"/organisations/{body.id}/deactivate", comment="Aufgelöst").text
    done = office.post(f"/organisations/{body.id}/deactivate", comment="Aufgelöst", confirmed="yes")
    assert "ist deaktiviert" in office.client.get(done.headers["location"]).text
    listed = office.client.get("/organisations").text
    assert "Stadt Beispiel" not in listed and "Städtetag Baden-Württemberg" in listed
    with web_world.db.read() as s:
        org = s.exec(select(Organisation).where(Organisation.name == "Stadt Beispiel")).one()
        assert [r.action for r in changes_of(s, "organisation", org.id or 0)] == ["create", "deactivate"]


def test_merging_organisations_through_the_form(office: Browser, web_world: World) -> None:
    a, b = web_world.bodies
    response = office.post(f"/organisations/{b.id}/merge", into=str(a.id), comment="Doppelt")
    assert response.status_code == 303
    assert "Zusammengeführt mit" in _text(office.client.get(f"/organisations/{b.id}").text)


@pytest.mark.parametrize("who", ["chair", "lead", "member"])
def test_others_than_the_secretariat_are_refused(client: TestClient, web_world: World, who: str) -> None:
    browser = Browser(client, sign_in(client, getattr(web_world, who)))
    page = client.get("/people")
    assert page.status_code == 403
    assert '<a href="/people"' not in page.text
    assert browser.post("/people", name="Neu", email="neu@example.org", language="de").status_code == 403
    assert client.get(f"/organisations/{web_world.bodies[0].id}").status_code == 403
    with web_world.db.read() as s:
        assert s.exec(select(Person).where(Person.email == "neu@example.org")).first() is None


def test_a_form_without_its_token_is_refused(client: TestClient, web_world: World) -> None:
    sign_in(client, web_world.secretariat)
    assert client.post("/people", data={"name": "Neu", "email": "neu@example.org"}).status_code == 403


def test_the_secretariat_invites_a_person_to_set_a_password_and_the_record_says_so(office: Browser,
                                                                                    web_world: World) -> None:
    member = web_world.wg_member
    with web_world.db.read() as s:
        mails_before = len(s.exec(select(OutboxMessage).where(OutboxMessage.to_address == member.email)).all())
    assert "Link zum Setzen des Passworts senden" in office.client.get(f"/people/{member.id}").text
    response = office.post(f"/people/{member.id}/invite")
    assert response.status_code == 303
    page = _text(office.client.get(response.headers["location"]).text)
    assert f"Eine E-Mail mit einem Link zum Setzen des Passworts (sieben Tage gültig) geht an {member.email}." in page
    assert "Eingeladen, ein Passwort zu setzen" in page
    with web_world.db.read() as s:
        mails = s.exec(select(OutboxMessage).where(OutboxMessage.to_address == member.email)).all()
        assert len(mails) == mails_before + 1
        assert [c.action for c in changes_of(s, "person", member.id or 0)][-1] == "invite"


def test_only_the_secretariat_invites_and_a_refused_invitation_sends_nothing(client: TestClient,
                                                                            web_world: World) -> None:
    chair = Browser(client, sign_in(client, web_world.chair))
    refused = chair.post(f"/people/{web_world.wg_member.id}/invite")
    assert refused.status_code == 403
    with web_world.db.read() as s:
        assert not s.exec(select(OutboxMessage).where(OutboxMessage.to_address == web_world.wg_member.email)).all()
        assert "invite" not in [c.action for c in changes_of(s, "person", web_world.wg_member.id or 0)]


def test_a_person_who_left_is_brought_back_from_their_page(office: Browser, web_world: World) -> None:
    from workflow.network.people import deactivate_person

    member = web_world.wg_member
    with unit_of_work(web_world.db) as s:
        deactivate_person(s, member.id or 0, actor=s.get(Person, web_world.secretariat.id), now=web_world.now,
                          comment="Elternzeit")
    page = office.client.get(f"/people/{member.id}").text
    assert "Die Person kehrt zurück" in page and f'action="/people/{member.id}/reactivate"' in page
    response = office.post(f"/people/{member.id}/reactivate", comment="Zurück aus der Elternzeit")
    assert response.status_code == 303
    with web_world.db.read() as s:
        assert s.get(Person, member.id).active
        assert [c.action for c in changes_of(s, "person", member.id or 0)][-1] == "reactivate"
