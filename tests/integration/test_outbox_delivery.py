"""The outbox and its delivery against a real SMTP server on loopback: nothing lost, nothing sent twice."""

import threading
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlmodel import select

from config import Settings
from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from notifications.compose.calendar import MeetingEntry, meeting_ics
from notifications.compose.kinds import MessageKind
from notifications.compose.samples import sample_context
from notifications.outbox.delivery import deliver_due, retry, transport_for
from notifications.outbox.notes import OutboxNote, read_note
from notifications.outbox.queue import enqueue
from notifications.transports.files import FileTransport
from workflow.engine.unit_of_work import unit_of_work
from workflow.reminders.plan import Recipient


@pytest.fixture
def settings(smtp):
    smtp.inbox.clear()
    smtp.inbox.refuse.clear()
    return Settings(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none",
                    smtp_from="Geschäftsstelle <gs@example.org>", mail_retry_base_seconds=60, mail_max_attempts=3,
                    base_url="https://recoflow.example.org")


def _put(db: Database, settings: Settings, now, address: str, key: str, kind=MessageKind.TEST, **extra) -> bool:
    with unit_of_work(db) as session:
        added = enqueue(session, kind=kind, recipient=Recipient(address, "Erika Beispiel", extra.pop("lang", "de")),
                        context=sample_context(kind), dedupe_key=key, now=now, settings=settings, **extra)
        session.commit()
    return added


def _rows(db: Database) -> list[OutboxMessage]:
    with db.read() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all())


def test_a_rolled_back_transaction_leaves_no_mail(database, now, settings):
    with unit_of_work(database) as session:
        enqueue(session, kind=MessageKind.TEST, recipient=Recipient("a@example.org", "A"), context={},
                dedupe_key="k1", now=now, settings=settings)
        session.rollback()
    assert _rows(database) == []


def test_enqueueing_the_same_key_twice_keeps_one_mail(database, now, settings):
    assert _put(database, settings, now, "a@example.org", "same") is True
    assert _put(database, settings, now, "a@example.org", "same") is False
    assert len(_rows(database)) == 1


def test_delivered_mail_parses_with_both_parts_a_stable_message_id_and_a_calendar_entry(database, now, settings,
                                                                                       smtp):
    entry = MeetingEntry(4, "4. Sitzung", now + timedelta(days=14), "Stuttgart", "", "/meetings/4", 0)
    ics = meeting_ics(entry, organizer=settings.smtp_from, network_name=settings.network_name,
                      base_url=settings.base_url, now=now)
    _put(database, settings, now, "member@example.org", "inv", MessageKind.INVITATION, attachments=(ics,),
         lang="en")
    report = deliver_due(database, transport_for(settings), settings, now)
    assert (report.sent, report.failed) == (1, 0)
    [mail] = smtp.inbox.to("member@example.org")
    assert isinstance(mail, EmailMessage)
    assert mail["Message-ID"] == _rows(database)[0].message_id
    assert mail.get_body(("plain",)).get_content().startswith(settings.network_name)
    assert "Dear Erika Beispiel" in mail.get_body(("html",)).get_content()
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    event = next(iter(Calendar.from_ical(attachment.get_content()).walk("VEVENT")))
    assert str(event["UID"]).startswith("meeting-4@")
    [row] = _rows(database)
    assert row.status == OutboxStatus.SENT and row.sent_at == now and row.attempts == 1


def test_the_server_down_for_a_while_loses_nothing_and_delivers_once_it_is_back(database, now, settings, smtp):
    for i in range(5):
        _put(database, settings, now, f"p{i}@example.org", f"down-{i}")
    smtp.stop()
    try:
        for minutes in (0, 1, 2):
            report = deliver_due(database, transport_for(settings), settings, now + timedelta(minutes=minutes))
            assert report.sent == 0
        assert {r.status for r in _rows(database)} == {OutboxStatus.QUEUED}
        assert all(read_note(r.last_error).code == OutboxNote.UNREACHABLE and r.attempts == 0  # type: ignore[union-attr]
                   for r in _rows(database))
    finally:
        smtp.start()
    report = deliver_due(database, transport_for(settings), settings, now + timedelta(minutes=5))
    assert report.sent == 5
    assert sorted(rcpt for rcpt, _ in smtp.inbox.messages) == [f"p{i}@example.org" for i in range(5)]
    assert deliver_due(database, transport_for(settings), settings, now + timedelta(hours=1)).claimed == 0


def test_a_permanent_refusal_is_marked_failed_with_its_reason_and_a_temporary_one_retried_later(
        database, now, settings, smtp):
    smtp.inbox.refuse["gone@example.org"] = "550 5.1.1 mailbox unavailable"
    smtp.inbox.refuse["busy@example.org"] = "451 4.3.0 try again later"
    for address in ("gone@example.org", "busy@example.org", "fine@example.org"):
        _put(database, settings, now, address, address)
    deliver_due(database, transport_for(settings), settings, now)
    rows = {r.to_address: r for r in _rows(database)}
    assert rows["gone@example.org"].status == OutboxStatus.FAILED
    assert "550" in rows["gone@example.org"].last_error
    assert rows["busy@example.org"].status == OutboxStatus.QUEUED
    assert rows["busy@example.org"].next_attempt_at == now + timedelta(seconds=60)
    assert rows["fine@example.org"].status == OutboxStatus.SENT
    # Backoff doubles; after the last allowed attempt the mail is failed with the server's answer.
    deliver_due(database, transport_for(settings), settings, now + timedelta(seconds=60))
    busy = {r.to_address: r for r in _rows(database)}["busy@example.org"]
    assert busy.next_attempt_at == now + timedelta(seconds=180)
    deliver_due(database, transport_for(settings), settings, now + timedelta(seconds=180))
    busy = {r.to_address: r for r in _rows(database)}["busy@example.org"]
    assert busy.status == OutboxStatus.FAILED and "451" in busy.last_error
    # The secretariat can put it back once the problem is solved.
    smtp.inbox.refuse.clear()
    with unit_of_work(database) as session:
        retry(session, busy.id or 0, now + timedelta(hours=1))
    deliver_due(database, transport_for(settings), settings, now + timedelta(hours=1))
    assert len(smtp.inbox.to("busy@example.org")) == 1


def test_two_senders_at_once_deliver_each_mail_exactly_once(database, now, settings, smtp):
    for i in range(40):
        _put(database, settings, now, f"r{i}@example.org", f"race-{i}")
    small = settings.model_copy(update={"mail_batch_size": 5})
    errors: list[BaseException] = []

    def pump() -> None:
        try:
            deliver_due(database, transport_for(small), small, now)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=pump) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    received = sorted(rcpt for rcpt, _ in smtp.inbox.messages)
    assert received == sorted(f"r{i}@example.org" for i in range(40))
    assert {r.status for r in _rows(database)} == {OutboxStatus.SENT}


def test_without_an_smtp_server_mails_become_eml_files(sqlite_database, now, tmp_path: Path):
    settings = Settings(smtp_host="")
    _put(sqlite_database, settings, now, "a@example.org", "file-1")
    transport = transport_for(settings)
    assert isinstance(transport, FileTransport) and transport.folder == Path("var/mail")
    folder = tmp_path / "mail"
    deliver_due(sqlite_database, FileTransport(folder), settings, now)
    [path] = list(folder.glob("*.eml"))
    assert b"Testnachricht" in path.read_bytes() or b"Subject:" in path.read_bytes()
    assert _rows(sqlite_database)[0].status == OutboxStatus.SENT
