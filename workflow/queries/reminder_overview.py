"""The secretariat's office views: who may see them, and the reminder plan as rows a person can read."""

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models.enums import Role
from models.meeting import Meeting
from models.people import Person
from workflow.engine.clock import require_aware
from workflow.engine.errors import NotFound, NotPermitted
from workflow.engine.read_model import ReadModel
from workflow.queries.browsing import Standing
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import CalendarFacts, ReminderPolicy, plan_reminders
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import Action

# Rows shown at most: a year's plan for a large network is long, and the page says when it was cut.
PLAN_LIMIT = 500


def require_secretariat(person: Person, standing: Standing, doing: Action) -> None:
    """Refuse anyone but the secretariat."""
    if Role.SECRETARIAT not in standing.roles:
        raise NotPermitted(StrategyRefusal.ROLE_REQUIRED, name=person.name, email=person.email, doing=doing,
                           allowed=(Role.SECRETARIAT.value,))


# What a reminder is about, in words, and the meeting whose page it belongs to.
class ReminderSubject(ReadModel):
    kind: str
    title: str
    meeting_id: int | None


# One planned reminder: when, what, about what, to whom, and whether it is due already.
class PlannedReminder(ReadModel):
    send_at: datetime
    kind: str
    subject_ref: str
    about: ReminderSubject
    recipient: str
    address: str
    language: str
    due: bool


# The plan's rows (at most ``PLAN_LIMIT``), how many there are in all and whether the rows were cut.
class ReminderPlan(ReadModel):
    rows: list[PlannedReminder]
    total: int
    limited: bool


def _subjects(facts: CalendarFacts) -> dict[str, ReminderSubject]:
    """What each subject reference of the plan is about, in words and with the page it belongs to."""
    subjects: dict[str, ReminderSubject] = {}
    for meeting in facts.meetings:
        subjects[f"meeting:{meeting.id}"] = ReminderSubject(kind="meeting", title=meeting.title,
                                                            meeting_id=meeting.id)
        for group in facts.groups:
            subjects[f"meeting:{meeting.id}:group:{group.id}"] = ReminderSubject(
                kind="group", title=f"{meeting.title} – {group.name}", meeting_id=meeting.id)
    for report in facts.reports:
        subjects[report.forwarding_ref] = ReminderSubject(kind="report", title=f"{report.number}: {report.title}",
                                                          meeting_id=None)
    return subjects


def reminder_plan(session: Session, now: datetime, policy: ReminderPolicy, *, meeting_id: int | None = None,
                  include_past: bool = False) -> ReminderPlan:
    """Which reminder goes to whom when (optionally of one meeting), soonest first, from the pure plan."""
    now = require_aware(now)
    facts = load_calendar_facts(session, now, meeting_id)
    if meeting_id is not None and not facts.meetings:
        raise NotFound(StrategyRefusal.NO_MEETING, meeting=meeting_id)
    subjects = _subjects(facts)
    planned = [r for r in plan_reminders(facts, policy, now) if include_past or r.send_at >= now]
    rows = [PlannedReminder(send_at=r.send_at, kind=r.kind.value, subject_ref=r.subject_ref,
                            about=subjects.get(r.subject_ref) or ReminderSubject(kind="other", title=r.subject_ref,
                                                                                 meeting_id=None),
                            recipient=r.recipient.name, address=r.recipient.address, language=r.recipient.language,
                            due=r.send_at <= now) for r in planned[:PLAN_LIMIT]]
    return ReminderPlan(rows=rows, total=len(planned), limited=len(planned) > PLAN_LIMIT)


def plan_meetings(session: Session, now: datetime, limit: int = 50) -> list[Meeting]:
    """The meetings a plan can be filtered by: those from yesterday on, soonest first."""
    since = require_aware(now) - timedelta(days=1)
    return list(session.exec(select(Meeting).where(col(Meeting.starts_at) >= since)
                             .order_by(col(Meeting.starts_at), col(Meeting.id)).limit(limit)).all())
