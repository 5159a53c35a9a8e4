"""Use cases of working groups: convene one, and move it through its own workflow."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session

from models.enums import Role
from models.groups import Topic, WorkingGroup, WorkingGroupCreate
from models.people import Person
from models.queries import working_group_by_ref
from workflow.engine.clock import local_date, require_aware
from workflow.engine.definitions import WORKING_GROUP_WORKFLOW
from workflow.engine.errors import InvalidInput, NotFound, NotPermitted
from workflow.engine.firing import FiredTransition, fire_event
from workflow.engine.permissions import roles_of
from workflow.engine.states import WorkingGroupState
from workflow.network.memberships import start_memberships
from workflow.network.refusals import GroupRefusal

CONVENING_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR})


def find_working_group(session: Session, ref: str | int) -> WorkingGroup:
    """A working group by id or exact name, or a NotFound that says where to look."""
    group = working_group_by_ref(session, ref)
    if group is None:
        raise NotFound(GroupRefusal.NO_WORKING_GROUP, ref=str(ref))
    return group


def convene_working_group(
    session: Session, data: WorkingGroupCreate, actor: Person, now: datetime, *, lead_id: int | None = None,
    deputy_lead_id: int | None = None, member_ids: Sequence[int] = (),
) -> WorkingGroup:
    """Record a working group the strategy group has convened, with the lead, deputy lead and members it names;
    it starts in ``convened``."""
    now = require_aware(now)
    assert actor.id is not None
    if not roles_of(session, actor.id, None, local_date(now)) & CONVENING_ROLES:
        raise NotPermitted(GroupRefusal.MAY_NOT_CONVENE, name=actor.name, email=actor.email)
    if working_group_by_ref(session, data.name) is not None:
        raise InvalidInput(GroupRefusal.GROUP_NAME_TAKEN, name=data.name)
    if data.topic_id is not None and session.get(Topic, data.topic_id) is None:
        raise NotFound(GroupRefusal.NO_TOPIC_ID, id=data.topic_id)
    group = WorkingGroup(
        name=data.name, topic_id=data.topic_id, mandate=data.mandate,
        planned_member_count=data.planned_member_count, planned_end=data.planned_end,
        state=WorkingGroupState.CONVENED.value, created_at=now,
    )
    session.add(group)
    session.flush()
    start_memberships(session, group, local_date(now), lead_id=lead_id, deputy_lead_id=deputy_lead_id,
                      member_ids=member_ids, actor=actor, now=now, comment="convened")
    return group


def fire_group_event(
    session: Session, ref: str | int, event: str, *, actor: Person | None, now: datetime, **kwargs: Any
) -> FiredTransition:
    """Fire an event of the working-group workflow (activate, conclude)."""
    group = find_working_group(session, ref)
    assert group.id is not None
    return fire_event(session, WORKING_GROUP_WORKFLOW, group.id, event, actor=actor, now=now, **kwargs)
