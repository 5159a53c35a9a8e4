"""The network's offices with terms: the secretariat (Geschäftsstelle) and the chair, assigned and ended with dates.

Rules: a person's terms in the same office do not overlap; the network has one chair at a time; a term cannot end
before it starts; the last secretariat term in force cannot end (someone must be able to run the office); a person
who has left cannot be given an office. Every assignment and ending names who did it and goes into the record.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person, RoleAssignment
from workflow.engine.clock import local_date
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.directory import assign_role
from workflow.network.records import apply_changes, record_change
from workflow.network.refusals import DirectoryRefusal, OfficeRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role, secretariat_remains

OFFICES = (Role.SECRETARIAT, Role.CHAIR)
OPEN_END = "open end"

@dataclass(frozen=True)
class OfficeTerm:
    """One term in an office as the overview shows it, with who gave and who ended it."""

    id: int
    role: str
    person_id: int
    name: str
    email: str
    active: bool
    starts_on: date
    ends_on: date | None
    assigned_by: str | None
    assigned_at: datetime | None
    ended_by: str | None
    ended_at: datetime | None

    def status(self, day: date) -> str:
        """"current", "future" or "past" on ``day``."""
        if self.starts_on > day:
            return "future"
        return "past" if self.ends_on is not None and self.ends_on < day else "current"


@dataclass(frozen=True)
class OfficesOverview:
    """Who holds the secretariat and the chair on ``day``, who will, and who did."""

    day: date
    current: dict[str, list[OfficeTerm]]
    future: list[OfficeTerm]
    past: list[OfficeTerm]


def _office(role: Role | str) -> Role:
    try:
        office = Role(role)
    except ValueError:
        raise InvalidInput(OfficeRefusal.NOT_AN_OFFICE, role=str(role)) from None
    if office not in OFFICES:
        raise InvalidInput(OfficeRefusal.NOT_AN_OFFICE, role=office)
    return office


def _until(term: RoleAssignment) -> date | str:
    return term.ends_on if term.ends_on is not None else OPEN_END


def _overlaps(term: RoleAssignment, starts_on: date, ends_on: date | None) -> bool:
    return (term.ends_on is None or starts_on <= term.ends_on) and (ends_on is None or term.starts_on <= ends_on)


def _terms(session: Session, role: Role) -> list[RoleAssignment]:
    return list(session.exec(select(RoleAssignment).where(RoleAssignment.role == role)
                             .order_by(col(RoleAssignment.starts_on), col(RoleAssignment.id))).all())


def assign_office(
    session: Session, person_id: int, role: Role | str, *, starts_on: date, ends_on: date | None = None,
    actor: Person | None, now: datetime, comment: str = "",
) -> RoleAssignment:
    """Give a person the secretariat or the chair for a term; the secretariat only (None: a trusted set-up)."""
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, Action.ASSIGN_OFFICES, now)
    office = _office(role)
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(DirectoryRefusal.NO_PERSON_ID, id=person_id)
    if not person.active:
        raise InvalidInput(OfficeRefusal.OFFICE_FOR_INACTIVE, name=person.name)
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput(OfficeRefusal.TERM_ENDS_BEFORE_START, starts_on=starts_on)
    for term in _terms(session, office):
        if not _overlaps(term, starts_on, ends_on):
            continue
        if term.person_id == person_id:
            raise InvalidInput(OfficeRefusal.OVERLAPPING_TERM, name=person.name, role=office, starts_on=term.starts_on,
                                   until=_until(term))
        if office == Role.CHAIR:
            holder = session.get(Person, term.person_id)
            raise InvalidInput(OfficeRefusal.CHAIR_TAKEN, name=holder.name if holder else "?", starts_on=term.starts_on,
                                   until=_until(term), end_by=max(starts_on - timedelta(days=1), term.starts_on))
    return assign_role(session, person, office, starts_on, ends_on=ends_on, actor=actor, now=now, comment=comment)


def _term_of(session: Session, ref: int | tuple[int, Role | str], ends_on: date) -> RoleAssignment:
    if isinstance(ref, int):
        term = session.get(RoleAssignment, ref)
        if term is None or term.role not in OFFICES:
            raise NotFound(OfficeRefusal.NO_TERM, term=ref)
        return term
    person_id, role = ref
    office = _office(role)
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(DirectoryRefusal.NO_PERSON_ID, id=person_id)
    candidates = [t for t in _terms(session, office) if t.person_id == person_id
                  and (t.ends_on is None or t.ends_on >= ends_on)]
    if not candidates:
        raise InvalidInput(OfficeRefusal.NO_OPEN_TERM, name=person.name, role=office)
    return candidates[0]


def end_office(
    session: Session, ref: int | tuple[int, Role | str], *, ends_on: date, actor: Person | None, now: datetime,
    comment: str = "",
) -> RoleAssignment:
    """End a secretariat or chair term (by its id, or the person's open term in that office) on ``ends_on``."""
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, Action.END_OFFICES, now)
    term = _term_of(session, ref, ends_on)
    person = session.get(Person, term.person_id)
    name = person.name if person else "?"
    today = local_date(now)
    if term.ends_on is not None and term.ends_on < min(ends_on, today):
        raise InvalidInput(OfficeRefusal.TERM_OVER, term=term.id, name=name, ends_on=term.ends_on)
    if ends_on < term.starts_on:
        raise InvalidInput(OfficeRefusal.TERM_ENDS_BEFORE_START, starts_on=term.starts_on)
    if term.role == Role.SECRETARIAT and term.active_on(today):
        _keep_a_secretariat(session, term, name, max(ends_on + timedelta(days=1), today))
    changes = apply_changes(term, {"ends_on": ends_on, "ended_by_id": actor.id if actor else None,
                                   "ended_at": now})
    session.add(term)
    record_change(session, "role_assignment", term.id or 0, "end", actor=actor, now=now, comment=comment,
                  changes=changes)
    return term


