"""Who holds which role, on a given day, for a given subject."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from models.enums import GROUP_SCOPED_ROLES, Role
from models.people import RoleAssignment

# Built once: this runs on every transition, and a prepared statement skips SQLAlchemy's per-call compilation.
_ASSIGNMENTS = select(
    col(RoleAssignment.role), col(RoleAssignment.working_group_id), col(RoleAssignment.starts_on),
    col(RoleAssignment.ends_on),
).where(RoleAssignment.person_id == bindparam("person_id"))


def roles_of(
    db: Session | sa.Connection, person_id: int, group_id: int | None, day: date
) -> frozenset[Role]:
    """The roles ``person_id`` holds on ``day``; group roles count only for the subject's own group."""
    connection = db.connection() if isinstance(db, Session) else db
    return roles_held(connection.execute(_ASSIGNMENTS, {"person_id": person_id}), group_id, day)


# The columns ``roles_held`` reads of each assignment, for a statement that reads them beside other things.
ASSIGNMENT_COLUMNS = (RoleAssignment.role, RoleAssignment.working_group_id, RoleAssignment.starts_on,
                      RoleAssignment.ends_on)


def roles_held(
    assignments: Iterable[Sequence[Any]], group_id: int | None, day: date
) -> frozenset[Role]:
    """The roles among ``assignments`` (role, group, starts_on, ends_on) held on ``day`` for the group ``group_id``."""
    roles: set[Role] = set()
    for role, scope, starts_on, ends_on in assignments:
        if role is None or starts_on > day or (ends_on is not None and ends_on < day):
            continue
        if role in GROUP_SCOPED_ROLES and scope != group_id:
            continue
        roles.add(Role(role))
    return frozenset(roles)


ROLE_NAMES = {
    Role.SECRETARIAT: "the secretariat",
    Role.CHAIR: "the chair",
    Role.STRATEGY_MEMBER: "a strategy-group member",
    Role.DEPUTY: "a deputy",
    Role.WG_LEAD: "the lead of this working group",
    Role.WG_DEPUTY_LEAD: "the deputy lead of this working group",
    Role.WG_MEMBER: "a member of this working group",
}


def describe_roles(roles: frozenset[Role]) -> str:
    """The roles as words, e.g. 'the chair or the secretariat'."""
    names = [ROLE_NAMES[r] for r in Role if r in roles]
    return " or ".join(names)
