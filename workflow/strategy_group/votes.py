"""Votes of the strategy group: open one on a recommendation or a block, cast ballots, close it.

Who casts a seat's ballot (one ballot per seat, never two):
- in a meeting, only seats recorded as present or represented vote: a present seat's ballot is cast by its
  holder, a represented seat's by the deputy recorded as representing it, and nobody else;
- in a written procedure every seat may vote: the seat's holder or one of its deputies, whoever casts first;
  from then on only that person may change the seat's ballot, so holder and deputy never both vote.
A ballot may be changed until the vote closes. Every change takes the vote row with a conditional
``UPDATE vote ... WHERE status = 'open'``; closing flips the status with the same statement, so after a vote
is closed no ballot, tally or result of it can change, whoever races whom.
"""

from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from config import get_settings
from models.enums import MeetingKind, MeetingStatus
from models.people import Person, Seat
from models.strategy import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Ballot,
    Choice,
    Decision,
    DecisionKind,
    Vote,
    VoteItem,
    VoteMode,
    VoteResult,
    VoteRule,
    VoteStatus,
)
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput, NotFound, NotPermitted, RecoflowError
from workflow.engine.firing import fire_event
from workflow.engine.states import RecommendationState
from workflow.network.composition import configured_seats as voting_seats
from workflow.recommendations.lifecycle import find_recommendation
from workflow.strategy_group.meetings import attendance_of, find_meeting
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import (
    STEERING_ROLES,
    Action,
    all_seats,
    find_seat,
    occupancy,
    require_role,
    seats_held_by,
)
from workflow.strategy_group.voting_rules import Count, count, quorum_size


def find_vote(session: Session, vote_id: int) -> Vote:
    """A vote by id, or a NotFound saying where to look."""
    vote = session.get(Vote, vote_id)
    if vote is None:
        raise NotFound(StrategyRefusal.NO_VOTE, vote=vote_id)
    return vote


def vote_items(session: Session, vote_id: int) -> list[int]:
    """The ids of the recommendations a vote decides."""
    return list(session.exec(select(VoteItem.recommendation_id).where(VoteItem.vote_id == vote_id)
                             .order_by(col(VoteItem.recommendation_id))).all())


def open_vote(
    session: Session, meeting_id: int, refs: Sequence[str], *, actor: Person, now: datetime,
    rule: VoteRule | None = None, deadline: datetime | None = None,
) -> Vote:
    """Open a vote in a meeting (or a written procedure) on scheduled recommendations of its agenda."""
    now = require_aware(now)
    require_role(session, actor, STEERING_ROLES, Action.OPEN_VOTES, now)
    meeting = find_meeting(session, meeting_id)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.HELD):
        raise InvalidInput(StrategyRefusal.MEETING_NOT_OPEN_FOR_VOTES, meeting=meeting_id, status=meeting.status)
    rule = rule or VoteRule(get_settings().vote_rule)
    if meeting.kind == MeetingKind.MEETING:
        mode = VoteMode.MEETING
        _check_meeting_vote(session, meeting_id, meeting.starts_at, rule, deadline, now)
    else:
        mode, deadline = VoteMode.WRITTEN_PROCEDURE, deadline or meeting.starts_at
        if require_aware(deadline) <= now:
            raise InvalidInput(StrategyRefusal.VOTE_DEADLINE_PASSED, deadline=deadline)
    rec_ids = _recommendations_on_agenda(session, meeting_id, refs)
    vote = Vote(meeting_id=meeting_id, mode=mode, rule=rule, opened_at=now, deadline=deadline,
                opened_by=actor.id)
    session.add(vote)
    session.flush()
    for rec_id in rec_ids:
        session.add(VoteItem(vote_id=vote.id or 0, recommendation_id=rec_id))
        fire_event(session, RECOMMENDATION_WORKFLOW, rec_id, "open_vote", actor=actor, now=now,
                   meeting_id=meeting_id, params={"vote_id": vote.id})
    return vote


def _check_meeting_vote(session: Session, meeting_id: int, starts_at: datetime, rule: VoteRule,
                        deadline: datetime | None, now: datetime) -> None:
    if rule == VoteRule.SILENCE:
        raise InvalidInput(StrategyRefusal.SILENCE_IN_MEETING)
    if deadline is not None:
        raise InvalidInput(StrategyRefusal.NO_DEADLINE_IN_MEETING)
    if starts_at > now:
        raise InvalidInput(StrategyRefusal.MEETING_NOT_BEGUN, meeting=meeting_id)
    attending = sum(1 for a in attendance_of(session, meeting_id).values() if a.status != AttendanceStatus.ABSENT)
    needed = quorum_size(len(voting_seats(session)))
    if attending < needed:
        raise InvalidInput(StrategyRefusal.NO_QUORUM_TO_OPEN, attending=attending, meeting=meeting_id,
                           needed=needed)


