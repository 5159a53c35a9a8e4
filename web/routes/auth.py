"""Signing in and out, setting a password through a link, and choosing the language."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.deps import MaybeViewer, Now, ReadSession, UnitOfWorkRoute, WriteSession, web_state
from web.i18n import LANGUAGES
from web.security import rotate_csrf, verify_csrf
from web.templating import flash, render, translator
from workflow.engine.errors import InvalidInput
from workflow.network.accounts import (
    PASSWORD_MIN_LENGTH,
    SignInLocked,
    SignInRefused,
    end_session,
    person_for_link,
    sign_in,
    start_session,
    use_password_link,
)
from workflow.network.first_start import setup_open
from workflow.network.forgotten_password import request_password_link

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])


def safe_next(target: str | None, default: str = "/tasks") -> str:
    """Only paths of this site are followed after signing in (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _restart_session(request: Request, **values: str) -> None:
    # A fresh session on every sign-in and sign-out, so nothing from before (fixation) carries over.
    language = request.session.get("lang")
    request.session.clear()
    if language:
        request.session["lang"] = language
    request.session.update(values)
    rotate_csrf(request)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, viewer: MaybeViewer, session: ReadSession, now: Now,
               next: str | None = None) -> Response:
    """The sign-in form (with a link to the first-run page while nobody has an account)."""
    if viewer is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", email="", next=safe_next(next), error=None,
                  setup_open=setup_open(session, now))


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, session: WriteSession, now: Now, email: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/tasks") -> Response:
    """Check email and password; failed attempts are throttled per email and per address."""
    _ = translator(request).gettext
    request.state.viewer = None
    client = request.client.host if request.client else "unknown"
    try:
        person = sign_in(session, email, password, client, now)
    except SignInLocked as exc:
        until = exc.until.astimezone(web_state(request).settings.tz).strftime("%H:%M")
        error = _("Too many failed sign-ins. Please try again after %(time)s.", time=until)
        return render(request, "login.html", 429, email=email, next=safe_next(next), error=error)
    except SignInRefused:
        error = _("The email address or the password is wrong.")
        return render(request, "login.html", 401, email=email, next=safe_next(next), error=error)
    _restart_session(request, sid=start_session(session, person, now))
    return RedirectResponse(safe_next(next), status_code=303)


@router.get("/forgot-password", response_class=HTMLResponse)
def forgot_password_form(request: Request) -> Response:
    """"Passwort vergessen": the form asking for the email address."""
    request.state.viewer = None
    return render(request, "forgot_password.html", sent=False)


@router.post("/forgot-password", response_class=HTMLResponse)
def forgot_password(request: Request, session: WriteSession, now: Now,
                    email: Annotated[str, Form()] = "") -> Response:
    """Mail a set-password link if the address belongs to someone who may sign in; the answer is the same
    whether it does or not (and whether the throttle let the request through)."""
    request.state.viewer = None
    client = request.client.host if request.client else "unknown"
    request_password_link(session, email, client, web_state(request).settings.base_url, now)
    return render(request, "forgot_password.html", sent=True)


@router.post("/logout")
def logout(request: Request, session: WriteSession) -> Response:
    """Sign out: the session ends on the server too."""
    token = request.session.get("sid")
    if isinstance(token, str):
        end_session(session, token)
    _restart_session(request)
    flash(request, translator(request).gettext("You are signed out."))
    return RedirectResponse("/", status_code=303)


@router.get("/set-password/{token}", response_class=HTMLResponse)
def set_password_form(request: Request, token: str, session: ReadSession, now: Now) -> Response:
    """The form behind a set-password link."""
    request.state.viewer = None
    person = person_for_link(session, token, now)
    return render(request, "set_password.html", person=person, token=token, error=None,
                  min_length=PASSWORD_MIN_LENGTH)


@router.post("/set-password/{token}", response_class=HTMLResponse)
def set_password(request: Request, token: str, session: WriteSession, now: Now,
                 password: Annotated[str, Form()] = "", repeat: Annotated[str, Form()] = "") -> Response:
    """Save the new password; the link is used up and the person is signed out everywhere."""
    _ = translator(request).gettext
    request.state.viewer = None
    person = person_for_link(session, token, now)
    error = None
    if password != repeat:
        error = _("The two passwords differ; type the same password twice.")
    else:
        try:
            use_password_link(session, token, password, now)
        except InvalidInput:
            error = _("Choose a password of at least %(n)s characters that is not your email address.",
                      n=PASSWORD_MIN_LENGTH)
    if error is not None:
        return render(request, "set_password.html", 422, person=person, token=token, error=error,
                      min_length=PASSWORD_MIN_LENGTH)
    _restart_session(request)
    flash(request, _("Your password is saved. Please sign in."))
    return RedirectResponse("/login", status_code=303)


@router.post("/language")
def choose_language(request: Request, lang: Annotated[str, Form()] = "de",
                    next: Annotated[str, Form()] = "/") -> Response:
    """Switch the language of the pages for this browser."""
    if lang in LANGUAGES:
        request.session["lang"] = lang
    return RedirectResponse(safe_next(next, "/"), status_code=303)
