"""The secretariat's pages after the vote: forward a recommendation, manage the bodies' links, enter letters,
conduct the review, and the accountability overview with its exports. Every change goes through a service."""

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from models.forwarding import Forwarding, ReportStatus
from web.confirmation import require_confirmation, require_ticked
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, Viewer, WriteSession, acting
from web.i18n import pick_language
from web.link_safety import with_link_headers
from web.security import verify_csrf
from web.templating import flash, language_of, render, translator
from web.wording import forwarding_labels
from web.wording.export_labels import export_words
from web.wording.refusals.web import FormRefusal
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput
from workflow.engine.inputs import row_id
from workflow.forwarding.export import export_csv, export_json, export_xlsx
from workflow.forwarding.forwardings import (
    find_forwarding,
    forward_recommendation,
    forward_to_suggested,
    reissue_link,
    revoke_link,
)
from workflow.forwarding.personal_links import IssuedLink
from workflow.forwarding.refusals import ForwardingRefusal
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge, file_report, name_contact
from workflow.forwarding.review import conclude_review, follow_up, set_review_meeting, start_review
from workflow.queries.accountability_views import forwardings_overview, require_overview_reader
from workflow.queries.browsing import require_view
from workflow.recommendations.lifecycle import find_recommendation

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

Text = Annotated[str, Form()]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Ids = Annotated[list[int] | None, Form()]



def _meeting(value: str) -> int | None:
    return row_id(value.strip())


def _back(rec_id: int, anchor: str = "forwarding") -> RedirectResponse:
    return RedirectResponse(f"/recommendations/{rec_id}#{anchor}", status_code=303)


def _done(request: Request, message: str, rec_id: int, anchor: str = "forwarding") -> Response:
    flash(request, message, "success")
    return _back(rec_id, anchor)


def _links(request: Request, rec_id: int, links: Sequence[IssuedLink], reissued: bool = False) -> Response:
    """The new personal links, shown this once: only their hashes are stored (never put into the session)."""
    return with_link_headers(render(request, "forwarding_links.html", links=links, rec_id=rec_id,
                                    reissued=reissued))


def _forwarding(session: Session, viewer: Viewer, forwarding_id: int) -> Forwarding:
    forwarding = find_forwarding(session, forwarding_id)
    require_view(viewer.person, viewer.standing, find_recommendation(session, forwarding.recommendation_id))
    return forwarding


@router.post("/recommendations/{ref}/forward", response_class=HTMLResponse)
def forward(request: Request, ref: str, viewer: Internal, session: WriteSession, now: Now, body_ids: Ids = None,
            comment: Text = "", confirmed: Text = "") -> Response:
    """Forward an adopted recommendation to the checked bodies (or a forwarded one to further bodies), once
    confirmed: what the bodies are sent cannot be called back."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    if not body_ids:
        # The service would fall back to the proposed addressees; on the page, unchecking all means nobody.
        raise InvalidInput(ForwardingRefusal.NO_BODY_CHOSEN)
    require_confirmation(request, RECOMMENDATION_WORKFLOW, "forward", confirmed)
    links = forward_recommendation(session, rec.id or 0, body_ids, acting(session, viewer), now, comment)
    return _links(request, rec.id or 0, links)


@router.post("/reports/{report_id}/forward-onward", response_class=HTMLResponse)
def forward_onward(request: Request, report_id: int, viewer: Internal, session: WriteSession, now: Now) -> Response:
    """Forward to the body that a "not responsible" answer named instead."""
    link = forward_to_suggested(session, report_id, acting(session, viewer), now)
    forwarding = find_forwarding(session, link.forwarding_id)
    return _links(request, forwarding.recommendation_id, [link])


@router.post("/forwardings/{forwarding_id}/revoke")
def revoke(request: Request, forwarding_id: int, viewer: Internal, session: WriteSession, now: Now,
           confirmed: Text = "") -> Response:
    """Make the body's links stop working, once confirmed."""
    forwarding = _forwarding(session, viewer, forwarding_id)
    require_ticked(confirmed, FormRefusal.CONFIRM_LINK_REVOKE)
    count = revoke_link(session, forwarding_id, acting(session, viewer), now)
    _ = translator(request).gettext
    message = (_("The link is revoked; it no longer works.") if count
               else _("The forwarding had no working link; nothing changed."))
    return _done(request, message, forwarding.recommendation_id, f"forwarding-{forwarding_id}")


@router.post("/forwardings/{forwarding_id}/reissue", response_class=HTMLResponse)
def reissue(request: Request, forwarding_id: int, viewer: Internal, session: WriteSession, now: Now) -> Response:
    """Revoke the body's links and issue a new one, shown once."""
    forwarding = _forwarding(session, viewer, forwarding_id)
    link = reissue_link(session, forwarding_id, acting(session, viewer), now)
    return _links(request, forwarding.recommendation_id, [link], reissued=True)


def _contact(name: str, email: str, phone: str) -> ContactInput:
    return ContactInput(name=name, email=email.strip() or None, phone=phone)


@router.post("/forwardings/{forwarding_id}/acknowledge")
def acknowledge_letter(request: Request, forwarding_id: int, viewer: Internal, session: WriteSession, now: Now,
                       contact_name: Text = "", contact_email: Text = "", contact_phone: Text = "") -> Response:
    """Record a receipt the body confirmed by letter, phone or email."""
    forwarding = _forwarding(session, viewer, forwarding_id)
    contact = _contact(contact_name, contact_email, contact_phone) if contact_name.strip() else None
    acknowledge(session, forwarding, acting(session, viewer), now, contact)
    return _done(request, translator(request).gettext("The receipt is recorded."), forwarding.recommendation_id,
                 f"forwarding-{forwarding_id}")


