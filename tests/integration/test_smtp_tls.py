"""Delivery through SMTP servers that want TLS and a password, as real mail relays do: STARTTLS on the submission
port, implicit TLS, a certificate from a private CA named in the settings, and a wrong password.

A refused login is the settings' fault, not the mails': they stay queued with the server's answer recorded, no
attempt counted, and go out once the password is right (marking them failed would lose every mail to a typo)."""

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlmodel import col, select

from config import Settings
from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from notifications.compose.kinds import MessageKind
from notifications.compose.samples import sample_context
from notifications.outbox.delivery import deliver_due, transport_for
from notifications.outbox.notes import OutboxNote, read_note
from notifications.outbox.queue import enqueue
from tests.support.tls import Certificate, TlsSmtpServer, self_signed_certificate
from workflow.engine.unit_of_work import unit_of_work
from workflow.reminders.plan import Recipient

USER, PASSWORD = "geschaeftsstelle", "richtiges-passwort"
# The implicit-TLS server asks for a password without STARTTLS (the connection is encrypted from the start).
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


def _server(certificate: Certificate, implicit: bool) -> Iterator[TlsSmtpServer]:
    server = TlsSmtpServer(certificate, implicit=implicit, user=USER, password=PASSWORD)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def starttls_server(certificate: Certificate) -> Iterator[TlsSmtpServer]:
    yield from _server(certificate, implicit=False)


@pytest.fixture(scope="module")
def implicit_tls_server(certificate: Certificate) -> Iterator[TlsSmtpServer]:
    yield from _server(certificate, implicit=True)


def settings_for(server: TlsSmtpServer, certificate: Certificate, security: str, **changes: object) -> Settings:
    server.inbox.clear()
    values: dict[str, object] = {
        "smtp_host": "127.0.0.1", "smtp_port": server.port, "smtp_security": security, "smtp_user": USER,
        "smtp_password": PASSWORD, "smtp_ca_file": str(certificate.cert_file),
        "smtp_from": "Geschäftsstelle <gs@example.org>", "base_url": "https://recoflow.example.org",
        "smtp_timeout_seconds": 10, **changes}
    return Settings(**values)  # type: ignore[arg-type]


def queue_invitation(db: Database, settings: Settings, now: datetime, address: str = "erika@example.org") -> None:
    with unit_of_work(db) as session:
        enqueue(session, kind=MessageKind.MEETING_REMINDER, recipient=Recipient(address, "Erika Beispiel", "en"),
                context=sample_context(MessageKind.MEETING_REMINDER), dedupe_key=f"tls|{address}|{now}", now=now,
                settings=settings)
        session.commit()


def outbox(db: Database) -> list[OutboxMessage]:
    with db.read() as session:
        return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_mail_goes_out_encrypted_after_logging_in_and_arrives_whole(sqlite_database, now, certificate, security,
                                                                    starttls_server, implicit_tls_server):
    server = starttls_server if security == "starttls" else implicit_tls_server
    settings = settings_for(server, certificate, security)
    queue_invitation(sqlite_database, settings, now)
    report = deliver_due(sqlite_database, transport_for(settings), settings, now)
    assert report.sent == 1 and server.check.logins[-1] == USER
    [message] = server.inbox.to("erika@example.org")
    assert message["Subject"].startswith("Reminder") and message["Content-Language"] == "en"
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    assert [row.status for row in outbox(sqlite_database)] == [OutboxStatus.SENT]


def test_a_server_whose_certificate_is_not_trusted_gets_no_mail_and_no_password(sqlite_database, now, certificate,
                                                                                starttls_server):
    settings = settings_for(starttls_server, certificate, "starttls", smtp_ca_file="")
    logins_before = len(starttls_server.check.logins)
    queue_invitation(sqlite_database, settings, now)
    report = deliver_due(sqlite_database, transport_for(settings), settings, now)
    assert report.sent == 0 and report.retrying == 1
    assert starttls_server.inbox.messages == [] and len(starttls_server.check.logins) == logins_before
    [row] = outbox(sqlite_database)
    assert row.status == OutboxStatus.QUEUED and "CERTIFICATE_VERIFY_FAILED" in row.last_error


def test_a_wrong_password_keeps_the_mail_queued_with_the_servers_answer_until_the_password_is_right(
        sqlite_database, now, certificate, starttls_server):
    wrong = settings_for(starttls_server, certificate, "starttls", smtp_password="falsches-passwort")
    queue_invitation(sqlite_database, wrong, now)
    for minutes in (0, 2, 4):  # however often it is tried, the mail is neither lost nor used up
        report = deliver_due(sqlite_database, transport_for(wrong), wrong, now + timedelta(minutes=minutes))
        assert report.sent == 0 and report.failed == 0
    [row] = outbox(sqlite_database)
    assert row.status == OutboxStatus.QUEUED and row.attempts == 0
    found = read_note(row.last_error)
    assert found is not None and found.code == OutboxNote.LOGIN_REFUSED and found.values["answer"].startswith("535")
    assert starttls_server.inbox.messages == []
    right = settings_for(starttls_server, certificate, "starttls")
    report = deliver_due(sqlite_database, transport_for(right), right, now + timedelta(minutes=10))
    assert report.sent == 1 and len(starttls_server.inbox.to("erika@example.org")) == 1

