"""What moving or cancelling a meeting would do, shown before it is confirmed: the deadlines and reminder dates
derived from the meeting's date (old → new, and which would lie in the past), the bodies' reports that would turn
overdue, the mails already sent and the invitations to be updated, and on cancelling the agenda items that move.

Nothing is written. The move is checked by ``check_move`` and applied by ``reschedule`` to a detached copy of the
meeting, the very functions ``move_meeting`` uses; the dates then come from the same functions the rest of the house
reads them from (``submission_deadline``, ``report_due_at``, the reminder plan), so the preview cannot drift.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlmodel import Session, col, select

from config import get_settings
from models.forwarding import Forwarding, ReviewRound
from models.meeting import Meeting
from models.outbox import OutboxMessage
from models.people import Person
from workflow.engine.clock import require_aware
from workflow.engine.read_model import ReadModel
from workflow.engine.states import RecommendationState
from workflow.forwarding.accountability import ForwardingRow, forwarding_rows, is_overdue
from workflow.forwarding.review_calendar import report_due_at
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import PlannedReminder, ReminderKind, ReminderPolicy, plan_meeting
from workflow.strategy_group.agenda import agenda_items, roll_over_target
from workflow.strategy_group.meetings import check_cancel, check_move, reschedule, submission_deadline

# The dates a move shifts, in the order the preview lists them (the reminder kinds are those of the plan).
SUBMISSION_DEADLINE = "submission_deadline"
REPORT_DUE = "report_due"
_MEETING_REMINDERS = (ReminderKind.CALL_FOR_RECOMMENDATIONS, ReminderKind.DEADLINE_NEAR, ReminderKind.INVITATION,
                      ReminderKind.MEETING_REMINDER)


# One date derived from the meeting's: before and after the move, whether the new one has passed, and how many
# mails planned for the old one are already in the outbox.
class DateShift(ReadModel):
    what: str
    before: datetime
    after: datetime
    past: bool
    sent: int = 0


# A body whose report on a recommendation reviewed at this meeting would be overdue at once after the move.
class TurnsOverdue(ReadModel):
    body: str
    number: str | None
    title: str
    due_before: datetime
    due_after: datetime


# What moving a meeting to ``starts_after`` would do.
class MovePreview(ReadModel):
    meeting_id: int
    title: str
    starts_before: datetime
    starts_after: datetime
    ends_after: datetime | None
    dates: list[DateShift]
    overdue: list[TurnsOverdue]
    invited: int  # people already invited: they receive an updated invitation as soon as it is confirmed
    mails_sent: int  # mails about this meeting already sent or queued


# An agenda item that would move because the meeting is cancelled.
class ItemToMove(ReadModel):
    id: int
    number: str | None
    title: str


# What cancelling a meeting would do.
class CancelPreview(ReadModel):
    meeting_id: int
    title: str
    items: list[ItemToMove]
    target_id: int | None
    target_title: str | None
    target_starts_at: datetime | None
    invited: int  # people already invited: they receive the cancellation
    mails_sent: int
    reviews: int  # reviews of forwarded recommendations planned at this meeting: they need another meeting


def move_preview(session: Session, meeting_id: int, starts_at: datetime, *, actor: Person, now: datetime,
                 ends_at: datetime | None = None) -> MovePreview:
    """What moving the meeting to ``starts_at`` would change; refused exactly as the move would be."""
    now = require_aware(now)
    meeting = check_move(session, meeting_id, starts_at, actor=actor, now=now, ends_at=ends_at)
    moved = Meeting(**meeting.model_dump())  # detached: never added to the session
    reschedule(moved, starts_at, ends_at)
    facts = load_calendar_facts(session, now, meeting_id)
    before_facts = facts.meetings[0]
    after_facts = replace(before_facts, starts_at=moved.starts_at, ends_at=moved.ends_at, status=moved.status.value,
                          sequence=moved.sequence)
    policy = ReminderPolicy.from_settings(get_settings())
    before_plan = list(plan_meeting(before_facts, facts.groups, policy, now))
    after_plan = list(plan_meeting(after_facts, facts.groups, policy, now))
    sent = _in_outbox(session, before_plan)
    dates = [DateShift(what=SUBMISSION_DEADLINE, before=submission_deadline(meeting), after=submission_deadline(moved),
                       past=submission_deadline(moved) <= now)]
    rows = _reviewed_here(session, meeting_id, now)
    if rows:
        dates.append(DateShift(what=REPORT_DUE, before=report_due_at(meeting), after=report_due_at(moved),
                               past=report_due_at(moved) <= now))
    announced = before_facts.announced is not None and not before_facts.announced.cancelled
    for kind in _MEETING_REMINDERS:
        if kind == ReminderKind.INVITATION and announced:
            continue  # the invitation went out: those invited get the update at once (``invited``)
        old, new = _first(before_plan, kind), _first(after_plan, kind)
        if old is not None and new is not None:
            dates.append(DateShift(what=kind.value, before=old, after=new, past=new <= now,
                                   sent=sum(1 for r in before_plan if r.kind == kind and r.dedupe_key in sent)))
    overdue = [TurnsOverdue(body=r.body, number=r.recommendation_number, title=r.recommendation_title,
                            due_before=report_due_at(meeting), due_after=report_due_at(moved))
               for r in rows if not r.overdue and is_overdue(r.report_missing, report_due_at(moved), now)]
    return MovePreview(meeting_id=meeting_id, title=meeting.title, starts_before=meeting.starts_at,
                       starts_after=moved.starts_at, ends_after=moved.ends_at, dates=dates, overdue=overdue,
                       invited=len(before_facts.members) if announced else 0,
                       mails_sent=_mails_about(session, meeting_id))


def cancel_preview(session: Session, meeting_id: int, *, actor: Person, now: datetime) -> CancelPreview:
    """What cancelling the meeting would change; refused exactly as the cancellation would be."""
    now = require_aware(now)
    meeting = check_cancel(session, meeting_id, actor=actor, now=now)
    target = roll_over_target(session, meeting, now)
    items = [ItemToMove(id=rec.id or 0, number=rec.number, title=rec.title)
             for _item, rec in agenda_items(session, meeting_id) if rec.state == RecommendationState.SCHEDULED]
    facts = load_calendar_facts(session, now, meeting_id).meetings[0]
    announced = facts.announced is not None and not facts.announced.cancelled
    reviews = session.exec(select(ReviewRound.id).where(ReviewRound.meeting_id == meeting_id,
                                                        col(ReviewRound.concluded_at).is_(None))).all()
    return CancelPreview(meeting_id=meeting_id, title=meeting.title, items=items,
                         target_id=target.id if target else None, target_title=target.title if target else None,
                         target_starts_at=target.starts_at if target else None,
                         invited=len(facts.members) if announced else 0, mails_sent=_mails_about(session, meeting_id),
                         reviews=len(reviews))


def _first(plan: Iterable[PlannedReminder], kind: ReminderKind) -> datetime | None:
    return min((r.send_at for r in plan if r.kind == kind), default=None)


def _in_outbox(session: Session, plan: list[PlannedReminder]) -> set[str]:
    keys = [r.dedupe_key for r in plan]
    if not keys:
        return set()
    return set(session.exec(select(OutboxMessage.dedupe_key).where(col(OutboxMessage.dedupe_key).in_(keys))).all())


def _mails_about(session: Session, meeting_id: int) -> int:
    """Mails about the meeting (or its calls to the working groups) already in the outbox."""
    ref = f"meeting:{meeting_id}"
    return len(session.exec(select(OutboxMessage.id).where(
        (col(OutboxMessage.subject_ref) == ref) | col(OutboxMessage.subject_ref).startswith(f"{ref}:"))).all())


def _reviewed_here(session: Session, meeting_id: int, now: datetime) -> list[ForwardingRow]:
    """The forwardings whose current review round is planned at this meeting, as the accountability reads them."""
    rec_ids = session.exec(select(ReviewRound.recommendation_id).where(
        ReviewRound.meeting_id == meeting_id, col(ReviewRound.concluded_at).is_(None))).all()
    if not rec_ids:
        return []
    forwardings = session.exec(select(Forwarding).where(col(Forwarding.recommendation_id).in_(set(rec_ids)))
                               .order_by(col(Forwarding.id))).all()
    return [r for r in forwarding_rows(session, now, forwardings) if r.review_meeting_id == meeting_id]

