"""The network's profile and legal pages (edited by the secretariat, read by everyone), and the first-run page."""

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from models.enums import Role
from web.deps import Internal, MaybeViewer, Now, ReadSession, UnitOfWorkRoute, WriteSession, acting, web_state
from web.errors import status_of
from web.security import rotate_csrf, verify_csrf
from web.templating import flash, render, translator, when_in
from web.wording import profile_labels
from web.wording.refusals import explain
from workflow.engine.errors import InvalidInput, NotPermitted, RecoflowError
from workflow.network.accounts import PASSWORD_MIN_LENGTH, start_session
from workflow.network.first_start import first_start, setup_code_valid, setup_open
from workflow.network.profile import ProfileUpdate, get_profile, set_legal_text, update_profile
from workflow.network.refusals import ProfileRefusal

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]
LOOPBACK = frozenset({"127.0.0.1", "::1"})
# Headers a reverse proxy adds: a request through one comes from elsewhere, whatever its socket says.
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")
_LINK = re.compile(r"^https?://\S+$")


def _worded(request: Request, error: RecoflowError) -> str:
    return explain(error, translator(request), when_in(request))


def _field_of(error: RecoflowError) -> str:
    return str(error.params.get("field", ""))


# --- the profile -------------------------------------------------------------------------------------------------

def _profile_page(request: Request, viewer: Any, profile: Any, status: int = 200, **context: Any) -> Response:
    context.setdefault("error", None)
    context.setdefault("error_field", "")
    context.setdefault("values", {})
    return render(request, "network_profile.html", status, profile=profile, profile_labels=profile_labels,
                  may_edit=viewer.holds(Role.SECRETARIAT), **context)


@router.get("/network/profile", response_class=HTMLResponse)
def profile_page(request: Request, viewer: Internal, session: ReadSession) -> Response:
    """The network's profile: a form for the secretariat, a read-only view for everyone else with a role."""
    return _profile_page(request, viewer, get_profile(session, web_state(request).settings))


@router.post("/network/profile", response_class=HTMLResponse)
def save_profile(request: Request, viewer: Internal, session: WriteSession, now: Now, name: TextField = "",
                 short_name: TextField = "", address: TextField = "", contact_email: TextField = "",
                 contact_phone: TextField = "", website: TextField = "", timezone: TextField = "",
                 languages: TextField = "", number_prefix: TextField = "", comment: TextField = "",
                 version: TextField = "") -> Response:
    """Save the profile; a refused value is shown at its field, with nothing saved."""
    state = web_state(request)
    values = {"name": name, "short_name": short_name, "address": address, "contact_email": contact_email,
              "contact_phone": contact_phone, "website": website, "timezone": timezone, "languages": languages,
              "number_prefix": number_prefix}
    try:
        expected = int(version) if version.strip().isascii() and version.strip().isdigit() else None
        profile = update_profile(session, ProfileUpdate(**values, expected_version=expected),
                                 actor=acting(session, viewer), now=now, comment=comment,
                                 settings=state.settings)
    except RecoflowError as exc:
        status, _title = status_of(exc)
        return _profile_page(request, viewer, get_profile(session, state.settings), status,
                             error=_worded(request, exc), error_field=_field_of(exc),
                             values={**values, "comment": comment})
    state.follow_profile(profile)
    flash(request, translator(request).gettext("The network's profile is saved."), "success")
    return RedirectResponse("/network/profile", status_code=303)


# --- the legal pages ---------------------------------------------------------------------------------------------

def _legal(which: str) -> tuple[str, str, str]:
    if which not in profile_labels.LEGAL_PAGES:
        raise HTTPException(404)
    return profile_labels.LEGAL_PAGES[which]


@router.get("/network/legal/{which}", response_class=HTMLResponse)
def legal_form(request: Request, which: str, viewer: Internal, session: ReadSession) -> Response:
    """The form for the text of one legal page (the secretariat)."""
    address, field, title = _legal(which)
    profile = get_profile(session, web_state(request).settings)
    return render(request, "network_legal_form.html", which=which, address=address, title=title,
                  text=getattr(profile, field), error=None, may_edit=viewer.holds(Role.SECRETARIAT))


