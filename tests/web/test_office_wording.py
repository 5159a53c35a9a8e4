"""The body's page and the mails as a careful German office writes them: no sign-in link for a body, one status
wording, the contact asked for once, "Sehr geehrte Damen und Herren," for a body without a contact person, the
network's name declined as configured (never "des Netzwerk Integration"), and earlier links mentioned only after
earlier mails."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from models.outbox import OutboxMessage
from notifications.compose.kinds import MessageKind
from notifications.compose.rendering import MessageRenderer
from notifications.compose.samples import sample_context
from tests.support.factories import World
from tests.support.forwarding import forwarded
from tests.support.link_pages import post_as_body
from tests.support.web import TestClient
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import reissue_link

NETWORK = "Netzwerk Integration Baden-Württemberg"
BERLIN = ZoneInfo("Europe/Berlin")


def _forwarding_mails(world: World) -> list[OutboxMessage]:
    with world.db.read() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == "forwarding")
                                 .order_by(col(OutboxMessage.id))).all())


def test_the_network_is_declined_as_configured_or_left_out_never_glued() -> None:
    context = sample_context(MessageKind.FORWARDING)
    declined = MessageRenderer(NETWORK, "https://x.example.org", BERLIN,
                               "des Netzwerks Integration Baden-Württemberg").render(MessageKind.FORWARDING, "de",
                                                                                     context)
    plain = MessageRenderer(NETWORK, "https://x.example.org", BERLIN).render(MessageKind.FORWARDING, "de", context)
    assert "die Strategiegruppe des Netzwerks Integration Baden-Württemberg hat die Handlungsempfehlung" in \
        declined.text
    assert "die Strategiegruppe hat die Handlungsempfehlung" in plain.text
    for kind in MessageKind:
        for message in (MessageRenderer(NETWORK, "https://x.example.org", BERLIN).render(kind, "de",
                                                                                          sample_context(kind)),):
            assert "des Netzwerk " not in message.text and "zum Netzwerk " not in message.subject


def test_a_body_without_a_contact_is_greeted_as_an_office_and_its_first_mail_names_no_earlier_links(
        web_world: World) -> None:
    _rec, [link, _other] = forwarded(web_world)
    first = _forwarding_mails(web_world)
    assert first and all(m.body_text.count("Sehr geehrte Damen und Herren,") == 1 for m in first)
    assert not any("Guten Tag" in m.body_text or "früheren E-Mails" in m.body_text for m in first)
    assert all("Sehr geehrte Damen und Herren," in m.body_html for m in first)
    with unit_of_work(web_world.db) as session:
        reissue_link(session, link.forwarding_id, web_world.secretariat, web_world.now + timedelta(hours=1))
    again = _forwarding_mails(web_world)[len(first):]
    assert len(again) == 1 and "Links aus unseren früheren E-Mails" in again[0].body_text


def test_the_body_page_offers_no_sign_in_asks_for_the_contact_once_and_words_the_status_one_way(
        web_world: World, client: TestClient) -> None:
    _rec, [link, _other] = forwarded(web_world)
    page = client.get(f"/stelle/{link.token}").text
    assert 'href="/login"' not in page and ">Anmelden<" not in page
    assert page.count('name="contact_name"') == 1
    assert "(Geschäftsstelle des Netzwerks)" in page and "(Geschäftsstelle) (Geschäftsstelle" not in page
    post_as_body(client, link.token, "acknowledge", contact_name="Erika Muster")
    post_as_body(client, link.token, "report", status="in_progress", text="Wir haben begonnen.")
    after = client.get(f"/stelle/{link.token}").text
    assert after.count('name="contact_name"') == 1 and "Umsetzung läuft" in after and "In Arbeit" not in after
