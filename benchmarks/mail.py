"""Benchmark: planning a year's reminders (3 meetings, 100 working groups, 500 bodies) and delivering mail to a
local SMTP server. The plan is timed twice: the pure function on facts in memory, and as the scheduler runs it,
reading the facts from a SQLite file holding that year. Prints figures and ends with one JSON line:
{"plan_seconds": ..., "plan_from_database_seconds": ..., "mails_per_s": ...}."""

import json
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# The repository, not this folder, comes first: benchmarks/transitions.py would shadow the transitions package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import sqlalchemy as sa

from config import Settings
from migrations import upgrade_to_head
from models.db import Database
from models.enums import MeetingKind, OrganisationKind, Role
from models.forwarding import Forwarding, ReviewRound
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.people import Organisation, Person, RoleAssignment
from models.recommendation import Recommendation
from models.strategy import AgendaItem as AgendaEntry
from models.strategy import Attendance, AttendanceStatus, Ballot, Choice, Vote, VoteItem, VoteMode
from notifications.compose.kinds import MessageKind
from notifications.compose.samples import sample_context
from notifications.outbox.delivery import deliver_due, transport_for
from notifications.outbox.queue import enqueue
from tests.support.mail import free_port
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import (
    AgendaItem,
    CalendarFacts,
    GroupFacts,
    MeetingFacts,
    Recipient,
    ReminderPolicy,
    ReportFacts,
    plan_reminders,
)
from workflow.reminders.seats import OpenVote, SeatFacts
from workflow.strategy_group.seats import ensure_default_seats

BERLIN = ZoneInfo("Europe/Berlin")
MAILS = 1000


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
        read_seconds, planned, queries = bench_plan_from_database(Path(folder))
        print(f"plan read from the database: {planned} reminders from that year's rows in {read_seconds:.3f} s "
              f"with {queries} SQL statements (target < 1 s)")
        rate = bench_delivery(Path(folder))
    print(f"delivery: {MAILS} mails to a local SMTP server (SQLite outbox) at {rate:.0f} mails/s (target >= 100)")
    print(json.dumps({"plan_seconds": round(plan_seconds, 4), "plan_from_database_seconds": round(read_seconds, 4),
                      "mails_per_s": round(rate, 1)}))


if __name__ == "__main__":
    main()