@router.post("/network/legal/{which}", response_class=HTMLResponse)
def save_legal(request: Request, which: str, viewer: Internal, session: WriteSession, now: Now,
               text: TextField = "", comment: TextField = "") -> Response:
    """Save the text of one legal page."""
    address, _field, title = _legal(which)
    try:
        set_legal_text(session, which, text, actor=acting(session, viewer), now=now, comment=comment,
                       settings=web_state(request).settings)
    except RecoflowError as exc:
        status, _title = status_of(exc)
        return render(request, "network_legal_form.html", status, which=which, address=address, title=title,
                      text=text, error=_worded(request, exc), may_edit=viewer.holds(Role.SECRETARIAT))
    _ = translator(request).gettext
    flash(request, _("The page “%(title)s” is saved.", title=_(title)), "success")
    return RedirectResponse(address, status_code=303)


def paragraphs(text: str) -> list[list[tuple[str, str]]]:
    """Plain text as paragraphs (split at blank lines) of lines, each ("link", url) or ("text", line)."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [[("link" if _LINK.match(line.strip()) else "text", line.strip()) for line in block.split("\n")
             if line.strip()] for block in blocks if block.strip()]


def _public_legal(request: Request, session: Any, which: str) -> Response:
    _address, field, title = _legal(which)
    profile = get_profile(session, web_state(request).settings)
    return render(request, "legal_page.html", title=title, which=which,
                  paragraphs=paragraphs(getattr(profile, field)), updated_at=profile.updated_at)


@router.get("/impressum", response_class=HTMLResponse)
def imprint(request: Request, session: ReadSession, viewer: MaybeViewer) -> Response:
    """The network's Impressum."""
    return _public_legal(request, session, "imprint")


@router.get("/datenschutz", response_class=HTMLResponse)
def privacy(request: Request, session: ReadSession, viewer: MaybeViewer) -> Response:
    """The network's Datenschutzerklärung."""
    return _public_legal(request, session, "privacy")


@router.get("/barrierefreiheit", response_class=HTMLResponse)
def accessibility(request: Request, session: ReadSession, viewer: MaybeViewer) -> Response:
    """The network's Barrierefreiheitserklärung."""
    return _public_legal(request, session, "accessibility")


# --- the first start ---------------------------------------------------------------------------------------------

def from_loopback(request: Request) -> bool:
    """Whether the request comes from this computer itself (and not through a proxy)."""
    host = request.client.host if request.client else ""
    return host in LOOPBACK and not any(h in request.headers for h in PROXY_HEADERS)


def _setup_page(request: Request, status: int = 200, **context: Any) -> Response:
    context.setdefault("error", None)
    context.setdefault("error_field", "")
    context.setdefault("values", {})
    return render(request, "setup.html", status, needs_code=not from_loopback(request),
                  min_length=PASSWORD_MIN_LENGTH, **context)


@router.get("/setup", response_class=HTMLResponse)
def setup_form(request: Request, session: ReadSession, now: Now) -> Response:
    """The first-run page, while nobody holds the secretariat role (404 afterwards)."""
    if not setup_open(session, now):
        raise HTTPException(404)
    return _setup_page(request)


@router.post("/setup", response_class=HTMLResponse)
def setup(request: Request, session: WriteSession, now: Now, network_name: TextField = "", name: TextField = "",
          email: TextField = "", password: TextField = "", repeat: TextField = "",
          setup_code: TextField = "") -> Response:
    """Create the first secretariat account with its password, sign it in and lead to the profile."""
    if not setup_open(session, now):
        raise HTTPException(404)
    state = web_state(request)
    values = {"network_name": network_name, "name": name, "email": email}
    try:
        if not from_loopback(request) and not setup_code_valid(session, setup_code, now):
            raise NotPermitted(ProfileRefusal.SETUP_CODE_WRONG, field="setup_code")
        if password != repeat:
            raise InvalidInput(ProfileRefusal.PASSWORDS_DIFFER, field="password")
        started = first_start(session, name=name, email=email, network_name=network_name.strip() or None,
                              password=password, now=now, base_url=state.settings.base_url,
                              settings=state.settings)
    except RecoflowError as exc:
        status, _title = status_of(exc)
        message = _worded(request, exc)
        field = _field_of(exc)
        if isinstance(exc, InvalidInput) and not field:  # the password rules of the accounts
            message = translator(request).gettext(
                "Choose a password of at least %(n)s characters that is not your email address.",
                n=PASSWORD_MIN_LENGTH)
            field = "password"
        return _setup_page(request, status, error=message, error_field=field, values=values)
    state.follow_profile(get_profile(session, state.settings))
    token = start_session(session, started.person, now)
    language = request.session.get("lang")
    request.session.clear()
    if language:
        request.session["lang"] = language
    request.session["sid"] = token
    rotate_csrf(request)
    flash(request, translator(request).gettext("Welcome! Your account is ready. Now complete the network's "
                                               "profile."), "success")
    return RedirectResponse("/network/profile", status_code=303)
