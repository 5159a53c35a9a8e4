"""Working groups in the JSON API: the list, one group with its lead, deputy lead and members (with their terms),
and changing them through the same services and permissions as the pages and the command line."""

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from models.enums import Role
from models.groups import WorkingGroupCreate
from models.people import Person
from web.api.paging import LINK_HEADER, Cursor, OptionalLimit, page_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession
from web.wording.refusals.web import WebRefusal
from workflow.engine.clock import local_date
from workflow.engine.errors import NotFound
from workflow.network.memberships import (
    Membership,
    change_lead,
    find_group,
    join_group,
    leave_group,
    members_of,
    membership_history,
)
from workflow.network.topics_and_goals import convene_group
from workflow.network.working_group_events import fire_working_group_event
from workflow.queries.group_views import group_overview

router = APIRouter(route_class=UnitOfWorkRoute)
ROLE_CHOICES = {"member": Role.WG_MEMBER, "deputy_lead": Role.WG_DEPUTY_LEAD, "lead": Role.WG_LEAD}


# One term of a person in a working group.
class MembershipOut(BaseModel):
    person_id: int
    name: str
    email: str
    role: str = Field(examples=["wg_member"])
    starts_on: date
    ends_on: date | None


# One line of the list of working groups.
class GroupSummary(BaseModel):
    id: int
    name: str
    state: str
    topic: str | None
    mandate: str
    planned_member_count: int
    planned_end: date | None
    leads: list[str]
    deputy_leads: list[str]
    members: list[str]


# A working group with its people today and every term it has had.
class GroupDetail(BaseModel):
    id: int
    name: str
    state: str
    topic_id: int | None
    mandate: str
    planned_member_count: int
    planned_end: date | None
    created_at: datetime
    members: list[MembershipOut]
    history: list[MembershipOut]


# Someone to add: a person of the directory, the role, and the first day (default: today).
class JoinRequest(BaseModel):
    person_id: int
    role: str = Field(default="member", pattern="^(member|deputy_lead|lead)$")
    starts_on: date | None = None
    comment: str = ""


# The end of a membership: the last day in the group (default: today) and why.
class EndRequest(BaseModel):
    ends_on: date | None = None
    comment: str = ""


# A new lead (or deputy lead) from a day; the former one stays an ordinary member unless told otherwise.
class LeadRequest(BaseModel):
    person_id: int
    deputy: bool = False
    starts_on: date | None = None
    former_stays_member: bool = True
    comment: str = ""


# A working group to convene by a decision of the meeting named, with the people it names (as the page's form).
class ConveneRequest(BaseModel):
    name: str = Field(min_length=3, max_length=200)
    mandate: str = Field(min_length=1, max_length=10_000)
    planned_member_count: int = Field(ge=1, le=100)
    planned_end: date | None = None
    topic_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    meeting_id: int = Field(ge=1, le=2**31 - 1, description="The meeting whose decision convenes the group")
    lead_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    deputy_lead_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    member_ids: list[int] = Field(default_factory=list, max_length=100)


# An event of the working group's workflow (activate, conclude, …); a conclusion names the deciding meeting.
class GroupEventRequest(BaseModel):
    event: str = Field(min_length=1, max_length=50, examples=["activate", "conclude"])
    comment: str = Field(default="", max_length=10_000)
    meeting_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


def _out(m: Membership) -> dict[str, Any]:
    return {"person_id": m.person_id, "name": m.name, "email": m.email, "role": m.role.value,
            "starts_on": m.starts_on, "ends_on": m.ends_on}


def _actor(session: Any, caller: Any) -> Person:
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    assert isinstance(actor, Person)
    return actor


def _detail(session: Any, group_id: int, now: datetime) -> dict[str, Any]:
    group = find_group(session, group_id)
    return {"id": group.id, "name": group.name, "state": group.state, "topic_id": group.topic_id,
            "mandate": group.mandate, "planned_member_count": group.planned_member_count,
            "planned_end": group.planned_end, "created_at": group.created_at,
            "members": [_out(m) for m in members_of(session, group_id, local_date(now))],
            "history": [_out(m) for m in membership_history(session, group_id)]}


@router.get("/working-groups", response_model=list[GroupSummary], summary="Working groups",
            responses={200: {"headers": LINK_HEADER}})
def list_groups(request: Request, response: Response, caller: Caller, session: ReadSession, now: Now,
                cursor: Cursor = None, limit: OptionalLimit = None) -> Any:
    """Every working group with its state, plan, and who leads and belongs to it today; paged with ``limit`` and
    ``cursor`` (the next page in the Link header)."""
    return page_of(group_overview(session, caller.standing, local_date(now)), request, response, cursor, limit)[0]


@router.post("/working-groups", response_model=GroupDetail, status_code=201, summary="Convene a working group")
def convene(body: ConveneRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Convene a working group by a decision of the meeting named, with its mandate, size, planned end, and the
    lead, deputy lead and members it names (the chair and the secretariat, as on the page)."""
    data = WorkingGroupCreate(name=body.name, topic_id=body.topic_id, mandate=body.mandate,
                              planned_member_count=body.planned_member_count, planned_end=body.planned_end)
    group = convene_group(session, data, meeting_id=body.meeting_id, actor=_actor(session, caller), now=now,
                          lead_id=body.lead_id, deputy_lead_id=body.deputy_lead_id, member_ids=body.member_ids)
    session.flush()
    assert group.id is not None
    return _detail(session, group.id, now)


@router.post("/working-groups/{group_id}/events", response_model=GroupDetail,
             summary="Fire an event of the working group's workflow")
def group_event(group_id: int, body: GroupEventRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Activate, conclude (naming the deciding meeting) or another event of the group's workflow, with the same
    rules and permissions as the page."""
    fire_working_group_event(session, group_id, body.event, actor=_actor(session, caller), now=now,
                             comment=body.comment, meeting_id=body.meeting_id)
    return _detail(session, group_id, now)


@router.get("/working-groups/{group_id}", response_model=GroupDetail, summary="A working group with its members")
def get_group(group_id: int, caller: Caller, session: ReadSession, now: Now) -> Any:
    """The group, its lead, deputy lead and members today, and every term (ended and future ones too)."""
    return _detail(session, group_id, now)


@router.post("/working-groups/{group_id}/members", response_model=GroupDetail, summary="Add a member")
def add_member(group_id: int, body: JoinRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Make a person member (or deputy lead, or lead when there is none) of the group from a day."""
    join_group(session, group_id, body.person_id, ROLE_CHOICES[body.role], starts_on=body.starts_on,
               actor=_actor(session, caller), now=now, comment=body.comment)
    return _detail(session, group_id, now)


@router.post("/working-groups/{group_id}/members/{person_id}/end", response_model=GroupDetail,
             summary="End a membership")
def end_member(group_id: int, person_id: int, body: EndRequest, caller: Caller, session: WriteSession,
               now: Now) -> Any:
    """End every role of the person in the group on a day (their last day in it)."""
    leave_group(session, group_id, person_id, ends_on=body.ends_on, actor=_actor(session, caller), now=now,
                comment=body.comment)
    return _detail(session, group_id, now)


@router.post("/working-groups/{group_id}/lead", response_model=GroupDetail, summary="Change the lead")
def new_lead(group_id: int, body: LeadRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Make a person the lead (or deputy lead) from a day; the former one's term ends the day before."""
    change_lead(session, group_id, body.person_id, starts_on=body.starts_on, actor=_actor(session, caller), now=now,
                comment=body.comment, deputy=body.deputy, former_stays_member=body.former_stays_member)
    return _detail(session, group_id, now)
