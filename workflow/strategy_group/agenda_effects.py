"""Effects of the strategy group on recommendation transitions: the agenda follows scheduling and rescheduling,
and a vote that is open can only be closed (or the recommendation returned) through the vote itself."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from models.enums import MeetingStatus
from models.meeting import Meeting
from models.prepared import Prepared
from models.strategy import AgendaItem, AgendaPurpose, Vote, VoteItem, VoteStatus
from workflow.engine.errors import GuardFailed
from workflow.engine.guards import reason
from workflow.engine.rules import TransitionContext, TransitionRule


def _end_of_agenda(session: Session, meeting_id: int) -> int:
    last = session.exec(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)).one()
    return (last or 0) + 1


def put_on_agenda(session: Session, meeting_id: int, rec_id: int, now: datetime,
                  purpose: AgendaPurpose = AgendaPurpose.DECISION) -> None:
    """Put a recommendation at the end of a meeting's agenda (once per meeting), inside the caller's transaction."""
    existing = session.exec(select(AgendaItem.id).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.recommendation_id == rec_id)).first()
    if existing is None:
        session.add(AgendaItem(meeting_id=meeting_id, recommendation_id=rec_id, position=_end_of_agenda(
            session, meeting_id), added_at=now, purpose=purpose))


def move_on_agendas(session: Session, rec_id: int, target_id: int, now: datetime) -> None:
    """Take a recommendation off the agendas of meetings not held (ahead, or cancelled) and put it at the end of
    ``target_id``'s (agendas of meetings held stay as they were: they are part of those meetings' record)."""
    items = list(session.exec(
        select(AgendaItem).join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .where(AgendaItem.recommendation_id == rec_id, AgendaItem.purpose == AgendaPurpose.DECISION,
               Meeting.status != MeetingStatus.HELD).order_by(col(AgendaItem.id))).all())
    kept = next((item for item in items if item.meeting_id == target_id), None)
    for item in items:
        if item is kept:
            continue
        if kept is None:  # the first item ahead moves (it keeps its id); any others go
            position = _end_of_agenda(session, target_id)
            item.meeting_id, item.position, item.added_at = target_id, position, now
            session.add(item)
            kept = item
        else:
            session.delete(item)
    if kept is None:
        put_on_agenda(session, target_id, rec_id, now)


def add_to_agenda(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """Put a scheduled recommendation at the end of its meeting's agenda (once per meeting)."""
    if ctx.meeting_id is not None:
        put_on_agenda(ctx.session, ctx.meeting_id, ctx.subject.id, ctx.now)


def move_on_agenda(ctx: TransitionContext, _rule: TransitionRule) -> None:
    """On ``reschedule``: the recommendation leaves the agendas not held for the end of the named meeting's."""
    assert ctx.meeting_id is not None  # the rule's guard insists on a meeting
    move_on_agendas(ctx.session, ctx.subject.id, ctx.meeting_id, ctx.now)


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
        raise GuardFailed(rule.event, ctx.subject.number or str(ctx.subject.id),
                          [reason("decided_by_open_vote", vote=vote_id)])


# One prepared DELETE: this runs on every return and withdrawal, most of which have no agenda item at all.
_DROP_FROM_AGENDAS_AHEAD = Prepared(sa.delete(AgendaItem).where(
    col(AgendaItem.recommendation_id) == sa.bindparam("rec_id"),
    col(AgendaItem.meeting_id).in_(select(Meeting.id).where(Meeting.status != MeetingStatus.HELD)),
))


def drop_from_agenda(ctx: TransitionContext, rule: TransitionRule) -> None:
    """A recommendation returned or withdrawn before its vote leaves the agendas of meetings still ahead."""
    if "voting" in rule.sources:
        return
    _DROP_FROM_AGENDAS_AHEAD.run(ctx.connection, {"rec_id": ctx.subject.id})