def _recommendations_on_agenda(session: Session, meeting_id: int, refs: Sequence[str]) -> list[int]:
    if not refs:
        raise InvalidInput(StrategyRefusal.NOTHING_TO_VOTE_ON)
    ids: list[int] = []
    for ref in refs:
        rec = find_recommendation(session, ref)
        label = rec.number or f"#{rec.id}"
        if rec.state != RecommendationState.SCHEDULED:
            raise InvalidInput(StrategyRefusal.NOT_SCHEDULED, label=label, state=rec.state)
        if session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id,
                                                    AgendaItem.recommendation_id == rec.id)).first() is None:
            raise InvalidInput(StrategyRefusal.NOT_ON_THIS_AGENDA, label=label, meeting=meeting_id)
        if rec.id not in ids:
            ids.append(rec.id or 0)
    return ids


def _claim(session: Session, vote: Vote, **values: object) -> None:
    """Take the open vote row for this transaction (or learn that it is closed): the one place a vote changes."""
    result = session.execute(sa.update(Vote).where(col(Vote.id) == vote.id, col(Vote.status) == VoteStatus.OPEN)
                             .values(version=col(Vote.version) + 1, **values))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(vote)
        raise InvalidInput(StrategyRefusal.VOTE_CLOSED, vote=vote.id, result=vote.result)
    session.refresh(vote)


def cast_ballot(
    session: Session, vote_id: int, choice: Choice, *, actor: Person, now: datetime, seat_code: str | None = None,
) -> Ballot:
    """Cast (or change) the ballot of the actor's seat; refused after the vote closed or its deadline passed."""
    now = require_aware(now)
    vote = find_vote(session, vote_id)
    _claim(session, vote)
    if vote.deadline is not None and now >= vote.deadline:
        raise InvalidInput(StrategyRefusal.BALLOT_DEADLINE_PASSED, vote=vote_id)
    seat = _ballot_seat(session, vote, actor, local_date(now), seat_code)
    ballot = session.exec(select(Ballot).where(Ballot.vote_id == vote_id, Ballot.seat_id == seat.id)).first()
    if ballot is None:
        ballot = Ballot(vote_id=vote_id, seat_id=seat.id or 0, person_id=actor.id or 0, choice=choice,
                        cast_at=now)
    elif ballot.person_id != actor.id:
        other = session.get(Person, ballot.person_id)
        raise InvalidInput(StrategyRefusal.SEAT_VOTED_BY_OTHER, seat=seat.code,
                           who=other.name if other else "?")
    else:
        ballot.choice, ballot.changed_at = choice, now
    session.add(ballot)
    return ballot


def _ballot_seat(session: Session, vote: Vote, actor: Person, day: date, seat_code: str | None) -> Seat:
    assert actor.id is not None
    held, deputised = seats_held_by(session, actor.id, day)
    candidates = set(held) | set(deputised)
    if not candidates:
        raise NotPermitted(StrategyRefusal.NO_SEAT, name=actor.name, email=actor.email)
    if seat_code is not None:
        seat = find_seat(session, seat_code)
        if seat.id not in candidates:
            raise NotPermitted(StrategyRefusal.NOT_SEAT_OF, name=actor.name, seat=seat.code)
    elif len(candidates) > 1:
        codes = ", ".join(sorted(s.code for s in all_seats(session) if s.id in candidates))
        raise InvalidInput(StrategyRefusal.SEVERAL_SEATS, name=actor.name, codes=codes)
    else:
        seat = session.get(Seat, candidates.pop())  # type: ignore[assignment]
    if vote.mode == VoteMode.MEETING:
        _check_attendance(session, vote.meeting_id, seat, actor, seat.id in held)
    return seat


def _check_attendance(session: Session, meeting_id: int, seat: Seat, actor: Person, as_holder: bool) -> None:
    attendance = session.get(Attendance, (meeting_id, seat.id))
    sitting = session.get(Person, attendance.person_id) if attendance and attendance.person_id else None
    refusal = attendance_refusal(meeting_id, seat.code, attendance, actor.id or 0, as_holder,
                                 sitting.name if sitting else None)
    if refusal is not None:
        raise refusal


def attendance_refusal(meeting_id: int, seat_code: str, attendance: Attendance | None, actor_id: int,
                       as_holder: bool, sitting: str | None) -> NotPermitted | None:
    """Why ``actor_id`` may not cast a seat's ballot in a meeting, given the seat's attendance (None: they may)."""
    if attendance is None or attendance.status == AttendanceStatus.ABSENT:
        return NotPermitted(StrategyRefusal.SEAT_NOT_ATTENDING, seat=seat_code, meeting=meeting_id)
    if attendance.status == AttendanceStatus.PRESENT and as_holder and attendance.person_id in (None, actor_id):
        return None
    if attendance.status == AttendanceStatus.REPRESENTED and attendance.person_id == actor_id:
        return None
    if attendance.status == AttendanceStatus.REPRESENTED:
        return NotPermitted(StrategyRefusal.SEAT_REPRESENTED, seat=seat_code, who=sitting or "?")
    if sitting is None:
        return NotPermitted(StrategyRefusal.SEAT_PRESENT_BY_HOLDER, seat=seat_code)
    return NotPermitted(StrategyRefusal.SEAT_PRESENT, seat=seat_code, who=sitting)


