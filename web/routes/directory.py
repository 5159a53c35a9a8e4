"""The secretariat's pages of the directory: people and organisations listed, registered, edited, deactivated
(after a confirmation step), brought back and merged, through the same services as the CLI and the API."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from models.enums import Language, OrganisationKind
from models.people import OrganisationCreate, OrganisationUpdate, PersonCreate, PersonUpdate
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, Viewer, WriteSession, acting, web_state
from web.i18n import N_
from web.meeting_forms import refused
from web.security import verify_csrf
from web.templating import flash, render, translator
from web.wording import directory_labels
from workflow.engine.clock import local_date
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.engine.inputs import row_id
from workflow.network.accounts import invite
from workflow.network.organisations import (
    active_organisations,
    create_organisation,
    deactivate_organisation,
    find_organisation,
    merge_organisations,
    reactivate_organisation,
    update_organisation,
)
from workflow.network.people import (
    create_person,
    deactivate_person,
    find_person,
    get_person,
    merge_people,
    reactivate_person,
    update_person,
)
from workflow.network.refusals import DirectoryRefusal, checked
from workflow.queries.directory_views import (
    STATUSES,
    organisation_detail,
    organisations_overview,
    people_overview,
    person_detail,
)
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])
Text = Annotated[str, Form()]
PAGE_SIZE = 50


def _secretariat(session: Session, viewer: Viewer, now: Any) -> None:
    require_role(session, viewer.person, SECRETARIAT_ONLY, Action.KEEP_THE_DIRECTORY, now)


def _page(request: Request, template: str, **context: Any) -> Response:
    return render(request, template, directory_labels=directory_labels, languages=[x.value for x in Language],
                  kinds=[k.value for k in OrganisationKind], **context)


def _listing(q: str, status: str, page: int) -> tuple[str, int]:
    return (status if status in STATUSES else "active"), max(page, 1)


def _day(value: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(DirectoryRefusal.FIELD_INVALID, field="on", reason=text) from None


def _done(request: Request, message: str, target: str, **values: Any) -> Response:
    flash(request, translator(request).gettext(message, **values), "success")
    return RedirectResponse(target, status_code=303)


# --- people -----------------------------------------------------------------------------------------------------

@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, viewer: Internal, session: ReadSession, now: Now, q: str = "",
                status: str = "active", page: int = 1) -> Response:
    """Everyone in the directory, searchable, active or left, fifty a page."""
    _secretariat(session, viewer, now)
    status, page = _listing(q, status, page)
    listing = people_overview(session, q=q, status=status, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                              today=local_date(now))
    return _page(request, "directory_people.html", listing=listing, page=page, pages=-(-listing.total //
                 PAGE_SIZE) or 1)


@router.get("/people/new", response_class=HTMLResponse)
def new_person_page(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The form that registers a person."""
    _secretariat(session, viewer, now)
    return _page(request, "directory_person_new.html", organisations=active_organisations(session))


def _organisation_id(value: str) -> int | None:
    return row_id(value.strip())


@router.post("/people")
def create_person_form(request: Request, viewer: Internal, session: WriteSession, now: Now, name: Text = "",
                       email: Text = "", organisation_id: Text = "", language: Text = "de", phone: Text = "",
                       function: Text = "", comment: Text = "") -> Response:
    """Register a person."""
    try:
        data = checked(PersonCreate, name=name, email=email, organisation_id=_organisation_id(organisation_id),
                       language=language, phone=phone, function=function)
        person = create_person(session, data, actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("%(name)s is registered."), f"/people/{person.id}", name=person.name)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: int, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """One person: details, roles today and before, the record, and the forms to edit, deactivate and merge."""
    _secretariat(session, viewer, now)
    return _page(request, "directory_person.html", person=person_detail(session, person_id, today=local_date(now)),
                 organisations=active_organisations(session), today=local_date(now))


