"""An address with an umlaut before the @ is registered through the directory's form and signs in through the
sign-in form; the outbox tells the secretariat in German why a mail failed, quoting the mail server as such."""

import re
from html import unescape

from sqlmodel import select

from models.outbox import OutboxStatus
from models.people import Person
from notifications.outbox.notes import OutboxNote, note
from tests.support.factories import World
from tests.support.network import mail
from tests.support.web import PASSWORD, Browser, TestClient, browsers, form_token, sign_in
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import set_password

THOMAS = "thomas.brückner@kreis-rt.example.org"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_a_person_with_an_umlaut_before_the_at_is_registered_and_signs_in(client: TestClient, web_world: World):
    office = Browser(client, sign_in(client, web_world.secretariat))
    form = client.get("/people/new").text
    assert re.search(r'<input id="person-email" name="email" type="text" inputmode="email"', form)
    registered = office.post("/people", name="Thomas Brückner", email="Thomas.Brückner@Kreis-RT.example.org",
                             organisation_id=str(web_world.bodies[0].id), language="de", phone="", function="",
                             comment="")
    assert registered.status_code == 303
    client.post("/logout", data={"csrf_token": office.token})
    with unit_of_work(web_world.db) as session:
        thomas = session.exec(select(Person).where(Person.email == THOMAS)).one()
        set_password(session, thomas, PASSWORD, web_world.now)
    login_form = client.get("/login").text
    assert re.search(r'<input id="email" name="email" type="text" inputmode="email"', login_form)
    signed_in = client.post("/login", data={"email": "Thomas.Brückner@kreis-rt.example.org", "password": PASSWORD,
                                            "csrf_token": form_token(client), "next": "/tasks"})
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/tasks"
    assert "Angemeldet als Thomas Brückner" in client.get("/tasks").text


def test_the_outbox_words_why_a_mail_failed_in_german_and_quotes_the_mail_server(web_world: World):
    mail(web_world, status=OutboxStatus.FAILED, address="gone@example.org", key="gone",
         error=note(OutboxNote.SERVER_ANSWER, answer="550 5.1.1 mailbox unavailable"))
    mail(web_world, status=OutboxStatus.FAILED, address=THOMAS, name="Thomas Brückner", key="thomas",
         error=note(OutboxNote.NEEDS_SMTPUTF8, address=THOMAS))
    with browsers(web_world) as cast:
        page = _text(cast["secretariat"].client.get("/outbox?status=failed").text)
    assert "Antwort des Mailservers: 550 5.1.1 mailbox unavailable" in page
    assert (f"Die Adresse {THOMAS} enthält vor dem @ Zeichen, die der Mailserver nicht annimmt (er bietet kein "
            "SMTPUTF8 an); bitte erfragen Sie eine andere Adresse.") in page
