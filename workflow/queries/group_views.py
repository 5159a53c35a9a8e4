"""Read models of the network's structure: working groups with their people, recommendations and decisions, and
the topics with their strategic goals; as typed data for the pages, each in a fixed number of queries."""

from collections import defaultdict
from datetime import date, datetime

import sqlalchemy as sa
from pydantic import Field
from sqlmodel import Session, col, func, select

from models.enums import MeetingKind, MeetingStatus, Role
from models.groups import Topic, WorkingGroup
from models.meeting import Meeting
from models.people import Person, RoleAssignment
from models.recommendation import Recommendation
from models.strategy import Decision, DecisionKind, StrategicGoal
from models.transition_record import TransitionRecord
from workflow.engine.clock import require_aware
from workflow.engine.definitions import WORKING_GROUP_WORKFLOW
from workflow.engine.errors import NotFound
from workflow.engine.read_model import ReadModel
from workflow.engine.states import RecommendationState as R
from workflow.network.refusals import DirectoryRefusal
from workflow.queries.browsing import ALL_DRAFTS_ROLES, RecommendationSummary, Standing, search_recommendations
from workflow.strategy_group.seat_holders import STEERING_ROLES

GROUP_ROLES = (Role.WG_LEAD, Role.WG_DEPUTY_LEAD, Role.WG_MEMBER)
_PEOPLE_KEYS = {Role.WG_LEAD: "leads", Role.WG_DEPUTY_LEAD: "deputy_leads", Role.WG_MEMBER: "members"}
# The decisions that open and close a working group's life.
GROUP_DECISIONS = (DecisionKind.CONVENE_GROUP, DecisionKind.CONCLUDE_GROUP)


def may_steer(standing: Standing) -> bool:
    """Whether the person may convene groups and set topics and goals (the chair or the secretariat)."""
    return bool(standing.roles & STEERING_ROLES)


def _people_by_group(session: Session, day: date, group_id: int | None = None) -> dict[int, dict[str, list[str]]]:
    query = (select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
             .where(col(RoleAssignment.role).in_(GROUP_ROLES), col(RoleAssignment.working_group_id).is_not(None))
             .order_by(col(Person.name), col(Person.id)))
    if group_id is not None:
        query = query.where(RoleAssignment.working_group_id == group_id)
    people: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"leads": [], "deputy_leads": [], "members": []})
    for assignment, person in session.exec(query).all():
        if assignment.active_on(day) and assignment.working_group_id is not None:
            names = people[assignment.working_group_id][_PEOPLE_KEYS[Role(assignment.role)]]
            if person.name not in names:
                names.append(person.name)
    return people


def _visible_counts(session: Session, standing: Standing) -> dict[int, int]:
    # Drafts count only where the person may see them, as everywhere else.
    is_draft = col(Recommendation.state) == R.DRAFT.value
    rows = session.exec(select(Recommendation.working_group_id, is_draft, func.count())
                        .group_by(col(Recommendation.working_group_id), is_draft)).all()
    counts: dict[int, int] = defaultdict(int)
    for group_id, draft, n in rows:
        if not draft or standing.roles & ALL_DRAFTS_ROLES or group_id in standing.groups:
            counts[group_id] += int(n)
    return counts


# A working group's plan and who leads and belongs to it today.
class GroupFacts(ReadModel):
    id: int
    name: str
    state: str
    topic: str | None
    topic_id: int | None
    mandate: str
    planned_member_count: int
    planned_end: date | None
    version: int
    created_at: datetime
    leads: list[str]
    deputy_leads: list[str]
    members: list[str]


# A line of the list of working groups: also how many recommendations the person sees.
class GroupLine(GroupFacts):
    recommendations: int


# The meeting or written procedure that took a decision about a group.
class DecidingMeeting(ReadModel):
    id: int
    title: str
    kind: str
    starts_at: datetime


# A decision that convened or concluded a group.
class GroupDecision(ReadModel):
    kind: str
    summary: str
    decided_at: datetime
    meeting: DecidingMeeting


# One transition of a group's workflow (``from`` in JSON: a Python keyword).
class GroupHistoryEntry(ReadModel):
    event: str
    from_: str = Field(alias="from")
    to: str
    at: datetime
    actor: str | None
    comment: str
    meeting_id: int | None


# One working group's page: the recommendations the person may see, its decisions and its timeline.
class GroupPage(GroupFacts):
    recommendations: list[RecommendationSummary]
    recommendation_total: int
    decisions: list[GroupDecision]
    history: list[GroupHistoryEntry]


def _group_facts(group: WorkingGroup, topic: str | None, people: dict[str, list[str]]) -> dict[str, object]:
    return {"id": group.id or 0, "name": group.name, "state": group.state, "topic": topic,
            "topic_id": group.topic_id, "mandate": group.mandate, "planned_member_count": group.planned_member_count,
            "planned_end": group.planned_end, "version": group.version, "created_at": group.created_at, **people}


