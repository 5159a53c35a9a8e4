"""Firing the working group's workflow events from a form: which ones a person may fire, and what each asks for."""

from datetime import datetime

from sqlmodel import Session

from models.enums import Role
from models.groups import WorkingGroup
from models.people import Person
from workflow.engine.clock import local_date
from workflow.engine.definitions import WORKING_GROUP_WORKFLOW
from workflow.engine.errors import EngineRefusal, InvalidInput, NotPermitted, Reason
from workflow.engine.firing import available_events
from workflow.engine.permissions import roles_of
from workflow.engine.read_model import ReadModel
from workflow.network.refusals import GroupRefusal
from workflow.network.topics_and_goals import conclude_group
from workflow.network.working_groups import find_working_group, fire_group_event


# An event a person may fire on a working group, with its label and what its form must ask for.
class GroupEventForm(ReadModel):
    event: str
    to: list[str]
    # Kept as the guards' ``Reason`` objects (a sentence with its code), so that the pages can word each one.
    blocked_by: list[Reason]
    label: str
    needs_comment: bool
    needs_meeting: bool
    irreversible: bool


def group_event_forms(session: Session, group: WorkingGroup, actor: Person, now: datetime) -> list[GroupEventForm]:
    """The events ``actor`` may fire on ``group`` now, each with its label and what its form must ask for (an
    event asking for a meeting is a decision of the strategy group: it names the meeting that took it)."""
    forms = []
    for event in available_events(session, WORKING_GROUP_WORKFLOW, group, actor, now):
        facts = WORKING_GROUP_WORKFLOW.facts(event.event)
        forms.append(GroupEventForm(event=event.event, to=list(event.destinations), blocked_by=list(event.blocked_by),
                                    label=facts.label, needs_comment=facts.comment_required,
                                    needs_meeting=facts.asks_meeting, irreversible=facts.irreversible))
    return forms


def _require_may_fire(session: Session, group: WorkingGroup, event: str, actor: Person, now: datetime) -> None:
    # Asked before the form's other fields are judged: who may not fire it learns that first.
    assert actor.id is not None
    allowed = {role for r in WORKING_GROUP_WORKFLOW.rules if r.event == event for role in r.roles}
    if allowed and not roles_of(session, actor.id, group.id, local_date(now)) & allowed:
        raise NotPermitted(EngineRefusal.ROLE_REQUIRED, name=actor.name, email=actor.email, event=event,
                           label=WORKING_GROUP_WORKFLOW.label(group), workflow=WORKING_GROUP_WORKFLOW.name,
                           allowed=tuple(r.value for r in Role if r in allowed))


def fire_working_group_event(
    session: Session, group_id: int, event: str, *, actor: Person, now: datetime, comment: str = "",
    meeting_id: int | None = None,
) -> WorkingGroup:
    """Fire ``event`` on a working group; a conclusion is recorded as a decision of the meeting named."""
    group = find_working_group(session, group_id)
    _require_may_fire(session, group, event, actor, now)
    if WORKING_GROUP_WORKFLOW.has_event(event) and WORKING_GROUP_WORKFLOW.facts(event).asks_meeting \
            and meeting_id is None:
        raise InvalidInput(GroupRefusal.DECISION_NEEDS_MEETING, event=event, workflow=WORKING_GROUP_WORKFLOW.name)
    if event == "conclude" and meeting_id is not None:  # its use case records the decision in the minutes
        return conclude_group(session, str(group.id), meeting_id=meeting_id, comment=comment, actor=actor, now=now)
    fire_group_event(session, group.id or 0, event, actor=actor, now=now, comment=comment,
                     meeting_id=meeting_id)
    session.refresh(group)
    return group
