"""The secretariat's office: the outbox (with retries and a preview of each mail) and the reminder plan."""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.outbox import OutboxStatus
from notifications.outbox.views import outbox_listing, outbox_mail, retry_mail
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, WriteSession, acting, web_state
from web.errors import error_page, status_of
from web.meeting_forms import refused, worded
from web.security import verify_csrf
from web.templating import flash, render, translator, when_in
from web.wording import network_labels
from web.wording.refusals.notifications import word_note
from workflow.engine.errors import RecoflowError
from workflow.engine.inputs import row_id
from workflow.queries.reminder_overview import plan_meetings, reminder_plan, require_secretariat
from workflow.reminders.plan import ReminderPolicy
from workflow.strategy_group.seat_holders import Action

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])
STATUSES = [s.value for s in OutboxStatus]


def _page(request: Request, template: str, **context: Any) -> Response:
    # Every page of this module names the values it shows with the same words, the outbox's notes as well.
    translate, when = translator(request), when_in(request)
    return render(request, template, network_labels=network_labels,
                  outbox_note=lambda text: word_note(text, translate, when), **context)


def _refused_view(request: Request, error: RecoflowError) -> Response:
    # A page that may not be shown, worded for the reader.
    status, title = status_of(error)
    return error_page(request, status, title, worded(request, error))


@router.get("/outbox", response_class=HTMLResponse)
def outbox(request: Request, viewer: Internal, session: ReadSession, status: str = "") -> Response:
    """Mails queued, sent and failed, newest first, optionally of one status."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.SEE_THE_OUTBOX)
    except RecoflowError as exc:
        return _refused_view(request, exc)
    chosen = status if status in STATUSES else ""
    listing = outbox_listing(session, OutboxStatus(chosen) if chosen else None)
    return _page(request, "secretariat_outbox.html", listing=listing, status=chosen, statuses=STATUSES)


@router.get("/outbox/{mail_id}", response_class=HTMLResponse)
def mail_preview(request: Request, mail_id: int, viewer: Internal, session: ReadSession) -> Response:
    """One mail as it goes out: recipient, subject, text part and delivery state."""
    try:
        require_secretariat(viewer.person, viewer.standing, Action.READ_MAILS_IN_THE_OUTBOX)
        mail = outbox_mail(session, mail_id)
    except RecoflowError as exc:
        return _refused_view(request, exc)
    return _page(request, "secretariat_mail.html", mail=mail)


@router.post("/outbox/{mail_id}/retry")
def retry(request: Request, mail_id: int, viewer: Internal, session: WriteSession, now: Now) -> Response:
    """Queue a failed or skipped mail again; the scheduler delivers it."""
    try:
        row = retry_mail(session, mail_id, actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The mail to %(address)s is queued again.", address=row.to_address),
          "success")
    return RedirectResponse(f"/outbox/{mail_id}", status_code=303)


@router.get("/reminders", response_class=HTMLResponse)
def reminders(request: Request, viewer: Internal, session: ReadSession, now: Now, meeting: str = "",
              past: str = "") -> Response:
    """The reminder plan: which reminder goes to whom when, optionally of one meeting."""
    meeting_id = row_id(meeting.strip())
    policy = ReminderPolicy.from_settings(web_state(request).settings)
    try:
        require_secretariat(viewer.person, viewer.standing, Action.SEE_THE_REMINDER_PLAN)
        plan = reminder_plan(session, now, policy, meeting_id=meeting_id, include_past=bool(past))
    except RecoflowError as exc:
        return _refused_view(request, exc)
    return _page(request, "secretariat_reminders.html", plan=plan, meetings=plan_meetings(session, now),
                  meeting_id=meeting_id, past=bool(past))
