"""Read models of the directory: the lists and detail views of people and organisations, with roles and record."""

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, or_, select

from models.groups import WorkingGroup
from models.people import Organisation, Person, RoleAssignment, Seat
from workflow.engine.read_model import ReadModel
from workflow.network.organisations import get_organisation
from workflow.network.people import get_person
from workflow.network.records import changes_of

STATUSES = ("active", "left", "all")


# One person in the list, with the roles they hold today.
class PersonLine(ReadModel):
    id: int
    name: str
    email: str
    organisation: str
    organisation_id: int | None
    function: str
    active: bool
    left_at: datetime | None
    roles: list[str]


# One page of people, how many match in all, and the filter that found them.
class PeopleOverview(ReadModel):
    total: int
    limit: int
    offset: int
    status: str
    q: str
    items: list[PersonLine]


# One entry of the record of changes (``changes``: field → what it was and became).
class RecordEntry(ReadModel):
    action: str
    occurred_at: datetime
    actor: str | None
    actor_id: int | None
    comment: str
    changes: dict[str, Any]


# A role a person holds, held or will hold, with its working group or seat.
class RoleLine(ReadModel):
    id: int
    role: str
    working_group: str | None
    working_group_id: int | None
    seat: str | None
    starts_on: date
    ends_on: date | None


# The organisation a person belongs to.
class PersonOrganisation(ReadModel):
    id: int
    name: str
    active: bool


# The person a duplicate was merged into.
class MergedPerson(ReadModel):
    id: int
    name: str
    email: str


# A person with their organisation, roles and record.
class PersonDetail(ReadModel):
    id: int
    name: str
    email: str
    language: str
    phone: str
    function: str
    active: bool
    left_at: datetime | None
    created_at: datetime
    organisation: PersonOrganisation | None
    merged_into: MergedPerson | None
    roles_now: list[RoleLine]
    roles_ahead: list[RoleLine]
    roles_past: list[RoleLine]
    record: list[RecordEntry]


# One organisation in the list, with how many active people belong to it.
class OrganisationLine(ReadModel):
    id: int
    name: str
    short_name: str
    kind: str
    email: str | None
    active: bool
    people: int


# One page of organisations, how many match in all, and the filter that found them.
class OrganisationsOverview(ReadModel):
    total: int
    limit: int
    offset: int
    status: str
    q: str
    items: list[OrganisationLine]


# The organisation a duplicate was merged into.
class MergedOrganisation(ReadModel):
    id: int
    name: str


# An active person of an organisation.
class OrganisationPerson(ReadModel):
    id: int
    name: str
    email: str
    function: str


# An organisation with its active people and its record.
class OrganisationDetail(ReadModel):
    id: int
    name: str
    short_name: str
    kind: str
    email: str | None
    address: str
    phone: str
    website: str
    active: bool
    created_at: datetime
    merged_into: MergedOrganisation | None
    people: list[OrganisationPerson]
    record: list[RecordEntry]


def _escaped(q: str) -> str:
    return "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _status_filter(column: Any, status: str) -> Any:
    return {"active": column.is_(True), "left": column.is_(False)}.get(status)


def people_overview(session: Session, *, q: str = "", include_inactive: bool = False, status: str | None = None,
                    limit: int = 50, offset: int = 0, today: date) -> PeopleOverview:
    """One page of people by name: search in name and email, active (default), ``left`` or ``all``."""
    status = status or ("all" if include_inactive else "active")
    query = select(Person, Organisation.name).join(Organisation, col(Person.organisation_id) == Organisation.id,
                                                   isouter=True)
    condition = _status_filter(col(Person.active), status)
    if condition is not None:
        query = query.where(condition)
    if q.strip():
        query = query.where(or_(col(Person.name).ilike(_escaped(q), escape="\\"),
                                col(Person.email).ilike(_escaped(q), escape="\\")))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Person.name), col(Person.id)).limit(limit).offset(offset)).all()
    ids = [p.id for p, _ in rows]
    roles: dict[int, set[str]] = {}
    for a in session.exec(select(RoleAssignment).where(col(RoleAssignment.person_id).in_(ids))).all():
        if a.active_on(today):
            roles.setdefault(a.person_id, set()).add(str(a.role))
    items = [PersonLine(id=p.id or 0, name=p.name, email=p.email, organisation=org_name or "",
                        organisation_id=p.organisation_id, function=p.function, active=p.active, left_at=p.left_at,
                        roles=sorted(roles.get(p.id or 0, set()))) for p, org_name in rows]
    return PeopleOverview(total=int(total), limit=limit, offset=offset, status=status, q=q, items=items)


