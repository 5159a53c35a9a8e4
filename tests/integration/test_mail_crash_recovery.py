"""A sender killed with SIGKILL in the middle of a batch, against a slow SMTP server: real `recoflow` processes, a
real aiosmtpd. Nothing is lost, at most the one mail in flight goes out twice, and the rest is delivered soon after
the restart (a restarted `mail send`, or the standby scheduler taking over from a dead leader)."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlmodel import select

from config import Settings
from models.db import Database
from models.outbox import OutboxMessage, OutboxStatus
from notifications.compose.kinds import MessageKind
from notifications.outbox.queue import enqueue
from tests.support.mail import SmtpServer, smtp_server
from workflow.engine.unit_of_work import unit_of_work
from workflow.reminders.plan import Recipient

REPO = Path(__file__).resolve().parents[2]
MAILS = 12
# Each mail is accepted a quarter of a second after its data arrived: the sender is killed while it waits.
SLOW = 0.25


def wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` passed (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def environment(database: Database, server: SmtpServer) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1",
            "RECOFLOW_DATABASE_URL": database.url, "RECOFLOW_SMTP_HOST": "127.0.0.1",
            "RECOFLOW_SMTP_PORT": str(server.port), "RECOFLOW_SMTP_SECURITY": "none",
            "RECOFLOW_SMTP_FROM": "Geschäftsstelle <gs@example.org>",
            # Short ticks and leases, so that the test's own wall time stays small.
            "RECOFLOW_MAIL_DELIVERY_SECONDS": "1", "RECOFLOW_MAIL_CLAIM_LEASE_SECONDS": "4"}


def recoflow(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", *args]


def queue_mails(database: Database, now, count: int = MAILS) -> set[str]:
    """``count`` test mails in the outbox; their Message-IDs."""
    settings = Settings(smtp_from="Geschäftsstelle <gs@example.org>")
    with unit_of_work(database) as session:
        for i in range(count):
            enqueue(session, kind=MessageKind.TEST, recipient=Recipient(f"r{i}@example.org", f"R {i}"),
                    context={"link": "/"}, dedupe_key=f"crash-{i}", now=now, settings=settings)
    with database.read() as session:
        return set(session.exec(select(OutboxMessage.message_id)).all())


def outcome(database: Database, server: SmtpServer, expected: set[str]) -> tuple[int, int, int]:
    """Lost, duplicated and not-yet-sent mails."""
    received = Counter(str(m["Message-ID"]) for _rcpt, m in server.inbox.messages)
    with database.read() as session:
        unsent = len(session.exec(select(OutboxMessage.id).where(OutboxMessage.status != OutboxStatus.SENT)).all())
    return len(expected - set(received)), sum(n - 1 for n in received.values()), unsent


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()  # reaped: a dead process, not a zombie


def test_a_mail_send_killed_mid_batch_loses_nothing_and_repeats_at_most_one_mail(database, now):
    with smtp_server(delay=SLOW) as server:
        expected = queue_mails(database, now)
        env = environment(database, server)
        sender = subprocess.Popen(recoflow("mail", "send"), cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert wait_for(lambda: len(server.inbox.messages) >= 4)
        finally:
            kill(sender)
        delivered_before = len(server.inbox.messages)
        restarted = time.monotonic()
        again = subprocess.run(recoflow("mail", "send"), cwd=REPO, env=env, capture_output=True, text=True,
                               timeout=120)
        assert wait_for(lambda: outcome(database, server, expected)[2] == 0, 120)
        recovery = time.monotonic() - restarted
        lost, duplicates, unsent = outcome(database, server, expected)
    print(f"\nFIGURE mail send killed ({database.engine.dialect.name}): {delivered_before} of {MAILS} received "
          f"before the kill; after the restart lost={lost} duplicates={duplicates} unsent={unsent}, "
          f"all delivered {recovery:.1f} s after the restart; it said: {again.stdout.strip()!r}")
    assert again.returncode == 0, again.stderr
    assert (lost, unsent) == (0, 0) and duplicates <= 1
    assert recovery < 120


def test_the_standby_scheduler_takes_over_from_a_killed_leader_and_repeats_at_most_one_mail(database, now,
                                                                                              tmp_path: Path):
    with smtp_server(delay=SLOW) as server:
        env = environment(database, server)
        logs = {name: tmp_path / f"{name}.log" for name in ("leader", "standby")}

        def said(name: str, text: str) -> bool:
            return text in logs[name].read_text(errors="replace")

        def start(name: str) -> subprocess.Popen[bytes]:
            with open(logs[name], "wb") as log:
                return subprocess.Popen(recoflow("scheduler", "--poll", "0.2"), cwd=REPO, env=env, stdout=log,
                                        stderr=subprocess.STDOUT)

        leader = start("leader")
        standby = None
        try:
            assert wait_for(lambda: said("leader", "scheduler leader"))
            standby = start("standby")
            assert wait_for(lambda: said("standby", "scheduler standby"))
            expected = queue_mails(database, now)
            assert wait_for(lambda: len(server.inbox.messages) >= 4)
            kill(leader)
            delivered_before = len(server.inbox.messages)
            killed = time.monotonic()
            assert wait_for(lambda: said("standby", "scheduler leader"), 60), logs["standby"].read_text()
            assert wait_for(lambda: outcome(database, server, expected)[2] == 0, 120)
            recovery = time.monotonic() - killed
            lost, duplicates, unsent = outcome(database, server, expected)
        finally:
            if leader.poll() is None:
                kill(leader)
            if standby is not None:
                standby.send_signal(signal.SIGTERM)
                try:
                    standby.wait(60)
                except subprocess.TimeoutExpired:
                    kill(standby)
    print(f"\nFIGURE leading scheduler killed ({database.engine.dialect.name}): {delivered_before} of {MAILS} "
          f"received before the kill; lost={lost} duplicates={duplicates} unsent={unsent}, all delivered "
          f"{recovery:.1f} s after the kill")
    assert (lost, unsent) == (0, 0) and duplicates <= 1
    assert recovery < 120

