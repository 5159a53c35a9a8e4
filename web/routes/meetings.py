"""The strategy group's calendar: the list of meetings and written procedures, one meeting with its agenda,
attendance and votes, its calendar entry and its minutes; the secretariat plans, moves and cancels meetings."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.enums import MeetingKind
from models.strategy import VoteRule
from notifications.compose.calendar import meeting_entry, meeting_ics
from web.confirmation import CONFIRMED, require_ticked
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, WriteSession, acting, web_state
from web.meeting_forms import local_time, optional_local_time, page, refused
from web.security import verify_csrf
from web.templating import flash, language_of, translator
from web.wording.refusals.web import FormRefusal
from workflow.engine.errors import RecoflowError
from workflow.queries.meeting_consequences import cancel_preview, move_preview
from workflow.queries.meeting_views import calendar, check_in_for, may_plan, may_run_votes, meeting_page
from workflow.queries.vote_views import minutes_record
from workflow.strategy_group.meetings import add_meeting, cancel_meeting, find_meeting, mark_held, move_meeting

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]
MEETING_RULES = [r.value for r in VoteRule if r != VoteRule.SILENCE]
PROCEDURE_RULES = [r.value for r in VoteRule]


@router.get("/meetings", response_class=HTMLResponse)
def meeting_list(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """Strategy meetings and written procedures in date order; the secretariat's form to plan one."""
    return page(request, "meetings.html", data=calendar(session, now), may_plan=may_plan(viewer.standing))


@router.post("/meetings")
def plan(request: Request, viewer: Internal, session: WriteSession, now: Now, title: TextField = "",
                 day: TextField = "", start: TextField = "", end: TextField = "", location: TextField = "",
                 online_url: TextField = "", kind: TextField = "meeting") -> Response:
    """Plan a strategy meeting (or a written procedure whose date is its deadline)."""
    written = kind == MeetingKind.WRITTEN_PROCEDURE
    try:
        meeting = add_meeting(session, title=title, starts_at=local_time(request, day, start, "date"),
                              ends_at=optional_local_time(request, day, end, "end"), location=location,
                              online_url=online_url, actor=acting(session, viewer), now=now,
                              kind=MeetingKind.WRITTEN_PROCEDURE if written else MeetingKind.MEETING)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The meeting is planned."), "success")
    return RedirectResponse(f"/meetings/{meeting.id}", status_code=303)


def _calendar_file(request: Request, session: ReadSession, meeting_id: int, now: Now) -> Response:
    # The same entry the invitation mail attaches (one maker, the meeting's real end and SEQUENCE).
    settings = web_state(request).settings
    ics = meeting_ics(meeting_entry(session, find_meeting(session, meeting_id)), organizer=settings.smtp_from,
                      network_name=settings.network_name, base_url=settings.base_url, now=now,
                      language=language_of(request))
    return Response(ics.content.encode("utf-8"), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="sitzung-{meeting_id}.ics"'})


# Registered before '/meetings/{meeting_id}': '/meetings/4.ics' is the calendar file, not a meeting called '4.ics'.
@router.get("/meetings/{meeting_id}.ics")
def calendar_file(request: Request, meeting_id: int, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The meeting as a calendar entry (a cancellation once it is cancelled)."""
    return _calendar_file(request, session, meeting_id, now)


@router.get("/meetings/{meeting_id}/calendar.ics")
def calendar_file_in_folder(request: Request, meeting_id: int, viewer: Internal, session: ReadSession,
                            now: Now) -> Response:
    """The same calendar entry under the meeting's own address."""
    return _calendar_file(request, session, meeting_id, now)


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_detail(request: Request, meeting_id: int, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """One meeting: its facts, agenda, attendance and votes, with the forms this person may use."""
    data = meeting_page(session, meeting_id, now)
    kind = data.meeting.kind
    check_in = check_in_for(data, viewer.id)
    return page(request, "meeting.html", data=data, may_plan=may_plan(viewer.standing), check_in=check_in,
                  may_run_votes=may_run_votes(viewer.standing),
                  rules=MEETING_RULES if kind == MeetingKind.MEETING else PROCEDURE_RULES,
                  votable=[item for item in data.agenda if item.state == "scheduled"])


@router.post("/meetings/{meeting_id}/move")
def move(request: Request, meeting_id: int, viewer: Internal, session: WriteSession, now: Now,
         day: TextField = "", start: TextField = "", end: TextField = "", confirmed: TextField = "") -> Response:
    """Give a meeting a new date once its consequences were shown and confirmed; unconfirmed, show them (deadlines,
    reports turning overdue, invitations) with a form that sends the same date again with the ticked box."""
    try:
        starts_at = local_time(request, day, start, "date")
        ends_at = optional_local_time(request, day, end, "end")
        actor = acting(session, viewer)
        if confirmed != CONFIRMED:
            preview = move_preview(session, meeting_id, starts_at, ends_at=ends_at, actor=actor, now=now)
            return page(request, "meeting_move_preview.html", preview=preview, day=day, start=start, end=end)
        move_meeting(session, meeting_id, starts_at, ends_at=ends_at, actor=actor, now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The meeting is moved."), "success")
    return RedirectResponse(f"/meetings/{meeting_id}", status_code=303)


@router.get("/meetings/{meeting_id}/cancel", response_class=HTMLResponse)
def cancel_consequences(request: Request, meeting_id: int, viewer: Internal, session: ReadSession,
                        now: Now) -> Response:
    """What cancelling would do, item by item, with the form that cancels once confirmed."""
    try:
        preview = cancel_preview(session, meeting_id, actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    return page(request, "meeting_cancel_preview.html", preview=preview)


@router.post("/meetings/{meeting_id}/cancel")
def cancel(request: Request, meeting_id: int, viewer: Internal, session: WriteSession, now: Now,
           confirmed: TextField = "") -> Response:
    """Cancel a meeting, once confirmed; its scheduled items move to the next meeting."""
    try:
        find_meeting(session, meeting_id)  # an unknown meeting is not found, confirmed or not
        require_ticked(confirmed, FormRefusal.CONFIRM_MEETING_CANCEL)
        cancel_meeting(session, meeting_id, actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext(
        "The meeting is cancelled; its scheduled items moved to the next meeting."), "success")
    return RedirectResponse(f"/meetings/{meeting_id}", status_code=303)


@router.post("/meetings/{meeting_id}/held")
def held(request: Request, meeting_id: int, viewer: Internal, session: WriteSession, now: Now) -> Response:
    """Record that the meeting took place."""
    try:
        mark_held(session, meeting_id, actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The meeting is recorded as held."), "success")
    return RedirectResponse(f"/meetings/{meeting_id}", status_code=303)


@router.get("/meetings/{meeting_id}/minutes", response_class=HTMLResponse)
def minutes_page(request: Request, meeting_id: int, viewer: Internal, session: ReadSession) -> Response:
    """The minutes: attendance and every decision with its tally, as one record."""
    return page(request, "minutes.html", record=minutes_record(session, meeting_id))
