"""The directory in the JSON API: people and organisations listed and shown to anyone with a role, registered,
edited, deactivated and merged by the secretariat, through the same services as the pages and the CLI."""

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from models.enums import Language, OrganisationKind
from models.people import Organisation, OrganisationCreate, OrganisationUpdate, Person, PersonCreate, PersonUpdate
from web.api.paging import LINK_HEADER, Cursor, decode_cursor, with_next
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession, acting, web_state
from workflow.engine.clock import local_date
from workflow.network.accounts import invite
from workflow.network.organisations import (
    create_organisation,
    deactivate_organisation,
    merge_organisations,
    reactivate_organisation,
    update_organisation,
)
from workflow.network.people import (
    create_person,
    deactivate_person,
    merge_people,
    reactivate_person,
    update_person,
)
from workflow.network.people import (
    get_person as find_person_by_id,
)
from workflow.queries.directory_views import (
    OrganisationDetail,
    OrganisationsOverview,
    PersonDetail,
    PersonLine,
    organisation_detail,
    organisations_overview,
    people_overview,
    person_detail,
)

router = APIRouter(route_class=UnitOfWorkRoute, tags=["directory"])
Status = Annotated[str, Query(pattern="^(active|left|all)$")]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1, description="Kept for older clients; follow 'next' instead.")]
Limit = Annotated[int, Query(ge=1, le=200)]


# A person to register, and why (kept in the record).
class PersonCreateRequest(PersonCreate):
    comment: str = ""


# What to change about a person (fields left out stay); ``organisation_id`` 0 removes the organisation.
class PersonPatchRequest(PersonUpdate):
    comment: str = ""


# One page of organisations by name; ``next`` as for people.
class OrganisationsPage(OrganisationsOverview):
    next: str | None = None


# A person as the directory holds them.
class PersonOut(BaseModel):
    id: int
    name: str
    email: str
    organisation_id: int | None
    language: Language
    phone: str
    function: str
    active: bool
    left_at: datetime | None
    merged_into_id: int | None


# One page of people and how many match in all; ``next`` is the following page's address (``None`` after the last).
class PersonList(BaseModel):
    items: list[PersonLine]
    total: int
    offset: int
    limit: int
    next: str | None = None


# Leaving (or bringing back): on which day, and why.
class DeactivateRequest(BaseModel):
    on: date | None = None
    comment: str = Field(default="", examples=["Ruhestand"])


# Merging a duplicate into the one that remains.
class MergeRequest(BaseModel):
    into: int
    comment: str = ""


# An organisation to register, and why.
class OrganisationCreateRequest(OrganisationCreate):
    comment: str = ""


# What to change about an organisation (fields left out stay; an empty mailbox removes it).
class OrganisationPatchRequest(OrganisationUpdate):
    comment: str = ""


# An organisation as the directory holds it.
class OrganisationOut(BaseModel):
    id: int
    name: str
    kind: OrganisationKind
    short_name: str
    email: str | None
    address: str
    phone: str
    website: str
    active: bool
    merged_into_id: int | None


def _person(person: Person) -> PersonOut:
    return PersonOut.model_validate(person, from_attributes=True)


def _organisation(org: Organisation) -> OrganisationOut:
    return OrganisationOut.model_validate(org, from_attributes=True)


def _actor(session: Session, caller: Caller) -> Person:
    return acting(session, caller)


@router.get("/people", response_model=PersonList, summary="List people", responses={200: {"headers": LINK_HEADER}})
def list_people(request: Request, response: Response, caller: Caller, session: ReadSession, now: Now, q: str = "",
                active: bool | None = True, offset: Offset = 0, limit: Limit = 50, cursor: Cursor = None) -> Any:
    """People by name (then id); ``q`` searches name and email; ``active=false`` lists those who left (omit:
    everyone)."""
    status = "all" if active is None else ("active" if active else "left")
    start = decode_cursor(cursor, default=offset)
    page = people_overview(session, q=q, status=status, offset=start, limit=limit, today=local_date(now))
    return with_next(page, request, response, start, limit)


