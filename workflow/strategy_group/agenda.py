"""The agenda builds itself: submitted recommendations go onto the next meeting whose submission deadline
they met (the ``schedule`` transition, recorded with that meeting); the secretariat can reorder items or move
them to another meeting (the ``reschedule`` transition). Reviews of forwarded recommendations join the agenda of
their review meeting when ``start_review`` fires."""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.people import Person
from models.recommendation import Recommendation
from models.strategy import AgendaItem, AgendaPurpose
from models.transition_record import TransitionRecord
from workflow.engine.clock import require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.firing import fire_event
from workflow.engine.states import RecommendationState
from workflow.forwarding.review import review_agenda
from workflow.recommendations.lifecycle import find_recommendation
from workflow.strategy_group.meetings import ACTIVE_STATUSES, MeetingCancelled, find_meeting, submission_deadline
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role


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
        require_role(session, actor, SECRETARIAT_ONLY, Action.BUILD_AGENDAS, now)
    recs = session.exec(select(Recommendation).where(Recommendation.state == RecommendationState.SUBMITTED)
                        .order_by(col(Recommendation.id))).all()
    plan = []
    for rec in recs:
        assert rec.id is not None
        meeting = meeting_for_submission(session, submitted_at(session, rec.id) or rec.updated_at, now)
        if meeting is not None:
            plan.append((rec.id, rec.number or f"#{rec.id}", meeting))
    for rec_id, _label, meeting in plan:
        fire_event(session, RECOMMENDATION_WORKFLOW, rec_id, "schedule", actor=actor, now=now,
                   meeting_id=meeting.id, comment="Nach Antragsschluss auf die Tagesordnung gesetzt.")
    return [(label, meeting) for _rec, label, meeting in plan]


def agenda_items(session: Session, meeting_id: int) -> list[tuple[AgendaItem, Recommendation]]:
    """The agenda of a meeting in order, with each recommendation."""
    return list(session.exec(
        select(AgendaItem, Recommendation).join(Recommendation, col(Recommendation.id) == AgendaItem.recommendation_id)
        .where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
    ).all())


def agenda_view(session: Session, meeting_id: int) -> list[dict[str, Any]]:
    """A meeting's agenda as plain data: each item's place, purpose and recommendation; review items carry the
    bodies' reports gathered when the review was put on the agenda."""
    find_meeting(session, meeting_id)
    reviews = {entry["recommendation"]["id"]: entry for entry in review_agenda(session, meeting_id)
               if entry["started_at"] is not None}
    rows = []
    for item, rec in agenda_items(session, meeting_id):
        row: dict[str, Any] = {"position": item.position, "purpose": item.purpose, "recommendation_id": rec.id,
                               "number": rec.number, "title": rec.title, "state": rec.state}
        if item.purpose == AgendaPurpose.REVIEW and rec.id in reviews:
            review = reviews[rec.id]
            row.update(review_round=review["round"], report_due_at=review["report_due_at"],
                       reports=review["reports"])
        rows.append(row)
    return rows


def _item(session: Session, meeting_id: int, ref: str) -> tuple[AgendaItem, Recommendation]:
    rec = find_recommendation(session, ref)
    item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                 AgendaItem.recommendation_id == rec.id)).first()
    if item is None:
        raise NotFound(StrategyRefusal.NOT_ON_AGENDA, label=rec.number or rec.id, meeting=meeting_id)
    return item, rec


def reorder(session: Session, meeting_id: int, ref: str, position: int, *, actor: Person,
            now: datetime) -> list[tuple[AgendaItem, Recommendation]]:
    """Put one item at ``position`` (1 = first) and number the others after it."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.REORDER_AGENDAS, require_aware(now))
    item, _rec = _item(session, meeting_id, ref)
    items = [i for i, _r in agenda_items(session, meeting_id) if i.id != item.id]
    if not 1 <= position <= len(items) + 1:
        raise InvalidInput(StrategyRefusal.POSITION_OUT_OF_RANGE, position=position, last=len(items) + 1)
    items.insert(position - 1, item)
    for number, each in enumerate(items, start=1):
        each.position = number
        session.add(each)
    return agenda_items(session, meeting_id)


def move_item(session: Session, from_meeting: int, ref: str, to_meeting: int, *, actor: Person,
              now: datetime) -> AgendaItem:
    """Move a scheduled recommendation to the end of another meeting's agenda: the ``reschedule`` transition,
    recorded with the new meeting, so the recommendation's history says where it went and when."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.MOVE_AGENDA_ITEMS, now)
    _on_origin, rec = _item(session, from_meeting, ref)
    if rec.state != RecommendationState.SCHEDULED:
        raise InvalidInput(StrategyRefusal.ITEM_NOT_SCHEDULED, label=rec.number, state=rec.state)
    target = find_meeting(session, to_meeting)
    if target.status not in ACTIVE_STATUSES or target.starts_at <= now:
        raise InvalidInput(StrategyRefusal.TARGET_NOT_AHEAD, meeting=to_meeting, status=target.status)
    origin = find_meeting(session, from_meeting)
    _reschedule(session, rec.id or 0, target, actor, now,
                f"Von „{origin.title}“ auf „{target.title}“ verschoben.")
    moved, _rec = _item(session, to_meeting, str(rec.id))
    return moved


def _reschedule(session: Session, rec_id: int, target: Meeting, actor: Person | None, now: datetime,
                comment: str) -> None:
    fire_event(session, RECOMMENDATION_WORKFLOW, rec_id, "reschedule", actor=actor, now=now, meeting_id=target.id,
               comment=comment)


def roll_over_target(session: Session, cancelled: Meeting, now: datetime) -> Meeting | None:
    """The meeting a cancelled meeting's scheduled items move to: the next strategy meeting ahead (the meeting page
    names it before the cancellation is confirmed)."""
    return next((m for m in upcoming_meetings(session, now) if m.id != cancelled.id), None)


def roll_over(session: Session, cancelled: Meeting, now: datetime, actor: Person | None = None) -> int:
    """Reschedule the still-scheduled items of a cancelled meeting onto the next meeting ahead (each move is a
    ``reschedule`` transition in the recommendation's history); returns how many moved."""
    target = roll_over_target(session, cancelled, now)
    if target is None or cancelled.id is None:
        return 0
    ahead = [target]
    moved = 0
    for _item_row, rec in agenda_items(session, cancelled.id):
        if rec.state == RecommendationState.SCHEDULED:
            _reschedule(session, rec.id or 0, ahead[0], actor, now,
                        f"„{cancelled.title}“ abgesagt; auf „{ahead[0].title}“ verschoben.")
            moved += 1
    return moved


def roll_over_cancelled(session: Session, cancelled: MeetingCancelled) -> None:
    """When a meeting is cancelled: its still-scheduled items move to the next meeting (a reaction)."""
    roll_over(session, cancelled.meeting, cancelled.now, cancelled.actor)
