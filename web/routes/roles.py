"""The secretariat's pages for offices and seats: who holds the secretariat and the chair (forms to give and, after
a confirmation, end a term), and on the strategy-group page the seat terms and the composition."""

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import col, select

from models.enums import Role
from models.people import Person, RoleAssignment, Seat
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, WriteSession, acting
from web.errors import error_page, status_of
from web.meeting_forms import refused, worded
from web.security import verify_csrf
from web.templating import flash, render, translator
from web.wording import network_labels, roles_labels
from web.wording.refusals.web import FormRefusal
from workflow.engine.clock import local_date
from workflow.engine.errors import InvalidInput, NotFound, RecoflowError
from workflow.engine.inputs import row_id
from workflow.network.composition import Composition, set_composition
from workflow.network.refusals import OfficeRefusal
from workflow.network.roles import OFFICES, assign_office, end_office, office_terms, offices_overview
from workflow.queries.reminder_overview import require_secretariat
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import Action
from workflow.strategy_group.seats import appoint, end_seat_term

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])
TextField = Annotated[str, Form()]


def _page(request: Request, template: str, **context: Any) -> Response:
    return render(request, template, network_labels=network_labels, roles_labels=roles_labels, **context)


def _refused_view(request: Request, error: RecoflowError) -> Response:
    status, title = status_of(error)
    return error_page(request, status, title, worded(request, error))


def _day(request: Request, value: str, label: str, *, required: bool) -> date | None:
    text = value.strip()
    if not text:
        if required:
            raise InvalidInput(FormRefusal.DAY_REQUIRED, field=label)
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(FormRefusal.DAY_INVALID, field=label) from None


def _id(request: Request, value: str) -> int:
    if (key := row_id(value.strip())) is None:
        raise InvalidInput(FormRefusal.CHOOSE_PERSON)
    return key


def active_people(session: Any) -> list[Person]:
    """Everyone still in the network, by name (the choices of the forms)."""
    return list(session.exec(select(Person).where(col(Person.active).is_(True)).order_by(col(Person.name))).all())


