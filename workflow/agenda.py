"""The agenda builds itself: submitted recommendations go onto the next meeting whose submission deadline
they met (the ``schedule`` transition, recorded with that meeting); the secretariat can reorder or move items."""

from datetime import datetime

from sqlmodel import Session, col, func, select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.people import Person
from models.recommendation import Recommendation
from models.strategy import AgendaItem
from models.transition_record import TransitionRecord
from workflow.clock import require_aware
from workflow.definitions import RECOMMENDATION_WORKFLOW
from workflow.firing import apply_event
from workflow.meetings import ACTIVE_STATUSES, find_meeting, submission_deadline
from workflow.recommendations import find_recommendation
from workflow.seat_holders import SECRETARIAT_ONLY, require_role
from workflow.states import RecommendationState
from workflow.strategy_refusals import WordedInvalidInput, WordedNotFound
from workflow.transaction import committing


def upcoming_meetings(session: Session, now: datetime) -> list[Meeting]:
    """Planned or moved strategy meetings that have not begun, soonest first."""
    return list(session.exec(
        select(Meeting).where(Meeting.kind == MeetingKind.MEETING, col(Meeting.status).in_(ACTIVE_STATUSES),
                              Meeting.starts_at > now).order_by(col(Meeting.starts_at))
    ).all())


def meeting_for_submission(session: Session, submitted_at: datetime, now: datetime) -> Meeting | None:
    """The first meeting ahead whose submission deadline was not yet past when the recommendation came in."""
    for meeting in upcoming_meetings(session, now):
        if submitted_at <= submission_deadline(meeting):
            return meeting
    return None


def submitted_at(session: Session, rec_id: int) -> datetime | None:
    """When the recommendation was last submitted."""
    return session.exec(
        select(TransitionRecord.occurred_at).where(
            TransitionRecord.subject_kind == RECOMMENDATION_WORKFLOW.subject_kind,
            TransitionRecord.subject_id == rec_id, TransitionRecord.to_state == RecommendationState.SUBMITTED)
        .order_by(col(TransitionRecord.id).desc()).limit(1)
    ).first()


def build_agendas(session: Session, now: datetime, actor: Person | None = None) -> list[tuple[str, Meeting]]:
    """Schedule every submitted recommendation onto its meeting, in one transaction; returns what moved where.

    ``actor=None`` is the scheduler acting for the secretariat; recommendations with no meeting ahead wait.
    """
    now = require_aware(now)
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, "build agendas", now)
    recs = session.exec(select(Recommendation).where(Recommendation.state == RecommendationState.SUBMITTED)
                        .order_by(col(Recommendation.id))).all()
    plan = []
    for rec in recs:
        assert rec.id is not None
        meeting = meeting_for_submission(session, submitted_at(session, rec.id) or rec.updated_at, now)
        if meeting is not None:
            plan.append((rec.id, rec.number or f"#{rec.id}", meeting))
    with committing(session, "The agendas"):
        for rec_id, _label, meeting in plan:
            apply_event(session, RECOMMENDATION_WORKFLOW, rec_id, "schedule", actor=actor, now=now,
                        meeting_id=meeting.id, comment="Nach Antragsschluss auf die Tagesordnung gesetzt.")
    return [(label, meeting) for _rec, label, meeting in plan]


def agenda_items(session: Session, meeting_id: int) -> list[tuple[AgendaItem, Recommendation]]:
    """The agenda of a meeting in order, with each recommendation."""
    return list(session.exec(
        select(AgendaItem, Recommendation).join(Recommendation, col(Recommendation.id) == AgendaItem.recommendation_id)
        .where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
    ).all())


def _item(session: Session, meeting_id: int, ref: str) -> tuple[AgendaItem, Recommendation]:
    rec = find_recommendation(session, ref)
    item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                 AgendaItem.recommendation_id == rec.id)).first()
    if item is None:
        raise WordedNotFound("not_on_agenda", label=rec.number or rec.id, meeting=meeting_id)
    return item, rec


def reorder(session: Session, meeting_id: int, ref: str, position: int, *, actor: Person,
            now: datetime) -> list[tuple[AgendaItem, Recommendation]]:
    """Put one item at ``position`` (1 = first) and number the others after it."""
    require_role(session, actor, SECRETARIAT_ONLY, "reorder agendas", require_aware(now))
    item, _rec = _item(session, meeting_id, ref)
    items = [i for i, _r in agenda_items(session, meeting_id) if i.id != item.id]
    if not 1 <= position <= len(items) + 1:
        raise WordedInvalidInput("position_out_of_range", position=position, last=len(items) + 1)
    items.insert(position - 1, item)
    with committing(session, f"The agenda of meeting {meeting_id}"):
        for number, each in enumerate(items, start=1):
            each.position = number
            session.add(each)
    return agenda_items(session, meeting_id)


def move_item(session: Session, from_meeting: int, ref: str, to_meeting: int, *, actor: Person,
              now: datetime) -> AgendaItem:
    """Move a scheduled recommendation to the end of another meeting's agenda."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, "move agenda items", now)
    item, rec = _item(session, from_meeting, ref)
    if rec.state != RecommendationState.SCHEDULED:
        raise WordedInvalidInput("item_not_scheduled", label=rec.number, state=rec.state)
    target = find_meeting(session, to_meeting)
    if target.status not in ACTIVE_STATUSES or target.starts_at <= now:
        raise WordedInvalidInput("target_not_ahead", meeting=to_meeting, status=target.status)
    with committing(session, f"The agenda of meeting {to_meeting}"):
        _move(session, item, target)
    return item


def _move(session: Session, item: AgendaItem, target: Meeting) -> None:
    clash = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == target.id,
                                                  AgendaItem.recommendation_id == item.recommendation_id)).first()
    if clash is not None:
        session.delete(item)
        return
    last = session.exec(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == target.id)).one()
    item.meeting_id, item.position = target.id or 0, (last or 0) + 1
    session.add(item)


def place_on(session: Session, rec_id: int, target: Meeting, now: datetime) -> None:
    """Move a scheduled recommendation from the agendas of meetings not yet held to the end of ``target``'s
    (inside the caller's transaction); one without an agenda item gets one."""
    items = session.exec(select(AgendaItem).join(Meeting, col(Meeting.id) == AgendaItem.meeting_id).where(
        AgendaItem.recommendation_id == rec_id, col(Meeting.status).in_(ACTIVE_STATUSES))).all()
    if not items:
        items = [AgendaItem(meeting_id=target.id or 0, recommendation_id=rec_id, position=0, added_at=now)]
    for item in items:
        _move(session, item, target)


def roll_over(session: Session, cancelled: Meeting, now: datetime) -> int:
    """Move the still-scheduled items of a cancelled meeting to the next meeting ahead; returns how many."""
    ahead = [m for m in upcoming_meetings(session, now) if m.id != cancelled.id]
    if not ahead or cancelled.id is None:
        return 0
    moved = 0
    for item, rec in agenda_items(session, cancelled.id):
        if rec.state == RecommendationState.SCHEDULED:
            _move(session, item, ahead[0])
            moved += 1
    return moved
