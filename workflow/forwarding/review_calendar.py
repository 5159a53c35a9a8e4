"""When a forwarded recommendation is reviewed and when the bodies' reports are due (settings give the offsets)."""

import calendar
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from config import get_settings
from models.enums import MeetingKind, MeetingStatus
from models.meeting import Meeting
from workflow.engine.clock import at_local, local_shift, require_aware


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Aug + 6 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_threshold(forwarded_at: datetime) -> datetime:
    """The earliest instant a default review meeting may start: the local day, ``review_after_months`` later."""
    settings = get_settings()
    local = require_aware(forwarded_at).astimezone(settings.tz)
    day = add_months(local.date(), settings.review_after_months)
    return at_local(day, time(0, 0), settings.tz)


def default_review_meeting(session: Session, forwarded_at: datetime) -> Meeting | None:
    """The first strategy meeting (not a written procedure, not cancelled) at least six months after forwarding."""
    return session.exec(
        select(Meeting)
        .where(Meeting.kind == MeetingKind.MEETING, Meeting.status != MeetingStatus.CANCELLED,
               col(Meeting.starts_at) >= review_threshold(forwarded_at))
        .order_by(col(Meeting.starts_at), col(Meeting.id))
        .limit(1)
    ).first()


def report_due_at(meeting: Meeting) -> datetime:
    """When reports for a review at ``meeting`` are due: ``report_due_days_before_review`` days earlier (the
    reminder plan dates its report-due and overdue mails from the same setting)."""
    settings = get_settings()
    # Counted on the local calendar: the due time keeps the meeting's wall-clock time across summer-time changes.
    return local_shift(meeting.starts_at, days=-settings.report_due_days_before_review, tz=settings.tz)