def _keep_a_secretariat(session: Session, ending: RoleAssignment, name: str, day: date) -> None:
    """Refuse unless someone else (still in the network) holds the secretariat on ``day``."""
    if not secretariat_remains(session, day, without_term=ending.id):
        raise InvalidInput(OfficeRefusal.LAST_SECRETARIAT, name=name, day=day)


def office_terms(session: Session) -> list[OfficeTerm]:
    """Every secretariat and chair term, oldest first, with who gave and who ended it."""
    people = {p.id: p for p in session.exec(select(Person)).all()}
    terms = session.exec(select(RoleAssignment).where(col(RoleAssignment.role).in_(list(OFFICES)))
                         .order_by(col(RoleAssignment.starts_on), col(RoleAssignment.id))).all()

    def name(person_id: int | None) -> str | None:
        person = people.get(person_id) if person_id is not None else None
        return person.name if person else None

    result = []
    for t in terms:
        person = people[t.person_id]
        result.append(OfficeTerm(id=t.id or 0, role=t.role.value, person_id=t.person_id, name=person.name,
                                 email=person.email, active=person.active, starts_on=t.starts_on,
                                 ends_on=t.ends_on, assigned_by=name(t.assigned_by_id), assigned_at=t.assigned_at,
                                 ended_by=name(t.ended_by_id), ended_at=t.ended_at))
    return result


def offices_overview(session: Session, day: date) -> OfficesOverview:
    """Who holds the secretariat and the chair on ``day`` (since when), who will, and past terms (newest first)."""
    terms = office_terms(session)
    current: dict[str, list[OfficeTerm]] = {office.value: [] for office in OFFICES}
    for term in terms:
        if term.status(day) == "current":
            current[term.role].append(term)
    return OfficesOverview(day=day, current=current,
                           future=[t for t in terms if t.status(day) == "future"],
                           past=sorted((t for t in terms if t.status(day) == "past"),
                                       key=lambda t: (t.ends_on or t.starts_on), reverse=True))
