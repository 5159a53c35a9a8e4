"""``recoflow demo`` runs the scheduler beside the web app: mails go into var/mail/ as .eml files, the demo's
replayed past sends nothing, and stopping the app stops the scheduler. No web server is started here: the test
stands in for uvicorn and does what a visitor's click would, queueing a mail."""

import email
import threading
import time
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from sqlmodel import col, select

import scheduler
from cli import main
from config import Settings
from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from notifications.compose.kinds import MessageKind
from notifications.outbox.notes import Note, OutboxNote, read_note
from notifications.outbox.queue import enqueue
from scheduler import LeaderLock, SchedulerThread
from workflow.engine.unit_of_work import unit_of_work
from workflow.reminders.plan import Recipient

NOW = "2026-03-10T09:00:00+01:00"


def wait_for(condition: Any, seconds: float = 60.0) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` passed (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def delivered_to(folder: Path) -> dict[str, EmailMessage]:
    """The .eml files in var/mail/ by recipient address (the scheduler also sends the demo's due reminders)."""
    files = (folder / "var" / "mail").glob("*.eml")
    messages = [email.message_from_bytes(p.read_bytes(), policy=default) for p in files]
    return {m["To"].addresses[0].addr_spec: m for m in messages if isinstance(m, EmailMessage)}


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)  # var/mail/ lands here
    url = f"sqlite:///{tmp_path}/demo.db"
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", url)
    return url


def test_recoflow_demo_delivers_a_queued_mail_into_the_mail_folder_and_stops_the_scheduler_with_the_app(
        demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(scheduler.JOB_INTERVALS, "deliver_outbox", 1)  # deliver every second, not every minute
    served: list[FastAPI] = []

    def serve_until_a_mail_arrives(app: FastAPI, **_options: Any) -> None:
        served.append(app)
        database = Database(demo_db)
        with unit_of_work(database) as session:
            enqueue(session, kind=MessageKind.TEST, recipient=Recipient("besuch@example.org", "Besuch"),
                    context={"link": "/"}, dedupe_key="demo-visit", now=datetime.fromisoformat(NOW),
                    settings=Settings(database_url=demo_db))
            session.commit()
        database.dispose()
        assert wait_for(lambda: "besuch@example.org" in delivered_to(tmp_path))

    monkeypatch.setattr("uvicorn.run", serve_until_a_mail_arrives)
    result = CliRunner().invoke(main, ["--now", NOW, "demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert served and "var/mail/ as .eml files" in result.output
    assert "scheduler leader: running jobs" in result.output and result.output.rstrip().endswith("scheduler stopped")
    message = delivered_to(tmp_path)["besuch@example.org"]
    assert message["To"] == "Besuch <besuch@example.org>" and message["X-Recoflow-Kind"] == "test"
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    lock = LeaderLock(Database(demo_db))
    assert lock.try_acquire()  # released: the scheduler is gone
    lock.release()


def test_loading_the_demo_records_mails_about_its_past_as_skipped_so_none_goes_out(demo_db: str):
    result = CliRunner().invoke(main, ["--now", NOW, "demo", "--load-only"], catch_exceptions=False)
    assert "recorded as skipped" in result.output
    database = Database(demo_db)
    with database.read() as session:
        rows = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all()
    database.dispose()
    cutoff = datetime.fromisoformat(NOW) - timedelta(hours=48)
    skipped = [r for r in rows if r.status == OutboxStatus.SKIPPED]
    assert skipped and all(read_note(r.last_error) == Note(OutboxNote.DEMO_HISTORY, {"hours": 48}) for r in skipped)
    assert all(r.created_at >= cutoff for r in rows if r.status == OutboxStatus.QUEUED)
    assert {r.kind for r in skipped} >= {"vote_result", "forwarding"}


def test_a_scheduler_thread_waiting_as_standby_stops_at_once(sqlite_database: Database):
    holder = LeaderLock(sqlite_database)
    assert holder.try_acquire()
    states: list[str] = []
    waiting = threading.Event()

    def note(state: str) -> None:
        states.append(state)
        if state.startswith("standby"):
            waiting.set()

    thread = SchedulerThread(Settings(database_url=sqlite_database.url), poll_seconds=0.05, on_state=note)
    thread.start()
    assert waiting.wait(30)
    assert thread.stop(timeout=30)
    holder.release()
    assert states == ["standby: waiting for the scheduler lock", "stopped"]
