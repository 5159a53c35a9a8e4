"""Who sits in which seat of the strategy group on a given day, and who may act for the group."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person, RoleAssignment, Seat
from workflow.engine.clock import local_date
from workflow.engine.errors import NotFound, NotPermitted
from workflow.engine.permissions import roles_of
from workflow.strategy_group.refusals import StrategyRefusal


class Action(StrEnum):
    """What someone may be refused to do for lack of an office (worded in web/wording/refusals/strategy_group.py)."""

    ANNOUNCE_PUBLIC_EVENTS = "announce_public_events"
    APPOINT_STRATEGY_GROUP_MEMBERS = "appoint_strategy_group_members"
    ASSIGN_OFFICES = "assign_offices"
    BUILD_AGENDAS = "build_agendas"
    CANCEL_MEETINGS = "cancel_meetings"
    CANCEL_PUBLIC_EVENTS = "cancel_public_events"
    CLOSE_VOTES = "close_votes"
    CONVENE_WORKING_GROUPS = "convene_working_groups"
    DEACTIVATE_ORGANISATIONS = "deactivate_organisations"
    DEACTIVATE_PEOPLE = "deactivate_people"
    EDIT_ORGANISATIONS = "edit_organisations"
    ERASE_PEOPLE = "erase_people"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    EDIT_PEOPLE = "edit_people"
    EDIT_THE_NETWORK_LEGAL_PAGES = "edit_the_network_legal_pages"
    EDIT_THE_NETWORK_PROFILE = "edit_the_network_profile"
    END_OFFICES = "end_offices"
    END_TERMS = "end_terms"
    FOLLOW_VOTES = "follow_votes"
    IMPORT_LISTS = "import_lists"
    INVITE_PEOPLE_TO_SIGN_IN = "invite_people_to_sign_in"
    KEEP_THE_DIRECTORY = "keep_the_directory"
    MERGE_ORGANISATIONS = "merge_organisations"
    MERGE_PEOPLE = "merge_people"
    MOVE_AGENDA_ITEMS = "move_agenda_items"
    MOVE_MEETINGS = "move_meetings"
    OPEN_VOTES = "open_votes"
    PLAN_MEETINGS = "plan_meetings"
    REACTIVATE_ORGANISATIONS = "reactivate_organisations"
    REACTIVATE_PEOPLE = "reactivate_people"
    READ_MAILS_IN_THE_OUTBOX = "read_mails_in_the_outbox"
    RECORD_ATTENDANCE = "record_attendance"
    RECORD_MEETINGS_AS_HELD = "record_meetings_as_held"
    REGISTER_ORGANISATIONS = "register_organisations"
    REGISTER_PEOPLE = "register_people"
    REORDER_AGENDAS = "reorder_agendas"
    SEE_THE_OFFICES = "see_the_offices"
    SEE_THE_OFFICES_TERMS = "see_the_offices_terms"
    SEE_THE_OUTBOX = "see_the_outbox"
    SEE_THE_REMINDER_PLAN = "see_the_reminder_plan"
    SEND_MAILS_AGAIN = "send_mails_again"
    SET_STRATEGIC_GOALS = "set_strategic_goals"
    SET_THE_STRATEGY_GROUP_COMPOSITION = "set_the_strategy_group_composition"
    SET_TOPICS = "set_topics"
    START_WRITTEN_PROCEDURES = "start_written_procedures"


STEERING_ROLES = frozenset({Role.CHAIR, Role.SECRETARIAT})
SECRETARIAT_ONLY = frozenset({Role.SECRETARIAT})


def require_role(session: Session, actor: Person, allowed: Iterable[Role], doing: Action, now: datetime) -> None:
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
