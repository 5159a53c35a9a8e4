"""The network's profile and legal texts in the JSON API: read by anyone with a token, changed by the secretariat
through the same services as the pages and the command line."""

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel

from models.network import NetworkProfile
from models.people import Person
from web.api.tokens import Caller, TokenHolder
from web.deps import ReadSession, UnitOfWorkRoute, Viewer, WriteSession, web_state
from web.wording.refusals.web import WebRefusal
from workflow.engine.errors import InvalidInput, NotFound
from workflow.network.profile import ProfileUpdate, get_profile, legal_field, set_legal_text, update_profile

router = APIRouter(route_class=UnitOfWorkRoute)
LegalPage = Literal["imprint", "privacy", "accessibility"]


# The network's profile as the API shows it.
class NetworkOut(BaseModel):
    name: str
    short_name: str
    address: str
    contact_email: str
    contact_phone: str
    website: str
    timezone: str
    languages: list[str]
    number_prefix: str
    version: int
    updated_at: datetime | None


# Fields to change; those left out stay. ``languages`` is a list, the default first.
class NetworkPatch(BaseModel):
    name: str | None = None
    short_name: str | None = None
    address: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    website: str | None = None
    timezone: str | None = None
    languages: list[str] | None = None
    number_prefix: str | None = None
    comment: str = ""
    expected_version: int | None = None


# The text of one legal page.
class LegalText(BaseModel):
    page: LegalPage
    text: str
    version: int


# A new text for a legal page.
class LegalTextIn(BaseModel):
    text: str
    comment: str = ""


def _out(profile: NetworkProfile) -> dict[str, Any]:
    return {"name": profile.name, "short_name": profile.short_name, "address": profile.address,
            "contact_email": profile.contact_email, "contact_phone": profile.contact_phone,
            "website": profile.website, "timezone": profile.timezone,
            "languages": [x for x in profile.languages.split(",") if x], "number_prefix": profile.number_prefix,
            "version": profile.version, "updated_at": profile.updated_at}


def _actor(session: Any, caller: Viewer) -> Person:
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    assert isinstance(actor, Person)
    return actor


def _if_match(value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise InvalidInput(WebRefusal.IF_MATCH_MALFORMED, value=value)
    return int(text)


@router.get("/network", response_model=NetworkOut, summary="The network's profile")
def get_network(request: Request, _caller: TokenHolder, session: ReadSession) -> Any:
    """Name, contact, time zone, languages and number prefix; ``version`` for If-Match."""
    return _out(get_profile(session, web_state(request).settings))


@router.patch("/network", response_model=NetworkOut, summary="Change the network's profile")
def patch_network(request: Request, body: NetworkPatch, caller: Caller, session: WriteSession,
                  if_match: Annotated[str | None, Header()] = None) -> Any:
    """Change fields (the secretariat); a stale If-Match or ``expected_version`` is refused with 409."""
    state = web_state(request)
    fields = body.model_dump(exclude={"comment", "expected_version", "languages"}, exclude_none=True)
    if body.languages is not None:
        fields["languages"] = ",".join(body.languages)
    expected = _if_match(if_match)
    if expected is None:
        expected = body.expected_version
    profile = update_profile(session, ProfileUpdate(**fields, expected_version=expected),
                             actor=_actor(session, caller), now=state.clock(), comment=body.comment,
                             settings=state.settings)
    state.follow_profile(profile)
    return _out(profile)


@router.get("/network/legal/{page}", response_model=LegalText, summary="The text of a legal page")
def get_legal(request: Request, page: LegalPage, _caller: TokenHolder, session: ReadSession) -> Any:
    """The plain text of the Impressum, the Datenschutzerklärung or the Barrierefreiheitserklärung."""
    profile = get_profile(session, web_state(request).settings)
    return {"page": page, "text": getattr(profile, legal_field(page)), "version": profile.version}


@router.put("/network/legal/{page}", response_model=LegalText, summary="Replace the text of a legal page")
def put_legal(request: Request, page: LegalPage, body: LegalTextIn, caller: Caller, session: WriteSession) -> Any:
    """Replace the text (the secretariat); the record keeps the text before and after."""
    state = web_state(request)
    profile = set_legal_text(session, page, body.text, actor=_actor(session, caller), now=state.clock(),
                             comment=body.comment, settings=state.settings)
    return {"page": page, "text": getattr(profile, legal_field(page)), "version": profile.version}