def _record(session: Session, kind: str, subject_id: int) -> list[RecordEntry]:
    entries = changes_of(session, kind, subject_id)
    actors = {p.id: p.name for p in session.exec(select(Person).where(
        col(Person.id).in_({e.actor_id for e in entries if e.actor_id is not None}))).all()}
    return [RecordEntry(action=e.action, occurred_at=e.occurred_at,
                        actor=actors.get(e.actor_id) if e.actor_id else None, actor_id=e.actor_id, comment=e.comment,
                        changes=e.changes) for e in entries]


def _role_rows(session: Session, person_id: int) -> list[tuple[RoleAssignment, str | None, str | None]]:
    query = (select(RoleAssignment, WorkingGroup.name, Seat.code)
             .join(WorkingGroup, col(RoleAssignment.working_group_id) == WorkingGroup.id, isouter=True)
             .join(Seat, col(RoleAssignment.seat_id) == Seat.id, isouter=True)
             .where(RoleAssignment.person_id == person_id).order_by(col(RoleAssignment.starts_on)))
    return [(a, g, s) for a, g, s in session.exec(query).all()]


def person_detail(session: Session, person_id: int, *, today: date) -> PersonDetail:
    """A person with their organisation, the roles they hold today and held before, and their record."""
    person = get_person(session, person_id)
    org = session.get(Organisation, person.organisation_id) if person.organisation_id else None
    merged_into = session.get(Person, person.merged_into_id) if person.merged_into_id else None
    now_roles: list[RoleLine] = []
    past_roles: list[RoleLine] = []
    ahead: list[RoleLine] = []
    for a, group, seat in _role_rows(session, person_id):
        row = RoleLine(id=a.id or 0, role=str(a.role), working_group=group, working_group_id=a.working_group_id,
                       seat=seat, starts_on=a.starts_on, ends_on=a.ends_on)
        if a.active_on(today):
            now_roles.append(row)
        elif a.starts_on > today and (a.ends_on is None or a.ends_on >= a.starts_on):
            ahead.append(row)
        else:
            past_roles.append(row)
    return PersonDetail(
        id=person.id or 0, name=person.name, email=person.email, language=str(person.language),
        phone=person.phone, function=person.function, active=person.active, left_at=person.left_at,
        created_at=person.created_at,
        organisation=PersonOrganisation(id=org.id or 0, name=org.name, active=org.active) if org else None,
        merged_into=MergedPerson(id=merged_into.id or 0, name=merged_into.name, email=merged_into.email)
        if merged_into else None,
        roles_now=now_roles, roles_ahead=ahead, roles_past=past_roles,
        record=_record(session, "person", person_id),
    )


def organisations_overview(session: Session, *, q: str = "", include_inactive: bool = False,
                           status: str | None = None, limit: int = 50, offset: int = 0) -> OrganisationsOverview:
    """One page of organisations by name with how many active people belong to each."""
    status = status or ("all" if include_inactive else "active")
    query = select(Organisation)
    condition = _status_filter(col(Organisation.active), status)
    if condition is not None:
        query = query.where(condition)
    if q.strip():
        query = query.where(or_(col(Organisation.name).ilike(_escaped(q), escape="\\"),
                                col(Organisation.short_name).ilike(_escaped(q), escape="\\")))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    orgs = session.exec(query.order_by(col(Organisation.name)).limit(limit).offset(offset)).all()
    counts = dict(session.exec(select(Person.organisation_id, func.count()).where(
        col(Person.active).is_(True), col(Person.organisation_id).in_([o.id for o in orgs]))
        .group_by(col(Person.organisation_id))).all())
    items = [OrganisationLine(id=o.id or 0, name=o.name, short_name=o.short_name, kind=str(o.kind), email=o.email,
                              active=o.active, people=int(counts.get(o.id, 0))) for o in orgs]
    return OrganisationsOverview(total=int(total), limit=limit, offset=offset, status=status, q=q, items=items)


def organisation_detail(session: Session, organisation_id: int) -> OrganisationDetail:
    """An organisation with its active people and its record."""
    org = get_organisation(session, organisation_id)
    merged_into = session.get(Organisation, org.merged_into_id) if org.merged_into_id else None
    people = session.exec(select(Person).where(Person.organisation_id == organisation_id,
                                               col(Person.active).is_(True)).order_by(col(Person.name))).all()
    return OrganisationDetail(
        id=org.id or 0, name=org.name, short_name=org.short_name, kind=str(org.kind), email=org.email,
        address=org.address, phone=org.phone, website=org.website, active=org.active, created_at=org.created_at,
        merged_into=MergedOrganisation(id=merged_into.id or 0, name=merged_into.name) if merged_into else None,
        people=[OrganisationPerson(id=p.id or 0, name=p.name, email=p.email, function=p.function) for p in people],
        record=_record(session, "organisation", organisation_id),
    )
