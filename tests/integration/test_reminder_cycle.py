"""One meeting's whole cycle with a controllable clock and a real SMTP server: who received what, when, in
which language; restarts, racing schedulers, moved and cancelled meetings."""

import threading
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import select

from config import Settings
from models.enums import MeetingStatus
from models.meeting import Meeting
from models.outbox import OutboxMessage, OutboxStatus
from notifications.outbox.delivery import transport_for
from scheduler import LeaderLock, run_cycle
from tests.support.factories import World
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation
from workflow.recommendations.lifecycle import fire

BERLIN = ZoneInfo("Europe/Berlin")
MEETING = datetime(2026, 6, 16, 10, 0, tzinfo=BERLIN)



@pytest.fixture
def settings(smtp) -> Settings:
    smtp.inbox.clear()
    return Settings(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none",
                    smtp_from="Geschäftsstelle <gs@example.org>", base_url="https://recoflow.example.org")


def at(day: date, hour: int = 9, minute: int = 5) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def move_meeting(world: World, start: datetime, status: MeetingStatus = MeetingStatus.PLANNED) -> None:
    with unit_of_work(world.db) as session:
        meeting = session.get(Meeting, world.meeting.id)
        assert meeting is not None
        meeting.starts_at, meeting.status = start, status
        session.add(meeting)
        session.commit()


def working_days(first: date, last: date):
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


def received(smtp) -> list[tuple[str, str, str]]:
    """(recipient, kind, language) of every mail the server accepted."""
    return [(rcpt, m["X-Recoflow-Kind"], m["Content-Language"]) for rcpt, m in smtp.inbox.messages]


def _kind(message) -> str:
    subject = message["Subject"]
    for prefix, kind in (("Aufruf", "call"), ("Call for", "call"), ("Antragsschluss", "deadline"),
                         ("Einladung", "invitation"), ("Invitation", "invitation"), ("Erinnerung", "reminder"),
                         ("Reminder", "reminder"), ("Ergebnis", "result"), ("Handlungsempfehlung", "forwarding"),
                         ("Umsetzungsbericht", "report_due"), ("Abgesagt", "cancel"), ("Cancelled", "cancel"),
                         ("Geänderte", "update"), ("Updated", "update")):
        if subject.startswith(prefix):
            return kind
    return subject


