"""The reminder plan: which reminder goes to whom at what time, as pure functions of the calendar's facts.

No I/O and no clock: the facts and ``now`` are passed in. Days are counted on the network's local calendar and
every reminder is placed at the start of office hours on a working day, so summer-time changes never shift it.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from workflow.engine.clock import at_local
from workflow.reminders.addressees import AgendaItem, Recipient
from workflow.reminders.seats import OpenVote, SeatFacts, ballots_due, seat_members, unconfirmed

# Meetings in these statuses still lie ahead as planned (a moved meeting is planned at its new time).
ACTIVE_STATUSES = ("planned", "moved")


class ReminderKind(StrEnum):
    """The mails the calendar plans; the values are message kinds of ``notifications``."""

    CALL_FOR_RECOMMENDATIONS = "call_for_recommendations"
    DEADLINE_NEAR = "deadline_near"
    INVITATION = "invitation"
    MEETING_REMINDER = "meeting_reminder"
    VOTE_REMINDER = "vote_reminder"
    REPORT_DUE = "report_due"
    REPORT_OVERDUE = "report_overdue"
    MEETING_CANCELLED = "meeting_cancelled"


@dataclass(frozen=True)
class Announcement:
    """What calendars were last told about a meeting."""

    sequence: int
    start: datetime
    cancelled: bool = False


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting or written procedure (whose ``starts_at`` is the voting deadline) and who it concerns."""

    id: int
    title: str
    kind: str
    starts_at: datetime
    status: str
    location: str = ""
    online_url: str = ""
    agenda: tuple[AgendaItem, ...] = ()
    # The strategy group's seats with this meeting's recorded attendance; invitations go to all their people.
    seats: tuple[SeatFacts, ...] = ()
    # Open votes of a written procedure, with the seats that have voted.
    votes: tuple[OpenVote, ...] = ()
    announced: Announcement | None = None
    # The meeting's own change counter (it rises with each move and the cancellation) and its planned end.
    sequence: int = 0
    ends_at: datetime | None = None

    @property
    def members(self) -> tuple[Recipient, ...]:
        """Every holder and deputy of a seat, each once."""
        return seat_members(self.seats)


@dataclass(frozen=True)
class GroupFacts:
    """A working group, its leads and the titles of its recommendations still in draft."""

    id: int
    name: str
    active: bool
    leads: tuple[Recipient, ...]
    drafts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportFacts:
    """One body's implementation report on one forwarded recommendation, awaited for a review meeting."""

    forwarding_ref: str
    number: str
    title: str
    body: Recipient
    review_at: datetime
    report_missing: bool
    link: str = "/"
    body_name: str = ""


@dataclass(frozen=True)
class CalendarFacts:
    """Everything the plan is computed from."""

    meetings: tuple[MeetingFacts, ...] = ()
    groups: tuple[GroupFacts, ...] = ()
    reports: tuple[ReportFacts, ...] = ()
    secretariat: tuple[Recipient, ...] = ()


@dataclass(frozen=True)
class ReminderPolicy:
    """The calendar's offsets (calendar days) and office hours; defaults follow DOMAIN.md."""

    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Berlin"))
    office_start: time = time(9, 0)
    call_days: int = 56
    submission_deadline_days: int = 42
    deadline_near_days: int = 3
    invitation_days: int = 14
    meeting_reminder_days: int = 2
    vote_reminder_days: int = 3
    report_due_days: int = 42
    report_overdue_days: int = 7

    @classmethod
    def from_settings(cls, settings: Any) -> "ReminderPolicy":
        """The policy configured in ``config.Settings``."""
        return cls(
            tz=settings.tz, office_start=time(settings.office_hours_start, 0),
            call_days=settings.reminder_call_days_before,
            submission_deadline_days=settings.reminder_submission_deadline_days_before,
            deadline_near_days=settings.reminder_deadline_near_days_before,
            invitation_days=settings.reminder_invitation_days_before,
            meeting_reminder_days=settings.reminder_meeting_days_before,
            vote_reminder_days=settings.reminder_vote_days_before,
            report_due_days=settings.report_due_days_before_review,
            report_overdue_days=settings.reminder_report_overdue_days_after,
        )


