"""Turning due reminders of the plan into outbox rows: once each, late ones within the grace period, older ones
recorded as skipped; invitations and cancellations carry the meeting's calendar entry."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from config import Settings
from models.outbox import MeetingAnnouncement, OutboxMessage, OutboxStatus
from notifications.compose.calendar import MeetingEntry, meeting_ics
from notifications.compose.kinds import MessageKind
from notifications.compose.rendering import PERSONAL_LINK, Attachment
from notifications.outbox.notes import OutboxNote, note
from notifications.outbox.queue import enqueue
from workflow.engine.clock import require_aware
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import (
    CalendarFacts,
    MeetingFacts,
    PlannedReminder,
    ReminderKind,
    ReminderPolicy,
    plan_reminders,
)

# Reminders to a body carry its personal link (issued when the mail is sent).
_PERSONAL = (ReminderKind.REPORT_DUE, ReminderKind.REPORT_OVERDUE)


@dataclass
class MaterialiseReport:
    """What one run put into the outbox."""

    enqueued: int = 0
    skipped: int = 0
    keys: list[str] = field(default_factory=list)


def due_reminders(facts: CalendarFacts, policy: ReminderPolicy, now: datetime,
                  lookback: timedelta) -> list[PlannedReminder]:
    """The planned reminders whose time has come (looking back at most ``lookback``)."""
    return [r for r in plan_reminders(facts, policy, now) if now - lookback <= r.send_at <= now]


def materialise_due_reminders(session: Session, settings: Settings, now: datetime) -> MaterialiseReport:
    """Enqueue every due reminder not yet in the outbox, in one transaction, and commit."""
    now = require_aware(now)
    facts = load_calendar_facts(session, now)
    due = due_reminders(facts, ReminderPolicy.from_settings(settings), now,
                        timedelta(days=settings.reminder_lookback_days))
    existing = set(session.exec(select(OutboxMessage.dedupe_key).where(
        col(OutboxMessage.dedupe_key).in_([r.dedupe_key for r in due]))).all()) if due else set()
    meetings = {m.id: m for m in facts.meetings}
    grace = timedelta(hours=settings.reminder_grace_hours)
    report = MaterialiseReport()
    for reminder in due:
        if reminder.dedupe_key in existing:
            continue
        late = now - reminder.send_at > grace
        added = _enqueue_reminder(session, settings, reminder, meetings, now, late)
        if added:
            report.keys.append(reminder.dedupe_key)
            if late:
                report.skipped += 1
            else:
                report.enqueued += 1
    return report


def _enqueue_reminder(session: Session, settings: Settings, reminder: PlannedReminder,
                      meetings: dict[int, MeetingFacts], now: datetime, late: bool) -> bool:
    context: dict[str, Any] = {**reminder.context, "link": reminder.link}
    attachments: tuple[Attachment, ...] = ()
    if reminder.calendar is not None and not late:
        meeting_id, sequence = reminder.calendar
        meeting = meetings[meeting_id]
        cancelled = reminder.kind == ReminderKind.MEETING_CANCELLED
        entry = MeetingEntry(meeting_id, meeting.title, meeting.starts_at, meeting.location, meeting.online_url,
                             reminder.link, sequence, cancelled=cancelled, ends_at=meeting.ends_at,
                             agenda=tuple((i.number, i.title) for i in meeting.agenda))
        attachments = (meeting_ics(entry, organizer=settings.smtp_from, network_name=settings.network_name,
                                   base_url=settings.base_url, now=now, language=reminder.recipient.language),)
        _announce(session, meeting_id, sequence, meeting.starts_at, cancelled, now)
    if reminder.recipient.organisation_id is not None and reminder.kind in _PERSONAL:
        # A fresh link that replaces the body's older ones once the mail is accepted; the mail says so.
        context["link"], context["newest_link"] = PERSONAL_LINK, True
    late_note = note(OutboxNote.LATE, planned_for=reminder.send_at) if late else ""
    return enqueue(session, kind=MessageKind(reminder.kind.value), recipient=reminder.recipient, context=context,
                   dedupe_key=reminder.dedupe_key, now=now, subject_ref=reminder.subject_ref,
                   planned_for=reminder.send_at, attachments=attachments,
                   status=OutboxStatus.SKIPPED if late else OutboxStatus.QUEUED, note=late_note, settings=settings)


def _announce(session: Session, meeting_id: int, sequence: int, start: datetime, cancelled: bool,
              now: datetime) -> None:
    """Record what calendars were told; an upsert, so that two schedulers racing do not fail each other."""
    table: Any = MeetingAnnouncement.__table__  # type: ignore[attr-defined]
    insert: Any = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    values = {"meeting_id": meeting_id, "sequence": sequence, "announced_start": start, "cancelled": cancelled,
              "updated_at": now}
    statement = insert(table).values(**values)
    session.execute(statement.on_conflict_do_update(
        index_elements=["meeting_id"], set_={k: statement.excluded[k] for k in values if k != "meeting_id"},
        where=table.c.sequence <= sequence))
