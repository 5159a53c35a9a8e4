"""Demo data of the strategy group: strategic goals, the minutes of the last meeting held (attendance, named
ballots, decisions), the written procedure in progress with its first ballots, and an upcoming Fachtag."""

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models.groups import Topic
from models.meeting import Meeting
from models.people import Person, Seat
from models.recommendation import Recommendation
from models.strategy import (
    AttendanceStatus,
    Ballot,
    Choice,
    Decision,
    DecisionKind,
    PublicEventKind,
    Vote,
    VoteItem,
    VoteMode,
    VoteResult,
    VoteStatus,
)
from models.transition_record import TransitionRecord
from workflow.engine.clock import local_date
from workflow.network.public_events import add_event
from workflow.network.topics_and_goals import add_goal
from workflow.strategy_group.meetings import record_attendance
from workflow.strategy_group.seat_holders import occupancy
from workflow.strategy_group.votes import cast_ballot

GOALS = (
    ("Beteiligung vor Ort stärken", "Mehr Menschen mit Einwanderungsgeschichte wirken in Gremien vor Ort mit."),
    ("Zugang zu Bildung und Arbeit verbessern", "Anerkennung und Qualifizierung werden schneller und einfacher."),
    ("Verwaltung verständlich machen", "Verfahren und Formulare sind verständlich und mehrsprachig zugänglich."),
)
# The seats represented by their deputy and the one absent at the last meeting held.
REPRESENTED, ABSENT = ("KLV-LKT", "IB-LK"), ("VL-G",)


def extend_demo(session: Session, at: Callable[[float], datetime], meetings: Sequence[Meeting],
                secretariat: Person, chair: Person, topics: Sequence[Topic], last_held: int) -> None:
    """Add the strategy group's records to the demo network (called once by ``load_demo``); ``meetings`` are
    the stories' five meetings, then the written procedure, and ``last_held`` is the third one's day offset."""
    for topic, (title, text) in zip(topics, GOALS, strict=True):
        add_goal(session, str(topic.id), title, text, meeting_id=meetings[0].id, actor=chair,
                 now=meetings[0].starts_at)
    _minutes_of_held_meeting(session, meetings[2], secretariat, chair, at(last_held))
    _written_procedure_in_progress(session, meetings[5], chair, at)
    fachtag = at(60).replace(hour=8)
    add_event(session, title="Fachtag „Teilhabe vor Ort“", kind=PublicEventKind.FACHTAG, starts_at=fachtag,
              ends_at=fachtag + timedelta(hours=7), location="Neues Schloss, Stuttgart",
              description="Fachtag des Netzwerks Integration mit Ergebnissen der Arbeitsgruppen.",
              actor=secretariat, now=at(-5))


def _minutes_of_held_meeting(session: Session, meeting: Meeting, secretariat: Person, chair: Person,
                             when: datetime) -> None:
    seats = {s.code: s for s in session.exec(select(Seat)).all()}
    for code in seats:
        status = (AttendanceStatus.REPRESENTED if code in REPRESENTED
                  else AttendanceStatus.ABSENT if code in ABSENT else AttendanceStatus.PRESENT)
        record_attendance(session, meeting.id or 0, code, status, actor=secretariat, now=when)
    voters = [s for c, s in seats.items() if c not in ABSENT]
    sitting = occupancy(session, local_date(when))
    decided = session.exec(select(TransitionRecord).where(
        TransitionRecord.event == "close_vote", TransitionRecord.meeting_id == meeting.id)
        .order_by(col(TransitionRecord.id))).all()
    for record in decided:
        _recorded_vote(session, record, meeting, voters, sitting, chair)


def _recorded_vote(session: Session, record: TransitionRecord, meeting: Meeting, voters: list[Seat],
                   sitting: dict, chair: Person) -> None:
    """A vote taken in the meeting, written down as its minutes recorded it (the transition was fired then)."""
    adopted = record.to_state == VoteResult.ADOPTED
    choices = [Choice.YES] * (9 if adopted else 3) + [Choice.NO] * (1 if adopted else 7) + [Choice.ABSTAIN]
    vote = Vote(meeting_id=meeting.id or 0, mode=VoteMode.MEETING, status=VoteStatus.CLOSED,
                opened_at=record.occurred_at, closed_at=record.occurred_at, closed_by=chair.id,
                result=VoteResult(record.to_state), yes=choices.count(Choice.YES), no=choices.count(Choice.NO),
                abstain=1, quorum_met=True, opened_by=chair.id, comment=record.comment)
    session.add(vote)
    session.flush()
    session.add(VoteItem(vote_id=vote.id or 0, recommendation_id=record.subject_id))
    for seat, choice in zip(voters, choices, strict=True):
        occ = sitting[seat.id]
        person = occ.deputies[0] if seat.code in REPRESENTED else occ.holders[0]
        session.add(Ballot(vote_id=vote.id or 0, seat_id=seat.id or 0, person_id=person.id or 0, choice=choice,
                           cast_at=record.occurred_at))
    rec = session.get(Recommendation, record.subject_id)
    assert rec is not None
    session.add(Decision(
        meeting_id=meeting.id or 0, kind=DecisionKind.RECOMMENDATION, vote_id=vote.id,
        recommendation_id=rec.id, result=VoteResult(record.to_state), yes=vote.yes, no=vote.no, abstain=vote.abstain,
        summary=f"{rec.number} „{rec.title}“: {record.to_state} ({vote.yes} yes, {vote.no} no, 1 abstentions; "
                "rule default)", decided_at=record.occurred_at, recorded_by=chair.id))


def _written_procedure_in_progress(session: Session, procedure: Meeting, chair: Person,
                                   at: Callable[[float], datetime]) -> None:
    rec_ids = session.exec(select(TransitionRecord.subject_id).where(
        TransitionRecord.event == "open_vote", TransitionRecord.meeting_id == procedure.id)).all()
    vote = Vote(meeting_id=procedure.id or 0, mode=VoteMode.WRITTEN_PROCEDURE, opened_at=at(-14),
                deadline=procedure.starts_at, opened_by=chair.id)
    session.add(vote)
    session.flush()
    for rec_id in rec_ids:
        session.add(VoteItem(vote_id=vote.id or 0, recommendation_id=rec_id))
    sitting = occupancy(session, local_date(at(-10)))
    holders = [occ.holders[0] for occ in sitting.values() if occ.holders][:5]
    for index, person in enumerate(holders):
        choice = Choice.ABSTAIN if index == 4 else Choice.YES
        cast_ballot(session, vote.id or 0, choice, actor=person, now=at(-10 + index))
