"""The status timeline of a recommendation: its stages from draft to review, read off the transition table, with
the day each stage was reached (from the transition record) and the next expected steps, dated where the calendar
knows them. The public page shows the same timeline, so it names no person."""

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from sqlmodel import Session, col, select

from models.enums import MeetingKind, MeetingStatus
from models.forwarding import ReviewRound
from models.meeting import Meeting
from models.strategy import AgendaItem, AgendaPurpose, Vote, VoteItem, VoteStatus
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.read_model import ReadModel
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.review_calendar import report_due_at


@cache
def main_path(workflow: WorkflowDefinition = RECOMMENDATION_WORKFLOW) -> tuple[tuple[str, ...], ...]:
    """The stages a subject passes when all goes well, each a tuple of states, read off the transition table.

    From the initial state, the one state not yet passed that is not final comes next (a return for revision
    goes back, a withdrawal or a rejection leaves the path); where only final states are left, the outcomes of
    the deciding event (those its rows name) are the last stage together."""
    stages: list[tuple[str, ...]] = [(workflow.initial,)]
    passed = {workflow.initial}
    while True:
        here = stages[-1][0]
        onward = [r for r in workflow.rules if here in r.sources and r.dest not in passed]
        ongoing = list(dict.fromkeys(r.dest for r in onward if r.dest not in workflow.final))
        if len(ongoing) > 1:
            raise ValueError(f"{workflow.name}: {here} leads on to several states: {ongoing}")
        if ongoing:
            stages.append((ongoing[0],))
            passed.add(ongoing[0])
            continue
        outcomes = tuple(dict.fromkeys(r.dest for r in onward if r.outcome is not None))
        if outcomes:
            stages.append(outcomes)
        return tuple(stages)


def _event_into(stage: tuple[str, ...], source: str, workflow: WorkflowDefinition) -> str | None:
    """The event that leads from ``source`` into ``stage``."""
    return next((r.event for r in workflow.rules if source in r.sources and r.dest in stage), None)


# One stage of the timeline: the state that names it (None for the review's outcomes before one is reached),
# when it was reached, whether the recommendation stands there now.
class TimelineStage(ReadModel):
    states: list[str]
    state: str | None
    reached_at: datetime | None
    current: bool


# A step the calendar expects next: the event it is, the meeting or procedure it happens in and its date, or the
# day the bodies' reports are due (``event`` "report").
class NextStep(ReadModel):
    event: str
    at: datetime | None = None
    meeting_id: int | None = None
    meeting: str | None = None
    written: bool = False


# The timeline of one recommendation.
class StatusTimeline(ReadModel):
    stages: list[TimelineStage]
    next_steps: list[NextStep]


# A transition as the timeline reads it: from, to, when.
Move = tuple[str, str, datetime]


def timeline_stages(state: str, created_at: datetime, moves: Sequence[Move],
                    workflow: WorkflowDefinition = RECOMMENDATION_WORKFLOW) -> list[TimelineStage]:
    """The stages with the day each was (last) reached; a way back (a return, another round of reports) clears the
    later stages, and a rejection or withdrawal ends the path in its own stage."""
    path = main_path(workflow)
    index = {s: i for i, stage in enumerate(path) for s in stage}
    reached: dict[int, tuple[str, datetime]] = {0: (workflow.initial, created_at)}
    for source, dest, at in moves:
        to = index.get(dest)
        if to is None or dest == source:
            continue
        reached = {i: v for i, v in reached.items() if i < to}
        reached[to] = (dest, at)
    here = index.get(state)
    if here is None:  # left the path: the stages reached, then the final state it ended in
        last = max(reached)
        left = moves[-1][2] if moves else created_at
        return [_stage(path[i], reached.get(i), False) for i in range(last + 1)] + [
            TimelineStage(states=[state], state=state, reached_at=left, current=True)]
    return [_stage(stage, reached.get(i), i == here) for i, stage in enumerate(path)]


def _stage(stage: tuple[str, ...], reached: tuple[str, datetime] | None, current: bool) -> TimelineStage:
    named = reached[0] if reached else (stage[0] if len(stage) == 1 else None)
    return TimelineStage(states=list(stage), state=named, reached_at=reached[1] if reached else None,
                         current=current)


def next_steps(session: Session, rec_id: int, state: str,
               workflow: WorkflowDefinition = RECOMMENDATION_WORKFLOW) -> list[NextStep]:
    """What comes next from ``state``, with the meeting and date the calendar knows (at most one query)."""
    path = main_path(workflow)
    here = next((i for i, stage in enumerate(path) if state in stage), None)
    if here is None or here + 1 >= len(path):
        return []
    event = _event_into(path[here + 1], state, workflow)
    if event is None:
        return []
    if state == R.SCHEDULED:
        return [_in_meeting(event, _decision_meeting(session, rec_id))]
    if state == R.VOTING:
        return [_open_vote(session, rec_id, event)]
    if state in (R.FORWARDED, R.UNDER_REVIEW):
        meeting = session.exec(
            select(Meeting).join(ReviewRound, col(ReviewRound.meeting_id) == Meeting.id)
            .where(ReviewRound.recommendation_id == rec_id).order_by(col(ReviewRound.number).desc()).limit(1)
        ).first()
        steps = [_in_meeting(event, meeting)]
        if state == R.FORWARDED and meeting is not None:
            steps.insert(0, NextStep(event="report", at=report_due_at(meeting)))
        return steps
    return [NextStep(event=event)]


def _in_meeting(event: str, meeting: Meeting | None) -> NextStep:
    if meeting is None:
        return NextStep(event=event)
    return NextStep(event=event, at=meeting.starts_at, meeting_id=meeting.id, meeting=meeting.title,
                    written=meeting.kind == MeetingKind.WRITTEN_PROCEDURE)


def _decision_meeting(session: Session, rec_id: int) -> Meeting | None:
    """The meeting or procedure whose agenda holds the recommendation for a decision (the newest such item)."""
    return session.exec(
        select(Meeting).join(AgendaItem, col(AgendaItem.meeting_id) == Meeting.id)
        .where(AgendaItem.recommendation_id == rec_id, AgendaItem.purpose == AgendaPurpose.DECISION,
               col(Meeting.status) != MeetingStatus.CANCELLED)
        .order_by(col(AgendaItem.id).desc()).limit(1)
    ).first()


def _open_vote(session: Session, rec_id: int, event: str) -> NextStep:
    """The open vote on the recommendation: until its deadline, or in its meeting."""
    row = session.exec(
        select(Vote, Meeting).join(VoteItem, col(VoteItem.vote_id) == Vote.id)
        .join(Meeting, col(Meeting.id) == Vote.meeting_id)
        .where(VoteItem.recommendation_id == rec_id, Vote.status == VoteStatus.OPEN).limit(1)
    ).first()
    if row is None:
        return NextStep(event=event)
    vote, meeting = row
    step = _in_meeting(event, meeting)
    return step.model_copy(update={"at": vote.deadline}) if vote.deadline else step


def status_timeline(session: Session, rec_id: int, state: str, created_at: datetime,
                    moves: Sequence[Move]) -> StatusTimeline:
    """The stages of one recommendation with their days and its next expected steps."""
    return StatusTimeline(stages=timeline_stages(state, created_at, moves),
                          next_steps=next_steps(session, rec_id, state))
