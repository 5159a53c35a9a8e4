"""The responsible body's pages behind its personal link: read the recommendation, acknowledge receipt, name a
contact person, file implementation reports. No sign-in: the token in the URL is the only key."""

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from models.forwarding import ReportStatus
from web.attachments import file_size_in
from web.deps import Now, UnitOfWorkRoute, WriteSession, read_session
from web.documents import Language, PdfVariant, Variant, document_setting, pdf_response, recommendation_pdf
from web.i18n import N_
from web.link_safety import (
    check_link_form_token,
    count_failed_lookup,
    link_form_token,
    lookups_blocked,
    with_link_headers,
)
from web.security import CSRF_FIELD, CsrfRefused
from web.templating import render, translator, when_in
from web.wording import forwarding_labels
from web.wording.refusals import explain
from workflow.engine.clock import local_date
from workflow.engine.errors import RecoflowError
from workflow.forwarding.personal_links import LINK_PATH, LinkRefused
from workflow.forwarding.reports import (
    ContactInput,
    ReportInput,
    acknowledge_by_link,
    name_contact_by_link,
    report_by_link,
)
from workflow.queries.documents import Audience, linked_recommendation
from workflow.queries.link_view import link_page

router = APIRouter(route_class=UnitOfWorkRoute, prefix=LINK_PATH.rstrip("/"))

Text = Annotated[str, Form()]
# Closed when the route returns: a failed lookup is counted after the answer, and must not wait for a second
# connection while holding this one (parallel guesses would exhaust the pool).
ReadSession = Annotated[Session, Depends(read_session, scope="function")]
# What the page confirms after a change (the query names the message; nothing is kept in a session).
DONE = {"acknowledged": N_("Thank you: the receipt is confirmed."),
        "contact": N_("The contact person is saved."),
        "report": N_("Thank you: your report is filed. It is added to the list below.")}
# What to say about a field the body filled in wrongly (pydantic's own wording is technical and English).
FIELD_HINTS = {
    "name": N_("Please give the contact person's name (at least 2 characters)."),
    "email": N_("Please check the email address."),
    "phone": N_("The phone number is too long."),
    "text": N_("Please describe how the implementation stands."),
    "status": N_("Please choose a status from the list."),
    "report_date": N_("Please give the date of the report as day, month and year."),
    "suggested_organisation_id": N_("Please choose the responsible body from the list."),
}


def _refused(request: Request, status: int = 404) -> Response:
    """One page for every wrong, expired, revoked or guessed link: it says nothing more than that."""
    return with_link_headers(render(request, "body_refused.html", status_code=status, throttled=status == 429))


def _validation_hint(request: Request, error: ValidationError, status: str = "") -> str:
    _ = translator(request).gettext
    hints = []
    for item in error.errors():
        field = next((str(p) for p in item["loc"] if str(p) in FIELD_HINTS), "")
        if field:
            hints.append(_(FIELD_HINTS[field]))
        elif status == ReportStatus.NOT_RESPONSIBLE.value:
            hints.append(_("Please name the body that is responsible instead."))
        else:
            hints.append(_("Name a body responsible instead only with the status “not responsible”."))
    return " ".join(dict.fromkeys(hints))


def _show(request: Request, session: Session, token: str, now: datetime, status: int = 200,
          error: str | None = None, values: dict[str, str] | None = None) -> Response:
    try:
        page = link_page(session, token, now)
    except LinkRefused:
        return count_failed_lookup(request, _refused(request), now)
    done = request.query_params.get("done", "")
    return with_link_headers(render(
        request, "body_page.html", status, page=page, flabels=forwarding_labels, link_path=LINK_PATH + token,
        link_csrf_field=CSRF_FIELD, link_csrf=link_form_token(request, token, now), error=error,
        values=values or {}, done=translator(request).gettext(DONE[done]) if done in DONE else None,
        today=local_date(now).isoformat(), attachments=page.attachments, fsize=file_size_in(request)))


@router.get("/{token}", response_class=HTMLResponse)
def body_page(request: Request, token: str, session: ReadSession, now: Now) -> Response:
    """The recommendation forwarded to this body, where the forwarding stands, and the body's forms."""
    if lookups_blocked(request, now):
        return _refused(request, 429)
    return _show(request, session, token, now)


