"""Effects that keep review rounds in step with the recommendation's transitions.

They run inside the transition (see ``workflow.engine.firing.fire_event``): they add or change rows and never flush,
so that the recommendation is written once per transition. They also work when an event is fired directly
(``recoflow rec fire``), not only through the review services.
"""

from sqlmodel import Session, col, func, select

from models.forwarding import Forwarding, ImplementationReport, ReviewOutcome, ReviewRound
from models.meeting import Meeting
from models.strategy import AgendaPurpose
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.rules import TransitionContext, TransitionRule
from workflow.forwarding.refusals import ReviewRefusal
from workflow.forwarding.review_calendar import default_review_meeting
from workflow.strategy_group.agenda_effects import put_on_agenda


def current_round(session: Session, recommendation_id: int) -> ReviewRound | None:
    """The newest review round of a recommendation."""
    return session.exec(
        select(ReviewRound).where(ReviewRound.recommendation_id == recommendation_id)
        .order_by(col(ReviewRound.number).desc()).limit(1)
    ).first()


def newest_report_id(session: Session, recommendation_id: int) -> int | None:
    """The id of the newest report any body filed on the recommendation."""
    return session.exec(
        select(func.max(ImplementationReport.id))
        .join(Forwarding, col(Forwarding.id) == ImplementationReport.forwarding_id)
        .where(Forwarding.recommendation_id == recommendation_id)
    ).one()


def open_first_round(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """On forwarding: round 1, reviewed by default at the first strategy meeting six months later."""
    existing = current_round(ctx.session, ctx.subject.id)
    meeting = default_review_meeting(ctx.session, ctx.now)
    ctx.session.add(ReviewRound(recommendation_id=ctx.subject.id, number=existing.number + 1 if existing else 1,
                                meeting_id=meeting.id if meeting else None, opened_at=ctx.now))


def start_round(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """On start_review: the round is on the named (or planned) meeting's agenda, with the reports gathered so
    far."""
    rnd = current_round(ctx.session, ctx.subject.id)
    if rnd is None:  # forwarded before review rounds existed
        rnd = ReviewRound(recommendation_id=ctx.subject.id, number=1, opened_at=ctx.now)
    meeting_id = ctx.meeting_id or rnd.meeting_id
    if meeting_id is None:
        raise InvalidInput(ReviewRefusal.NO_MEETING_PLANNED, label=ctx.subject.number or f"#{ctx.subject.id}")
    rnd.meeting_id = meeting_id
    rnd.started_at = ctx.now
    rnd.last_report_id = newest_report_id(ctx.session, ctx.subject.id)
    ctx.session.add(rnd)
    # The review is an item of that meeting's agenda, shown with the reports gathered up to now.
    put_on_agenda(ctx.session, meeting_id, ctx.subject.id, ctx.now, AgendaPurpose.REVIEW)


def _close(ctx: TransitionContext, outcome: ReviewOutcome) -> ReviewRound | None:
    rnd = current_round(ctx.session, ctx.subject.id)
    if rnd is None:
        return None
    rnd.concluded_at = ctx.now
    rnd.outcome = outcome
    rnd.note = ctx.comment
    ctx.session.add(rnd)
    return rnd


def conclude_round(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """On conclude_review: the round records the outcome and the note."""
    _close(ctx, ReviewOutcome(ctx.outcome or ""))


def follow_up_round(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """On follow_up: the round ends, and the next one is reviewed at the named (or the default) meeting."""
    closed = _close(ctx, ReviewOutcome.FOLLOW_UP)
    if ctx.meeting_id is not None:
        meeting = ctx.session.get(Meeting, ctx.meeting_id)
        if meeting is None:
            raise NotFound(ReviewRefusal.NO_MEETING, meeting=ctx.meeting_id)
    else:
        meeting = default_review_meeting(ctx.session, ctx.now)
    ctx.session.add(ReviewRound(recommendation_id=ctx.subject.id, number=closed.number + 1 if closed else 1,
                                meeting_id=meeting.id if meeting else None, opened_at=ctx.now))