@router.post("/people/{person_id}")
def edit_person_form(request: Request, person_id: int, viewer: Internal, session: WriteSession, now: Now,
                     name: Text = "", email: Text = "", organisation_id: Text = "", language: Text = "de",
                     phone: Text = "", function: Text = "", comment: Text = "") -> Response:
    """Save the edit form (every field is sent; only what changed is recorded)."""
    try:
        data = checked(PersonUpdate, name=name, email=email, organisation_id=_organisation_id(organisation_id) or 0,
                       language=language, phone=phone, function=function)
        person = update_person(session, person_id, data, actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("The changes to %(name)s are saved."), f"/people/{person_id}", name=person.name)


@router.post("/people/{person_id}/deactivate")
def deactivate_person_form(request: Request, person_id: int, viewer: Internal, session: WriteSession, now: Now,
                           on: Text = "", comment: Text = "", confirmed: Text = "") -> Response:
    """First ask to confirm (naming what ends), then let the person leave."""
    try:
        day = _day(on)
        if confirmed != "yes":
            _secretariat(session, viewer, now)
            if not comment.strip():
                raise InvalidInput(DirectoryRefusal.REASON_REQUIRED)
            detail = person_detail(session, person_id, today=local_date(now))
            return _page(request, "directory_confirm.html", subject=detail, kind="person", on=day, comment=comment,
                         action=f"/people/{person_id}/deactivate", back=f"/people/{person_id}")
        person = deactivate_person(session, person_id, actor=acting(session, viewer), now=now, on=day,
                                   comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("%(name)s has left; the history stays."), f"/people/{person_id}", name=person.name)


@router.post("/people/{person_id}/reactivate")
def reactivate_person_form(request: Request, person_id: int, viewer: Internal, session: WriteSession, now: Now,
                           comment: Text = "") -> Response:
    """Bring back a person who left."""
    try:
        person = reactivate_person(session, person_id, actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("%(name)s is active again."), f"/people/{person_id}", name=person.name)


@router.post("/people/{person_id}/invite")
def invite_person_form(request: Request, person_id: int, viewer: Internal, session: WriteSession,
                       now: Now) -> Response:
    """Mail the person a one-time link to set their password (valid a week)."""
    try:
        person = get_person(session, person_id)
        invite(session, person, web_state(request).settings.base_url, now, actor=acting(session, viewer))
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("A mail with a link to set a password (valid seven days) goes to %(email)s."),
                 f"/people/{person_id}", email=person.email)


@router.post("/people/{person_id}/merge")
def merge_person_form(request: Request, person_id: int, viewer: Internal, session: WriteSession, now: Now,
                      into_email: Text = "", comment: Text = "") -> Response:
    """Merge this person (the duplicate) into the person with the email given."""
    try:
        get_person(session, person_id)
        survivor = find_person(session, into_email)
        merge_people(session, person_id, survivor.id or 0, actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("The duplicate is merged into %(name)s."), f"/people/{survivor.id}", name=survivor.name)


# --- organisations ----------------------------------------------------------------------------------------------

