"""Use cases of the directory: the roles people hold; people and organisations live in ``people`` and
``organisations`` (re-exported here for the callers that know them from this module)."""

from datetime import date, datetime

from sqlmodel import Session

from models.base import utcnow
from models.enums import GROUP_SCOPED_ROLES, SEAT_ROLES, Role
from models.groups import WorkingGroup
from models.people import Organisation, OrganisationCreate, Person, PersonCreate, RoleAssignment, Seat
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.organisations import create_organisation, find_organisation
from workflow.network.people import create_person, find_person
from workflow.network.records import record_change
from workflow.network.refusals import DirectoryRefusal, OfficeRefusal

__all__ = ["add_organisation", "add_person", "assign_role", "find_organisation", "find_person"]


def add_organisation(session: Session, data: OrganisationCreate) -> Organisation:
    """Register an organisation on a trusted path (demo data, tests), recorded without an actor."""
    return create_organisation(session, data, actor=None, now=utcnow())


def add_person(session: Session, data: PersonCreate) -> Person:
    """Register a person on a trusted path (demo data, tests), recorded without an actor."""
    return create_person(session, data, actor=None, now=utcnow())


def assign_role(
    session: Session,
    person: Person,
    role: Role,
    starts_on: date,
    *,
    working_group_id: int | None = None,
    seat_id: int | None = None,
    ends_on: date | None = None,
    actor: Person | None = None,
    now: datetime | None = None,
    comment: str = "",
) -> RoleAssignment:
    """Give a person a role from ``starts_on``; group roles name a group, seat roles a seat. Recorded with who
    gave it (``actor``; None for trusted set-up paths) and when (``now``, the current time if not given)."""
    if role in GROUP_SCOPED_ROLES and working_group_id is None:
        raise InvalidInput(DirectoryRefusal.ROLE_NEEDS_GROUP, role=role)
    if role not in GROUP_SCOPED_ROLES and working_group_id is not None:
        raise InvalidInput(DirectoryRefusal.ROLE_WITHOUT_GROUP, role=role)
    if role in SEAT_ROLES and seat_id is None:
        raise InvalidInput(DirectoryRefusal.ROLE_NEEDS_SEAT, role=role)
    if working_group_id is not None and session.get(WorkingGroup, working_group_id) is None:
        raise NotFound(DirectoryRefusal.NO_WORKING_GROUP_ID, id=working_group_id)
    if seat_id is not None and session.get(Seat, seat_id) is None:
        raise NotFound(DirectoryRefusal.NO_SEAT_ID, id=seat_id)
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput(OfficeRefusal.TERM_ENDS_BEFORE_START, starts_on=starts_on)
    if not person.active:
        raise InvalidInput(DirectoryRefusal.ROLE_FOR_INACTIVE, name=person.name)
    assert person.id is not None
    now = now if now is not None else utcnow()
    assignment = RoleAssignment(person_id=person.id, role=role, working_group_id=working_group_id,
                                seat_id=seat_id if role in SEAT_ROLES else None,
                                starts_on=starts_on, ends_on=ends_on,
                                assigned_by_id=actor.id if actor is not None else None, assigned_at=now)
    session.add(assignment)
    session.flush()
    record_change(session, "role_assignment", assignment.id or 0, "assign", actor=actor, now=now,
                  comment=comment, changes={
                      "person_id": person.id, "role": role, "working_group_id": working_group_id,
                      "seat_id": assignment.seat_id, "starts_on": starts_on, "ends_on": ends_on})
    return assignment