@router.post("/forwardings/{forwarding_id}/contact")
def contact_letter(request: Request, forwarding_id: int, viewer: Internal, session: WriteSession, now: Now,
                   contact_name: Text = "", contact_email: Text = "", contact_phone: Text = "") -> Response:
    """Record the body's contact person as it gave it by letter, phone or email."""
    forwarding = _forwarding(session, viewer, forwarding_id)
    name_contact(session, forwarding, _contact(contact_name, contact_email, contact_phone),
                 acting(session, viewer), now)
    return _done(request, translator(request).gettext("The contact person is saved."), forwarding.recommendation_id,
                 f"forwarding-{forwarding_id}")


@router.post("/forwardings/{forwarding_id}/reports")
def report_letter(request: Request, forwarding_id: int, viewer: Internal, session: WriteSession, now: Now,
                  status: Text = "", text: Text = "", report_date: Text = "", suggested_organisation_id: Text = "",
                  suggested_body: Text = "") -> Response:
    """Enter an implementation report the body sent by letter (the same service as ``recoflow report file``)."""
    forwarding = _forwarding(session, viewer, forwarding_id)
    data = ReportInput.model_validate({
        "status": status, "text": text, "report_date": report_date.strip() or None,
        "suggested_organisation_id": suggested_organisation_id.strip() or None, "suggested_body": suggested_body})
    filed = file_report(session, forwarding, data, acting(session, viewer), now)
    _ = translator(request).gettext
    message = _("The report is entered.")
    if filed.status == ReportStatus.NOT_RESPONSIBLE and filed.suggested_organisation_id:
        message += " " + _("You can now forward the recommendation to the body it names.")
    return _done(request, message, forwarding.recommendation_id, f"forwarding-{forwarding_id}")


@router.post("/recommendations/{ref}/review/plan")
def plan_review(request: Request, ref: str, viewer: Internal, session: WriteSession, now: Now,
                meeting_id: Text = "") -> Response:
    """Move the review to another meeting (empty: back to the default meeting)."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    set_review_meeting(session, rec.id or 0, _meeting(meeting_id), acting(session, viewer), now)
    return _done(request, translator(request).gettext("The review meeting is set."), rec.id or 0, "review")


@router.post("/recommendations/{ref}/review/start")
def start(request: Request, ref: str, viewer: Internal, session: WriteSession, now: Now, meeting_id: Text = "",
          comment: Text = "", early: Text = "", reason: Text = "") -> Response:
    """Put the recommendation with the reports gathered so far on its review meeting's agenda; with ``early`` ticked,
    before that meeting's day, for the reason given."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    brought_forward = bool(early)
    start_review(session, rec.id or 0, acting(session, viewer), now, _meeting(meeting_id),
                 reason if brought_forward else comment, early=brought_forward)
    return _done(request, translator(request).gettext("The review has started."), rec.id or 0, "review")


@router.post("/recommendations/{ref}/review/conclude")
def conclude(request: Request, ref: str, viewer: Internal, session: WriteSession, now: Now, outcome: Text = "",
             note: Text = "", confirmed: Text = "") -> Response:
    """Record the review's outcome with a note, once confirmed."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    require_confirmation(request, RECOMMENDATION_WORKFLOW, "conclude_review", confirmed)
    conclude_review(session, rec.id or 0, outcome, note, acting(session, viewer), now)
    return _done(request, translator(request).gettext("The review is concluded."), rec.id or 0, "review")


@router.post("/recommendations/{ref}/review/follow-up")
def follow_up_review(request: Request, ref: str, viewer: Internal, session: WriteSession, now: Now,
                     note: Text = "", meeting_id: Text = "") -> Response:
    """Send the recommendation round again: new reports, reviewed at a later meeting."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    follow_up(session, rec.id or 0, note, acting(session, viewer), now, _meeting(meeting_id))
    return _done(request, translator(request).gettext("The bodies are asked for another round of reports."),
                 rec.id or 0, "review")


@router.get("/forwardings", response_class=HTMLResponse)
def overview(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """Who acknowledged, who reported, the latest status and overdue reports, per recommendation and per body."""
    require_overview_reader(viewer.person, viewer.standing)
    return render(request, "forwardings.html", overview=forwardings_overview(session, now),
                  flabels=forwarding_labels)


@router.get("/forwardings/export.csv")
def download_csv(request: Request, viewer: Internal, session: ReadSession, now: Now, lang: str = "") -> Response:
    """Every forwarding as a CSV row for Excel (the same export as ``recoflow export csv``): German with ``;`` and
    a byte order mark; ``?lang=en`` for English."""
    require_overview_reader(viewer.person, viewer.standing)
    words = export_words(pick_language(lang or None, language_of(request)))
    return Response(export_csv(session, now, words).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="weiterleitungen.csv"',
                             "Cache-Control": "no-store"})


@router.get("/forwardings/export.xlsx")
def download_xlsx(request: Request, viewer: Internal, session: ReadSession, now: Now, lang: str = "") -> Response:
    """Every forwarding as an Excel workbook (the same export as ``recoflow export xlsx``)."""
    require_overview_reader(viewer.person, viewer.standing)
    words = export_words(pick_language(lang or None, language_of(request)))
    return Response(export_xlsx(session, now, words), media_type=XLSX_TYPE, headers={
        "Content-Disposition": 'attachment; filename="weiterleitungen.xlsx"', "Cache-Control": "no-store"})


@router.get("/forwardings/export.json")
def download_json(viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The network's figures and every forwarded recommendation (the same export as ``recoflow export json``)."""
    require_overview_reader(viewer.person, viewer.standing)
    return Response(export_json(session, now), media_type="application/json", headers={
        "Content-Disposition": 'attachment; filename="weiterleitungen.json"', "Cache-Control": "no-store"})
