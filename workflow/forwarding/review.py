"""Use cases of the review: plan the review meeting, start the review, conclude it, or send it round again.

Every step goes through the recommendation workflow, so the transition record tells the story; the effects in
``workflow.forwarding.review_effects`` keep the review rounds in step.
"""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models.enums import MeetingStatus
from models.forwarding import Forwarding, ReviewOutcome, ReviewRound
from models.meeting import Meeting
from models.people import Organisation, Person
from models.recommendation import Recommendation
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.firing import FiredTransition
from workflow.engine.guards import BRING_FORWARD
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.forwardings import forwardings_of, require_secretariat
from workflow.forwarding.refusals import ReviewRefusal
from workflow.forwarding.reports import reports_of
from workflow.forwarding.review_calendar import default_review_meeting, report_due_at
from workflow.forwarding.review_effects import current_round
from workflow.network.records import changes_of, record_change
from workflow.recommendations.lifecycle import find_recommendation, fire

# The record's action for a review the secretariat brought forward (beside its ``start_review`` transition): the
# transition record has no room for the override, the change record keeps who, when, why and which transition.
REVIEW_BROUGHT_FORWARD = "review_brought_forward"

CONCLUSIONS = (ReviewOutcome.IMPLEMENTED, ReviewOutcome.PARTIALLY_IMPLEMENTED, ReviewOutcome.NOT_IMPLEMENTED)


def find_meeting(session: Session, meeting_id: int) -> Meeting:
    """A meeting that can still take a review: it exists and is not cancelled."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(ReviewRefusal.NO_MEETING, meeting=meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidInput(ReviewRefusal.MEETING_CANCELLED, meeting=meeting.id, title=meeting.title)
    return meeting


def _round(session: Session, rec: Recommendation) -> ReviewRound:
    assert rec.id is not None
    rnd = current_round(session, rec.id)
    if rnd is None:
        raise InvalidInput(ReviewRefusal.NO_ROUND, label=RECOMMENDATION_WORKFLOW.label(rec))
    return rnd


def set_review_meeting(session: Session, ref: str | int, meeting_id: int | None, actor: Person,
                       now: datetime) -> ReviewRound:
    """Move the current round's review to another meeting; without one, back to the default meeting."""
    now = require_aware(now)
    rec = find_recommendation(session, ref)
    label = RECOMMENDATION_WORKFLOW.label(rec)
    require_secretariat(session, actor, now, ReviewRefusal.PLAN_SECRETARIAT_ONLY, label=label)
    if rec.state != R.FORWARDED:
        raise InvalidInput(ReviewRefusal.ONLY_WHILE_FORWARDED, label=label, state=rec.state)
    rnd = _round(session, rec)
    if meeting_id is not None:
        meeting: Meeting | None = find_meeting(session, meeting_id)
    else:
        meeting = default_review_meeting(session, rnd.opened_at)
        if meeting is None:
            raise InvalidInput(ReviewRefusal.NO_DEFAULT_MEETING)
    rnd.meeting_id = meeting.id if meeting else None
    session.add(rnd)
    return rnd


def start_review(session: Session, ref: str | int, actor: Person, now: datetime, meeting_id: int | None = None,
                 comment: str = "", *, early: bool = False) -> FiredTransition:
    """Put the recommendation with the reports gathered so far on its review meeting's agenda, from that meeting's
    day on; ``early`` brings it forward before that day (the secretariat only, ``comment`` saying why), which the
    record keeps beside the transition."""
    now = require_aware(now)
    rec = find_recommendation(session, ref)
    label = RECOMMENDATION_WORKFLOW.label(rec)
    rnd = current_round(session, rec.id or 0)
    chosen = meeting_id if meeting_id is not None else (rnd.meeting_id if rnd else None)
    if chosen is None and rec.state == R.FORWARDED:
        raise InvalidInput(ReviewRefusal.NO_MEETING_PLANNED, label=label)
    meeting = find_meeting(session, chosen) if chosen is not None else None
    if early and not comment.strip():
        raise InvalidInput(ReviewRefusal.EARLY_NEEDS_REASON, label=label)
    brought_forward = early and meeting is not None and local_date(now) < local_date(meeting.starts_at)
    fired = fire(session, rec.id or 0, "start_review", actor=actor, now=now, meeting_id=chosen,
                 comment=comment or "Umsetzungsberichte zur Überprüfung vorgelegt.",
                 params={BRING_FORWARD: True} if brought_forward else None)
    if brought_forward and meeting is not None:
        record_change(session, RECOMMENDATION_WORKFLOW.subject_kind, rec.id or 0, REVIEW_BROUGHT_FORWARD,
                      actor=actor, now=now, comment=comment,
                      changes={"transition": fired.id, "meeting": meeting.id,
                               "meeting_day": local_date(meeting.starts_at)})
    return fired


