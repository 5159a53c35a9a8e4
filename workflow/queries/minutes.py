"""Read models of the strategy group's work as typed data: a meeting's minutes, a vote's status."""

from datetime import datetime

from sqlmodel import Session, col, select

from models.enums import MeetingKind, MeetingStatus
from models.meeting import Meeting
from models.people import Person, Seat
from models.recommendation import Recommendation
from models.strategy import (
    AttendanceStatus,
    Ballot,
    Choice,
    Decision,
    DecisionKind,
    Vote,
    VoteMode,
    VoteResult,
    VoteRule,
    VoteStatus,
)
from workflow.engine.clock import local_date
from workflow.engine.read_model import ReadModel
from workflow.strategy_group.meetings import attendance_of, find_meeting, submission_deadline
from workflow.strategy_group.seat_holders import all_seats, occupancy
from workflow.strategy_group.votes import find_vote, vote_items
from workflow.strategy_group.voting_rules import count


# The calendar facts of one meeting or written procedure (a procedure has no submission deadline).
class MeetingSummary(ReadModel):
    id: int
    title: str
    kind: MeetingKind
    starts_at: datetime
    ends_at: datetime | None
    location: str
    online_url: str
    status: MeetingStatus
    sequence: int
    submission_deadline: datetime | None


# A recommendation a vote decides, with where it stands now.
class VotedRecommendation(ReadModel):
    id: int
    number: str | None
    title: str
    state: str


# A named ballot as the minutes record it.
class NamedBallot(ReadModel):
    seat: str
    person: str | None
    choice: Choice
    cast_at: datetime
    changed_at: datetime | None


# The count of an open vote if it were closed now.
class ProvisionalCount(ReadModel):
    yes: int
    no: int
    abstain: int
    quorum_met: bool
    adopted_if_closed_now: bool
    reason: str


# The final count of a closed vote.
class FinalTally(ReadModel):
    yes: int
    no: int
    abstain: int
    quorum_met: bool | None


# What every view of a vote names first: how and by which rule it is held, its status, result and times.
class VoteFacts(ReadModel):
    id: int
    mode: VoteMode
    rule: VoteRule
    status: VoteStatus
    result: VoteResult | None
    opened_at: datetime
    deadline: datetime | None
    closed_at: datetime | None


# A vote with its ballots; an open one carries ``provisional``, a closed one ``tally`` (the other stays unset, so
# the JSON names only the one that applies).
class VoteStatusView(ReadModel):
    id: int
    meeting_id: int
    mode: VoteMode
    rule: VoteRule
    status: VoteStatus
    opened_at: datetime
    deadline: datetime | None
    closed_at: datetime | None
    result: VoteResult | None
    recommendations: list[VotedRecommendation]
    ballots: list[NamedBallot]
    not_voted: list[str]
    provisional: ProvisionalCount | None = None
    tally: FinalTally | None = None


# Who attended a meeting for one seat (``status`` is "not recorded" when nobody recorded it).
class AttendanceLine(ReadModel):
    seat: str
    label: str
    status: AttendanceStatus | str
    person: str | None
    holder: str | None


# A decided recommendation named beside its decision.
class DecisionSubject(ReadModel):
    id: int
    number: str | None
    title: str


# One decision with its tally; ``recommendation`` is filled in only by the minutes page's record.
class DecisionLine(ReadModel):
    id: int
    kind: DecisionKind
    summary: str
    result: VoteResult | None
    yes: int | None
    no: int | None
    abstain: int | None
    decided_at: datetime
    recommendation_id: int | None
    working_group_id: int | None
    topic_id: int | None
    vote_id: int | None
    recommendation: DecisionSubject | None = None


# A meeting's record: its facts, attendance by seat, decisions and votes.
class Minutes(ReadModel):
    meeting: MeetingSummary
    attendance: list[AttendanceLine]
    decisions: list[DecisionLine]
    votes: list[VoteStatusView]


