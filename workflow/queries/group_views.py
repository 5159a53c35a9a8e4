"""Read models of the network's structure: working groups with their people, recommendations and decisions, and
the topics with their strategic goals; as plain data for the pages, each in a fixed number of queries."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
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
from workflow.engine.states import RecommendationState as R
from workflow.network.refusals import DirectoryRefusal
from workflow.queries.browsing import ALL_DRAFTS_ROLES, Standing, search_recommendations
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


def _group_summary(group: WorkingGroup, topic: str | None) -> dict[str, Any]:
    return {"id": group.id, "name": group.name, "state": group.state, "topic": topic, "topic_id": group.topic_id,
            "mandate": group.mandate, "planned_member_count": group.planned_member_count,
            "planned_end": group.planned_end, "version": group.version, "created_at": group.created_at}


def group_overview(session: Session, standing: Standing, day: date) -> list[dict[str, Any]]:
    """Every working group with its topic, plan, leads, members and how many recommendations the person sees."""
    rows = session.exec(select(WorkingGroup, Topic.title).join(Topic, col(Topic.id) == WorkingGroup.topic_id,
                                                               isouter=True)
                        .order_by(col(WorkingGroup.name))).all()
    people = _people_by_group(session, day)
    counts = _visible_counts(session, standing)
    return [{**_group_summary(group, topic), **people[group.id or 0], "recommendations": counts.get(group.id or 0, 0)}
            for group, topic in rows]


def _decisions(session: Session, group_id: int) -> list[dict[str, Any]]:
    rows = session.exec(select(Decision, Meeting).join(Meeting, col(Meeting.id) == Decision.meeting_id)
                        .where(Decision.working_group_id == group_id, col(Decision.kind).in_(GROUP_DECISIONS))
                        .order_by(col(Decision.decided_at), col(Decision.id))).all()
    return [{"kind": d.kind.value, "summary": d.summary, "decided_at": d.decided_at,
             "meeting": {"id": m.id, "title": m.title, "kind": m.kind.value, "starts_at": m.starts_at}}
            for d, m in rows]


def _history(session: Session, group_id: int) -> list[dict[str, Any]]:
    rows = session.exec(select(TransitionRecord, Person.name)
                        .join(Person, col(Person.id) == TransitionRecord.actor_id, isouter=True)
                        .where(TransitionRecord.subject_kind == WORKING_GROUP_WORKFLOW.subject_kind,
                               TransitionRecord.subject_id == group_id)
                        .order_by(col(TransitionRecord.id))).all()
    return [{"event": r.event, "from": r.from_state, "to": r.to_state, "at": r.occurred_at, "actor": name,
             "comment": r.comment, "meeting_id": r.meeting_id} for r, name in rows]


def group_detail(session: Session, group_id: int, standing: Standing, day: date) -> dict[str, Any]:
    """One working group: its plan, people, the recommendations the person may see, decisions and timeline."""
    row = session.exec(select(WorkingGroup, Topic.title).join(Topic, col(Topic.id) == WorkingGroup.topic_id,
                                                              isouter=True)
                       .where(WorkingGroup.id == group_id)).first()
    if row is None:
        raise NotFound(DirectoryRefusal.NO_WORKING_GROUP_ID, id=group_id)
    group, topic = row
    recommendations = search_recommendations(session, standing, working_group_id=group_id, limit=200)
    return {**_group_summary(group, topic), **_people_by_group(session, day, group_id)[group_id],
            "recommendations": recommendations.items, "recommendation_total": recommendations.total,
            "decisions": _decisions(session, group_id), "history": _history(session, group_id)}


def deciding_meetings(session: Session, now: datetime, limit: int = 20) -> list[Meeting]:
    """Meetings whose decisions can be recorded now: those held, and written procedures; latest first."""
    now = require_aware(now)
    return list(session.exec(
        select(Meeting).where(col(Meeting.status) != MeetingStatus.CANCELLED,
                              sa.or_(col(Meeting.starts_at) <= now, col(Meeting.kind) == MeetingKind.WRITTEN_PROCEDURE))
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc()).limit(limit)).all())


def topics_overview(session: Session) -> list[dict[str, Any]]:
    """Every topic with its strategic goals (and the meeting that set each) and its working groups."""
    topics = session.exec(select(Topic).order_by(col(Topic.id))).all()
    goals: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for goal, meeting in session.exec(select(StrategicGoal, Meeting)
                                      .join(Meeting, col(Meeting.id) == StrategicGoal.meeting_id, isouter=True)
                                      .order_by(col(StrategicGoal.id))).all():
        goals[goal.topic_id].append({"id": goal.id, "title": goal.title, "description": goal.description,
                                     "set_at": goal.set_at,
                                     "meeting": {"title": meeting.title, "starts_at": meeting.starts_at}
                                     if meeting else None})
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for group in session.exec(select(WorkingGroup).where(col(WorkingGroup.topic_id).is_not(None))
                              .order_by(col(WorkingGroup.name))).all():
        groups[group.topic_id or 0].append({"id": group.id, "name": group.name, "state": group.state})
    return [{"id": t.id, "title": t.title, "description": t.description, "goals": goals[t.id or 0],
             "groups": groups[t.id or 0]} for t in topics]


def topic_choices(session: Session) -> list[Topic]:
    """Every topic by title (for forms)."""
    return list(session.exec(select(Topic).order_by(col(Topic.title))).all())