@router.get("/{token}/document.pdf")
def body_document(request: Request, token: str, session: ReadSession, now: Now, variant: Variant = PdfVariant.UA,
                  lang: Language = "") -> Response:
    """The forwarded recommendation as PDF for the body: its text and rationale, the decision with its tally, where
    the bodies stand; no person's name (the body's own page shows its contact person)."""
    if lookups_blocked(request, now):
        return _refused(request, 429)
    try:
        rec = linked_recommendation(session, token, now)
    except LinkRefused:
        return count_failed_lookup(request, _refused(request), now)
    pdf, filename = recommendation_pdf(session, rec, Audience.BODY, document_setting(request, lang), variant)
    return with_link_headers(pdf_response(pdf, filename))


def _act(request: Request, token: str, session: Session, now: datetime, csrf: str, done: str,
         values: dict[str, str], action: Callable[[], Any], status_hint: str = "") -> Response:
    """Check the form token, run the use case, then show the page again (or say why nothing was saved)."""
    if lookups_blocked(request, now):
        return _refused(request, 429)
    _ = translator(request).gettext
    try:
        check_link_form_token(request, token, csrf, now)
    except CsrfRefused:
        # Shown again with a fresh form token and the values kept; a wrong link still gets the refusal page.
        reason = _("This form was not accepted because its security token is missing or out of date.")
        again = _("Please send it again.")
        return _show(request, session, token, now, 403, f"{reason} {again}", values)
    try:
        action()
    except LinkRefused:
        return count_failed_lookup(request, _refused(request), now)
    except ValidationError as exc:
        return _show(request, session, token, now, 422, _validation_hint(request, exc, status_hint), values)
    except RecoflowError as exc:
        reason = explain(exc, translator(request), when_in(request))
        return _show(request, session, token, now, 422, _("Nothing was saved: %(reason)s", reason=reason), values)
    # The message is the target (as on every page after a form): focused, and without JavaScript scrolled to.
    return with_link_headers(RedirectResponse(f"{LINK_PATH}{token}?done={done}#message", status_code=303))


def _contact(name: str, email: str, phone: str) -> ContactInput:
    return ContactInput(name=name, email=email.strip() or None, phone=phone)


@router.post("/{token}/acknowledge", response_class=HTMLResponse)
def acknowledge(request: Request, token: str, session: WriteSession, now: Now, csrf_token: Text = "",
                contact_name: Text = "", contact_email: Text = "", contact_phone: Text = "") -> Response:
    """The body confirms receipt, and may name its contact person at the same time."""
    named = bool(contact_name.strip() or contact_email.strip() or contact_phone.strip())
    values = {"contact_name": contact_name, "contact_email": contact_email, "contact_phone": contact_phone}
    return _act(request, token, session, now, csrf_token, "acknowledged", values, lambda: acknowledge_by_link(
        session, token, now, _contact(contact_name, contact_email, contact_phone) if named else None))


@router.post("/{token}/contact", response_class=HTMLResponse)
def contact(request: Request, token: str, session: WriteSession, now: Now, csrf_token: Text = "",
            contact_name: Text = "", contact_email: Text = "", contact_phone: Text = "") -> Response:
    """The body names or changes its contact person."""
    values = {"contact_name": contact_name, "contact_email": contact_email, "contact_phone": contact_phone}
    return _act(request, token, session, now, csrf_token, "contact", values, lambda: name_contact_by_link(
        session, token, now, _contact(contact_name, contact_email, contact_phone)))


@router.post("/{token}/report", response_class=HTMLResponse)
def report(request: Request, token: str, session: WriteSession, now: Now, csrf_token: Text = "", status: Text = "",
           text: Text = "", report_date: Text = "", suggested_organisation_id: Text = "",
           suggested_body: Text = "") -> Response:
    """The body files an implementation report; earlier reports stay as they are."""
    values = {"status": status, "text": text, "report_date": report_date,
              "suggested_organisation_id": suggested_organisation_id, "suggested_body": suggested_body}

    def file() -> object:
        data = ReportInput.model_validate({
            "status": status, "text": text, "report_date": report_date.strip() or None,
            "suggested_organisation_id": suggested_organisation_id.strip() or None,
            "suggested_body": suggested_body})
        return report_by_link(session, token, now, data)

    return _act(request, token, session, now, csrf_token, "report", values, file, status)
