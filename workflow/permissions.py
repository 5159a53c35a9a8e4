"""Who holds which role, on a given day, for a given subject."""

from datetime import date

from sqlmodel import Session, select

from models.enums import GROUP_SCOPED_ROLES, Role
from models.people import RoleAssignment


def roles_of(session: Session, person_id: int, group_id: int | None, day: date) -> frozenset[Role]:
    """The roles ``person_id`` holds on ``day``; group roles count only for the subject's own group."""
    assignments = session.exec(select(RoleAssignment).where(RoleAssignment.person_id == person_id)).all()
    roles: set[Role] = set()
    for a in assignments:
        if not a.active_on(day):
            continue
        if a.role in GROUP_SCOPED_ROLES and a.working_group_id != group_id:
            continue
        roles.add(Role(a.role))
    return frozenset(roles)


ROLE_NAMES = {
    Role.SECRETARIAT: "the secretariat",
    Role.CHAIR: "the chair",
    Role.STRATEGY_MEMBER: "a strategy-group member",
    Role.DEPUTY: "a deputy",
    Role.WG_LEAD: "the lead of this working group",
    Role.WG_MEMBER: "a member of this working group",
}


def describe_roles(roles: frozenset[Role]) -> str:
    """The roles as words, e.g. 'the chair or the secretariat'."""
    names = [ROLE_NAMES[r] for r in Role if r in roles]
    return " or ".join(names)
