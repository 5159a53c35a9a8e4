"""The link policy: the newest link of a forwarding is the one that works. A reissue replaces the older links at
once; a mail's own link replaces them once the mail server accepted it (and the mail says so); a mail that fails
leaves the body's working link alone."""

import re
from datetime import timedelta

import pytest
from sqlmodel import col, select

from config import Settings
from models.forwarding import ForwardingToken
from notifications.outbox.delivery import deliver_due, transport_for
from notifications.outbox.reminder_mail import materialise_due_reminders
from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded
from tests.support.mail import SmtpServer
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import reissue_link
from workflow.forwarding.personal_links import LinkRefused, resolve_token
from workflow.forwarding.review_calendar import report_due_at

LINK = re.compile(r"/stelle/([A-Za-z0-9_-]{43})")
DISTRICT, CITY = "landkreis@example.org", "stadt@example.org"



@pytest.fixture
def settings(smtp: SmtpServer) -> Settings:
    smtp.inbox.clear()
    smtp.inbox.refuse.clear()
    return Settings(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none",
                    smtp_from="Geschäftsstelle <gs@example.org>", base_url="https://recoflow.example.org")


def _deliver(world: World, settings: Settings, days: float) -> None:
    deliver_due(world.db, transport_for(settings), settings, world.now + timedelta(days=days))


def _mailed_tokens(smtp: SmtpServer, address: str) -> list[str]:
    return [LINK.findall(m.get_body(("plain",)).get_content())[0] for m in smtp.inbox.to(address)]


def _works(world: World, token: str, days: float = 30) -> bool:
    with world.db.read() as s:
        try:
            resolve_token(s, token, world.now + timedelta(days=days))
        except LinkRefused:
            return False
    return True


def _working_links(world: World, forwarding_id: int) -> int:
    with world.db.read() as s:
        return len(s.exec(select(ForwardingToken).where(ForwardingToken.forwarding_id == forwarding_id,
                                                        col(ForwardingToken.revoked_at).is_(None))).all())


def test_the_mailed_link_replaces_the_printed_one_once_sent_and_a_reissue_replaces_every_older_one(
        world: World, settings: Settings, smtp: SmtpServer) -> None:
    _rec, (district, _city) = forwarded(world)
    assert _works(world, district.token)  # until the mail goes out, the link shown on the command line works
    _deliver(world, settings, 0.1)
    [mailed] = _mailed_tokens(smtp, DISTRICT)
    assert _works(world, mailed) and not _works(world, district.token)
    with unit_of_work(world.db) as s:
        again = reissue_link(s, district.forwarding_id, world.secretariat, world.now + timedelta(days=2))
    assert _works(world, again.token) and not _works(world, mailed)
    _deliver(world, settings, 2.1)
    [_first, newest] = _mailed_tokens(smtp, DISTRICT)
    assert _works(world, newest) and not _works(world, again.token)
    assert _working_links(world, district.forwarding_id) == 1


def test_a_report_reminder_carries_a_new_link_says_it_replaces_the_earlier_ones_and_only_it_works(
        world: World, settings: Settings, smtp: SmtpServer) -> None:
    review = add_meeting(world, 200)
    _rec, (district, _city) = forwarded(world)
    _deliver(world, settings, 0.1)
    [forwarding_link] = _mailed_tokens(smtp, DISTRICT)
    due = report_due_at(review) + timedelta(hours=1)
    with unit_of_work(world.db) as s:
        materialise_due_reminders(s, settings, due)
    deliver_due(world.db, transport_for(settings), settings, due)
    [forwarding_mail, reminder] = smtp.inbox.to(DISTRICT)
    assert reminder["X-Recoflow-Kind"] == "report_due"
    # The first mail is the body's first: it mentions no earlier links (issue 13); the reminder replaces its link.
    assert "früheren E-Mails" not in forwarding_mail.get_body(("plain",)).get_content()
    assert "ersetzt die Links aus unseren früheren E-Mails" in reminder.get_body(("plain",)).get_content()
    [_, reminder_link] = _mailed_tokens(smtp, DISTRICT)
    assert _works(world, reminder_link, days=200) and not _works(world, forwarding_link, days=200)
    assert _working_links(world, district.forwarding_id) == 1


def test_a_mail_the_server_refuses_leaves_the_bodys_working_link_alone(
        world: World, settings: Settings, smtp: SmtpServer) -> None:
    _rec, (district, _city) = forwarded(world)
    smtp.inbox.refuse[DISTRICT] = "550 mailbox unavailable"
    _deliver(world, settings, 0.1)
    assert smtp.inbox.to(DISTRICT) == []
    assert _works(world, district.token)  # the link handed out stays the one that works