def test_a_whole_meeting_cycle_from_the_call_to_the_review_report_request(world: World, settings: Settings, smtp):
    move_meeting(world, MEETING)
    draft = world.recommendation(title="Entwurf der AG")
    world.recommendation(title="Schon fertig", group=world.other_group)
    transport = transport_for(settings)
    sent_days: dict[tuple[str, str], date] = {}

    def run_until(last: date, first: date) -> None:
        for day in working_days(first, last):
            before = len(smtp.inbox.messages)
            run_cycle(world.db, settings, at(day), transport)
            for rcpt, message in smtp.inbox.messages[before:]:
                sent_days.setdefault((rcpt, _kind(message)), day)

    run_until(date(2026, 4, 28), date(2026, 4, 1))
    # Our first draft is submitted and a new one started; the other group's draft stays a draft.
    with unit_of_work(world.db) as s:
        fire(s, draft.id or 0, "submit", actor=world.lead, now=at(date(2026, 4, 28), 12))
    world.recommendation(title="Noch ein Entwurf")
    run_until(date(2026, 5, 1), date(2026, 4, 29))
    with unit_of_work(world.db) as s:
        fire(s, draft.id or 0, "schedule", actor=world.secretariat, now=at(date(2026, 5, 1), 12),
             meeting_id=world.meeting.id)
    run_until(date(2026, 6, 16), date(2026, 5, 2))
    assert sent_days[("lead@example.org", "call")] == date(2026, 4, 21)
    assert sent_days[("otherlead@example.org", "call")] == date(2026, 4, 21)
    assert sent_days[("lead@example.org", "deadline")] == date(2026, 5, 1)
    assert ("otherlead@example.org", "deadline") in sent_days  # its own draft "Schon fertig" is still a draft
    assert sent_days[("member@example.org", "invitation")] == date(2026, 6, 2)
    assert sent_days[("chair@example.org", "reminder")] == date(2026, 6, 12)  # the Sunday before moves to Friday
    languages = {(rcpt, lang) for rcpt, _kind_, lang in received(smtp)}
    assert ("member@example.org", "en") in languages and ("chair@example.org", "de") in languages
    counts = Counter((rcpt, _kind(m)) for rcpt, m in smtp.inbox.messages)
    assert max(counts.values()) == 1, counts
    for _rcpt, message in smtp.inbox.messages:
        assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    [invitation] = [m for m in smtp.inbox.to("member@example.org") if m["X-Recoflow-Kind"] == "invitation"]
    assert "Entwurf der AG" in invitation.get_body(("plain",)).get_content()
    assert "Noch ein Entwurf" in next(m for m in smtp.inbox.to("lead@example.org")
                                      if m["X-Recoflow-Kind"] == "deadline_near").get_body(("html",)).get_content()
    event = next(iter(Calendar.from_ical(next(invitation.iter_attachments()).get_content()).walk("VEVENT")))
    assert event.decoded("DTSTART") == MEETING
    # The vote at the meeting, its result to the lead, the forwarding to the bodies with their links.
    review_day = at(date(2027, 2, 16), 10)
    with unit_of_work(world.db) as s:
        s.add(Meeting(title="Sitzung zur Überprüfung", starts_at=review_day))
        s.commit()
    smtp.inbox.clear()
    with unit_of_work(world.db) as s:
        fire(s, draft.id or 0, "open_vote", actor=world.chair, now=at(MEETING.date(), 11), meeting_id=world.meeting.id)
        fire(s, draft.id or 0, "close_vote", actor=world.chair, now=at(MEETING.date(), 12), outcome="adopted",
             meeting_id=world.meeting.id)
        forward_recommendation(s, draft.id or 0, [], world.secretariat, at(date(2026, 6, 22), 10))
    run_until(date(2026, 6, 23), date(2026, 6, 23))
    assert [_kind(m) for m in smtp.inbox.to("lead@example.org")] == ["result"]
    forwarding = smtp.inbox.to("stadt@example.org")
    assert [_kind(m) for m in forwarding] == ["forwarding"]
    assert "/stelle/" in forwarding[0].get_body(("plain",)).get_content()
    with world.db.read() as s:
        stored = s.exec(select(OutboxMessage).where(OutboxMessage.kind == "forwarding")).all()
    assert stored and not any("/stelle/" in row.body_text + row.body_html for row in stored)  # only hashes stored
    smtp.inbox.clear()
    run_until(date(2027, 1, 6), date(2026, 12, 20))
    report_requests = [(rcpt, day) for (rcpt, kind), day in sent_days.items() if kind == "report_due"]
    assert sorted(report_requests) == [("landkreis@example.org", date(2027, 1, 5)),
                                       ("stadt@example.org", date(2027, 1, 5))]


def test_a_moved_meeting_sends_no_stale_reminder_and_an_update_to_those_invited(world, settings, smtp):
    move_meeting(world, MEETING)
    transport = transport_for(settings)
    run_cycle(world.db, settings, at(date(2026, 6, 2)), transport)
    assert len(smtp.inbox.to("member@example.org")) == 1
    move_meeting(world, MEETING + timedelta(days=14), MeetingStatus.MOVED)
    smtp.inbox.clear()
    for day in working_days(date(2026, 6, 3), date(2026, 6, 30)):
        run_cycle(world.db, settings, at(day), transport)
    kinds = [(_kind(m), m["Subject"]) for m in smtp.inbox.to("member@example.org")]
    assert [k for k, _s in kinds] == ["update", "reminder"], kinds
    update = smtp.inbox.to("member@example.org")[0]
    event = next(iter(Calendar.from_ical(next(update.iter_attachments()).get_content()).walk("VEVENT")))
    assert event["SEQUENCE"] == 1 and event.decoded("DTSTART") == MEETING + timedelta(days=14)


