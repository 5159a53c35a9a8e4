"""Who belongs to a working group, from when to when: its lead, its deputy lead and its members.

A membership is a group-scoped ``RoleAssignment`` (``wg_lead``, ``wg_deputy_lead`` or ``wg_member``) with a term;
permissions read them by day (``permissions.roles_of``), so someone who left yesterday may no longer edit
the group's drafts and someone who joins tomorrow may not yet. Every change goes into the change record.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from models.enums import GROUP_SCOPED_ROLES, Role
from models.groups import WorkingGroup
from models.people import Person, RoleAssignment
from workflow.engine.clock import local_date, require_aware
from workflow.engine.errors import InvalidInput, NotFound, NotPermitted
from workflow.engine.permissions import roles_of
from workflow.engine.states import WorkingGroupState
from workflow.network.records import record_change
from workflow.network.refusals import DirectoryRefusal, MembershipRefusal

# Who may change any membership of a group: the roles that convene groups.
CONVENING_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR})
SUBJECT_KIND = "working_group"
@dataclass(frozen=True)
class Membership:
    """One term of one person in one role of a working group."""

    assignment_id: int
    person_id: int
    name: str
    email: str
    role: Role
    starts_on: date
    ends_on: date | None


def find_group(session: Session, group_id: int) -> WorkingGroup:
    """The working group with ``group_id``, or a coded NotFound."""
    group = session.get(WorkingGroup, group_id)
    if group is None:
        raise NotFound(DirectoryRefusal.NO_WORKING_GROUP_ID, id=group_id)
    return group


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(MembershipRefusal.MEMBER_NOT_FOUND, person=person_id)
    return person


def _terms(session: Session, group_id: int, person_id: int | None = None,
           roles: Iterable[Role] = GROUP_SCOPED_ROLES) -> list[RoleAssignment]:
    query = select(RoleAssignment).where(RoleAssignment.working_group_id == group_id,
                                         col(RoleAssignment.role).in_([r.value for r in roles]))
    if person_id is not None:
        query = query.where(RoleAssignment.person_id == person_id)
    return list(session.exec(query.order_by(col(RoleAssignment.starts_on), col(RoleAssignment.id))).all())


def _open_from(terms: list[RoleAssignment], day: date) -> list[RoleAssignment]:
    """The terms still in force on ``day`` or later (an open term, or one ending on or after it)."""
    return [t for t in terms if t.ends_on is None or t.ends_on >= day]


def may_change_members(session: Session, actor: Person | None, group: WorkingGroup, now: datetime,
                       role: Role = Role.WG_MEMBER) -> bool:
    """Whether ``actor`` may add or remove someone in ``role`` of ``group`` today."""
    if actor is None:
        return True
    assert actor.id is not None
    held = roles_of(session, actor.id, group.id, local_date(now))
    return bool(held & CONVENING_ROLES) or (Role.WG_LEAD in held and role == Role.WG_MEMBER)


def _require_may_change(session: Session, actor: Person | None, group: WorkingGroup, now: datetime,
                        role: Role) -> None:
    if not may_change_members(session, actor, group, now, role):
        assert actor is not None
        raise NotPermitted(MembershipRefusal.MAY_NOT_CHANGE_MEMBERS, name=actor.name, email=actor.email,
                           group=group.name)


def _require_open_group(group: WorkingGroup) -> None:
    if group.state == WorkingGroupState.CONCLUDED:
        raise InvalidInput(MembershipRefusal.GROUP_CONCLUDED, group=group.name)


def _start(session: Session, group: WorkingGroup, person: Person, role: Role, starts_on: date, *,
           actor: Person | None, now: datetime, comment: str, action: str = "join") -> RoleAssignment:
    """Add one term (no commit), after checking the rules of membership; recorded as ``action``."""
    if role not in GROUP_SCOPED_ROLES:
        raise InvalidInput(MembershipRefusal.NOT_A_GROUP_ROLE, role=role)
    _require_open_group(group)
    if not person.active:
        raise InvalidInput(MembershipRefusal.MEMBER_INACTIVE, name=person.name, email=person.email)
    assert group.id is not None and person.id is not None
    held = _open_from(_terms(session, group.id, person.id), starts_on)
    if held:
        raise InvalidInput(MembershipRefusal.ALREADY_IN_GROUP, name=person.name, role=Role(held[0].role),
                           group=group.name, since=held[0].starts_on)
    taken = _open_from(_terms(session, group.id, roles=(role,)), starts_on) if role != Role.WG_MEMBER else []
    if taken:
        holder = session.get(Person, taken[0].person_id)
        taken_code = MembershipRefusal.LEAD_TAKEN if role == Role.WG_LEAD else MembershipRefusal.DEPUTY_LEAD_TAKEN
        raise InvalidInput(taken_code, group=group.name, name=holder.name if holder else taken[0].person_id)
    term = RoleAssignment(person_id=person.id, role=role, working_group_id=group.id, starts_on=starts_on,
                          assigned_by_id=actor.id if actor else None, assigned_at=now)
    session.add(term)
    if action == "join":
        record_change(session, SUBJECT_KIND, group.id, "join", actor=actor, now=now, comment=comment,
                      changes={"person_id": person.id, "person": person.name, "role": role, "starts_on": starts_on})
    return term


def _end(term: RoleAssignment, ends_on: date, actor: Person | None, now: datetime) -> None:
    # A term that had not begun by ``ends_on`` ends the day before it starts: it never took effect.
    term.ends_on = ends_on if ends_on >= term.starts_on else term.starts_on - timedelta(days=1)
    term.ended_by_id = actor.id if actor else None
    term.ended_at = now


def start_memberships(session: Session, group: WorkingGroup, starts_on: date, *, lead_id: int | None,
                      deputy_lead_id: int | None, member_ids: Iterable[int], actor: Person | None,
                      now: datetime, comment: str = "") -> None:
    """Name a newly convened group's lead, deputy lead and members (no commit: the convening commits)."""
    named = [(lead_id, Role.WG_LEAD), (deputy_lead_id, Role.WG_DEPUTY_LEAD),
             *((i, Role.WG_MEMBER) for i in dict.fromkeys(member_ids))]
    for person_id, role in named:
        if person_id is not None:
            _start(session, group, _person(session, person_id), role, starts_on, actor=actor, now=now,
                   comment=comment)
            session.flush()