def group_overview(session: Session, standing: Standing, day: date) -> list[GroupLine]:
    """Every working group with its topic, plan, leads, members and how many recommendations the person sees."""
    rows = session.exec(select(WorkingGroup, Topic.title).join(Topic, col(Topic.id) == WorkingGroup.topic_id,
                                                               isouter=True)
                        .order_by(col(WorkingGroup.name))).all()
    people = _people_by_group(session, day)
    counts = _visible_counts(session, standing)
    return [GroupLine.model_validate({**_group_facts(group, topic, people[group.id or 0]),
                                      "recommendations": counts.get(group.id or 0, 0)})
            for group, topic in rows]


def _decisions(session: Session, group_id: int) -> list[GroupDecision]:
    rows = session.exec(select(Decision, Meeting).join(Meeting, col(Meeting.id) == Decision.meeting_id)
                        .where(Decision.working_group_id == group_id, col(Decision.kind).in_(GROUP_DECISIONS))
                        .order_by(col(Decision.decided_at), col(Decision.id))).all()
    return [GroupDecision(kind=d.kind.value, summary=d.summary, decided_at=d.decided_at,
                          meeting=DecidingMeeting(id=m.id or 0, title=m.title, kind=m.kind.value,
                                                  starts_at=m.starts_at))
            for d, m in rows]


def _history(session: Session, group_id: int) -> list[GroupHistoryEntry]:
    rows = session.exec(select(TransitionRecord, Person.name)
                        .join(Person, col(Person.id) == TransitionRecord.actor_id, isouter=True)
                        .where(TransitionRecord.subject_kind == WORKING_GROUP_WORKFLOW.subject_kind,
                               TransitionRecord.subject_id == group_id)
                        .order_by(col(TransitionRecord.id))).all()
    return [GroupHistoryEntry(event=r.event, from_=r.from_state, to=r.to_state, at=r.occurred_at, actor=name,
                              comment=r.comment, meeting_id=r.meeting_id) for r, name in rows]


def group_detail(session: Session, group_id: int, standing: Standing, day: date) -> GroupPage:
    """One working group: its plan, people, the recommendations the person may see, decisions and timeline."""
    row = session.exec(select(WorkingGroup, Topic.title).join(Topic, col(Topic.id) == WorkingGroup.topic_id,
                                                              isouter=True)
                       .where(WorkingGroup.id == group_id)).first()
    if row is None:
        raise NotFound(DirectoryRefusal.NO_WORKING_GROUP_ID, id=group_id)
    group, topic = row
    recommendations = search_recommendations(session, standing, working_group_id=group_id, limit=200)
    return GroupPage.model_validate({
        **_group_facts(group, topic, _people_by_group(session, day, group_id)[group_id]),
        "recommendations": recommendations.items, "recommendation_total": recommendations.total,
        "decisions": _decisions(session, group_id), "history": _history(session, group_id)})


def deciding_meetings(session: Session, now: datetime, limit: int = 20) -> list[Meeting]:
    """Meetings whose decisions can be recorded now: those held, and written procedures; latest first."""
    now = require_aware(now)
    return list(session.exec(
        select(Meeting).where(col(Meeting.status) != MeetingStatus.CANCELLED,
                              sa.or_(col(Meeting.starts_at) <= now, col(Meeting.kind) == MeetingKind.WRITTEN_PROCEDURE))
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc()).limit(limit)).all())


# The meeting that set a strategic goal.
class GoalMeeting(ReadModel):
    title: str
    starts_at: datetime


# A strategic goal of a topic.
class GoalLine(ReadModel):
    id: int
    title: str
    description: str
    set_at: datetime
    meeting: GoalMeeting | None


# A working group under a topic.
class TopicGroup(ReadModel):
    id: int
    name: str
    state: str


# A topic with its strategic goals and its working groups.
class TopicLine(ReadModel):
    id: int
    title: str
    description: str
    goals: list[GoalLine]
    groups: list[TopicGroup]


def topics_overview(session: Session) -> list[TopicLine]:
    """Every topic with its strategic goals (and the meeting that set each) and its working groups."""
    topics = session.exec(select(Topic).order_by(col(Topic.id))).all()
    goals: dict[int, list[GoalLine]] = defaultdict(list)
    for goal, meeting in session.exec(select(StrategicGoal, Meeting)
                                      .join(Meeting, col(Meeting.id) == StrategicGoal.meeting_id, isouter=True)
                                      .order_by(col(StrategicGoal.id))).all():
        goals[goal.topic_id].append(GoalLine(id=goal.id or 0, title=goal.title, description=goal.description,
                                             set_at=goal.set_at,
                                             meeting=GoalMeeting(title=meeting.title, starts_at=meeting.starts_at)
                                             if meeting else None))
    groups: dict[int, list[TopicGroup]] = defaultdict(list)
    for group in session.exec(select(WorkingGroup).where(col(WorkingGroup.topic_id).is_not(None))
                              .order_by(col(WorkingGroup.name))).all():
        groups[group.topic_id or 0].append(TopicGroup(id=group.id or 0, name=group.name, state=group.state))
    return [TopicLine(id=t.id or 0, title=t.title, description=t.description, goals=goals[t.id or 0],
                      groups=groups[t.id or 0]) for t in topics]


def topic_choices(session: Session) -> list[Topic]:
    """Every topic by title (for forms)."""
    return list(session.exec(select(Topic).order_by(col(Topic.title))).all())