def close_vote(
    session: Session, vote_id: int, *, actor: Person | None, now: datetime, return_for_revision: bool = False,
    comment: str = "",
) -> Vote:
    """Apply the vote's rule, fire each recommendation's transition and write the minutes, in one transaction.

    ``actor=None`` is the scheduler closing a written procedure at its deadline: it closes whatever the count.
    Without the quorum that is "not adopted", so the recommendation is rejected as the domain's default workflow
    says, and the record says why ("closed at its deadline; no quorum: 3 of 12 seats voted, 7 needed"). A chair
    or the secretariat closing by hand is refused without the quorum instead (they can return it for revision).
    """
    now = require_aware(now)
    if actor is not None:
        require_role(session, actor, STEERING_ROLES, Action.CLOSE_VOTES, now)
    if return_for_revision and not comment.strip():
        raise InvalidInput(StrategyRefusal.RETURN_NEEDS_REASON)
    vote = find_vote(session, vote_id)
    _claim(session, vote, status=VoteStatus.CLOSED)
    ballots = {b.seat_id: b.choice for b in session.exec(select(Ballot).where(Ballot.vote_id == vote_id)).all()}
    seats = {s.id or 0: s.category for s in voting_seats(session)}
    result = count(vote.rule, {k: v for k, v in ballots.items() if k in seats}, seats)
    if actor is not None and not return_for_revision:
        _check_closable(session, vote, result, now)
    outcome = (VoteResult.RETURNED if return_for_revision
               else VoteResult.ADOPTED if result.adopted else VoteResult.REJECTED)
    reason = result.reason if actor is not None else f"closed at its deadline; {result.reason}"
    _record_result(session, vote, result, outcome, actor, now, comment.strip() or reason)
    return vote


def _check_closable(session: Session, vote: Vote, result: Count, now: datetime) -> None:
    if vote.rule != VoteRule.SILENCE and not result.quorum_met:
        raise InvalidInput(StrategyRefusal.NO_QUORUM_TO_CLOSE, vote=vote.id, participants=result.tally.participants,
                           total=result.total_seats, needed=quorum_size(result.total_seats))
    if vote.deadline is not None and now < vote.deadline:
        occupied = {sid for sid, occ in occupancy(session, local_date(now)).items() if occ.holders or occ.deputies}
        missing = occupied - set(b.seat_id for b in session.exec(select(Ballot).where(Ballot.vote_id == vote.id)))
        if missing or vote.rule == VoteRule.SILENCE:
            raise InvalidInput(StrategyRefusal.RUNS_UNTIL_DEADLINE, vote=vote.id, deadline=vote.deadline,
                               missing=len(missing))


def _record_result(session: Session, vote: Vote, result: Count, outcome: VoteResult, actor: Person | None,
                   now: datetime, comment: str) -> None:
    tally = result.tally
    vote.closed_at, vote.closed_by, vote.result, vote.comment = now, actor.id if actor else None, outcome, comment
    vote.yes, vote.no, vote.abstain, vote.quorum_met = tally.yes, tally.no, tally.abstain, result.quorum_met
    session.add(vote)
    for rec_id in vote_items(session, vote.id or 0):
        if outcome == VoteResult.RETURNED:
            fire_event(session, RECOMMENDATION_WORKFLOW, rec_id, "return", actor=actor, now=now, comment=comment,
                       meeting_id=vote.meeting_id, params={"vote_id": vote.id})
        else:
            fire_event(session, RECOMMENDATION_WORKFLOW, rec_id, "close_vote", actor=actor, now=now,
                       comment=comment, outcome=outcome.value, meeting_id=vote.meeting_id,
                       params={"vote_id": vote.id})
        rec = find_recommendation(session, rec_id)
        session.add(Decision(
            meeting_id=vote.meeting_id, kind=DecisionKind.RECOMMENDATION, vote_id=vote.id, recommendation_id=rec_id,
            summary=f"{rec.number} „{rec.title}“: {outcome.value} ({tally}; rule {vote.rule.value}; {comment})",
            result=outcome, yes=tally.yes, no=tally.no, abstain=tally.abstain, decided_at=now,
            recorded_by=actor.id if actor else None))


def close_due_votes(session: Session, now: datetime) -> list[Vote]:
    """Close every written procedure whose deadline has passed (the scheduler runs this); each in its own
    transaction, so one that fails leaves the others closed. The count decides: adopted, or else rejected, also
    when too few seats voted for the quorum (see ``close_vote``)."""
    now = require_aware(now)
    due = session.exec(select(Vote.id).where(Vote.status == VoteStatus.OPEN, Vote.mode == VoteMode.WRITTEN_PROCEDURE,
                                             col(Vote.deadline) <= now).order_by(col(Vote.id))).all()
    closed = []
    for vote_id in due:
        try:
            closed.append(close_vote(session, vote_id or 0, actor=None, now=now))
        except RecoflowError:
            continue  # closed meanwhile by someone else, or refused: the next run tries again
    return closed
