""""Passwort vergessen": the sign-in page links to a form; the answer never tells whether an address is known;
a known address gets one set-password mail through the outbox; the throttle stops floods per address and client."""

import re

from sqlmodel import select

from models.outbox import OutboxMessage
from tests.support.factories import World
from tests.support.web import TestClient, form_token


def _ask(client: TestClient, email: str):
    return client.post("/forgot-password", data={"email": email, "csrf_token": form_token(client, "/forgot-password")})


def _main(html: str) -> str:
    found = re.search(r"<main.*?</main>", html, re.S)
    assert found is not None
    return found.group(0)


def _mails_to(world: World, address: str) -> list[OutboxMessage]:
    with world.db.read() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.to_address == address,
                                                             OutboxMessage.kind == "password_link")).all())


def test_the_sign_in_page_links_to_the_form_which_speaks_german(client: TestClient, web_world: World):
    assert 'href="/forgot-password"' in client.get("/login").text
    form = client.get("/forgot-password")
    assert form.status_code == 200 and "Passwort vergessen" in form.text and "Link senden" in form.text


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_a_mail(
        client: TestClient, web_world: World):
    known, unknown = _ask(client, "Lead@Example.org "), _ask(client, "niemand@example.org")
    assert known.status_code == unknown.status_code == 200
    assert _main(known.text) == _main(unknown.text)
    assert "Wenn die Adresse bei uns registriert ist" in known.text
    [mail] = _mails_to(web_world, "lead@example.org")
    assert mail.status == "queued" and "Sie haben auf unserer Anmeldeseite einen Link angefordert" in mail.body_text
    assert "/set-password/" not in mail.body_text  # the link itself is issued when the mail is sent
    assert _mails_to(web_world, "niemand@example.org") == []


def test_the_throttle_holds_per_address_and_per_client(client: TestClient, web_world: World):
    for _ in range(6):
        assert _ask(client, "lead@example.org").status_code == 200
    assert len(_mails_to(web_world, "lead@example.org")) == 3
    for i in range(10):
        _ask(client, f"probe{i}@example.org")
    answer = _ask(client, "member@example.org")
    assert answer.status_code == 200 and "Wenn die Adresse bei uns registriert ist" in answer.text
    assert _mails_to(web_world, "member@example.org") == []


def test_the_form_needs_its_csrf_token(client: TestClient, web_world: World):
    refused = client.post("/forgot-password", data={"email": "lead@example.org"})
    assert refused.status_code == 403 and _mails_to(web_world, "lead@example.org") == []