def meeting_summary(meeting: Meeting) -> MeetingSummary:
    """The calendar facts of one meeting or written procedure."""
    return MeetingSummary(
        id=meeting.id or 0, title=meeting.title, kind=meeting.kind, starts_at=meeting.starts_at,
        ends_at=meeting.ends_at, location=meeting.location, online_url=meeting.online_url, status=meeting.status,
        sequence=meeting.sequence,
        submission_deadline=submission_deadline(meeting) if meeting.kind == "meeting" else None)


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {p.id or 0: p.name for p in session.exec(select(Person).where(col(Person.id).in_(ids))).all()}


def vote_status(session: Session, vote_id: int) -> VoteStatusView:
    """A vote with its named ballots, the seats still missing and, while open, the provisional count."""
    vote = find_vote(session, vote_id)
    ballots = session.exec(select(Ballot).where(Ballot.vote_id == vote_id).order_by(col(Ballot.seat_id))).all()
    seats = {s.id or 0: s for s in all_seats(session)}
    names = _names(session, {b.person_id for b in ballots})
    recs = [session.get(Recommendation, rid) for rid in vote_items(session, vote_id)]
    facts = dict(
        id=vote.id or 0, meeting_id=vote.meeting_id, mode=vote.mode, rule=vote.rule, status=vote.status,
        opened_at=vote.opened_at, deadline=vote.deadline, closed_at=vote.closed_at, result=vote.result,
        recommendations=[VotedRecommendation(id=r.id or 0, number=r.number, title=r.title, state=r.state)
                         for r in recs if r is not None],
        ballots=[NamedBallot(seat=seats[b.seat_id].code, person=names.get(b.person_id), choice=b.choice,
                             cast_at=b.cast_at, changed_at=b.changed_at) for b in ballots],
        not_voted=[s.code for sid, s in seats.items() if sid not in {b.seat_id for b in ballots}],
    )
    if vote.status == VoteStatus.OPEN:
        provisional = count(vote.rule, {b.seat_id: b.choice for b in ballots},
                            {sid: s.category for sid, s in seats.items()})
        return VoteStatusView.model_validate({**facts, "provisional": ProvisionalCount(
            yes=provisional.tally.yes, no=provisional.tally.no, abstain=provisional.tally.abstain,
            quorum_met=provisional.quorum_met, adopted_if_closed_now=provisional.adopted,
            reason=provisional.reason)})
    return VoteStatusView.model_validate({**facts, "tally": FinalTally(
        yes=vote.yes, no=vote.no, abstain=vote.abstain, quorum_met=vote.quorum_met)})


def _decision(d: Decision) -> DecisionLine:
    return DecisionLine(id=d.id or 0, kind=d.kind, summary=d.summary, result=d.result, yes=d.yes, no=d.no,
                        abstain=d.abstain, decided_at=d.decided_at, recommendation_id=d.recommendation_id,
                        working_group_id=d.working_group_id, topic_id=d.topic_id, vote_id=d.vote_id)


def minutes(session: Session, meeting_id: int) -> Minutes:
    """One record of a meeting: its facts, who attended for which seat, each decision with its tally, the votes."""
    meeting = find_meeting(session, meeting_id)
    seats: dict[int, Seat] = {s.id or 0: s for s in all_seats(session)}
    attendance = attendance_of(session, meeting_id)
    holders = occupancy(session, local_date(meeting.starts_at))
    names = _names(session, {a.person_id for a in attendance.values() if a.person_id is not None})
    decisions = session.exec(select(Decision).where(Decision.meeting_id == meeting_id)
                             .order_by(col(Decision.id))).all()
    votes = session.exec(select(Vote.id).where(Vote.meeting_id == meeting_id).order_by(col(Vote.id))).all()
    return Minutes(
        meeting=meeting_summary(meeting),
        attendance=[
            AttendanceLine(seat=seat.code, label=seat.label,
                           status=attendance[sid].status if sid in attendance else "not recorded",
                           person=names.get(attendance[sid].person_id or 0) if sid in attendance else None,
                           holder=", ".join(p.name for p in holders[sid].holders) or None)
            for sid, seat in seats.items()
        ],
        decisions=[_decision(d) for d in decisions],
        votes=[vote_status(session, vid or 0) for vid in votes],
    )
