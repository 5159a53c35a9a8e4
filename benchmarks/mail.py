"""Benchmark: planning a year's reminders (3 meetings, 100 working groups, 500 bodies) and delivering mail to a
local SMTP server. The plan is timed twice: the pure function on facts in memory, and as the scheduler runs it,
reading the facts from a SQLite file holding that year. Prints figures and ends with one JSON line:
{"plan_seconds": ..., "plan_from_database_seconds": ..., "mails_per_s": ..., "raw_mails_per_s": ..., "ratio": ...,
"loadavg": [...]}. Delivery is measured with the outbox in a SQLite file at synchronous=FULL (the default: one fsync
per settled mail) and at NORMAL, each beside raw smtplib sending the same prepared bytes over the same server."""

import json
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

# The repository, not this folder, comes first: benchmarks/transitions.py would shadow the transitions package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import sqlalchemy as sa  # noqa: E402
from sqlmodel import col  # noqa: E402

from config import Settings  # noqa: E402
from migrations import upgrade_to_head  # noqa: E402
from models.db import Database  # noqa: E402
from models.enums import MeetingKind, OrganisationKind, Role  # noqa: E402
from models.forwarding import Forwarding, ReviewRound  # noqa: E402
from models.groups import WorkingGroup  # noqa: E402
from models.meeting import Meeting  # noqa: E402
from models.outbox import OutboxMessage  # noqa: E402
from models.people import Organisation, Person, RoleAssignment  # noqa: E402
from models.recommendation import Recommendation  # noqa: E402
from models.strategy import AgendaItem as AgendaEntry  # noqa: E402
from models.strategy import Attendance, AttendanceStatus, Ballot, Choice, Vote, VoteItem, VoteMode  # noqa: E402
from notifications.compose.kinds import MessageKind  # noqa: E402
from notifications.compose.samples import sample_context  # noqa: E402
from notifications.compose.wire import DIGEST_BYTES, wire_bytes  # noqa: E402
from notifications.outbox.delivery import deliver_due, transport_for  # noqa: E402
from notifications.outbox.queue import enqueue  # noqa: E402
from tests.support.mail import free_port  # noqa: E402
from workflow.reminders.facts import load_calendar_facts  # noqa: E402
from workflow.reminders.plan import (  # noqa: E402
    AgendaItem,
    CalendarFacts,
    GroupFacts,
    MeetingFacts,
    Recipient,
    ReminderPolicy,
    ReportFacts,
    plan_reminders,
)
from workflow.reminders.seats import OpenVote, SeatFacts  # noqa: E402
from workflow.strategy_group.seats import ensure_default_seats  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
MAILS = 1000
BATCH = 200