@router.post("/people", response_model=PersonOut, status_code=201, summary="Register a person")
def post_person(body: PersonCreateRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Register a person (the secretariat only); the email must be valid and not yet registered."""
    data = PersonCreate.model_validate(body.model_dump(exclude={"comment"}))
    return _person(create_person(session, data, actor=_actor(session, caller), now=now, comment=body.comment))


@router.get("/people/{person_id}", response_model=PersonDetail, summary="One person")
def get_person(person_id: int, caller: Caller, session: ReadSession, now: Now) -> PersonDetail:
    """A person with organisation, roles today, ahead and before, and the record of changes."""
    return person_detail(session, person_id, today=local_date(now))


@router.patch("/people/{person_id}", response_model=PersonOut, summary="Edit a person")
def patch_person(person_id: int, body: PersonPatchRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Change the fields given (the secretariat only)."""
    data = PersonUpdate.model_validate(body.model_dump(exclude={"comment"}, exclude_unset=True))
    return _person(update_person(session, person_id, data, actor=_actor(session, caller), now=now,
                                 comment=body.comment))


@router.post("/people/{person_id}/deactivate", response_model=PersonOut, summary="A person leaves")
def post_deactivate_person(person_id: int, body: DeactivateRequest, caller: Caller, session: WriteSession,
                           now: Now) -> Any:
    """Their roles end on ``on`` (default today); sign-in, sessions, links and tokens stop working."""
    return _person(deactivate_person(session, person_id, actor=_actor(session, caller), now=now, on=body.on,
                                     comment=body.comment))


# A set-password link on its way to the person (the link itself only goes into the mail).
class InvitationOut(BaseModel):
    person_id: int
    email: str
    expires_at: datetime
    delivered_by_mail: bool


@router.post("/people/{person_id}/invite", response_model=InvitationOut, summary="Invite a person to sign in")
def post_invite_person(person_id: int, caller: Caller, session: WriteSession, request: Request, now: Now) -> Any:
    """Mail the person a one-time link (valid seven days) to set their password; the secretariat only."""
    person = find_person_by_id(session, person_id)
    invitation = invite(session, person, web_state(request).settings.base_url, now, actor=_actor(session, caller))
    return InvitationOut(person_id=person_id, email=person.email, expires_at=invitation.expires_at,
                         delivered_by_mail=invitation.delivered)


@router.post("/people/{person_id}/reactivate", response_model=PersonOut, summary="A person comes back")
def post_reactivate_person(person_id: int, body: DeactivateRequest, caller: Caller, session: WriteSession,
                           now: Now) -> Any:
    """The person is active again; their ended roles stay ended."""
    return _person(reactivate_person(session, person_id, actor=_actor(session, caller), now=now,
                                     comment=body.comment))


@router.post("/people/{person_id}/merge", response_model=PersonOut, summary="Merge a duplicate person")
def post_merge_person(person_id: int, body: MergeRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Merge this person into ``into``; returns the person who remains."""
    return _person(merge_people(session, person_id, body.into, actor=_actor(session, caller), now=now,
                                comment=body.comment))


@router.get("/organisations", response_model=OrganisationsPage, summary="List organisations",
            responses={200: {"headers": LINK_HEADER}})
def list_organisations(request: Request, response: Response, caller: Caller, session: ReadSession, q: str = "",
                       active: bool | None = True, offset: Offset = 0, limit: Limit = 50,
                       cursor: Cursor = None) -> Any:
    """Organisations by name (then id) with their number of active people."""
    status = "all" if active is None else ("active" if active else "left")
    start = decode_cursor(cursor, default=offset)
    page = organisations_overview(session, q=q, status=status, offset=start, limit=limit)
    return with_next(page, request, response, start, limit)


@router.post("/organisations", response_model=OrganisationOut, status_code=201, summary="Register an organisation")
def post_organisation(body: OrganisationCreateRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Register an organisation (the secretariat only); names are unique regardless of case."""
    data = OrganisationCreate.model_validate(body.model_dump(exclude={"comment"}))
    return _organisation(create_organisation(session, data, actor=_actor(session, caller), now=now,
                                             comment=body.comment))


@router.get("/organisations/{organisation_id}", response_model=OrganisationDetail, summary="One organisation")
def get_organisation(organisation_id: int, caller: Caller, session: ReadSession) -> OrganisationDetail:
    """An organisation with its active people and its record of changes."""
    return organisation_detail(session, organisation_id)


@router.patch("/organisations/{organisation_id}", response_model=OrganisationOut, summary="Edit an organisation")
def patch_organisation(organisation_id: int, body: OrganisationPatchRequest, caller: Caller, session: WriteSession,
                       now: Now) -> Any:
    """Change the fields given (the secretariat only)."""
    data = OrganisationUpdate.model_validate(body.model_dump(exclude={"comment"}, exclude_unset=True))
    return _organisation(update_organisation(session, organisation_id, data, actor=_actor(session, caller),
                                             now=now, comment=body.comment))


@router.post("/organisations/{organisation_id}/deactivate", response_model=OrganisationOut,
             summary="Deactivate an organisation")
def post_deactivate_organisation(organisation_id: int, body: DeactivateRequest, caller: Caller,
                                 session: WriteSession, now: Now) -> Any:
    """No longer offered as addressee or forwarding target; its history stays."""
    return _organisation(deactivate_organisation(session, organisation_id, actor=_actor(session, caller), now=now,
                                                 comment=body.comment))


@router.post("/organisations/{organisation_id}/reactivate", response_model=OrganisationOut,
             summary="Reactivate an organisation")
def post_reactivate_organisation(organisation_id: int, body: DeactivateRequest, caller: Caller,
                                 session: WriteSession, now: Now) -> Any:
    """Offered again."""
    return _organisation(reactivate_organisation(session, organisation_id, actor=_actor(session, caller), now=now,
                                                 comment=body.comment))


@router.post("/organisations/{organisation_id}/merge", response_model=OrganisationOut,
             summary="Merge a duplicate organisation")
def post_merge_organisation(organisation_id: int, body: MergeRequest, caller: Caller, session: WriteSession,
                            now: Now) -> Any:
    """Merge this organisation into ``into``; returns the one that remains."""
    return _organisation(merge_organisations(session, organisation_id, body.into, actor=_actor(session, caller),
                                             now=now, comment=body.comment))
