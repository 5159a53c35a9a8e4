"""Use cases of the directory: organisations, people and the roles they hold."""

from datetime import date, datetime

from sqlmodel import Session

from models.base import utcnow
from models.enums import GROUP_SCOPED_ROLES, SEAT_ROLES, Role
from models.groups import WorkingGroup
from models.people import Organisation, OrganisationCreate, Person, PersonCreate, RoleAssignment, Seat
from models.queries import organisation_by_ref, person_by_email
from workflow.errors import InvalidInput, NotFound
from workflow.network.records import record_change
from workflow.transaction import committing


def find_person(session: Session, email: str) -> Person:
    """The person with ``email``, or a NotFound that says how to find registered people."""
    person = person_by_email(session, email)
    if person is None:
        raise NotFound(f"No person is registered with the email '{email}' ('recoflow people list' shows who is).")
    return person


def find_organisation(session: Session, ref: str | int) -> Organisation:
    """An organisation by id or exact name."""
    org = organisation_by_ref(session, ref)
    if org is None:
        raise NotFound(f"There is no organisation '{ref}' ('recoflow people orgs' lists them).")
    return org


def add_organisation(session: Session, data: OrganisationCreate) -> Organisation:
    """Register an organisation; names are unique."""
    if organisation_by_ref(session, data.name) is not None:
        raise InvalidInput(f"An organisation named '{data.name}' exists already.")
    org = Organisation(name=data.name, kind=data.kind, email=data.email)
    with committing(session, "The organisation"):
        session.add(org)
    return org


def add_person(session: Session, data: PersonCreate) -> Person:
    """Register a person; emails are unique regardless of case."""
    if person_by_email(session, data.email) is not None:
        raise InvalidInput(f"A person with the email '{data.email}' is registered already.")
    if data.organisation_id is not None and session.get(Organisation, data.organisation_id) is None:
        raise NotFound(f"There is no organisation with id {data.organisation_id}.")
    person = Person(name=data.name, email=data.email, organisation_id=data.organisation_id,
                    language=data.language)
    with committing(session, "The person"):
        session.add(person)
    return person


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
        raise InvalidInput(f"The role {role} is held for a working group: name the group.")
    if role not in GROUP_SCOPED_ROLES and working_group_id is not None:
        raise InvalidInput(f"The role {role} is not held for a working group; leave the group out.")
    if role in SEAT_ROLES and seat_id is None:
        raise InvalidInput(f"The role {role} is held for a seat of the strategy group: name the seat.")
    if working_group_id is not None and session.get(WorkingGroup, working_group_id) is None:
        raise NotFound(f"There is no working group with id {working_group_id}.")
    if seat_id is not None and session.get(Seat, seat_id) is None:
        raise NotFound(f"There is no seat with id {seat_id}.")
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput("A role cannot end before it starts.")
    if not person.active:
        raise InvalidInput(f"{person.name} has left the network; an inactive person cannot be given a role.")
    assert person.id is not None
    now = now if now is not None else utcnow()
    assignment = RoleAssignment(person_id=person.id, role=role, working_group_id=working_group_id,
                                seat_id=seat_id if role in SEAT_ROLES else None,
                                starts_on=starts_on, ends_on=ends_on,
                                assigned_by_id=actor.id if actor is not None else None, assigned_at=now)
    with committing(session, "The role assignment"):
        session.add(assignment)
        session.flush()
        record_change(session, "role_assignment", assignment.id or 0, "assign", actor=actor, now=now,
                      comment=comment, changes={
                          "person_id": person.id, "role": role, "working_group_id": working_group_id,
                          "seat_id": assignment.seat_id, "starts_on": starts_on, "ends_on": ends_on})
    return assignment
