"""The strategy group at work: agendas, attendance, votes and ballots, decisions, strategic goals, public events."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import enum_type, one_of, utc_column, utcnow


class AttendanceStatus(StrEnum):
    """How a seat was at a meeting."""

    PRESENT = "present"
    REPRESENTED = "represented"
    ABSENT = "absent"


class VoteMode(StrEnum):
    """Where the ballots are cast."""

    MEETING = "meeting"
    WRITTEN_PROCEDURE = "written_procedure"


class VoteRule(StrEnum):
    """The counting rule a vote is decided by."""

    DEFAULT = "default"
    TWO_THIRDS = "two_thirds"
    EACH_CATEGORY = "each_category"
    SILENCE = "silence"


class VoteStatus(StrEnum):
    """Whether ballots are still accepted."""

    OPEN = "open"
    CLOSED = "closed"


class VoteResult(StrEnum):
    """What the strategy group decided."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    RETURNED = "returned"


class Choice(StrEnum):
    """A ballot."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class AgendaPurpose(StrEnum):
    """Why a recommendation is on an agenda: to be decided by a vote, or its implementation reviewed."""

    DECISION = "decision"
    REVIEW = "review"


class DecisionKind(StrEnum):
    """What a decision in the minutes is about."""

    RECOMMENDATION = "recommendation"
    CONVENE_GROUP = "convene_group"
    CONCLUDE_GROUP = "conclude_group"
    TOPIC = "topic"
    STRATEGIC_GOAL = "strategic_goal"


class PublicEventKind(StrEnum):
    """Events for the Fachöffentlichkeit."""

    FACHTAG = "fachtag"
    INFORMATIONSVERANSTALTUNG = "informationsveranstaltung"


# A recommendation on the agenda of a meeting or written procedure (to decide on it, or to review its implementation),
# at a position the secretariat can change.
class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "recommendation_id", name="uq_agenda_item_meeting_rec"),
                      one_of("purpose", AgendaPurpose))
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    position: int
    added_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    purpose: AgendaPurpose = Field(default=AgendaPurpose.DECISION, sa_type=enum_type(AgendaPurpose),
                                   sa_column_kwargs={"server_default": AgendaPurpose.DECISION.value})


# How one seat attended one meeting, and who sat in it (the holder, or the deputy representing them).
class Attendance(SQLModel, table=True):
    __table_args__ = (one_of("status", AttendanceStatus),)
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    seat_id: int = Field(foreign_key="seat.id", primary_key=True)
    status: AttendanceStatus = Field(sa_type=enum_type(AttendanceStatus))
    person_id: int | None = Field(default=None, foreign_key="person.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    # Who recorded it: the secretariat, or the member who checked in themselves (then equal to ``person_id``).
    recorded_by_id: int | None = Field(default=None, foreign_key="person.id")


# A vote on one recommendation or a block of them; closed votes never change (conditional updates on ``version``).
class Vote(SQLModel, table=True):
    __table_args__ = (one_of("mode", VoteMode), one_of("rule", VoteRule), one_of("status", VoteStatus),
                      one_of("result", VoteResult))
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    mode: VoteMode = Field(sa_type=enum_type(VoteMode))
    rule: VoteRule = Field(default=VoteRule.DEFAULT, sa_type=enum_type(VoteRule))
    status: VoteStatus = Field(default=VoteStatus.OPEN, sa_type=enum_type(VoteStatus), index=True)
    opened_at: datetime = Field(sa_column=utc_column())
    deadline: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    result: VoteResult | None = Field(default=None, sa_type=enum_type(VoteResult))
    yes: int = 0
    no: int = 0
    abstain: int = 0
    quorum_met: bool | None = None
    opened_by: int | None = Field(default=None, foreign_key="person.id")
    closed_by: int | None = Field(default=None, foreign_key="person.id")
    comment: str = ""
    version: int = 1


# One recommendation decided by a vote.
class VoteItem(SQLModel, table=True):
    __tablename__ = "vote_item"
    vote_id: int = Field(foreign_key="vote.id", primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", primary_key=True, index=True)


# The one ballot of a seat in a vote, cast by the holder or the deputy; changeable until the vote closes.
class Ballot(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("vote_id", "seat_id", name="uq_ballot_vote_seat"), one_of("choice", Choice))
    id: int | None = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", index=True)
    seat_id: int = Field(foreign_key="seat.id")
    person_id: int = Field(foreign_key="person.id")
    choice: Choice = Field(sa_type=enum_type(Choice))
    cast_at: datetime = Field(sa_column=utc_column())
    changed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


# One decision of the strategy group, taken in a meeting or written procedure: the minutes are these rows.
class Decision(SQLModel, table=True):
    __table_args__ = (one_of("kind", DecisionKind), one_of("result", VoteResult))
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    kind: DecisionKind = Field(sa_type=enum_type(DecisionKind))
    summary: str
    recommendation_id: int | None = Field(default=None, foreign_key="recommendation.id")
    working_group_id: int | None = Field(default=None, foreign_key="working_group.id")
    topic_id: int | None = Field(default=None, foreign_key="topic.id")
    vote_id: int | None = Field(default=None, foreign_key="vote.id")
    result: VoteResult | None = Field(default=None, sa_type=enum_type(VoteResult))
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    decided_at: datetime = Field(sa_column=utc_column())
    recorded_by: int | None = Field(default=None, foreign_key="person.id")


# A strategic goal the strategy group set for a topic.
class StrategicGoal(SQLModel, table=True):
    __tablename__ = "strategic_goal"
    id: int | None = Field(default=None, primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", index=True)
    title: str = Field(max_length=300)
    description: str = ""
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    set_at: datetime = Field(sa_column=utc_column())


# A Fachtag or Informationsveranstaltung for the professional public; ``sequence`` counts calendar updates.
class PublicEvent(SQLModel, table=True):
    __tablename__ = "public_event"
    __table_args__ = (one_of("kind", PublicEventKind),)
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=300)
    kind: PublicEventKind = Field(sa_type=enum_type(PublicEventKind))
    starts_at: datetime = Field(sa_column=utc_column())
    ends_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    location: str = ""
    description: str = ""
    cancelled: bool = False
    sequence: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
