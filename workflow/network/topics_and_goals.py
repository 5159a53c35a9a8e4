"""The strategy group's steering decisions: topics, strategic goals, convening and concluding working groups.

Each decision names the meeting or written procedure that took it and is written to its minutes in the same
transaction as what it decides.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from models.enums import MeetingStatus
from models.groups import Topic, WorkingGroup, WorkingGroupCreate
from models.people import Person
from models.queries import row_id, working_group_by_ref
from models.strategy import Decision, DecisionKind, StrategicGoal
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import WORKING_GROUP_WORKFLOW
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.firing import fire_event
from workflow.engine.inputs import LINE, PARAGRAPH, bounded_text
from workflow.engine.states import WorkingGroupState
from workflow.network.memberships import start_memberships
from workflow.network.refusals import GroupRefusal
from workflow.network.working_groups import find_working_group
from workflow.strategy_group.meetings import find_meeting
from workflow.strategy_group.seat_holders import STEERING_ROLES, Action, require_role


def _deciding_meeting(session: Session, meeting_id: int, now: datetime) -> None:
    meeting = find_meeting(session, meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidInput(GroupRefusal.DECIDING_MEETING_CANCELLED, meeting=meeting_id)
    if meeting.starts_at > now and meeting.kind == "meeting":
        raise InvalidInput(GroupRefusal.DECIDING_MEETING_AHEAD, meeting=meeting_id)


def _decision(meeting_id: int, kind: DecisionKind, summary: str, actor: Person, now: datetime, *,
              topic_id: int | None = None, working_group_id: int | None = None) -> Decision:
    return Decision(meeting_id=meeting_id, kind=kind, summary=summary, decided_at=now, recorded_by=actor.id,
                    topic_id=topic_id, working_group_id=working_group_id)


def find_topic(session: Session, ref: str) -> Topic:
    """A topic by id or exact title."""
    text = ref.strip()
    topic = session.get(Topic, key) if (key := row_id(text)) is not None else session.exec(
        select(Topic).where(Topic.title == text)).first()
    if topic is None:
        raise NotFound(GroupRefusal.NO_TOPIC, ref=ref)
    return topic


def add_topic(session: Session, title: str, description: str, *, meeting_id: int | None, actor: Person,
              now: datetime) -> Topic:
    """Set a topic (Themenschwerpunkt), recorded as a decision when a meeting is named."""
    now = require_aware(now)
    require_role(session, actor, STEERING_ROLES, Action.SET_TOPICS, now)
    title, description = bounded_text("title", title, 200), bounded_text("description", description, PARAGRAPH)
    if len(title.strip()) < 3:
        raise InvalidInput(GroupRefusal.TOPIC_TITLE_SHORT)
    if session.exec(select(Topic).where(Topic.title == title.strip())).first() is not None:
        raise InvalidInput(GroupRefusal.TOPIC_TITLE_TAKEN, title=title.strip())
    if meeting_id is not None:
        _deciding_meeting(session, meeting_id, now)
    topic = Topic(title=title.strip(), description=description.strip())
    session.add(topic)
    session.flush()
    if meeting_id is not None:
        session.add(_decision(meeting_id, DecisionKind.TOPIC, f"Themenschwerpunkt „{topic.title}“ gesetzt.",
                              actor, now, topic_id=topic.id))
    return topic


def add_goal(session: Session, topic_ref: str, title: str, description: str, *, meeting_id: int | None,
             actor: Person, now: datetime) -> StrategicGoal:
    """Set a strategic goal under a topic."""
    now = require_aware(now)
    require_role(session, actor, STEERING_ROLES, Action.SET_STRATEGIC_GOALS, now)
    topic = find_topic(session, topic_ref)
    title, description = bounded_text("title", title, LINE), bounded_text("description", description, PARAGRAPH)
    if len(title.strip()) < 3:
        raise InvalidInput(GroupRefusal.GOAL_TITLE_SHORT)
    if meeting_id is not None:
        _deciding_meeting(session, meeting_id, now)
    goal = StrategicGoal(topic_id=topic.id or 0, title=title.strip(), description=description.strip(),
                         meeting_id=meeting_id, set_at=now)
    session.add(goal)
    if meeting_id is not None:
        session.add(_decision(meeting_id, DecisionKind.STRATEGIC_GOAL,
                              f"Strategisches Ziel „{goal.title}“ zu „{topic.title}“ gesetzt.", actor, now,
                              topic_id=topic.id))
    return goal


def goals_of(session: Session, topic_id: int) -> list[StrategicGoal]:
    """A topic's strategic goals, oldest first."""
    return list(session.exec(select(StrategicGoal).where(StrategicGoal.topic_id == topic_id)
                             .order_by(col(StrategicGoal.id))).all())


def convene_group(session: Session, data: WorkingGroupCreate, *, meeting_id: int, actor: Person,
                  now: datetime, lead_id: int | None = None, deputy_lead_id: int | None = None,
                  member_ids: Sequence[int] = ()) -> WorkingGroup:
    """Convene a working group by a decision of ``meeting_id``, with its mandate, size and planned end, and the
    lead, deputy lead and members it names (from the convening day)."""
    now = require_aware(now)
    require_role(session, actor, STEERING_ROLES, Action.CONVENE_WORKING_GROUPS, now)
    _deciding_meeting(session, meeting_id, now)
    if working_group_by_ref(session, data.name) is not None:
        raise InvalidInput(GroupRefusal.GROUP_NAME_TAKEN, name=data.name)
    if data.topic_id is not None and session.get(Topic, data.topic_id) is None:
        raise NotFound(GroupRefusal.NO_TOPIC_ID, id=data.topic_id)
    group = WorkingGroup(name=data.name, topic_id=data.topic_id, mandate=data.mandate,
                         planned_member_count=data.planned_member_count, planned_end=data.planned_end,
                         state=WorkingGroupState.CONVENED.value, created_at=now)
    session.add(group)
    session.flush()
    planned = f", geplant bis {data.planned_end.isoformat()}" if data.planned_end else ""
    session.add(_decision(meeting_id, DecisionKind.CONVENE_GROUP,
                          f"Arbeitsgruppe „{group.name}“ eingesetzt ({data.planned_member_count} "
                          f"Mitglieder{planned}). Auftrag: {data.mandate}", actor, now,
                          working_group_id=group.id, topic_id=data.topic_id))
    start_memberships(session, group, local_date(now), lead_id=lead_id, deputy_lead_id=deputy_lead_id,
                      member_ids=member_ids, actor=actor, now=now, comment="convened")
    return group


def conclude_group(session: Session, ref: str, *, meeting_id: int, comment: str, actor: Person,
                   now: datetime) -> WorkingGroup:
    """Conclude a working group through its workflow (``conclude``), by a decision of ``meeting_id``."""
    now = require_aware(now)
    group = find_working_group(session, ref)
    _deciding_meeting(session, meeting_id, now)
    fire_event(session, WORKING_GROUP_WORKFLOW, group.id or 0, "conclude", actor=actor, now=now,
               comment=comment, meeting_id=meeting_id)
    session.add(_decision(meeting_id, DecisionKind.CONCLUDE_GROUP,
                          f"Arbeitsgruppe „{group.name}“ abgeschlossen: {comment.strip()}", actor, now,
                          working_group_id=group.id))
    session.refresh(group)
    return group
