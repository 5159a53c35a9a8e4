"""The footer of every mail says why the reader gets it: a responsible body because it is named in a
recommendation (with the network's name declined as configured), a person because they take part."""

from zoneinfo import ZoneInfo

from sqlmodel import col, select

from models.outbox import OutboxMessage
from notifications.compose.kinds import MessageKind
from notifications.compose.rendering import MessageRenderer
from notifications.compose.samples import sample_context
from tests.support.factories import World
from tests.support.forwarding import forwarded

NETWORK = "Netzwerk Integration Baden-Württemberg"
GENITIVE = "des Netzwerks Integration Baden-Württemberg"
BERLIN = ZoneInfo("Europe/Berlin")


def _render(language: str, to_body: bool, genitive: str = GENITIVE) -> tuple[str, str]:
    context = {**sample_context(MessageKind.FORWARDING), "to_body": to_body}
    message = MessageRenderer(NETWORK, "https://x.example.org", BERLIN, genitive).render(
        MessageKind.FORWARDING, language, context)
    return message.text, message.html


def test_a_bodys_mail_says_it_is_named_in_a_recommendation_in_german_and_english() -> None:
    for part in _render("de", to_body=True):
        assert ("Sie erhalten sie, weil Ihre Stelle in einer Handlungsempfehlung der Strategiegruppe des Netzwerks "
                "Integration Baden-Württemberg als zuständige Stelle benannt ist.") in part
        assert "mitwirken" not in part
    plain_text, _html = _render("de", to_body=True, genitive="")
    assert ("in einer Handlungsempfehlung der Strategiegruppe im Netzwerk Integration Baden-Württemberg als "
            "zuständige Stelle benannt ist.") in plain_text
    for part in _render("en", to_body=True):
        assert ("because your organisation is named as a responsible body in a recommendation of the strategy group "
                "of the Netzwerk Integration Baden-Württemberg.") in part
        assert "take part" not in part


def test_a_persons_mail_keeps_that_they_take_part() -> None:
    for part in _render("de", to_body=False):
        assert "Sie erhalten sie, weil Sie im Netzwerk Integration Baden-Württemberg mitwirken." in part
        assert "zuständige Stelle benannt" not in part
    for part in _render("en", to_body=False):
        assert "because you take part in the Netzwerk Integration Baden-Württemberg." in part


def test_the_outbox_words_the_footer_for_the_body_it_writes_to(web_world: World) -> None:
    forwarded(web_world)
    with web_world.db.read() as session:
        mails = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all()
    to_bodies = [m for m in mails if m.organisation_id is not None and m.person_id is None]
    to_people = [m for m in mails if m.person_id is not None]
    assert to_bodies and all("als zuständige Stelle benannt ist." in m.body_text for m in to_bodies)
    assert all("mitwirken" not in m.body_text for m in to_bodies)
    assert all("zuständige Stelle benannt" not in m.body_text for m in to_people)