def join_group(session: Session, group_id: int, person_id: int, role: Role = Role.WG_MEMBER, *,
               starts_on: date | None = None, actor: Person | None, now: datetime,
               comment: str = "") -> RoleAssignment:
    """Make a person lead, deputy lead or member of a working group from ``starts_on`` (default: today)."""
    now = require_aware(now)
    group = find_group(session, group_id)
    _require_may_change(session, actor, group, now, role)
    person = _person(session, person_id)
    term = _start(session, group, person, role, starts_on or local_date(now), actor=actor, now=now,
                  comment=comment)
    return term


def leave_group(session: Session, group_id: int, person_id: int, *, ends_on: date | None = None,
                actor: Person | None, now: datetime, comment: str = "") -> list[RoleAssignment]:
    """End every role of a person in a working group on ``ends_on`` (default: today; the last day they belong)."""
    now = require_aware(now)
    group = find_group(session, group_id)
    _require_may_change(session, actor, group, now, Role.WG_MEMBER)
    person = _person(session, person_id)
    day = ends_on or local_date(now)
    terms = _open_from(_terms(session, group_id, person_id), day)
    if not terms:
        raise InvalidInput(MembershipRefusal.NOT_IN_GROUP, name=person.name, group=group.name, day=day)
    roles = {Role(t.role) for t in terms}
    # Only the convening roles end a lead's or deputy lead's term; the lead ends ordinary members' only.
    _require_may_change(session, actor, group, now, Role.WG_MEMBER if roles == {Role.WG_MEMBER} else Role.WG_LEAD)
    if all(t.starts_on > day for t in terms):
        raise InvalidInput(MembershipRefusal.STARTS_LATER, name=person.name, group=group.name, since=terms[0].starts_on)
    for term in terms:
        _end(term, day, actor, now)
        session.add(term)
    record_change(session, SUBJECT_KIND, group_id, "leave", actor=actor, now=now, comment=comment,
                  changes={"person_id": person_id, "person": person.name,
                           "roles": sorted(r.value for r in roles), "ends_on": day})
    return terms


