"""'Meine Aufgaben': what each person should do next, from the roles they hold.

Each role adds its own part: leads see their drafts and the next submission deadline, seat holders and deputies
the ballots they can still cast, the chair the next agenda and the open votes, the secretariat the queues it
works through, the composition check, forwardings without answer, overdue reports and mails that failed. Each
list shows its first items and how many there are in all, so the page costs the same with 10 or 10,000 rows.
"""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from models.enums import MeetingKind, Role
from models.meeting import Meeting
from models.outbox import OutboxMessage, OutboxStatus
from models.recommendation import Recommendation
from models.strategy import Ballot, Vote, VoteMode, VoteStatus
from workflow.engine.clock import local_date, require_aware
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.accountability import ForwardingRow
from workflow.queries.browsing import RecommendationSummary, Standing, recommendations_in, upcoming_meetings
from workflow.queries.forwarding_queues import forwarding_queues
from workflow.queries.vote_views import BallotCard, DecidedRecommendation, ballot_cards, decided_by
from workflow.strategy_group.agenda import agenda_items
from workflow.strategy_group.meetings import submission_deadline
from workflow.strategy_group.seats import Finding, composition_report

SHOWN = 10


@dataclass(frozen=True)
class TaskList:
    """One heading of the dashboard: its first recommendations, how many there are, and where to see all."""

    key: str
    items: list[RecommendationSummary]
    total: int
    state: str | None = None


@dataclass
class Tasks:
    """A person's dashboard, each part filled only for the roles that need it."""

    lists: list[TaskList] = field(default_factory=list)
    next_meeting: Meeting | None = None
    next_deadline: datetime | None = None
    ballots: list[BallotCard] = field(default_factory=list)
    agenda: list["AgendaLine"] = field(default_factory=list)
    open_votes: list["OpenVote"] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unanswered: list[ForwardingRow] = field(default_factory=list)
    overdue: list[ForwardingRow] = field(default_factory=list)
    failed_mails: int = 0

    @property
    def empty(self) -> bool:
        """Whether there is nothing to do."""
        return not (any(t.items for t in self.lists) or self.ballots or self.open_votes or self.findings
                    or self.unanswered or self.overdue or self.failed_mails)


def _counts(session: Session, states: list[str], group_ids: list[int] | None = None) -> dict[str, int]:
    query = select(Recommendation.state, func.count()).where(col(Recommendation.state).in_(states))
    if group_ids is not None:
        query = query.where(col(Recommendation.working_group_id).in_(group_ids))
    return {str(state): int(n) for state, n in session.exec(query.group_by(col(Recommendation.state))).all()}


def _queues(session: Session, wanted: list[tuple[str, R]], group_ids: list[int] | None = None) -> list[TaskList]:
    counts = _counts(session, [state.value for _key, state in wanted], group_ids)
    return [TaskList(key, recommendations_in(session, [state], group_ids, limit=SHOWN) if counts.get(state) else [],
                     counts.get(state, 0), state.value) for key, state in wanted]


@dataclass(frozen=True, slots=True)
class OpenVote:
    """An open vote on the dashboard, with how many ballots it has so far."""

    id: int
    mode: VoteMode
    deadline: datetime | None
    meeting_id: int
    meeting: str
    ballots: int
    recommendations: list[DecidedRecommendation]


@dataclass(frozen=True, slots=True)
class AgendaLine:
    """A recommendation on the next meeting's agenda."""

    position: int
    id: int
    number: str | None
    title: str
    state: str


def _open_votes(session: Session) -> list[OpenVote]:
    """Open votes with how many ballots each has so far."""
    ballots = (select(Ballot.vote_id, func.count().label("n")).group_by(col(Ballot.vote_id)).subquery())
    rows = session.execute(
        sa.select(col(Vote.id), col(Vote.mode), col(Vote.deadline), col(Meeting.id), col(Meeting.title), ballots.c.n)
        .join(Meeting, col(Meeting.id) == Vote.meeting_id)
        .outerjoin(ballots, ballots.c.vote_id == Vote.id)
        .where(col(Vote.status) == VoteStatus.OPEN).order_by(col(Vote.id)).limit(SHOWN)
    ).all()
    decided = decided_by(session, [row[0] for row in rows])
    return [OpenVote(id=vote_id, mode=mode, deadline=deadline, meeting_id=meeting_id, meeting=title,
                     ballots=int(n or 0), recommendations=decided[vote_id])
            for vote_id, mode, deadline, meeting_id, title, n in rows]


def _agenda(session: Session, meeting: Meeting | None) -> list[AgendaLine]:
    if meeting is None or meeting.id is None:
        return []
    return [AgendaLine(position=item.position, id=rec.id or 0, number=rec.number, title=rec.title, state=rec.state)
            for item, rec in agenda_items(session, meeting.id)]


def _secretariat(session: Session, tasks: Tasks, now: datetime) -> None:
    tasks.findings = composition_report(session, local_date(now)).findings
    tasks.unanswered, tasks.overdue = forwarding_queues(session, now, SHOWN)
    tasks.failed_mails = int(session.exec(select(func.count()).select_from(OutboxMessage)
                                          .where(col(OutboxMessage.status) == OutboxStatus.FAILED)).one())


def tasks_for(session: Session, standing: Standing, now: datetime, person_id: int | None = None) -> Tasks:
    """The dashboard of a person with ``standing`` (``person_id`` finds the seats they vote for)."""
    now = require_aware(now)
    tasks = Tasks()
    if not standing.internal:
        return tasks
    meetings = [m for m in upcoming_meetings(session, now, limit=5) if m.kind == MeetingKind.MEETING] or \
        upcoming_meetings(session, now, limit=1)
    tasks.next_meeting = meetings[0] if meetings else None
    if standing.lead_groups:
        tasks.lists += _queues(session, [("drafts_to_submit", R.DRAFT)], sorted(standing.lead_groups))
        ahead = [m for m in meetings if submission_deadline(m) > now]
        tasks.next_deadline = submission_deadline(ahead[0]) if ahead else None
    if person_id is not None and standing.roles & {Role.STRATEGY_MEMBER, Role.DEPUTY, Role.CHAIR}:
        tasks.ballots = [card for card in ballot_cards(session, person_id, now)
                         if any(slot.refusal is None and slot.choice is None for slot in card.slots)]
    if standing.roles & {Role.CHAIR, Role.SECRETARIAT}:
        tasks.agenda = _agenda(session, tasks.next_meeting)
        tasks.open_votes = _open_votes(session)
    if Role.SECRETARIAT in standing.roles:
        tasks.lists += _queues(session, [("submitted_to_schedule", R.SUBMITTED), ("adopted_to_forward", R.ADOPTED)])
        _secretariat(session, tasks, now)
    return tasks

