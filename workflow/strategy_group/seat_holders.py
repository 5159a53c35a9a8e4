"""Who sits in which seat of the strategy group on a given day, and who may act for the group."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person, RoleAssignment, Seat
from workflow.engine.clock import local_date
from workflow.engine.errors import NotFound, NotPermitted
from workflow.engine.permissions import roles_of
from workflow.strategy_group.refusals import StrategyRefusal

STEERING_ROLES = frozenset({Role.CHAIR, Role.SECRETARIAT})
SECRETARIAT_ONLY = frozenset({Role.SECRETARIAT})


def require_role(session: Session, actor: Person, allowed: Iterable[Role], doing: str, now: datetime) -> None:
    """Refuse unless ``actor`` holds one of ``allowed`` today."""
    assert actor.id is not None
    allowed = frozenset(allowed)
    if not roles_of(session, actor.id, None, local_date(now)) & allowed:
        raise NotPermitted(StrategyRefusal.ROLE_REQUIRED, name=actor.name, email=actor.email, doing=doing,
                           allowed=tuple(r.value for r in Role if r in allowed))


def all_seats(session: Session) -> list[Seat]:
    """Every seat, in the order of their codes as created."""
    return list(session.exec(select(Seat).order_by(col(Seat.id))).all())


def find_seat(session: Session, code: str) -> Seat:
    """A seat by code (e.g. ``KLV-GT``), or a NotFound naming the codes there are."""
    seat = session.exec(select(Seat).where(Seat.code == code.strip().upper())).first()
    if seat is None:
        raise NotFound(StrategyRefusal.NO_SEAT_CODE, seat=code, seats=tuple(s.code for s in all_seats(session)))
    return seat


@dataclass
class Occupancy:
    """The holders and deputies of one seat on one day (normally one holder, zero or more deputies)."""

    seat: Seat
    holders: list[Person] = field(default_factory=list)
    deputies: list[Person] = field(default_factory=list)


def occupancy(session: Session, day: date) -> dict[int, Occupancy]:
    """Each seat's holders and deputies whose terms include ``day``, by seat id."""
    result = {s.id or 0: Occupancy(s) for s in all_seats(session)}
    rows = session.exec(
        select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
        .where(col(RoleAssignment.seat_id).is_not(None)).order_by(col(RoleAssignment.id))
    ).all()
    for assignment, person in rows:
        if not assignment.active_on(day) or assignment.seat_id not in result:
            continue
        entry = result[assignment.seat_id]
        if assignment.role == Role.STRATEGY_MEMBER:
            entry.holders.append(person)
        elif assignment.role == Role.DEPUTY:
            entry.deputies.append(person)
    return result


def seats_held_by(session: Session, person_id: int, day: date) -> tuple[list[int], list[int]]:
    """The seats ``person_id`` holds, and those they are deputy for, on ``day``."""
    held: list[int] = []
    deputised: list[int] = []
    for a in session.exec(select(RoleAssignment).where(RoleAssignment.person_id == person_id)).all():
        if a.seat_id is None or not a.active_on(day):
            continue
        if a.role == Role.STRATEGY_MEMBER:
            held.append(a.seat_id)
        elif a.role == Role.DEPUTY:
            deputised.append(a.seat_id)
    return held, deputised


def secretariat_remains(session: Session, day: date, *, without_term: int | None = None,
                        without_person: int | None = None) -> bool:
    """Whether someone still in the network holds the secretariat on ``day``, leaving out one term or one person."""
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(RoleAssignment.role == Role.SECRETARIAT)).all()
    return any(term.active_on(day) and person.active and term.id != without_term and person.id != without_person
               for term, person in rows)