def year_of_facts() -> CalendarFacts:
    """3 meetings and a written procedure with 12 seats (18 people) and 20 agenda items each, half the seats
    with attendance recorded or ballots cast; 100 groups with leads and drafts, 500 bodies."""
    people = [Recipient(f"m{i}@example.org", f"Mitglied {i}", "de" if i % 3 else "en", person_id=i)
              for i in range(18)]
    seats = tuple(SeatFacts(f"S{i}", (people[i],), (people[12 + i // 2],) if i < 12 and i % 2 == 0 else (),
                            attendance="present" if i % 2 else None) for i in range(12))
    agenda = tuple(AgendaItem(f"HE-2027-{i:03d}", f"Empfehlung {i}") for i in range(20))
    meetings = tuple(MeetingFacts(id=n, title=f"{n}. Sitzung", kind="meeting", status="planned",
                                  starts_at=datetime(2027, month, 16, 10, tzinfo=BERLIN), agenda=agenda,
                                  seats=seats) for n, month in ((1, 3), (2, 7), (3, 11)))
    deadline = datetime(2027, 5, 14, 12, tzinfo=BERLIN)
    votes = tuple(OpenVote(v, deadline, agenda[v:v + 1], frozenset(f"S{i}" for i in range(0, 12, 2)))
                  for v in range(20))
    meetings += (MeetingFacts(id=4, title="Umlaufverfahren", kind="written_procedure", status="planned",
                              starts_at=deadline, agenda=agenda, seats=seats, votes=votes),)
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


def _year_in_database(database: Database) -> datetime:
    """The same year as rows (bulk inserted, not through the services): what the scheduler reads every run."""
    now = datetime(2027, 1, 4, 8, tzinfo=UTC)
    day = date(2026, 1, 1)
    with database.write() as s:
        seats = ensure_default_seats(s)
        s.flush()
        people = [Person(name=f"Mitglied {i}", email=f"m{i}@example.org") for i in range(18)]
        s.add_all(people)
        s.flush()
        s.add_all(RoleAssignment(person_id=p.id or 0, role=Role.STRATEGY_MEMBER if i < 12 else Role.DEPUTY,
                                 seat_id=seats[i % 12].id, starts_on=day) for i, p in enumerate(people))
        groups = [WorkingGroup(name=f"AG {g}", state="active") for g in range(100)]
        leads = [Person(name=f"Leitung {g}", email=f"lead{g}@example.org") for g in range(100)]
        bodies = [Organisation(name=f"Stelle {b}", kind=OrganisationKind.CITY, email=f"body{b}@example.org")
                  for b in range(500)]
        s.add_all([*groups, *leads, *bodies])
        s.flush()
        s.add_all(RoleAssignment(person_id=lead.id or 0, role=Role.WG_LEAD, working_group_id=group.id,
                                 starts_on=day) for group, lead in zip(groups, leads, strict=True))
        s.add_all(Recommendation(title=f"Entwurf {g}", text="…", working_group_id=groups[g].id or 0, state="draft")
                  for g in range(100) if g % 3)
        meetings = [Meeting(title=f"{n}. Sitzung", starts_at=datetime(2027, month, 16, 10, tzinfo=BERLIN))
                    for n, month in ((1, 3), (2, 7), (3, 11))]
        procedure = Meeting(title="Umlaufverfahren", kind=MeetingKind.WRITTEN_PROCEDURE,
                            starts_at=datetime(2027, 1, 29, 12, tzinfo=BERLIN))
        s.add_all([*meetings, procedure])
        s.flush()
        recs = [Recommendation(title=f"Empfehlung {i}", text="…", number=f"HE-2026-{i:03d}",
                               working_group_id=groups[i % 100].id or 0, state="scheduled" if i < 80 else "forwarded")
                for i in range(120)]
        s.add_all(recs)
        s.flush()
        for m, meeting in enumerate([*meetings, procedure]):
            s.add_all(AgendaEntry(meeting_id=meeting.id or 0, recommendation_id=recs[m * 20 + i].id or 0,
                                  position=i + 1) for i in range(20))
            if meeting is not procedure:
                s.add_all(Attendance(meeting_id=meeting.id or 0, seat_id=seat.id or 0,
                                     status=AttendanceStatus.PRESENT, person_id=people[i].id)
                          for i, seat in enumerate(seats) if i % 2)
        votes = [Vote(meeting_id=procedure.id or 0, mode=VoteMode.WRITTEN_PROCEDURE, opened_at=now,
                      deadline=procedure.starts_at) for _ in range(20)]
        s.add_all(votes)
        s.flush()
        for v, vote in enumerate(votes):
            s.add(VoteItem(vote_id=vote.id or 0, recommendation_id=recs[60 + v].id or 0))
            s.add_all(Ballot(vote_id=vote.id or 0, seat_id=seats[i].id or 0, person_id=people[i].id or 0,
                             choice=Choice.YES, cast_at=now) for i in range(0, 12, 2))
        s.add_all(ReviewRound(recommendation_id=rec.id or 0, number=1, meeting_id=meetings[1 + r % 2].id,
                              opened_at=now) for r, rec in enumerate(recs[80:]))
        s.add_all(Forwarding(recommendation_id=recs[80 + b % 40].id or 0, organisation_id=body.id or 0,
                             state="sent", forwarded_at=now) for b, body in enumerate(bodies))
        s.commit()
    return now


def bench_plan_from_database(folder: Path) -> tuple[float, int, int]:
    """Read the facts from a SQLite file and plan: best time, reminders planned, SQL statements run."""
    database = Database(f"sqlite:///{folder / 'year.db'}")
    upgrade_to_head(database)
    now = _year_in_database(database)
    statements: list[str] = []
    sa.event.listen(database.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    best, count = float("inf"), 0
    for _ in range(5):
        statements.clear()
        started = time.perf_counter()
        with database.read() as session:
            facts = load_calendar_facts(session, now)
        plan = plan_reminders(facts, ReminderPolicy(), now)
        best = min(best, time.perf_counter() - started)
        count = len(plan)
    database.dispose()
    return best, count, len([s for s in statements if not s.startswith("BEGIN")])


@dataclass
class Delivery:
    """One delivery run against the raw baseline over the same server, in the same run."""

    synchronous: str
    mails_per_s: float
    raw_mails_per_s: float
    bytes_per_mail: int

    @property
    def ratio(self) -> float:
        return self.mails_per_s / self.raw_mails_per_s


def _sink() -> tuple[subprocess.Popen[bytes], int]:
    """aiosmtpd's Sink in a process of its own, as a real server runs (in-process it competes for the GIL)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
                               "aiosmtpd.handlers.Sink"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(port)
    return server, port


def _raw_smtplib(port: int, sender: str, mails: list[tuple[str, bytes]], batch: int) -> float:
    """Mails/s of plain ``smtplib.sendmail`` handing over the same prepared bytes, one connection per batch."""
    started = time.perf_counter()
    for first in range(0, len(mails), batch):
        client = smtplib.SMTP("127.0.0.1", port, timeout=30)
        client.ehlo()
        for to_address, data in mails[first:first + batch]:
            client.sendmail(sender, [to_address], data)
        client.quit()
    return len(mails) / (time.perf_counter() - started)


def bench_delivery(folder: Path, synchronous: str) -> Delivery:
    """MAILS queued meeting reminders sent by the outbox sender (aiosmtpd in its own process), one connection per
    batch, each mail claimed and settled in its own commit; beside it raw smtplib with the same bytes."""
    database = Database(f"sqlite:///{folder / f'bench-{synchronous}.db'}", sqlite_synchronous=synchronous)
    upgrade_to_head(database)
    server, port = _sink()
    try:
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", mail_batch_size=BATCH)
        now = datetime(2027, 1, 4, 8, tzinfo=UTC)
        with database.write() as session:
            for i in range(MAILS):
                enqueue(session, kind=MessageKind.MEETING_REMINDER,
                        context=sample_context(MessageKind.MEETING_REMINDER),
                        recipient=Recipient(f"r{i}@example.org", f"Person {i}"), dedupe_key=f"bench-{i}",
                        now=now, settings=settings)
            session.commit()
        with database.read() as session:
            stored = session.execute(sa.select(col(OutboxMessage.to_address), col(OutboxMessage.prepared))).all()
        sender = parseaddr(settings.smtp_from)[1]
        mails = [(to, wire_bytes((prepared or b"")[DIGEST_BYTES:], settings.smtp_from)) for to, prepared in stored]
        raw_before = _raw_smtplib(port, sender, mails, BATCH)
        started = time.perf_counter()
        report = deliver_due(database, transport_for(settings), settings, now + timedelta(seconds=1))
        rate = MAILS / (time.perf_counter() - started)
        raw_after = _raw_smtplib(port, sender, mails, BATCH)
        assert report.sent == MAILS, report
        # The baseline before and after the sender: the machine's load drifts within a run.
        return Delivery(synchronous, rate, (raw_before + raw_after) / 2, len(mails[0][1]))
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
        read_seconds, planned, queries = bench_plan_from_database(Path(folder))
        print(f"plan read from the database: {planned} reminders from that year's rows in {read_seconds:.3f} s "
              f"with {queries} SQL statements (target < 1 s)")
        runs = {sync: bench_delivery(Path(folder), sync) for sync in ("FULL", "NORMAL")}
    for run in runs.values():
        print(f"delivery, SQLite outbox at synchronous={run.synchronous}: {MAILS} mails of {run.bytes_per_mail} bytes "
              f"to aiosmtpd (own process), {BATCH} per connection: {run.mails_per_s:.0f} mails/s; raw smtplib with "
              f"the same bytes: {run.raw_mails_per_s:.0f} mails/s; ratio {run.ratio:.2f} (targets >= 500, >= 0.8)")
    full, normal = runs["FULL"], runs["NORMAL"]
    load = [round(x, 2) for x in os.getloadavg()]
    print(f"load average (1, 5, 15 min): {load}")
    print(json.dumps({"plan_seconds": round(plan_seconds, 4), "plan_from_database_seconds": round(read_seconds, 4),
                      "mails_per_s": round(full.mails_per_s, 1), "raw_mails_per_s": round(full.raw_mails_per_s, 1),
                      "ratio": round(full.ratio, 3), "mails_per_s_normal": round(normal.mails_per_s, 1),
                      "raw_mails_per_s_normal": round(normal.raw_mails_per_s, 1),
                      "ratio_normal": round(normal.ratio, 3), "loadavg": load}))


if __name__ == "__main__":
    main()
