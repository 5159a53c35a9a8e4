"""Read models of votes as typed data: the chair's live tally, and the ballots a seat holder or deputy may cast.
Each runs a fixed number of queries, however many seats, ballots or votes there are."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.people import Person, Seat
from models.recommendation import Recommendation
from models.strategy import (
    Attendance,
    AttendanceStatus,
    Ballot,
    Choice,
    Vote,
    VoteItem,
    VoteMode,
    VoteResult,
    VoteRule,
    VoteStatus,
)
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.engine.read_model import ReadModel
from workflow.queries.minutes import DecisionSubject, Minutes, VoteFacts, minutes
from workflow.strategy_group.meetings import attendance_of, find_meeting
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import all_seats, occupancy, seats_held_by
from workflow.strategy_group.votes import attendance_refusal, find_vote
from workflow.strategy_group.voting_rules import count, quorum_size


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {p.id or 0: p.name for p in session.exec(select(Person).where(col(Person.id).in_(ids))).all()}


# A recommendation a vote decides.
class DecidedRecommendation(ReadModel):
    id: int
    number: str | None
    title: str
    state: str


# The meeting (or written procedure) a vote belongs to.
class VoteMeeting(ReadModel):
    id: int
    title: str
    kind: MeetingKind
    starts_at: datetime


# A named ballot: which seat, who cast it, how.
class BallotLine(ReadModel):
    seat: str
    label: str
    person: str | None
    choice: Choice
    cast_at: datetime
    changed_at: datetime | None


# A seat that may still vote, with who may cast its ballot: who sits in it at the meeting, or in a written
# procedure its holders (its deputies where it has no holder).
class WaitingSeat(ReadModel):
    seat: str
    label: str
    people: list[str]


# The counts of a vote: provisional while open (``adopted_if_closed_now``), as recorded once closed (None).
class Tally(ReadModel):
    vote: int
    status: VoteStatus
    result: VoteResult | None
    not_voted: int
    quorum_needed: int
    seats: int
    version: int
    yes: int
    no: int
    abstain: int
    participants: int
    quorum_met: bool
    adopted_if_closed_now: bool | None


# A vote as the chair follows it.
class VoteBoard(VoteFacts):
    comment: str
    meeting: VoteMeeting
    recommendations: list[DecidedRecommendation]
    ballots: list[BallotLine]
    waiting: list[WaitingSeat]
    tally: Tally


def decided_by(session: Session, vote_ids: list[int]) -> dict[int, list[DecidedRecommendation]]:
    """The recommendations each vote decides (one query, none without votes)."""
    decided: dict[int, list[DecidedRecommendation]] = {v: [] for v in vote_ids}
    if vote_ids:
        rows = session.exec(
            select(VoteItem.vote_id, Recommendation)
            .join(Recommendation, col(Recommendation.id) == VoteItem.recommendation_id)
            .where(col(VoteItem.vote_id).in_(vote_ids)).order_by(col(Recommendation.id))).all()
        for vote_id, rec in rows:
            decided[vote_id].append(DecidedRecommendation(id=rec.id or 0, number=rec.number, title=rec.title,
                                                          state=rec.state))
    return decided


def _sitters(session: Session, vote: Vote, day: date, ballot_people: set[int]) -> tuple[
        dict[int, list[str]], dict[int, str]]:
    """The seats that may vote, each with who may cast its ballot: in a meeting those present or represented (by
    whoever sits in it), in a written procedure every seat with a holder or a deputy (its holders, else its
    deputies). Also the names of ``ballot_people``, read in the same statement."""
    if vote.mode == VoteMode.MEETING:
        sitting = {sid: a.person_id for sid, a in attendance_of(session, vote.meeting_id).items()
                   if a.status != AttendanceStatus.ABSENT}
        names = _names(session, ballot_people | {p for p in sitting.values() if p is not None})
        return {sid: [names[p]] if p in names else [] for sid, p in sitting.items()}, names
    seats = {sid: [p.name for p in occ.holders or occ.deputies]
             for sid, occ in occupancy(session, day).items() if occ.holders or occ.deputies}
    return seats, _names(session, ballot_people)


def vote_board(session: Session, vote_id: int, now: datetime) -> VoteBoard:
    """A vote as the chair follows it: the named ballots, the seats still to vote, and the tally (provisional
    while open: whether the quorum is reached and whether closing now would adopt)."""
    now = require_aware(now)
    vote = find_vote(session, vote_id)
    meeting = find_meeting(session, vote.meeting_id)
    seats = {s.id or 0: s for s in all_seats(session)}
    ballots = session.exec(select(Ballot).where(Ballot.vote_id == vote_id).order_by(col(Ballot.seat_id))).all()
    ballot_people = {b.person_id for b in ballots}
    eligible, names = (_sitters(session, vote, local_date(now), ballot_people) if vote.status == VoteStatus.OPEN
                       else ({}, _names(session, ballot_people)))
    voted = {b.seat_id for b in ballots}
    return VoteBoard(
        id=vote.id or 0, mode=vote.mode, rule=vote.rule, status=vote.status, result=vote.result,
        opened_at=vote.opened_at, deadline=vote.deadline, closed_at=vote.closed_at, comment=vote.comment,
        meeting=VoteMeeting(id=meeting.id or 0, title=meeting.title, kind=meeting.kind, starts_at=meeting.starts_at),
        recommendations=decided_by(session, [vote_id])[vote_id],
        ballots=[BallotLine(seat=seats[b.seat_id].code, label=seats[b.seat_id].label, person=names.get(b.person_id),
                            choice=b.choice, cast_at=b.cast_at, changed_at=b.changed_at) for b in ballots],
        waiting=[WaitingSeat(seat=seats[sid].code, label=seats[sid].label, people=eligible[sid])
                 for sid in sorted(eligible.keys() - voted)],
        tally=tally_of_vote(vote, {b.seat_id: b.choice for b in ballots}, seats, len(eligible.keys() - voted)),
    )


def tally_of_vote(vote: Vote, ballots: dict[int, Choice], seats: dict[int, Seat], waiting: int) -> Tally:
    """The counts of a vote: the provisional count while open, the recorded result once closed."""
    total = len(seats)
    base = dict(vote=vote.id or 0, status=vote.status, result=vote.result, not_voted=waiting,
                quorum_needed=quorum_size(total), seats=total, version=vote.version)
    if vote.status == VoteStatus.OPEN:
        provisional = count(vote.rule, ballots, {sid: s.category for sid, s in seats.items()})
        return Tally.model_validate({
            **base, "yes": provisional.tally.yes, "no": provisional.tally.no, "abstain": provisional.tally.abstain,
            "participants": provisional.tally.participants, "quorum_met": provisional.quorum_met,
            "adopted_if_closed_now": provisional.adopted})
    return Tally.model_validate({
        **base, "yes": vote.yes, "no": vote.no, "abstain": vote.abstain,
        "participants": vote.yes + vote.no + vote.abstain, "quorum_met": bool(vote.quorum_met),
        "adopted_if_closed_now": None})


@dataclass(frozen=True)
class BallotSlot:
    """One seat a person sits for in one open vote: their ballot so far, or why they cannot cast it."""

    seat_code: str
    seat_label: str
    as_deputy: bool
    choice: Choice | None
    refusal: RecoflowError | None


@dataclass(frozen=True, slots=True)
class BallotCard:
    """One open vote a seat holder or deputy sits in, with a slot per seat they sit for."""

    id: int
    mode: VoteMode
    rule: VoteRule
    deadline: datetime | None
    meeting: VoteMeeting
    recommendations: list[DecidedRecommendation]
    slots: list[BallotSlot]


def ballot_cards(session: Session, person_id: int, now: datetime) -> list[BallotCard]:
    """The open votes a seat holder or deputy sits in, each with a slot per seat they sit for."""
    now = require_aware(now)
    held, deputised = seats_held_by(session, person_id, local_date(now))
    mine = set(held) | set(deputised)
    if not mine:
        return []
    votes = session.exec(select(Vote, Meeting).join(Meeting, col(Meeting.id) == Vote.meeting_id)
                         .where(col(Vote.status) == VoteStatus.OPEN).order_by(col(Vote.id))).all()
    if not votes:
        return []
    vote_ids = [v.id or 0 for v, _m in votes]
    ballots = {(b.vote_id, b.seat_id): b for b in session.exec(
        select(Ballot).where(col(Ballot.vote_id).in_(vote_ids), col(Ballot.seat_id).in_(mine))).all()}
    meeting_ids = {v.meeting_id for v, _m in votes if v.mode == VoteMode.MEETING}
    attendance = {(a.meeting_id, a.seat_id): a for a in session.exec(
        select(Attendance).where(col(Attendance.meeting_id).in_(meeting_ids), col(Attendance.seat_id).in_(mine))
    ).all()} if meeting_ids else {}
    seats = {s.id or 0: s for s in session.exec(select(Seat).where(col(Seat.id).in_(mine))).all()}
    names = _names(session, {b.person_id for b in ballots.values()}
                   | {a.person_id for a in attendance.values() if a.person_id is not None})
    decided = decided_by(session, vote_ids)
    cards = []
    for vote, meeting in votes:
        slots = [_slot(vote, seats[sid], sid in held, person_id, ballots.get((vote.id or 0, sid)),
                       attendance.get((vote.meeting_id, sid)), names, now) for sid in sorted(mine)]
        cards.append(BallotCard(id=vote.id or 0, mode=vote.mode, rule=vote.rule, deadline=vote.deadline,
                                meeting=VoteMeeting(id=meeting.id or 0, title=meeting.title, kind=meeting.kind,
                                                    starts_at=meeting.starts_at),
                                recommendations=decided[vote.id or 0], slots=slots))
    return cards


def _slot(vote: Vote, seat: Seat, as_holder: bool, person_id: int, ballot: Ballot | None,
          attendance: Attendance | None, names: dict[int, str], now: datetime) -> BallotSlot:
    # The same checks in the same order as ``voting.cast_ballot``, so the page says what casting would say.
    refusal: RecoflowError | None = None
    if vote.deadline is not None and now >= vote.deadline:
        refusal = InvalidInput(StrategyRefusal.BALLOT_DEADLINE_PASSED, vote=vote.id)
    elif vote.mode == VoteMode.MEETING:
        sitting = names.get(attendance.person_id) if attendance and attendance.person_id else None
        refusal = attendance_refusal(vote.meeting_id, seat.code, attendance, person_id, as_holder, sitting)
    if refusal is None and ballot is not None and ballot.person_id != person_id:
        refusal = InvalidInput(StrategyRefusal.SEAT_VOTED_BY_OTHER, seat=seat.code,
                               who=names.get(ballot.person_id, "?"))
    own = ballot.choice if ballot is not None and ballot.person_id == person_id else None
    return BallotSlot(seat.code, seat.label, not as_holder, own, refusal)


# The minutes as the page shows them: each decided recommendation named beside its decision, and whether the
# record is a written procedure's (which has no attendance).
class MinutesRecord(Minutes):
    is_procedure: bool


def minutes_record(session: Session, meeting_id: int) -> MinutesRecord:
    """The minutes of a meeting with each decided recommendation's number and title beside its decision."""
    record = minutes(session, meeting_id)
    ids = {d.recommendation_id for d in record.decisions if d.recommendation_id is not None}
    recs = {r.id: r for r in session.exec(select(Recommendation).where(col(Recommendation.id).in_(ids))).all()} \
        if ids else {}
    decisions = []
    for decision in record.decisions:
        rec = recs.get(decision.recommendation_id)
        subject = DecisionSubject(id=rec.id or 0, number=rec.number, title=rec.title) if rec else None
        decisions.append(decision.model_copy(update={"recommendation": subject}))
    return MinutesRecord(meeting=record.meeting, attendance=record.attendance, decisions=decisions,
                         votes=record.votes, is_procedure=record.meeting.kind == MeetingKind.WRITTEN_PROCEDURE)