@router.get("/network/roles", response_class=HTMLResponse)
def roles_page(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """Who holds the secretariat and the chair today and since when, terms ahead and past; forms to give one."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.SEE_THE_OFFICES)
    except RecoflowError as exc:
        return _refused_view(request, exc)
    return _page(request, "network_roles.html", overview=offices_overview(session, local_date(now)),
                 people=active_people(session), offices=[o.value for o in OFFICES])


@router.post("/network/roles")
def give_office(request: Request, viewer: Internal, session: WriteSession, now: Now, person_id: TextField = "",
                role: TextField = "", starts_on: TextField = "", ends_on: TextField = "",
                comment: TextField = "") -> Response:
    """Give a person the secretariat or the chair for a term."""
    try:
        term = assign_office(session, _id(request, person_id), role,
                             starts_on=_day(request, starts_on, roles_labels.FIELD_FROM, required=True) or date.min,
                             ends_on=_day(request, ends_on, roles_labels.FIELD_UNTIL, required=False),
                             actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    _ = translator(request).gettext
    person = session.get(Person, term.person_id)
    flash(request, _("%(name)s holds the office “%(office)s” from %(day)s.", name=person.name if person else "?",
                     office=_(roles_labels.OFFICES[term.role.value]), day=term.starts_on.strftime("%d.%m.%Y")),
          "success")
    return RedirectResponse("/network/roles", status_code=303)


@router.get("/network/roles/{term_id}/end", response_class=HTMLResponse)
def confirm_end_office(request: Request, term_id: int, viewer: Internal, session: ReadSession,
                       now: Now) -> Response:
    """The confirmation step before a secretariat or chair term ends."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.END_OFFICES)
        term = next((t for t in office_terms(session) if t.id == term_id), None)
        if term is None:
            raise NotFound(OfficeRefusal.NO_TERM, term=term_id)
    except RecoflowError as exc:
        return _refused_view(request, exc)
    return _page(request, "network_role_end.html", term=term, today=local_date(now),
                 action=f"/network/roles/{term_id}/end", back="/network/roles",
                 what=translator(request).gettext(roles_labels.OFFICES[term.role]))


@router.post("/network/roles/{term_id}/end")
def end_office_(request: Request, term_id: int, viewer: Internal, session: WriteSession, now: Now,
                ends_on: TextField = "", comment: TextField = "") -> Response:
    """End a secretariat or chair term on the day given."""
    try:
        term = end_office(session, term_id, ends_on=_day(request, ends_on, roles_labels.FIELD_LAST_DAY,
                                                         required=True) or date.max,
                          actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    _ = translator(request).gettext
    flash(request, _("The term ends on %(day)s.", day=(term.ends_on or date.max).strftime("%d.%m.%Y")), "success")
    return RedirectResponse("/network/roles", status_code=303)


@router.post("/strategy-group/terms")
def appoint_seat(request: Request, viewer: Internal, session: WriteSession, now: Now, seat: TextField = "",
                 person_id: TextField = "", as_deputy: TextField = "", starts_on: TextField = "",
                 ends_on: TextField = "", comment: TextField = "") -> Response:
    """Give a person a seat (or make them its deputy) for a term."""
    try:
        person = session.get(Person, _id(request, person_id))
        if person is None:
            raise InvalidInput(FormRefusal.CHOOSE_PERSON)
        appoint(session, seat, person, Role.DEPUTY if as_deputy == "yes" else Role.STRATEGY_MEMBER,
                _day(request, starts_on, roles_labels.FIELD_FROM, required=True) or date.min,
                actor=acting(session, viewer), now=now,
                ends_on=_day(request, ends_on, roles_labels.FIELD_UNTIL, required=False), comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("%(name)s is appointed to seat %(seat)s.", name=person.name,
                                               seat=seat.strip().upper()), "success")
    return RedirectResponse("/strategy-group", status_code=303)


@router.get("/strategy-group/terms/{term_id}/end", response_class=HTMLResponse)
def confirm_end_seat_term(request: Request, term_id: int, viewer: Internal, session: ReadSession,
                          now: Now) -> Response:
    """The confirmation step before a seat term ends."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.END_TERMS)
        term = session.get(RoleAssignment, term_id)
        if term is None or term.seat_id is None:
            raise NotFound(StrategyRefusal.NO_TERM, term=term_id)
        person = session.get(Person, term.person_id)
    except RecoflowError as exc:
        return _refused_view(request, exc)
    seat = session.get(Seat, term.seat_id)
    _ = translator(request).gettext
    what = _("Holder of seat %(seat)s", seat=seat.code if seat else "?") if term.role == Role.STRATEGY_MEMBER \
        else _("Deputy for seat %(seat)s", seat=seat.code if seat else "?")
    return _page(request, "network_role_end.html", term={"name": person.name if person else "?",
                                                         "starts_on": term.starts_on, "ends_on": term.ends_on},
                 today=local_date(now), action=f"/strategy-group/terms/{term_id}/end", back="/strategy-group",
                 what=what)


@router.post("/strategy-group/terms/{term_id}/end")
def end_seat_term_(request: Request, term_id: int, viewer: Internal, session: WriteSession, now: Now,
                   ends_on: TextField = "", comment: TextField = "") -> Response:
    """End a seat term on the day given."""
    try:
        term = end_seat_term(session, term_id, _day(request, ends_on, roles_labels.FIELD_LAST_DAY,
                                                    required=True) or date.max,
                             actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The term ends on %(day)s.",
                                               day=(term.ends_on or date.max).strftime("%d.%m.%Y")), "success")
    return RedirectResponse("/strategy-group", status_code=303)


@router.post("/strategy-group/composition")
def save_composition(request: Request, viewer: Internal, session: WriteSession, now: Now,
                     composition: TextField = "", comment: TextField = "") -> Response:
    """Set the composition from the editor's JSON text."""
    _ = translator(request).gettext
    try:
        try:
            data = json.loads(composition)
        except json.JSONDecodeError as exc:
            raise InvalidInput(FormRefusal.NOT_JSON, line=exc.lineno, column=exc.colno) from None
        result = set_composition(session, data, actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, _("The composition has %(seats)s seats in %(categories)s categories.",
                     seats=len(result.seat_codes), categories=len(result.categories)), "success")
    return RedirectResponse("/strategy-group", status_code=303)


def composition_text(composition: Composition) -> str:
    """The composition as the editor shows it (indented JSON)."""
    return json.dumps(composition.as_json(), ensure_ascii=False, indent=2)
