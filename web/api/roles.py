"""Offices and the strategy group's composition in the JSON API: secretariat and chair terms, the composition, and
seat terms, through the same services and permissions as the commands and the pages."""

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from models.enums import Role
from models.people import Person, RoleAssignment
from web.api.paging import LINK_HEADER, Cursor, OptionalLimit, page_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession
from web.wording.refusals.web import WebRefusal
from workflow.engine.clock import local_date
from workflow.engine.errors import NotFound
from workflow.network.composition import composition_of, set_composition
from workflow.network.refusals import DirectoryRefusal
from workflow.network.roles import assign_office, end_office, office_terms
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role
from workflow.strategy_group.seats import appoint, end_seat_term

router = APIRouter(route_class=UnitOfWorkRoute)


# One secretariat or chair term, with who gave and who ended it.
class OfficeTermOut(BaseModel):
    id: int
    role: str
    person_id: int
    name: str
    email: str
    starts_on: date
    ends_on: date | None
    status: str
    assigned_by: str | None
    assigned_at: datetime | None
    ended_by: str | None
    ended_at: datetime | None


# A term to give: the person, the office and the dates.
class OfficeAssign(BaseModel):
    person_id: int
    role: str = Field(examples=["chair"])
    starts_on: date
    ends_on: date | None = None
    comment: str = ""


# The last day of a term, and why it ends.
class TermEnd(BaseModel):
    ends_on: date
    comment: str = ""


# A seat term to give: the person, holder or deputy, and the dates.
class SeatTermCreate(BaseModel):
    person_id: int
    deputy: bool = False
    starts_on: date
    ends_on: date | None = None
    comment: str = ""


# A seat term as it now stands.
class SeatTermOut(BaseModel):
    id: int
    seat_id: int
    person_id: int
    role: str
    starts_on: date
    ends_on: date | None


# One seat of the composition.
class SeatSpecModel(BaseModel):
    code: str
    label: str
    stands_for: str = "none"


# One category of the composition with its seats.
class CategoryModel(BaseModel):
    code: str
    label: str
    seats: list[SeatSpecModel]


# The composition and whether it is the default.
class CompositionOut(BaseModel):
    is_default: bool
    categories: list[CategoryModel]


# A new composition (validated by the service, which words its refusals), and why.
class CompositionIn(BaseModel):
    categories: list[dict[str, Any]]
    comment: str = ""


def _actor(session: Session, caller: Caller) -> Person:
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    return actor


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(DirectoryRefusal.NO_PERSON_ID, id=person_id)
    return person


def _term_out(session: Session, term_id: int, now: datetime) -> OfficeTermOut:
    term = next(t for t in office_terms(session) if t.id == term_id)
    return OfficeTermOut(**asdict(term) | {"status": term.status(local_date(now))})


def _seat_term(term: RoleAssignment) -> SeatTermOut:
    return SeatTermOut(id=term.id or 0, seat_id=term.seat_id or 0, person_id=term.person_id, role=term.role.value,
                       starts_on=term.starts_on, ends_on=term.ends_on)


@router.get("/roles", response_model=list[OfficeTermOut], summary="Secretariat and chair terms",
            responses={200: {"headers": LINK_HEADER}})
def list_roles(request: Request, response: Response, caller: Caller, session: ReadSession, now: Now,
               cursor: Cursor = None, limit: OptionalLimit = None) -> Any:
    """Every secretariat and chair term with its status today (current, future, past); the secretariat only;
    paged with ``limit`` and ``cursor`` (the next page in the Link header)."""
    require_role(session, _actor(session, caller), SECRETARIAT_ONLY, Action.SEE_THE_OFFICES_TERMS, now)
    today = local_date(now)
    terms, _next = page_of(office_terms(session), request, response, cursor, limit)
    return [OfficeTermOut(**asdict(t) | {"status": t.status(today)}) for t in terms]


@router.post("/roles", response_model=OfficeTermOut, status_code=201, summary="Give a secretariat or chair term")
def post_role(body: OfficeAssign, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Give a person the secretariat or the chair for a term; refused when it overlaps."""
    term = assign_office(session, body.person_id, body.role, starts_on=body.starts_on, ends_on=body.ends_on,
                         actor=_actor(session, caller), now=now, comment=body.comment)
    return _term_out(session, term.id or 0, now)


@router.post("/roles/{term_id}/end", response_model=OfficeTermOut, summary="End a secretariat or chair term")
def end_role(term_id: int, body: TermEnd, caller: Caller, session: WriteSession, now: Now) -> Any:
    """End the term on ``ends_on``; refused for the last secretariat term in force."""
    end_office(session, term_id, ends_on=body.ends_on, actor=_actor(session, caller), now=now,
               comment=body.comment)
    return _term_out(session, term_id, now)


@router.get("/strategy-group/composition", response_model=CompositionOut, summary="The composition")
def get_composition(caller: Caller, session: ReadSession) -> Any:
    """The strategy group's seat categories and seats (the default 12 = 4 × 3 unless the network set its own)."""
    current = composition_of(session)
    return {"is_default": current.is_default, "categories": current.as_json()}


@router.put("/strategy-group/composition", response_model=CompositionOut, summary="Set the composition")
def put_composition(body: CompositionIn, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Set the categories and seats; the secretariat only. Seats with an open term cannot be removed."""
    result = set_composition(session, body.categories, actor=_actor(session, caller), now=now,
                             comment=body.comment)
    return {"is_default": False, "categories": result.as_json()}


@router.post("/strategy-group/seats/{code}/terms", response_model=SeatTermOut, status_code=201,
             summary="Appoint a seat holder or deputy")
def post_seat_term(code: str, body: SeatTermCreate, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Give a person the seat (or make them its deputy) for a term; the secretariat only."""
    term = appoint(session, code, _person(session, body.person_id),
                   Role.DEPUTY if body.deputy else Role.STRATEGY_MEMBER, body.starts_on,
                   actor=_actor(session, caller), now=now, ends_on=body.ends_on, comment=body.comment)
    return _seat_term(term)


@router.post("/strategy-group/terms/{term_id}/end", response_model=SeatTermOut, summary="End a seat term")
def end_seat_term_(term_id: int, body: TermEnd, caller: Caller, session: WriteSession, now: Now) -> Any:
    """End a holder's or deputy's term in a seat on ``ends_on``; the secretariat only."""
    term = end_seat_term(session, term_id, body.ends_on, actor=_actor(session, caller), now=now,
                         comment=body.comment)
    return _seat_term(term)
