"""Faults in delivery against a real SMTP server on loopback: a mail that cannot go out fails alone, addresses with
umlauts go where the server allows them, and a sender that dies holds nothing but the mail in flight."""

import email
import socket
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.policy import default
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from sqlmodel import select

from cli import main
from config import Settings
from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from notifications.compose.kinds import MessageKind
from notifications.compose.samples import sample_context
from notifications.outbox.claims import Claimer, claim_batch, take_over_abandoned
from notifications.outbox.delivery import deliver_due, retry, transport_for
from notifications.outbox.notes import Note, OutboxNote, read_note
from notifications.outbox.queue import enqueue
from notifications.transports.files import FileTransport
from scheduler import run_cycle
from tests.support.mail import SmtpServer, smtp_server
from workflow.engine.unit_of_work import unit_of_work
from workflow.reminders.plan import Recipient

THOMAS = "thomas.brückner@kreis-rt.example.org"


def _settings(server: SmtpServer) -> Settings:
    return Settings(smtp_host="127.0.0.1", smtp_port=server.port, smtp_security="none",
                    smtp_from="Geschäftsstelle <gs@example.org>", mail_retry_base_seconds=60, mail_max_attempts=3,
                    base_url="https://recoflow.example.org")


@pytest.fixture
def settings(smtp: SmtpServer) -> Settings:
    smtp.inbox.clear()
    smtp.inbox.refuse.clear()
    return _settings(smtp)


@pytest.fixture(scope="module")
def smtputf8_server() -> Iterator[SmtpServer]:
    """A server that offers SMTPUTF8 (the module's ``smtp`` does not)."""
    with smtp_server(smtputf8=True) as server:
        yield server


def put(db: Database, settings: Settings, now, address: str, key: str, name: str = "Erika Beispiel") -> int:
    """A test mail in the outbox; its id."""
    with unit_of_work(db) as session:
        enqueue(session, kind=MessageKind.TEST, recipient=Recipient(address, name), context=sample_context(
            MessageKind.TEST), dedupe_key=key, now=now, settings=settings)
    with db.read() as session:
        return session.exec(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)).one()


def rows(db: Database) -> dict[int, OutboxMessage]:
    with db.read() as session:
        return {r.id or 0: r for r in session.exec(select(OutboxMessage)).all()}


def test_one_poisoned_mail_fails_alone_with_its_reason_and_the_fifty_good_ones_go_out(database, now, settings, smtp):
    poisoned = put(database, settings, now, THOMAS, "poison", name="Thomas Brückner")  # first in the queue
    for i in range(50):
        put(database, settings, now, f"p{i}@example.org", f"good-{i}")
    report = deliver_due(database, transport_for(settings), settings, now)
    outbox = rows(database)
    print(f"\nFIGURE poisoned batch: {report.sent} delivered, {report.failed} failed, "
          f"{len(smtp.inbox.messages)} received by the server")
    assert (report.sent, report.failed, report.retrying) == (50, 1, 0)
    assert sorted(rcpt for rcpt, _m in smtp.inbox.messages) == sorted(f"p{i}@example.org" for i in range(50))
    assert outbox[poisoned].status == OutboxStatus.FAILED
    assert read_note(outbox[poisoned].last_error) == Note(OutboxNote.NEEDS_SMTPUTF8, {"address": THOMAS})
    assert {r.status for i, r in outbox.items() if i != poisoned} == {OutboxStatus.SENT}


def test_a_mail_that_cannot_be_put_together_fails_alone(database, now, settings, smtp):
    broken = put(database, settings, now, "broken@example.org", "broken")
    put(database, settings, now, "fine@example.org", "fine")
    with unit_of_work(database) as session:
        row = session.get(OutboxMessage, broken)
        assert row is not None
        row.attachments = [{"filename": "x.pdf", "content_type": "application/pdf", "content": "%PDF"}]
        session.add(row)
    report = deliver_due(database, transport_for(settings), settings, now)
    assert (report.sent, report.failed) == (1, 1)
    found = read_note(rows(database)[broken].last_error)
    assert found is not None and found.code == OutboxNote.NOT_COMPOSED and "application/pdf" in found.values["error"]
    assert [rcpt for rcpt, _m in smtp.inbox.messages] == ["fine@example.org"]


