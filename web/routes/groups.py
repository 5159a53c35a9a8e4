"""A working group's people on its page: who leads and belongs to it since when and until when, and the forms to
add a member, end a membership and change the lead (each shown to whom the memberships service allows it)."""

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select

from models.enums import Role
from models.people import Person
from models.queries import person_by_email
from web.deps import Internal, Now, UnitOfWorkRoute, Viewer, WriteSession, acting
from web.meeting_forms import refused
from web.security import verify_csrf
from web.templating import flash, translator
from web.wording.refusals.web import FormRefusal
from workflow.engine.clock import local_date
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.engine.inputs import row_id
from workflow.engine.states import WorkingGroupState
from workflow.network.memberships import (
    CONVENING_ROLES,
    change_lead,
    find_group,
    join_group,
    leave_group,
    may_change_members,
    members_of,
    membership_history,
)

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]
ROLE_CHOICES = {"wg_member": Role.WG_MEMBER, "wg_deputy_lead": Role.WG_DEPUTY_LEAD, "wg_lead": Role.WG_LEAD}


def directory(session: Session) -> list[Person]:
    """The active people of the directory by name, to choose from."""
    return list(session.exec(select(Person).where(col(Person.active).is_(True))
                             .order_by(col(Person.name), col(Person.id))).all())


def membership_context(session: Session, group_id: int, viewer: Viewer, now: datetime) -> dict[str, Any]:
    """What the group page shows of its people, and which of the membership forms this person gets."""
    group = find_group(session, group_id)
    open_group = group.state != WorkingGroupState.CONCLUDED
    may_add = open_group and may_change_members(session, viewer.person, group, now)
    steering = open_group and bool(viewer.standing.roles & CONVENING_ROLES)
    history = membership_history(session, group_id)
    today = local_date(now)
    return {"current": members_of(session, group_id, today),
            "history": history, "today": today,
            "may_add": may_add, "may_steer": steering,
            "people": directory(session) if may_add else []}


def _person(request: Request, session: Session, value: str) -> int:
    # The field holds an email address (the list offers "Name <email>" as label); a bare id is accepted too.
    text = value.strip()
    if (key := row_id(text)) is not None:
        return key
    if "<" in text and text.endswith(">"):
        text = text[text.rindex("<") + 1:-1]
    person = person_by_email(session, text) if text else None
    if person is None or person.id is None:
        raise InvalidInput(FormRefusal.CHOOSE_MEMBER)
    return person.id


def convening_people(request: Request, session: Session, lead: str, deputy_lead: str,
                     members: str) -> dict[str, Any]:
    """The convening form's lead, deputy lead and members (one per line) as the service's ids."""
    return {"lead_id": _person(request, session, lead) if lead.strip() else None,
            "deputy_lead_id": _person(request, session, deputy_lead) if deputy_lead.strip() else None,
            "member_ids": [_person(request, session, line) for line in members.splitlines() if line.strip()]}


def _day(request: Request, value: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(FormRefusal.DAY) from None


def _back(group_id: int) -> Response:
    return RedirectResponse(f"/working-groups/{group_id}#members-heading", status_code=303)


@router.post("/working-groups/{group_id}/members")
def add_member(request: Request, group_id: int, viewer: Internal, session: WriteSession, now: Now,
               person: TextField = "", role: TextField = "wg_member", starts_on: TextField = "",
               comment: TextField = "") -> Response:
    """Make a person a member (or deputy lead, or lead) of the group from a day."""
    try:
        if role not in ROLE_CHOICES:
            raise InvalidInput(FormRefusal.CHOOSE_ROLE)
        term = join_group(session, group_id, _person(request, session, person), ROLE_CHOICES[role],
                          starts_on=_day(request, starts_on), actor=acting(session, viewer), now=now, comment=comment)
        name = session.get(Person, term.person_id)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("%(name)s belongs to the working group from %(day)s.",
                                               name=name.name if name else "", day=term.starts_on.isoformat()),
          "success")
    return _back(group_id)


@router.post("/working-groups/{group_id}/members/end")
def end_member(request: Request, group_id: int, viewer: Internal, session: WriteSession, now: Now,
               person: TextField = "", ends_on: TextField = "", comment: TextField = "",
               confirm: TextField = "") -> Response:
    """End every role of a person in the group on a day (their last day), with a reason and a confirmation."""
    try:
        if confirm != "yes":
            raise InvalidInput(FormRefusal.CONFIRM_MEMBERSHIP_END)
        person_id = _person(request, session, person)
        leave_group(session, group_id, person_id, ends_on=_day(request, ends_on), actor=acting(session, viewer),
                    now=now, comment=comment)
        name = session.get(Person, person_id)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The membership of %(name)s ends.", name=name.name if name else ""),
          "success")
    return _back(group_id)


@router.post("/working-groups/{group_id}/lead")
def new_lead(request: Request, group_id: int, viewer: Internal, session: WriteSession, now: Now,
             person: TextField = "", deputy: TextField = "", starts_on: TextField = "",
             former_stays_member: TextField = "", comment: TextField = "") -> Response:
    """Make a person the lead (or deputy lead) from a day; the former one's term ends the day before."""
    try:
        term = change_lead(session, group_id, _person(request, session, person), starts_on=_day(request, starts_on),
                           actor=acting(session, viewer), now=now, comment=comment, deputy=deputy == "yes",
                           former_stays_member=former_stays_member == "yes")
        name = session.get(Person, term.person_id)
    except RecoflowError as exc:
        return refused(request, exc)
    _ = translator(request).gettext
    message = (_("%(name)s is the deputy lead from %(day)s.", name=name.name if name else "",
                 day=term.starts_on.isoformat()) if deputy == "yes" else
               _("%(name)s is the lead from %(day)s.", name=name.name if name else "", day=term.starts_on.isoformat()))
    flash(request, message, "success")
    return _back(group_id)
