"""Data-protection rights on the pages: every signed-in person downloads what the network holds about them
(DSGVO Art. 15/20); the secretariat finds a person, downloads their data and erases them (Art. 17) after a
ticked confirmation, and sees how long mail bodies are kept."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from models.people import Person
from web.confirmation import require_ticked
from web.deps import Internal, Now, ReadSession, SignedIn, UnitOfWorkRoute, WriteSession, acting, web_state
from web.errors import error_page, status_of
from web.meeting_forms import refused, worded
from web.security import verify_csrf
from web.templating import flash, render, translator
from web.wording.refusals.web import FormRefusal
from workflow.engine.clock import local_date
from workflow.engine.errors import RecoflowError
from workflow.network.erasure import erase_person, erased
from workflow.network.people import get_person
from workflow.network.personal_data import personal_data_json
from workflow.queries.directory_views import people_overview
from workflow.queries.reminder_overview import require_secretariat
from workflow.strategy_group.seat_holders import Action

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])
PAGE = "/privacy"
TextField = Annotated[str, Form()]


def _download(session: Session, person: Person, now: object) -> Response:
    # A file to keep, never cached on the way: it holds everything about the person.
    body = personal_data_json(session, person, now)  # type: ignore[arg-type]
    name = f"personal-data-{person.id}-{local_date(now).isoformat()}.json"  # type: ignore[arg-type]
    return Response(body, media_type="application/json; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


@router.get("/account/personal-data")
def my_data(viewer: SignedIn, session: ReadSession, now: Now) -> Response:
    """Everything the network holds about the signed-in person, as a JSON file."""
    return _download(session, acting(session, viewer), now)


@router.get(PAGE, response_class=HTMLResponse)
def privacy_page(request: Request, viewer: Internal, session: ReadSession, now: Now, q: str = "") -> Response:
    """Find a person to export or erase; the retention of mail bodies."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.EXPORT_PERSONAL_DATA)
    except RecoflowError as exc:
        status, title = status_of(exc)
        return error_page(request, status, title, worded(request, exc))
    q = q.strip()[:200]
    found = people_overview(session, q=q, status="all", limit=50, today=local_date(now)).items if q else []
    people = [(p, erased(session, p.id) is not None) for p in found]
    return render(request, "privacy.html", q=q, people=people,
                  retention_days=web_state(request).settings.mail_retention_days)


@router.get(PAGE + "/people/{person_id}/export")
def export_person(request: Request, person_id: int, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """Everything the network holds about one person, as a JSON file (the secretariat only)."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.EXPORT_PERSONAL_DATA)
        person = get_person(session, person_id)
    except RecoflowError as exc:
        status, title = status_of(exc)
        return error_page(request, status, title, worded(request, exc))
    return _download(session, person, now)


@router.post(PAGE + "/people/{person_id}/erase")
def erase(request: Request, person_id: int, viewer: Internal, session: WriteSession, now: Now,
          confirmed: TextField = "") -> Response:
    """Erase one person once the form's box is ticked; the record keeps them under a pseudonym."""
    try:
        require_ticked(confirmed, FormRefusal.CONFIRM_ERASURE)
        done = erase_person(session, person_id, actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext(
        "The person is erased; the record names them “%(pseudonym)s” from now on.", pseudonym=done.pseudonym),
        "success")
    return RedirectResponse(PAGE, status_code=303)