def test_an_umlaut_before_the_at_goes_to_a_server_offering_smtputf8(database, now, smtputf8_server):
    smtputf8_server.inbox.clear()
    settings = _settings(smtputf8_server)
    put(database, settings, now, THOMAS, "thomas", name="Thomas Brückner")
    report = deliver_due(database, transport_for(settings), settings, now)
    assert report.sent == 1
    [message] = smtputf8_server.inbox.to(THOMAS)
    assert message["To"].addresses[0].addr_spec == THOMAS
    assert message["To"].addresses[0].display_name == "Thomas Brückner"


def test_an_internationalised_domain_goes_out_as_punycode_to_any_server(database, now, settings, smtp):
    put(database, settings, now, "info@müller.example.org", "idn")
    assert deliver_due(database, transport_for(settings), settings, now).sent == 1
    [message] = smtp.inbox.to("info@xn--mller-kva.example.org")
    assert message["To"].addresses[0].domain == "xn--mller-kva.example.org"


def test_the_mail_folder_takes_an_umlaut_before_the_at_too(sqlite_database, now, tmp_path: Path):
    settings = Settings(smtp_host="")
    put(sqlite_database, settings, now, THOMAS, "file-thomas", name="Thomas Brückner")
    assert deliver_due(sqlite_database, FileTransport(tmp_path / "mail"), settings, now).sent == 1
    [path] = list((tmp_path / "mail").glob("*.eml"))
    message = email.message_from_string(path.read_bytes().decode("utf-8"), policy=default)  # written as SMTPUTF8
    assert message["To"].addresses[0].addr_spec == THOMAS


def test_a_mail_held_by_a_sender_elsewhere_is_taken_over_when_its_short_lease_ends(database, now, settings, smtp):
    mail = put(database, settings, now, "held@example.org", "held")
    elsewhere = Claimer("another-host.example.org", 4242, "0f0f")
    assert claim_batch(database, now, 5, claimer=elsewhere,
                       lease=timedelta(seconds=settings.mail_claim_lease_seconds)) == [mail]
    one_tick = deliver_due(database, transport_for(settings), settings, now + timedelta(minutes=1))
    assert one_tick.sent == 0 and one_tick.waiting.held == 1
    assert one_tick.waiting.held_until == now + timedelta(seconds=settings.mail_claim_lease_seconds)
    two_ticks = deliver_due(database, transport_for(settings), settings, now + timedelta(minutes=2, seconds=1))
    assert two_ticks.sent == 1 and len(smtp.inbox.to("held@example.org")) == 1
    assert rows(database)[mail].attempts == 2  # the dead sender's attempt counts


def test_a_mail_held_by_a_dead_process_of_this_host_is_taken_over_at_once(database, now, settings, smtp):
    mail = put(database, settings, now, "orphan@example.org", "orphan")
    gone = subprocess.Popen(["true"])
    gone.wait()
    claim_batch(database, now, 1, claimer=Claimer(socket.gethostname()[:60], gone.pid, "dead"))
    report = deliver_due(database, transport_for(settings), settings, now)
    assert (report.taken_over, report.sent) == (1, 1)
    assert rows(database)[mail].status == OutboxStatus.SENT and rows(database)[mail].claimed_by is None


@pytest.fixture
def run(sqlite_database, monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", sqlite_database.url)
    monkeypatch.setenv("RECOFLOW_SMTP_HOST", "")

    def invoke(*args: str):
        return CliRunner().invoke(main, ["--now", "2026-03-10T09:00:00+01:00", *args])
    return invoke


def test_mail_send_says_which_mails_wait_and_until_when(run, sqlite_database, now):
    settings = Settings(smtp_host="")
    held = put(sqlite_database, settings, now, "held@example.org", "held")
    later = put(sqlite_database, settings, now, "later@example.org", "later")
    claim_batch(sqlite_database, now, 1, mail_id=held, claimer=Claimer("elsewhere", 1, "x"),
                lease=timedelta(minutes=2))
    with unit_of_work(sqlite_database) as session:
        row = session.get(OutboxMessage, later)
        assert row is not None
        row.next_attempt_at = now + timedelta(minutes=10)
        session.add(row)
    result = run("mail", "send")
    assert result.exit_code == 0, result.output
    assert ": 0 sent, 0 to retry, 0 failed." in result.output
    assert "1 mail is held by another sender until 09:02:00" in result.output
    assert "1 mail is waiting for a later attempt; the next at 09:10:00" in result.output


def test_send_test_sends_only_the_test_mail(run, sqlite_database, now, tmp_path: Path):
    other = put(sqlite_database, Settings(smtp_host=""), now, "queued@example.org", "queued")
    result = run("mail", "send-test", "--to", "geschaeftsstelle@example.org")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "var" / "mail").glob("*.eml"))) == 1
    assert rows(sqlite_database)[other].status == OutboxStatus.QUEUED


