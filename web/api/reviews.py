"""The review in the JSON API: its rounds, the meeting it is planned for, starting it (the secretariat may bring it
forward before that meeting's day with a reason), concluding it with its outcome, or sending it round again, through
the same services and permissions as the recommendation's page."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import Session, select

from models.recommendation import Recommendation
from web.api.forwardings import actor_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, Viewer, WriteSession
from workflow.engine.firing import FiredTransition
from workflow.forwarding.accountability import recommendation_overview
from workflow.forwarding.review import (
    CONCLUSIONS,
    conclude_review,
    follow_up,
    set_review_meeting,
    start_review,
)
from workflow.queries.accountability_views import ReviewRoundLine
from workflow.queries.attachment_views import visible_recommendation

router = APIRouter(route_class=UnitOfWorkRoute, tags=["review"])
MeetingId = Field(default=None, ge=1, le=2**31 - 1)


# The meeting the current round is reviewed at; none: back to the default meeting.
class ReviewMeetingRequest(BaseModel):
    meeting_id: int | None = MeetingId


# Start the review at its meeting (or the one named); ``early`` brings it forward before that meeting's day, which
# only the secretariat may, for the ``reason`` given (kept in the change record).
class StartReviewRequest(BaseModel):
    meeting_id: int | None = MeetingId
    comment: str = Field(default="", max_length=2000)
    early: bool = False
    reason: str = Field(default="", max_length=2000)


# The review's outcome and the note that explains it.
class ConcludeReviewRequest(BaseModel):
    outcome: str = Field(examples=[o.value for o in CONCLUSIONS],
                         description="implemented, partially_implemented or not_implemented")
    note: str = Field(max_length=5000, description="Required: why the outcome is what it is")


# Another round of reports: why, and optionally the meeting that reviews it.
class FollowUpRequest(BaseModel):
    note: str = Field(min_length=1, max_length=5000)
    meeting_id: int | None = MeetingId


# A step of the review as recorded.
class ReviewTransition(BaseModel):
    recommendation_id: int
    event: str
    from_state: str
    to_state: str
    occurred_at: datetime
    meeting_id: int | None
    version: int


def _visible(session: Session, caller: Viewer, ref: str) -> int:
    rec_id = visible_recommendation(session, ref, caller.person, caller.standing).id
    assert rec_id is not None
    return rec_id


def _rounds(session: Session, rec_id: int, now: datetime) -> list[ReviewRoundLine]:
    return [ReviewRoundLine.model_validate(r) for r in recommendation_overview(session, rec_id, now)["review_rounds"]]


def _step(session: Session, fired: FiredTransition) -> dict[str, Any]:
    # Read anew: the transition wrote the version by statement, past the session's copy of the row.
    version = session.exec(select(Recommendation.version).where(Recommendation.id == fired.subject_id)).one()
    return {"recommendation_id": fired.subject_id, "event": fired.event, "from_state": fired.from_state,
            "to_state": fired.to_state, "occurred_at": fired.occurred_at, "meeting_id": fired.meeting_id,
            "version": version}


@router.get("/recommendations/{ref}/review/rounds", response_model=list[ReviewRoundLine], summary="Its review rounds")
def list_rounds(ref: str, caller: Caller, session: ReadSession, now: Now) -> Any:
    """Each round of reports and review, oldest first: its meeting, when it opened, started and concluded, and the
    outcome with its note (a handful per recommendation: not paged)."""
    return _rounds(session, _visible(session, caller, ref), now)


@router.put("/recommendations/{ref}/review/meeting", response_model=ReviewRoundLine, summary="Plan the review")
def put_review_meeting(ref: str, body: ReviewMeetingRequest, caller: Caller, session: WriteSession,
                       now: Now) -> Any:
    """Review the current round at another meeting; without one, at the default meeting (the secretariat)."""
    rec_id = _visible(session, caller, ref)
    set_review_meeting(session, rec_id, body.meeting_id, actor_of(session, caller), now)
    session.flush()
    return _rounds(session, rec_id, now)[-1]


@router.post("/recommendations/{ref}/review/start", response_model=ReviewTransition, summary="Start the review")
def post_start(ref: str, body: StartReviewRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Put the recommendation with the reports gathered so far on its review meeting's agenda, from that meeting's
    day on; with ``early`` (the secretariat only) before it, for the ``reason`` given."""
    rec_id = _visible(session, caller, ref)
    fired = start_review(session, rec_id, actor_of(session, caller), now, body.meeting_id,
                         body.reason if body.early else body.comment, early=body.early)
    return _step(session, fired)


@router.post("/recommendations/{ref}/review/conclude", response_model=ReviewTransition,
             summary="Conclude the review")
def post_conclude(ref: str, body: ConcludeReviewRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Record the review's outcome (implemented, partially_implemented, not_implemented) with a note; cannot be
    undone."""
    rec_id = _visible(session, caller, ref)
    return _step(session, conclude_review(session, rec_id, body.outcome, body.note, actor_of(session, caller), now))


@router.post("/recommendations/{ref}/review/follow-up", response_model=ReviewTransition,
             summary="Ask for another round of reports")
def post_follow_up(ref: str, body: FollowUpRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Send the recommendation round again: the bodies report anew, reviewed at a later meeting."""
    rec_id = _visible(session, caller, ref)
    return _step(session, follow_up(session, rec_id, body.note, actor_of(session, caller), now, body.meeting_id))
