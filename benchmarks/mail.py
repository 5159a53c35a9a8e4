"""Benchmark: planning a year's reminders (3 meetings, 100 working groups, 500 bodies) and delivering mail to a
local SMTP server. Prints figures and ends with one JSON line: {"plan_seconds": ..., "mails_per_s": ...}."""

import json
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import Settings
from migrations import upgrade_to_head
from models.db import Database
from notifications.delivery import deliver_due, transport_for
from notifications.kinds import MessageKind
from notifications.outbox import enqueue
from notifications.samples import sample_context
from tests.support.mail import free_port
from workflow.reminders import (
    AgendaItem,
    CalendarFacts,
    GroupFacts,
    MeetingFacts,
    Recipient,
    ReminderPolicy,
    ReportFacts,
    plan_reminders,
)

BERLIN = ZoneInfo("Europe/Berlin")
MAILS = 1000


def year_of_facts() -> CalendarFacts:
    """3 meetings with 18 members and 20 agenda items each, 100 groups with leads and drafts, 500 bodies."""
    members = tuple(Recipient(f"m{i}@example.org", f"Mitglied {i}", "de" if i % 3 else "en", person_id=i)
                    for i in range(18))
    agenda = tuple(AgendaItem(f"HE-2027-{i:03d}", f"Empfehlung {i}") for i in range(20))
    meetings = tuple(MeetingFacts(id=n, title=f"{n}. Sitzung", kind="meeting", status="planned",
                                  starts_at=datetime(2027, month, 16, 10, tzinfo=BERLIN), agenda=agenda,
                                  members=members) for n, month in ((1, 3), (2, 7), (3, 11)))
    groups = tuple(GroupFacts(id=g, name=f"AG {g}", active=True, drafts=(f"Entwurf {g}",) * (g % 3),
                              leads=(Recipient(f"lead{g}@example.org", f"Leitung {g}", person_id=1000 + g),))
                   for g in range(100))
    reports = tuple(ReportFacts(f"forwarding:{b}", f"HE-2026-{b % 40:03d}", "Empfehlung",
                                Recipient(f"body{b}@example.org", f"Stelle {b}", organisation_id=b),
                                review_at=meetings[1 + b % 2].starts_at, report_missing=True) for b in range(500))
    secretariat = (Recipient("gs@example.org", "Geschäftsstelle", person_id=9999),)
    return CalendarFacts(meetings=meetings, groups=groups, reports=reports, secretariat=secretariat)


def bench_plan() -> tuple[float, int]:
    facts = year_of_facts()
    now = datetime(2027, 1, 1, tzinfo=UTC)
    best, count = float("inf"), 0
    for _ in range(5):
        started = time.perf_counter()
        plan = plan_reminders(facts, ReminderPolicy(), now)
        keys = {r.dedupe_key for r in plan}
        best = min(best, time.perf_counter() - started)
        count = len(keys)
    return best, count


def bench_delivery(folder: Path) -> float:
    database = Database(f"sqlite:///{folder / 'bench.db'}")
    upgrade_to_head(database)
    # The SMTP server runs in its own process, as a real one would (in-process it competes for the GIL).
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
                               "aiosmtpd.handlers.Sink"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(port)
    try:
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", mail_batch_size=200)
        now = datetime(2027, 1, 4, 8, tzinfo=UTC)
        with database.write() as session:
            for i in range(MAILS):
                enqueue(session, kind=MessageKind.MEETING_REMINDER,
                        context=sample_context(MessageKind.MEETING_REMINDER),
                        recipient=Recipient(f"r{i}@example.org", f"Person {i}"), dedupe_key=f"bench-{i}",
                        now=now, settings=settings)
            session.commit()
        started = time.perf_counter()
        report = deliver_due(database, transport_for(settings), settings, now + timedelta(seconds=1))
        elapsed = time.perf_counter() - started
        assert report.sent == MAILS, report
        return MAILS / elapsed
    finally:
        server.terminate()
        server.wait()
        database.dispose()


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"the SMTP server did not start on port {port}")


def main() -> None:
    plan_seconds, reminders = bench_plan()
    print(f"plan: {reminders} reminders for a year (3 meetings, 100 groups, 500 bodies) in {plan_seconds:.3f} s "
          "(target < 1 s)")
    with tempfile.TemporaryDirectory() as folder:
        rate = bench_delivery(Path(folder))
    print(f"delivery: {MAILS} mails to a local SMTP server (SQLite outbox) at {rate:.0f} mails/s (target >= 100)")
    print(json.dumps({"plan_seconds": round(plan_seconds, 4), "mails_per_s": round(rate, 1)}))


if __name__ == "__main__":
    main()