def change_lead(session: Session, group_id: int, person_id: int, *, starts_on: date | None = None,
                actor: Person | None, now: datetime, comment: str = "", deputy: bool = False,
                former_stays_member: bool = True) -> RoleAssignment:
    """Make a person the group's lead (or deputy lead) from ``starts_on``; the former one's term ends the day
    before and they stay an ordinary member unless ``former_stays_member`` is false."""
    now = require_aware(now)
    group = find_group(session, group_id)
    role = Role.WG_DEPUTY_LEAD if deputy else Role.WG_LEAD
    if actor is not None:
        assert actor.id is not None
        if not roles_of(session, actor.id, group.id, local_date(now)) & CONVENING_ROLES:
            raise NotPermitted(MembershipRefusal.MAY_NOT_CHANGE_LEAD, name=actor.name, email=actor.email,
                               group=group.name)
    _require_open_group(group)
    person = _person(session, person_id)
    day = starts_on or local_date(now)
    before = _open_from(_terms(session, group_id, roles=(role,)), day)
    if any(t.person_id == person_id for t in before):
        raise InvalidInput(MembershipRefusal.SAME_LEAD, name=person.name, role=role, group=group.name)
    former = [session.get(Person, t.person_id) for t in before]
    for term in [*before, *_open_from(_terms(session, group_id, person_id), day)]:
        _end(term, day - timedelta(days=1), actor, now)
        session.add(term)
    session.flush()
    if former_stays_member:
        for previous in former:
            if previous is not None and previous.active:
                _start(session, group, previous, Role.WG_MEMBER, day, actor=actor, now=now, comment=comment,
                       action="stays_member")
    term = _start(session, group, person, role, day, actor=actor, now=now, comment=comment, action="lead")
    field = "deputy_lead" if deputy else "lead"
    record_change(session, SUBJECT_KIND, group_id, "change_lead", actor=actor, now=now, comment=comment,
                  changes={field: [", ".join(p.name for p in former if p) or None, person.name],
                           "person_id": person_id, "starts_on": day,
                           "former_stays_member": former_stays_member and bool(former)})
    return term


def _memberships(rows: Iterable[tuple[RoleAssignment, Person]]) -> list[Membership]:
    return [Membership(assignment_id=a.id or 0, person_id=p.id or 0, name=p.name, email=p.email, role=Role(a.role),
                       starts_on=a.starts_on, ends_on=a.ends_on) for a, p in rows]


_ORDER = {Role.WG_LEAD: 0, Role.WG_DEPUTY_LEAD: 1, Role.WG_MEMBER: 2}


def membership_history(session: Session, group_id: int) -> list[Membership]:
    """Every term of every person in the group, ended ones included, in the order they began."""
    find_group(session, group_id)
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(RoleAssignment.working_group_id == group_id,
                               col(RoleAssignment.role).in_([r.value for r in GROUP_SCOPED_ROLES]))
                        .order_by(col(RoleAssignment.starts_on), col(RoleAssignment.id))).all()
    return [m for m in _memberships(rows) if m.ends_on is None or m.ends_on >= m.starts_on]


def members_of(session: Session, group_id: int, day: date) -> list[Membership]:
    """The group's lead, deputy lead and members on ``day``: lead first, then by name."""
    current = [m for m in membership_history(session, group_id)
               if m.starts_on <= day and (m.ends_on is None or day <= m.ends_on)]
    return sorted(current, key=lambda m: (_ORDER[m.role], m.name.casefold(), m.person_id))