def test_a_cancelled_meeting_sends_a_cancel_and_nothing_else(world, settings, smtp):
    move_meeting(world, MEETING)
    transport = transport_for(settings)
    run_cycle(world.db, settings, at(date(2026, 6, 2)), transport)
    move_meeting(world, MEETING, MeetingStatus.CANCELLED)
    smtp.inbox.clear()
    for day in working_days(date(2026, 6, 3), date(2026, 6, 20)):
        run_cycle(world.db, settings, at(day), transport)
    for address in ("member@example.org", "chair@example.org", "deputy@example.org"):
        [cancel] = smtp.inbox.to(address)
        ics = Calendar.from_ical(next(cancel.iter_attachments()).get_content())
        assert str(ics["METHOD"]) == "CANCEL"
    assert {rcpt for rcpt, _m in smtp.inbox.messages} == {"member@example.org", "chair@example.org",
                                                           "deputy@example.org"}


def test_a_scheduler_down_over_a_reminder_catches_up_once_within_the_grace_period_and_skips_older(world, settings,
                                                                                                 smtp):
    move_meeting(world, MEETING)
    transport = transport_for(settings)
    # Down from before the invitation (2 June) until the next morning: caught up once, then never again.
    run_cycle(world.db, settings, at(date(2026, 6, 3), 8), transport)
    run_cycle(world.db, settings, at(date(2026, 6, 3), 8, 30), transport)
    assert len(smtp.inbox.to("member@example.org")) == 1
    # Down from 10 June to 16 June: the meeting reminder of 12 June is older than 48 hours, recorded as skipped.
    smtp.inbox.clear()
    run_cycle(world.db, settings, at(date(2026, 6, 15), 8), transport)
    assert smtp.inbox.to("member@example.org") == []
    with world.db.read() as s:
        skipped = s.exec(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.SKIPPED)).all()
    # To the two seat holders (chair and member); the member's deputy is not asked while the member may come.
    assert {r.kind for r in skipped} == {"meeting_reminder"} and len(skipped) == 2


def test_a_restart_in_the_middle_of_a_delivery_sends_no_duplicates(world, settings, smtp):
    move_meeting(world, MEETING)
    now = at(date(2026, 6, 2))
    with unit_of_work(world.db) as s:
        from notifications.outbox.reminder_mail import materialise_due_reminders

        materialise_due_reminders(s, settings, now)
    from notifications.outbox.claims import claim_batch
    from notifications.outbox.delivery import deliver_due

    claimed = claim_batch(world.db, now, 2)  # the process dies holding two claims
    assert len(claimed) == 2
    run_cycle(world.db, settings, now + timedelta(minutes=1), transport_for(settings))
    deliver_due(world.db, transport_for(settings), settings, now + timedelta(minutes=15))  # lease expired
    run_cycle(world.db, settings, now + timedelta(minutes=20), transport_for(settings))
    counts = Counter(rcpt for rcpt, _m in smtp.inbox.messages)
    assert counts == {"member@example.org": 1, "chair@example.org": 1, "deputy@example.org": 1}


def test_two_schedulers_at_once_send_each_mail_once(world, settings, smtp):
    move_meeting(world, MEETING)
    errors: list[BaseException] = []
    # Both read the same clock: they run through the same days side by side.
    same_time = threading.Barrier(2, timeout=60)

    def scheduler() -> None:
        try:
            for day in working_days(date(2026, 5, 28), date(2026, 6, 16)):
                same_time.wait()
                run_cycle(world.db, settings, at(day), transport_for(settings))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    counts = Counter((rcpt, _kind(m)) for rcpt, m in smtp.inbox.messages)
    assert counts and set(counts.values()) == {1}, counts


def test_a_second_scheduler_waits_as_standby_and_takes_over_when_the_first_stops(database):
    first, second = LeaderLock(database), LeaderLock(database)
    assert first.try_acquire() is True
    assert second.try_acquire() is False
    first.release()
    assert second.try_acquire() is True
    second.release()