def test_send_test_to_an_address_the_server_cannot_take_prints_one_error_line_and_leaves_nothing_sending(
        run, sqlite_database, monkeypatch, smtp):
    monkeypatch.setenv("RECOFLOW_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RECOFLOW_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("RECOFLOW_SMTP_SECURITY", "none")
    result = run("mail", "send-test", "--to", THOMAS)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: ")
    assert "SMTPUTF8" in lines[0] and "Traceback" not in result.output
    assert {r.status for r in rows(sqlite_database).values()} == {OutboxStatus.FAILED}
    assert run("mail", "send-test", "--to", "not-an-address").output.startswith(
        "Error: 'not-an-address' is not an email address")


def test_the_demos_invitation_to_thomas_brueckner_fails_alone_without_smtputf8_and_arrives_with_it(
        tmp_path: Path, monkeypatch, smtp, smtputf8_server):
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path}/demo.db"
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", url)
    loaded = CliRunner().invoke(main, ["--now", "2026-03-10T09:00:00+01:00", "demo", "--load-only"])
    assert loaded.exit_code == 0, loaded.output
    database = Database(url)
    invitations_due = datetime(2026, 4, 10, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # meeting 4, two weeks ahead
    smtp.inbox.clear()
    report = run_cycle(database, _settings(smtp), invitations_due)
    [mail] = [r for r in rows(database).values() if r.to_address == THOMAS and r.kind == "invitation"]
    assert mail.status == OutboxStatus.FAILED
    assert read_note(mail.last_error) == Note(OutboxNote.NEEDS_SMTPUTF8, {"address": THOMAS})
    assert report.delivery.failed == 1 and report.delivery.sent == len(smtp.inbox.messages) > 10
    with unit_of_work(database) as session:
        retry(session, mail.id or 0, invitations_due)
    smtputf8_server.inbox.clear()
    assert deliver_due(database, transport_for(_settings(smtputf8_server)), _settings(smtputf8_server),
                       invitations_due).sent == 1
    [invitation] = smtputf8_server.inbox.to(THOMAS)
    assert invitation["X-Recoflow-Kind"] == "invitation"
    assert [a.get_content_type() for a in invitation.iter_attachments()] == ["text/calendar"]
    database.dispose()


def test_a_mail_whose_senders_keep_dying_is_given_up_after_the_allowed_attempts(database, now, settings, smtp):
    mail = put(database, settings, now, "deadly@example.org", "deadly")
    for _ in range(settings.mail_max_attempts):  # each sender died while sending it
        gone = subprocess.Popen(["true"])
        gone.wait()
        claim_batch(database, now, 1, claimer=Claimer(socket.gethostname()[:60], gone.pid, "dead"))
        assert take_over_abandoned(database, now) == 1
    report = deliver_due(database, transport_for(settings), settings, now)
    row = rows(database)[mail]
    assert (report.sent, report.failed, row.status) == (0, 1, OutboxStatus.FAILED)
    assert read_note(row.last_error) == Note(OutboxNote.GIVEN_UP, {"attempts": settings.mail_max_attempts})
    assert smtp.inbox.to("deadly@example.org") == []


def test_a_mail_whose_template_cannot_render_fails_alone_and_the_change_that_caused_it_stands(database, now,
                                                                                           settings, smtp):
    with unit_of_work(database) as session:
        assert enqueue(session, kind=MessageKind.INVITATION, recipient=Recipient("a@example.org", "A"), context={},
                       dedupe_key="no-context", now=now, settings=settings)
        enqueue(session, kind=MessageKind.TEST, recipient=Recipient("b@example.org", "B"),
                context=sample_context(MessageKind.TEST), dedupe_key="fine", now=now, settings=settings)
    failed = [r for r in rows(database).values() if r.dedupe_key == "no-context"]
    assert [r.status for r in failed] == [OutboxStatus.FAILED]
    found = read_note(failed[0].last_error)
    assert found is not None and found.code == OutboxNote.NOT_COMPOSED and "UndefinedError" in found.values["error"]
    assert deliver_due(database, transport_for(settings), settings, now).sent == 1
    assert [rcpt for rcpt, _m in smtp.inbox.messages] == ["b@example.org"]