def reviews_brought_forward(session: Session, recommendation_id: int) -> dict[int, str]:
    """The transitions (by record id) that started a review before its meeting's day, each with the reason given."""
    return {int(entry.changes["transition"]): entry.comment
            for entry in changes_of(session, RECOMMENDATION_WORKFLOW.subject_kind, recommendation_id)
            if entry.action == REVIEW_BROUGHT_FORWARD and entry.changes.get("transition") is not None}


def conclude_review(session: Session, ref: str | int, outcome: str, note: str, actor: Person,
                    now: datetime) -> FiredTransition:
    """Record the review's outcome (implemented, partially_implemented, not_implemented) with a note."""
    if outcome not in {o.value for o in CONCLUSIONS}:
        raise InvalidInput(ReviewRefusal.NOT_AN_OUTCOME, outcome=outcome, outcomes=CONCLUSIONS)
    if not note.strip():
        raise InvalidInput(ReviewRefusal.NEEDS_NOTE)
    rec = find_recommendation(session, ref)
    rnd = current_round(session, rec.id or 0)
    return fire(session, rec.id or 0, "conclude_review", actor=actor, now=now, outcome=outcome, comment=note,
                meeting_id=rnd.meeting_id if rnd else None)


def follow_up(session: Session, ref: str | int, note: str, actor: Person, now: datetime,
              meeting_id: int | None = None) -> FiredTransition:
    """Send the recommendation round again: the bodies report anew, reviewed at a later meeting."""
    if meeting_id is not None:
        meeting = find_meeting(session, meeting_id)
        if meeting.starts_at <= require_aware(now):
            raise InvalidInput(ReviewRefusal.MEETING_TAKEN_PLACE, meeting=meeting.id, title=meeting.title)
    return fire(session, ref, "follow_up", actor=actor, now=now, comment=note, meeting_id=meeting_id)


def review_agenda(session: Session, meeting_id: int) -> list[dict[str, Any]]:
    """The recommendations reviewed at a meeting, each with the bodies' reports gathered for it."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(ReviewRefusal.NO_MEETING, meeting=meeting_id)
    rounds = session.exec(select(ReviewRound).where(ReviewRound.meeting_id == meeting_id)
                          .order_by(col(ReviewRound.id))).all()
    items = []
    for rnd in rounds:
        rec = session.get(Recommendation, rnd.recommendation_id)
        assert rec is not None
        forwardings = list(forwardings_of(session, rec.id))
        items.append({
            "recommendation": {"id": rec.id, "number": rec.number, "title": rec.title, "state": rec.state},
            "round": rnd.number, "started_at": rnd.started_at, "outcome": rnd.outcome, "note": rnd.note,
            "report_due_at": report_due_at(meeting),
            "reports": _gathered(session, forwardings, rnd),
        })
    return items


def _gathered(session: Session, forwardings: list[Forwarding], rnd: ReviewRound) -> list[dict[str, Any]]:
    bodies = {f.id: session.get(Organisation, f.organisation_id) for f in forwardings}
    reports = reports_of(session, [f.id or 0 for f in forwardings])
    if rnd.started_at is not None:  # the snapshot taken when the review started
        reports = [r for r in reports if rnd.last_report_id is not None and (r.id or 0) <= rnd.last_report_id]
    return [{"body": (body.name if (body := bodies.get(r.forwarding_id)) else None), "status": r.status.value,
             "report_date": r.report_date, "text": r.text, "suggested_body": r.suggested_body} for r in reports]
