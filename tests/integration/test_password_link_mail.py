"""Set-password links reach their person by mail: the invitation queues an outbox mail in the same transaction
as the link, in the person's language; the mailed link is issued when it is sent (no plain token is stored)."""

import email
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import col, select

from bootstrap import all_reactions
from cli import main
from config import Settings
from models.accounts import PasswordLink
from models.outbox import OutboxMessage, OutboxStatus
from notifications.outbox.delivery import deliver_due
from notifications.outbox.notes import Note, OutboxNote, read_note
from notifications.outbox.reactions import forwarding_mail
from notifications.transports.files import FileTransport
from tests.support.factories import World
from web import create_app
from workflow.engine.errors import NotFound
from workflow.engine.reactions import Reactions, installed, installed_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import invite, person_for_link, use_password_link

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def no_listeners() -> Iterator[Reactions]:
    """The domain's effects without the mails: nothing sends links until an entry point bootstraps."""
    with installed_for(all_reactions(mails=False)) as wired:
        yield wired


def password_mails(world: World) -> list[OutboxMessage]:
    with world.db.read() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == "password_link")
                                 .order_by(col(OutboxMessage.id))).all())


def invite_on_the_command_line(world: World, monkeypatch: pytest.MonkeyPatch, email_address: str) -> str:
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    monkeypatch.setenv("RECOFLOW_BASE_URL", "https://recoflow.example.org")
    result = CliRunner().invoke(main, ["--now", NOW, "users", "invite", email_address], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "queued" in result.stderr
    return result.stdout.strip()


def delivered(world: World, folder: Path) -> list[EmailMessage]:
    settings = Settings(base_url="https://recoflow.example.org")
    deliver_due(world.db, FileTransport(folder), settings, world.now)
    messages = [email.message_from_bytes(p.read_bytes(), policy=default) for p in sorted(folder.glob("*.eml"))]
    return [m for m in messages if isinstance(m, EmailMessage)]


def test_users_invite_queues_a_mail_whose_own_link_sets_the_password_and_uses_up_the_printed_one(
        world: World, monkeypatch: pytest.MonkeyPatch, no_listeners, tmp_path: Path):
    printed = invite_on_the_command_line(world, monkeypatch, "member@example.org")
    [row] = password_mails(world)
    assert row.to_address == "member@example.org" and row.language.value == "en"  # the member reads English
    assert row.status == OutboxStatus.QUEUED and printed not in row.body_text + row.body_html
    assert "/set-password/" not in row.body_text + row.body_html  # the mailed link is made when it is sent
    [message] = delivered(world, tmp_path)
    assert message["Subject"].startswith("Your access to the recoflow")
    text = message.get_body(("plain",)).get_content()
    assert message.get_body(("html",)) is not None and "valid for 7 days" in text
    mailed = next(word for word in text.split() if "/set-password/" in word)
    assert mailed.startswith("https://recoflow.example.org/set-password/") and mailed != printed
    with unit_of_work(world.db) as session:
        assert person_for_link(session, mailed.rsplit("/", 1)[1], world.now).id == world.member.id
        use_password_link(session, mailed.rsplit("/", 1)[1], "ein-gutes-passwort", world.now)
    with world.db.read() as session, pytest.raises(NotFound):
        person_for_link(session, printed.rsplit("/", 1)[1], world.now)


def test_a_german_speaker_gets_the_german_mail(world: World, monkeypatch: pytest.MonkeyPatch, no_listeners,
                                               tmp_path: Path):
    invite_on_the_command_line(world, monkeypatch, "lead@example.org")
    [message] = delivered(world, tmp_path)
    assert message["Subject"] == "recoflow: Passwort für Ihren Zugang festlegen"
    assert message["Content-Language"] == "de"
    assert "7 Tage" in message.get_body(("plain",)).get_content()


def test_a_person_deactivated_before_the_mail_went_out_gets_no_link(world: World, monkeypatch: pytest.MonkeyPatch,
                                                                     no_listeners, tmp_path: Path):
    invite_on_the_command_line(world, monkeypatch, "stranger@example.org")
    with unit_of_work(world.db) as session:
        person = session.merge(world.stranger)
        person.active = False
        session.commit()
    assert delivered(world, tmp_path) == []
    [row] = password_mails(world)
    assert row.status == OutboxStatus.FAILED
    assert read_note(row.last_error) == Note(OutboxNote.SUBJECT_GONE, {"subject": row.subject_ref})
    with world.db.read() as session:
        links = session.exec(select(PasswordLink).where(PasswordLink.person_id == world.stranger.id)).all()
    assert len(links) == 1  # only the one printed at the invitation


def test_creating_the_web_app_has_set_password_and_forwarding_links_mailed(world: World, no_listeners):
    create_app(Settings(base_url="https://recoflow.example.org"), database=world.db)
    assert forwarding_mail in [reaction.run for reaction in installed().listing()]
    with unit_of_work(world.db) as session:
        invitation = invite(session, session.merge(world.chair), "https://recoflow.example.org", world.now)
    assert invitation.delivered
    assert [row.to_address for row in password_mails(world)] == ["chair@example.org"]
