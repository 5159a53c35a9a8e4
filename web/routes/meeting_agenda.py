"""The secretariat's forms on a meeting's page: the agenda's order, moving an item to another meeting, and each
seat's attendance (present, represented by a deputy, absent)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from models.people import Person
from models.strategy import AttendanceStatus
from web.deps import Internal, Now, UnitOfWorkRoute, WriteSession, acting
from web.meeting_forms import refused
from web.security import verify_csrf
from web.templating import flash, translator
from web.wording.refusals.web import FormRefusal
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.engine.inputs import row_id
from workflow.strategy_group.agenda import move_item, reorder
from workflow.strategy_group.meetings import check_in, record_attendance

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

Number = Annotated[int, Form()]


@router.post("/meetings/{meeting_id}/agenda/{rec_id}/position")
def reorder_item(request: Request, meeting_id: int, rec_id: int, viewer: Internal, session: WriteSession, now: Now,
                 position: Number) -> Response:
    """Put one agenda item at another place; the others follow it."""
    try:
        reorder(session, meeting_id, str(rec_id), position, actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The agenda is reordered."), "success")
    return RedirectResponse(f"/meetings/{meeting_id}#agenda-heading", status_code=303)


@router.post("/meetings/{meeting_id}/agenda/{rec_id}/move")
def move_to_meeting(request: Request, meeting_id: int, rec_id: int, viewer: Internal, session: WriteSession,
                    now: Now, to_meeting: Number) -> Response:
    """Move a scheduled item to the end of another meeting's agenda."""
    try:
        move_item(session, meeting_id, str(rec_id), to_meeting, actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The item is moved to the other meeting."), "success")
    return RedirectResponse(f"/meetings/{meeting_id}#agenda-heading", status_code=303)


def _attendance_choice(request: Request, session: WriteSession, value: str) -> tuple[AttendanceStatus, Person | None]:
    """'present:ID', 'represented:ID' or 'absent', as the attendance select sends it."""
    status, _sep, person_id = value.partition(":")
    if status not in {s.value for s in AttendanceStatus}:
        raise InvalidInput(FormRefusal.CHOOSE_ATTENDANCE)
    person = session.get(Person, key) if (key := row_id(person_id.strip())) is not None else None
    return AttendanceStatus(status), person


@router.post("/meetings/{meeting_id}/attendance/{seat_code}")
def record_seat(request: Request, meeting_id: int, seat_code: str, viewer: Internal, session: WriteSession,
                now: Now, attendance: Annotated[str, Form()] = "") -> Response:
    """Record how one seat attends the meeting, and who sits in it."""
    try:
        status, person = _attendance_choice(request, session, attendance)
        record_attendance(session, meeting_id, seat_code, status, actor=acting(session, viewer), now=now,
                          person=person)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The attendance of seat %(seat)s is recorded.", seat=seat_code),
          "success")
    return RedirectResponse(f"/meetings/{meeting_id}#attendance-heading", status_code=303)


@router.post("/meetings/{meeting_id}/check-in")
def check_in_self(request: Request, meeting_id: int, viewer: Internal, session: WriteSession, now: Now,
                  present: Annotated[str, Form()] = "yes") -> Response:
    """A seat holder or deputy checks in at the meeting ('Ich bin anwesend'), or withdraws it."""
    try:
        check_in(session, meeting_id, actor=acting(session, viewer), now=now, present=present != "no")
    except RecoflowError as exc:
        return refused(request, exc)
    _ = translator(request).gettext
    flash(request, _("You are recorded as present.") if present != "no" else
          _("You are no longer recorded as present."), "success")
    return RedirectResponse(f"/meetings/{meeting_id}#attendance-heading", status_code=303)