@router.get("/organisations", response_class=HTMLResponse)
def organisations_page(request: Request, viewer: Internal, session: ReadSession, now: Now, q: str = "",
                       status: str = "active", page: int = 1) -> Response:
    """The organisations of the directory, searchable, active or deactivated."""
    _secretariat(session, viewer, now)
    status, page = _listing(q, status, page)
    listing = organisations_overview(session, q=q, status=status, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return _page(request, "directory_organisations.html", listing=listing, page=page,
                 pages=-(-listing.total // PAGE_SIZE) or 1)


@router.get("/organisations/new", response_class=HTMLResponse)
def new_organisation_page(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The form that registers an organisation."""
    _secretariat(session, viewer, now)
    return _page(request, "directory_organisation_new.html")


def _organisation_fields(name: str, kind: str, short_name: str, email: str, address: str, phone: str,
                         website: str) -> dict[str, Any]:
    return {"name": name, "kind": kind, "short_name": short_name, "email": email, "address": address,
            "phone": phone, "website": website}


@router.post("/organisations")
def create_organisation_form(request: Request, viewer: Internal, session: WriteSession, now: Now, name: Text = "",
                             kind: Text = "", short_name: Text = "", email: Text = "", address: Text = "",
                             phone: Text = "", website: Text = "", comment: Text = "") -> Response:
    """Register an organisation."""
    try:
        data = checked(OrganisationCreate, **_organisation_fields(name, kind, short_name, email, address, phone,
                                                                  website))
        org = create_organisation(session, data, actor=acting(session, viewer), now=now, comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("%(name)s is registered."), f"/organisations/{org.id}", name=org.name)


@router.get("/organisations/{organisation_id}", response_class=HTMLResponse)
def organisation_page(request: Request, organisation_id: int, viewer: Internal, session: ReadSession,
                      now: Now) -> Response:
    """One organisation: details, its people, the record, and the forms to edit, deactivate and merge."""
    _secretariat(session, viewer, now)
    return _page(request, "directory_organisation.html", org=organisation_detail(session, organisation_id),
                 organisations=[o for o in active_organisations(session) if o.id != organisation_id])


@router.post("/organisations/{organisation_id}")
def edit_organisation_form(request: Request, organisation_id: int, viewer: Internal, session: WriteSession,
                           now: Now, name: Text = "", kind: Text = "", short_name: Text = "", email: Text = "",
                           address: Text = "", phone: Text = "", website: Text = "", comment: Text = "") -> Response:
    """Save the edit form (an empty mailbox removes it)."""
    try:
        data = checked(OrganisationUpdate, **_organisation_fields(name, kind, short_name, email, address, phone,
                                                                  website))
        org = update_organisation(session, organisation_id, data, actor=acting(session, viewer), now=now,
                                  comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("The changes to %(name)s are saved."), f"/organisations/{organisation_id}", name=org.name)


@router.post("/organisations/{organisation_id}/deactivate")
def deactivate_organisation_form(request: Request, organisation_id: int, viewer: Internal, session: WriteSession,
                                 now: Now, comment: Text = "", confirmed: Text = "") -> Response:
    """First ask to confirm, then deactivate the organisation."""
    try:
        if confirmed != "yes":
            _secretariat(session, viewer, now)
            if not comment.strip():
                raise InvalidInput(DirectoryRefusal.REASON_REQUIRED)
            return _page(request, "directory_confirm.html", subject=organisation_detail(session, organisation_id),
                         kind="organisation", on=None, comment=comment,
                         action=f"/organisations/{organisation_id}/deactivate",
                         back=f"/organisations/{organisation_id}")
        org = deactivate_organisation(session, organisation_id, actor=acting(session, viewer), now=now,
                                      comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("%(name)s is deactivated; the history stays."), f"/organisations/{organisation_id}",
                 name=org.name)


@router.post("/organisations/{organisation_id}/reactivate")
def reactivate_organisation_form(request: Request, organisation_id: int, viewer: Internal, session: WriteSession,
                                 now: Now, comment: Text = "") -> Response:
    """Offer a deactivated organisation again."""
    try:
        org = reactivate_organisation(session, organisation_id, actor=acting(session, viewer), now=now,
                                      comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("%(name)s is active again."), f"/organisations/{organisation_id}", name=org.name)


@router.post("/organisations/{organisation_id}/merge")
def merge_organisation_form(request: Request, organisation_id: int, viewer: Internal, session: WriteSession,
                            now: Now, into: Text = "", comment: Text = "") -> Response:
    """Merge this organisation (the duplicate) into the one chosen."""
    try:
        survivor = find_organisation(session, into)
        merge_organisations(session, organisation_id, survivor.id or 0, actor=acting(session, viewer), now=now,
                            comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    return _done(request, N_("The duplicate is merged into %(name)s."), f"/organisations/{survivor.id}",
                 name=survivor.name)