@dataclass(frozen=True)
class PlannedReminder:
    """One mail the calendar wants sent at ``send_at`` (UTC) to one recipient."""

    kind: ReminderKind
    subject_ref: str
    recipient: Recipient
    send_at: datetime
    context: Mapping[str, Any]
    link: str = "/"
    # Stable part of the deduplication key: the planned local time, or the calendar SEQUENCE for invitations.
    variant: str = ""
    # For invitations and cancellations: (meeting id, SEQUENCE) of the attached calendar entry.
    calendar: tuple[int, int] | None = None

    @property
    def dedupe_key(self) -> str:
        """Kind, subject, recipient and planned time (or calendar version): the same reminder never twice."""
        variant = self.variant or self.send_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
        return f"{self.kind.value}|{self.subject_ref}|{self.recipient.key}|{variant}"


def office_instant(day: date, policy: ReminderPolicy) -> datetime:
    """Office start on ``day`` (local), moved back to the Friday before for a weekend, as a UTC instant."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return at_local(day, policy.office_start, policy.tz)


def local_day(instant: datetime, policy: ReminderPolicy) -> date:
    """The local calendar day of an instant."""
    return instant.astimezone(policy.tz).date()


def days_before(anchor: datetime, days: int, policy: ReminderPolicy) -> datetime:
    """Office start ``days`` local calendar days before ``anchor`` (negative: after)."""
    return office_instant(local_day(anchor, policy) - timedelta(days=days), policy)


def plan_reminders(facts: CalendarFacts, policy: ReminderPolicy, now: datetime) -> list[PlannedReminder]:
    """The whole plan, ordered by send time; includes reminders already due (the outbox deduplicates)."""
    plan: list[PlannedReminder] = []
    for meeting in facts.meetings:
        plan.extend(plan_meeting(meeting, facts.groups, policy, now))
    for report in facts.reports:
        plan.extend(plan_report(report, facts.secretariat, policy))
    plan.sort(key=lambda r: (r.send_at, r.kind.value, r.recipient.key))
    return plan


def plan_meeting(meeting: MeetingFacts, groups: Iterable[GroupFacts], policy: ReminderPolicy,
                 now: datetime) -> Iterator[PlannedReminder]:
    """The reminders of one meeting; a cancelled one yields only the CANCEL to those already invited."""
    ref = f"meeting:{meeting.id}"
    base = {"meeting_title": meeting.title, "meeting_start": meeting.starts_at, "location": meeting.location,
            "online_url": meeting.online_url}
    if meeting.status == "cancelled":
        announced = meeting.announced
        if announced is not None and not announced.cancelled:
            sequence = max(announced.sequence + 1, meeting.sequence)
            for person in meeting.members:
                yield PlannedReminder(ReminderKind.MEETING_CANCELLED, ref, person, now, base, f"/meetings/{meeting.id}",
                                      variant="cancel", calendar=(meeting.id, sequence))
        return
    if meeting.status not in ACTIVE_STATUSES or meeting.starts_at <= now:
        return
    if meeting.kind == "written_procedure":
        yield from _vote_reminders(meeting, policy, now)
        return
    yield from _submission_reminders(meeting, groups, policy)
    yield from _invitations(meeting, base, policy, now)
    at = days_before(meeting.starts_at, policy.meeting_reminder_days, policy)
    for person in unconfirmed(meeting.seats):
        yield PlannedReminder(ReminderKind.MEETING_REMINDER, ref, person, at, base, f"/meetings/{meeting.id}")


def _submission_reminders(meeting: MeetingFacts, groups: Iterable[GroupFacts],
                          policy: ReminderPolicy) -> Iterator[PlannedReminder]:
    ref = f"meeting:{meeting.id}"
    deadline = local_day(meeting.starts_at, policy) - timedelta(days=policy.submission_deadline_days)
    call_at = days_before(meeting.starts_at, policy.call_days, policy)
    near_at = office_instant(deadline - timedelta(days=policy.deadline_near_days), policy)
    for group in groups:
        if not group.active:
            continue
        context = {"meeting_title": meeting.title, "meeting_start": meeting.starts_at, "deadline": deadline,
                   "group_name": group.name}
        for lead in group.leads:
            yield PlannedReminder(ReminderKind.CALL_FOR_RECOMMENDATIONS, f"{ref}:group:{group.id}", lead, call_at,
                                  context, f"/groups/{group.id}")
            if group.drafts:
                yield PlannedReminder(ReminderKind.DEADLINE_NEAR, f"{ref}:group:{group.id}", lead, near_at,
                                      {**context, "drafts": list(group.drafts)}, f"/groups/{group.id}")


def _invitations(meeting: MeetingFacts, base: Mapping[str, Any], policy: ReminderPolicy,
                 now: datetime) -> Iterator[PlannedReminder]:
    ref = f"meeting:{meeting.id}"
    announced = meeting.announced
    at = days_before(meeting.starts_at, policy.invitation_days, policy)
    # The SEQUENCE is the meeting's change counter, as on the page's .ics (never below what calendars were told;
    # an invitation already sent keeps its own, so that it is not sent again).
    sequence, updated = meeting.sequence, False
    if announced is not None:
        sequence = announced.sequence
        if announced.start != meeting.starts_at or announced.cancelled:
            # Calendars hold the old time: tell them now, as a new version of the same entry.
            sequence, updated, at = max(announced.sequence + 1, meeting.sequence), True, now
    context = {**base, "agenda": [{"number": i.number, "title": i.title} for i in meeting.agenda],
               "updated": updated}
    for person in meeting.members:
        yield PlannedReminder(ReminderKind.INVITATION, ref, person, at, context, f"/meetings/{meeting.id}",
                              variant=f"seq{sequence}", calendar=(meeting.id, sequence))


def _vote_reminders(procedure: MeetingFacts, policy: ReminderPolicy, now: datetime) -> Iterator[PlannedReminder]:
    """Each person answering for a seat that has not voted: the items still open for them, before the deadline."""
    for due in ballots_due(procedure.seats, [v for v in procedure.votes if v.deadline > now]):
        at = days_before(due.deadline, policy.vote_reminder_days, policy)
        context = {"procedure_title": procedure.title, "deadline": due.deadline,
                   "items": [{"number": i.number, "title": i.title} for i in due.items]}
        yield PlannedReminder(ReminderKind.VOTE_REMINDER, f"meeting:{procedure.id}", due.recipient, at, context,
                              f"/meetings/{procedure.id}")


def plan_report(report: ReportFacts, secretariat: Iterable[Recipient],
                policy: ReminderPolicy) -> Iterator[PlannedReminder]:
    """Report request before the review meeting, then the overdue notice (copied to the secretariat)."""
    if not report.report_missing:
        return
    # The due date is the review's local day minus the offset, as in ``review_calendar.report_due_at``.
    due_day = local_day(report.review_at, policy) - timedelta(days=policy.report_due_days)
    context = {"body_name": report.body_name or report.body.name, "number": report.number, "title": report.title,
               "due_date": due_day}
    yield PlannedReminder(ReminderKind.REPORT_DUE, report.forwarding_ref, report.body, office_instant(due_day, policy),
                          context, report.link)
    overdue_at = office_instant(due_day + timedelta(days=policy.report_overdue_days), policy)
    for recipient in (report.body, *secretariat):
        link = report.link if recipient is report.body else "/reports"
        yield PlannedReminder(ReminderKind.REPORT_OVERDUE, report.forwarding_ref, recipient, overdue_at, context,
                              link)
