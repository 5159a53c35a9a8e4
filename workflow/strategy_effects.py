"""Effects of the strategy group on recommendation transitions: the agenda follows scheduling, and a
vote that is open can only be closed (or the recommendation returned) through the vote itself."""

import sqlalchemy as sa
from sqlmodel import col, func, select

from models.enums import MeetingStatus
from models.meeting import Meeting
from models.strategy import AgendaItem, Vote, VoteItem, VoteStatus
from workflow.engine import TransitionContext, TransitionRule
from workflow.errors import GuardFailed


def add_to_agenda(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """Put a scheduled recommendation at the end of its meeting's agenda (once per meeting)."""
    if ctx.meeting_id is None:
        return
    existing = ctx.session.exec(select(AgendaItem).where(
        AgendaItem.meeting_id == ctx.meeting_id, AgendaItem.recommendation_id == ctx.subject.id)).first()
    if existing is not None:
        return
    last = ctx.session.exec(select(func.max(AgendaItem.position)).where(
        AgendaItem.meeting_id == ctx.meeting_id)).one()
    ctx.session.add(AgendaItem(meeting_id=ctx.meeting_id, recommendation_id=ctx.subject.id,
                               position=(last or 0) + 1, added_at=ctx.now))


def open_vote_of(ctx: TransitionContext) -> int | None:
    """The id of an open vote that decides the subject, if any."""
    return ctx.session.exec(
        select(Vote.id).join(VoteItem, col(VoteItem.vote_id) == Vote.id)
        .where(VoteItem.recommendation_id == ctx.subject.id, Vote.status == VoteStatus.OPEN)
    ).first()


def decided_only_by_its_vote(ctx: TransitionContext, rule: TransitionRule) -> None:
    """Refuse closing or returning by hand while a vote on the recommendation is open.

    The vote's own closing passes ``params={"vote_id": ...}``; without an open vote row (e.g. history
    recorded by hand) the event fires as the transition table says.
    """
    if rule.sources != ("voting",) or ctx.params.get("vote_id") is not None:
        return
    vote_id = open_vote_of(ctx)
    if vote_id is not None:
        raise GuardFailed(f"{rule.event} {ctx.subject.number or ctx.subject.id}", [
            f"Vote {vote_id} on it is open; close it with 'recoflow vote close {vote_id}' "
            "(with --return to send it back for revision)."])


# One prepared DELETE: this runs on every return and withdrawal, most of which have no agenda item at all.
_DROP_FROM_AGENDAS_AHEAD = sa.delete(AgendaItem).where(
    col(AgendaItem.recommendation_id) == sa.bindparam("rec_id"),
    col(AgendaItem.meeting_id).in_(select(Meeting.id).where(Meeting.status != MeetingStatus.HELD)),
)


def drop_from_agenda(ctx: TransitionContext, rule: TransitionRule) -> None:
    """A recommendation returned or withdrawn before its vote leaves the agendas of meetings still ahead."""
    if "voting" in rule.sources:
        return
    ctx.connection.execute(_DROP_FROM_AGENDAS_AHEAD, {"rec_id": ctx.subject.id})
