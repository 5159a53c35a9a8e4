"""The secretariat's two forwarding queues on the dashboard, read in the database: the first forwardings still
without a receipt, and the first whose report is overdue. Each reads the rows it shows and no others, so the
dashboard costs the same with ten forwardings or a hundred thousand."""

from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from config import get_settings
from models.forwarding import Forwarding, ForwardingState, ImplementationReport, ReportStatus, ReviewRound
from models.meeting import Meeting
from models.recommendation import Recommendation
from workflow.engine.clock import require_aware
from workflow.forwarding.accountability import AWAITING_STATES, ForwardingRow, forwarding_rows
from workflow.forwarding.review_calendar import report_due_at


def forwarding_queues(session: Session, now: datetime, limit: int) -> tuple[list[ForwardingRow], list[ForwardingRow]]:
    """The first ``limit`` forwardings without a receipt and the first ``limit`` with an overdue report, each by
    when they were sent (their facts read once for both)."""
    now = require_aware(now)
    unanswered = session.exec(select(Forwarding).where(col(Forwarding.state) == ForwardingState.SENT,
                                                       col(Forwarding.acknowledged_at).is_(None))
                              .order_by(col(Forwarding.id)).limit(limit)).all()
    late = _overdue(session, now, limit)
    rows = {row.forwarding_id: row for row in forwarding_rows(
        session, now, list({f.id: f for f in [*unanswered, *late]}.values()))}
    return ([rows[f.id or 0] for f in unanswered],
            [rows[f.id or 0] for f in late if rows[f.id or 0].overdue])


def _meetings_past_due(session: Session, now: datetime) -> list[int]:
    """Meetings of open review rounds whose reports are due before ``now`` (a few per year, not per forwarding)."""
    # The due date is counted on the local calendar (report_due_at); a day's margin keeps every candidate.
    horizon = now + timedelta(days=get_settings().report_due_days_before_review + 1)
    open_rounds = select(ReviewRound.meeting_id).where(col(ReviewRound.concluded_at).is_(None))
    meetings = session.exec(select(Meeting).where(col(Meeting.starts_at) < horizon,
                                                  col(Meeting.id).in_(open_rounds))).all()
    return [m.id or 0 for m in meetings if now > report_due_at(m)]


def _overdue(session: Session, now: datetime, limit: int) -> Sequence[Forwarding]:
    """The first ``limit`` forwardings whose report is overdue: the rule of ``ForwardingRow.overdue`` (the newest
    round is open and its meeting's due date passed, no report in this round, and the body's latest answer is not
    "not responsible"), asked of the database."""
    meetings = _meetings_past_due(session, now)
    current, later, earlier = aliased(ReviewRound), aliased(ReviewRound), aliased(ReviewRound)
    report, newer = aliased(ImplementationReport), aliased(ImplementationReport)
    round_of_rec = col(current.recommendation_id)
    baseline = sa.func.coalesce(
        select(sa.func.max(col(earlier.last_report_id))).where(col(earlier.recommendation_id) == round_of_rec,
                                                               col(earlier.number) < col(current.number))
        .correlate(current).scalar_subquery(), 0)
    this_forwarding = col(report.forwarding_id) == col(Forwarding.id)
    # Subqueries two levels down name what they correlate with (SQLAlchemy correlates only one level itself).
    reported_in_round = select(col(report.id)).where(this_forwarding, col(report.id) > baseline)
    latest_not_responsible = select(col(report.id)).where(
        this_forwarding, col(report.status) == ReportStatus.NOT_RESPONSIBLE,
        ~select(col(newer.id)).where(col(newer.forwarding_id) == col(Forwarding.id),
                                     col(newer.id) > col(report.id)).correlate(Forwarding, report).exists())
    return session.exec(
        select(Forwarding)
        .join(Recommendation, col(Recommendation.id) == col(Forwarding.recommendation_id))
        .join(current, round_of_rec == col(Forwarding.recommendation_id))
        .where(col(Recommendation.state).in_([state.value for state in AWAITING_STATES]),
               col(current.meeting_id).in_(meetings), col(current.concluded_at).is_(None),
               ~select(col(later.id)).where(col(later.recommendation_id) == round_of_rec,
                                            col(later.number) > col(current.number)).exists(),
               ~reported_in_round.exists(), ~latest_not_responsible.exists())
        .order_by(col(Forwarding.id)).limit(limit)).all()
