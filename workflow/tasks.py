"""'Meine Aufgaben': what each person should do next, from the roles they hold."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from models.enums import Role
from models.meeting import Meeting
from workflow.browsing import Standing, recommendations_in, upcoming_meetings
from workflow.states import RecommendationState as R


@dataclass(frozen=True)
class TaskList:
    """One heading of the dashboard and the recommendations under it."""

    key: str
    items: list[dict[str, Any]]


@dataclass(frozen=True)
class Tasks:
    """A person's dashboard: task lists in the order they matter, and the next meeting."""

    lists: list[TaskList] = field(default_factory=list)
    next_meeting: Meeting | None = None

    @property
    def empty(self) -> bool:
        """Whether there is nothing to do."""
        return not any(t.items for t in self.lists)


def tasks_for(session: Session, standing: Standing, now: datetime) -> Tasks:
    """The task lists of a person: drafts to submit (leads), items to check and schedule (secretariat),
    votes to open and to close (chair and secretariat)."""
    lists: list[TaskList] = []
    if standing.lead_groups:
        lists.append(TaskList("drafts_to_submit", recommendations_in(session, [R.DRAFT], sorted(standing.lead_groups))))
    if Role.SECRETARIAT in standing.roles:
        lists.append(TaskList("submitted_to_schedule", recommendations_in(session, [R.SUBMITTED])))
        lists.append(TaskList("adopted_to_forward", recommendations_in(session, [R.ADOPTED])))
    if standing.roles & {Role.CHAIR, Role.SECRETARIAT}:
        lists.append(TaskList("scheduled_to_open", recommendations_in(session, [R.SCHEDULED])))
        lists.append(TaskList("voting_to_close", recommendations_in(session, [R.VOTING])))
    meetings = upcoming_meetings(session, now, limit=1) if standing.internal else []
    return Tasks(lists, meetings[0] if meetings else None)
