"""The strategy group's meetings in the JSON API: the calendar, one meeting, planning, moving, cancelling and holding
it, its agenda and attendance, its minutes, opening and closing votes and starting written procedures — through the
same services and permissions as the meeting pages (the secretariat plans, the chair and the secretariat vote)."""

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import AwareDatetime, BaseModel, Field

from models.enums import MeetingKind
from models.people import Person
from models.strategy import AttendanceStatus, VoteRule
from web.api.paging import LINK_HEADER, Cursor, PageLimit, page_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession, acting
from workflow.queries.meeting_views import (
    AgendaLine,
    CalendarLine,
    MeetingPage,
    SeatAttendance,
    calendar,
    meeting_page,
)
from workflow.queries.vote_views import MinutesRecord, VoteBoard, minutes_record, vote_board
from workflow.strategy_group.agenda import move_item, reorder
from workflow.strategy_group.meetings import add_meeting, cancel_meeting, mark_held, move_meeting, record_attendance
from workflow.strategy_group.votes import close_vote, open_vote
from workflow.strategy_group.written_procedures import start_written_procedure

router = APIRouter(route_class=UnitOfWorkRoute, tags=["meetings"])
PAGED: dict[int | str, dict[str, Any]] = {200: {"headers": LINK_HEADER}}


# A meeting to plan (a place or an online link), or a written procedure whose date is its deadline.
class MeetingPlan(BaseModel):
    title: str = Field(min_length=1, max_length=300, examples=["Strategiegruppe, 2. Sitzung"])
    starts_at: AwareDatetime
    ends_at: AwareDatetime | None = None
    location: str = Field(default="", max_length=300)
    online_url: str = Field(default="", max_length=500)
    kind: MeetingKind = MeetingKind.MEETING


# A meeting's new date (and end).
class MeetingMove(BaseModel):
    starts_at: AwareDatetime
    ends_at: AwareDatetime | None = None


# One page of the calendar: meetings and written procedures in date order.
class MeetingList(BaseModel):
    items: list[CalendarLine]
    next: str | None


# A meeting's agenda in order.
class AgendaList(BaseModel):
    items: list[AgendaLine]
    next: str | None


# An agenda item's new place (1 is the first).
class AgendaPosition(BaseModel):
    position: int = Field(ge=1, le=10_000)


# The meeting an agenda item moves to (the end of its agenda; recorded as the transition 'reschedule').
class AgendaMove(BaseModel):
    to_meeting_id: int


# How a seat attends: present (its holder), represented (a deputy) or absent; ``person_id`` who sits in it.
class AttendanceRecord(BaseModel):
    status: AttendanceStatus
    person_id: int | None = None


# A vote to open on scheduled agenda items (one or a block), with its rule and, if need be, a deadline.
class VoteOpening(BaseModel):
    recommendation_ids: list[int] = Field(min_length=1, max_length=200)
    rule: VoteRule | None = None
    deadline: AwareDatetime | None = None


# How to close a vote: ``count`` applies its rule, ``return`` sends the items back for revision (a reason needed).
class VoteClosing(BaseModel):
    outcome: str = Field(default="count", pattern="^(count|return)$")
    comment: str = Field(default="", max_length=2000)


# A written procedure (Umlaufverfahren) to start on submitted or scheduled recommendations.
class ProcedureStart(BaseModel):
    title: str = Field(min_length=1, max_length=300, examples=["Umlaufverfahren: Wohnraum"])
    deadline: AwareDatetime
    recommendation_ids: list[int] = Field(min_length=1, max_length=200)
    rule: VoteRule | None = None


def _meeting(session: ReadSession, meeting_id: int, now: Now) -> MeetingPage:
    return meeting_page(session, meeting_id, now)


@router.get("/meetings", response_model=MeetingList, summary="Meetings and written procedures", responses=PAGED)
def list_meetings(request: Request, response: Response, caller: Caller, session: ReadSession, now: Now,
                  kind: MeetingKind | None = None, cursor: Cursor = None, limit: PageLimit = 50) -> Any:
    """Strategy meetings and written procedures in date order (then by id), with agenda size and open votes."""
    data = calendar(session, now)
    lines = sorted(data.meetings + data.procedures, key=lambda m: (m.starts_at, m.id))
    items, following = page_of([m for m in lines if kind is None or m.kind == kind], request, response, cursor,
                               limit)
    return {"items": items, "next": following}


@router.post("/meetings", response_model=MeetingPage, status_code=201, summary="Plan a meeting")
def post_meeting(body: MeetingPlan, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Plan a strategy meeting, or a written procedure whose date is its deadline (the secretariat)."""
    meeting = add_meeting(session, title=body.title, starts_at=body.starts_at, ends_at=body.ends_at,
                          location=body.location, online_url=body.online_url, actor=acting(session, caller),
                          now=now, kind=body.kind)
    return _meeting(session, meeting.id or 0, now)


@router.get("/meetings/{meeting_id}", response_model=MeetingPage, summary="One meeting")
def get_meeting(meeting_id: int, caller: Caller, session: ReadSession, now: Now) -> Any:
    """Its facts, agenda, attendance per seat and votes, where its items can move, and what cancelling it would do
    (``cancel_moves`` scheduled items to ``cancel_target``)."""
    return _meeting(session, meeting_id, now)


@router.post("/meetings/{meeting_id}/move", response_model=MeetingPage, summary="Move a meeting")
def post_move(meeting_id: int, body: MeetingMove, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Give a meeting ahead a new date (the secretariat); calendars learn of it through the next invitation."""
    move_meeting(session, meeting_id, body.starts_at, ends_at=body.ends_at, actor=acting(session, caller), now=now)
    return _meeting(session, meeting_id, now)


@router.post("/meetings/{meeting_id}/cancel", response_model=MeetingPage, summary="Cancel a meeting")
def post_cancel(meeting_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Cancel a meeting ahead (the secretariat; cannot be undone); its scheduled items move to the next meeting,
    as ``GET /meetings/{id}`` announces in ``cancel_moves`` and ``cancel_target``."""
    cancel_meeting(session, meeting_id, actor=acting(session, caller), now=now)
    return _meeting(session, meeting_id, now)


@router.post("/meetings/{meeting_id}/held", response_model=MeetingPage, summary="Record a meeting as held")
def post_held(meeting_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Record that the meeting took place (the secretariat, from its start on)."""
    mark_held(session, meeting_id, actor=acting(session, caller), now=now)
    return _meeting(session, meeting_id, now)


@router.get("/meetings/{meeting_id}/minutes", response_model=MinutesRecord, summary="The minutes")
def get_minutes(meeting_id: int, caller: Caller, session: ReadSession) -> Any:
    """Attendance, every decision with its tally and every vote's named ballots."""
    return minutes_record(session, meeting_id)


@router.get("/meetings/{meeting_id}/agenda", response_model=AgendaList, summary="The agenda", responses=PAGED)
def get_agenda(meeting_id: int, request: Request, response: Response, caller: Caller, session: ReadSession,
               now: Now, cursor: Cursor = None, limit: PageLimit = 50) -> Any:
    """The items in order; an item enters by the event 'schedule' and leaves by 'return' or 'withdraw'."""
    items, following = page_of(_meeting(session, meeting_id, now).agenda, request, response, cursor, limit)
    return {"items": items, "next": following}


@router.put("/meetings/{meeting_id}/agenda/{rec_id}/position", response_model=AgendaList,
            summary="Put an agenda item at another place")
def put_position(meeting_id: int, rec_id: int, body: AgendaPosition, caller: Caller, session: WriteSession,
                 now: Now) -> Any:
    """The item takes the place; the others follow it (the secretariat). Answers the whole agenda."""
    reorder(session, meeting_id, str(rec_id), body.position, actor=acting(session, caller), now=now)
    return {"items": _meeting(session, meeting_id, now).agenda, "next": None}


@router.post("/meetings/{meeting_id}/agenda/{rec_id}/move", response_model=AgendaList,
             summary="Move an agenda item to another meeting")
def post_item_move(meeting_id: int, rec_id: int, body: AgendaMove, caller: Caller, session: WriteSession,
                   now: Now) -> Any:
    """To the end of the other meeting's agenda (the secretariat); answers this meeting's agenda."""
    move_item(session, meeting_id, str(rec_id), body.to_meeting_id, actor=acting(session, caller), now=now)
    return {"items": _meeting(session, meeting_id, now).agenda, "next": None}


@router.get("/meetings/{meeting_id}/attendance", response_model=list[SeatAttendance], summary="Attendance per seat")
def get_attendance(meeting_id: int, caller: Caller, session: ReadSession, now: Now) -> Any:
    """Each seat (twelve at most, never paged) with today's holders and deputies and how it attends."""
    return _meeting(session, meeting_id, now).seats


@router.put("/meetings/{meeting_id}/attendance/{seat_code}", response_model=list[SeatAttendance],
            summary="Record a seat's attendance")
def put_attendance(meeting_id: int, seat_code: str, body: AttendanceRecord, caller: Caller, session: WriteSession,
                   now: Now) -> Any:
    """Record how one seat attends and who sits in it (the secretariat, from the meeting's day on)."""
    person = session.get(Person, body.person_id) if body.person_id is not None else None
    record_attendance(session, meeting_id, seat_code, body.status, actor=acting(session, caller), now=now,
                      person=person)
    return _meeting(session, meeting_id, now).seats


@router.post("/meetings/{meeting_id}/votes", response_model=VoteBoard, status_code=201, summary="Open a vote")
def post_vote(meeting_id: int, body: VoteOpening, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Open a vote on scheduled items of the meeting's agenda (the chair or the secretariat)."""
    vote = open_vote(session, meeting_id, [str(i) for i in body.recommendation_ids], actor=acting(session, caller),
                     now=now, rule=body.rule, deadline=body.deadline)
    session.flush()
    return vote_board(session, vote.id or 0, now)


@router.post("/votes/{vote_id}/close", response_model=VoteBoard, summary="Close a vote")
def post_close(vote_id: int, body: VoteClosing, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Close the vote (the chair or the secretariat): its rule decides and each recommendation moves on, or with
    ``outcome=return`` and a reason they go back for revision. Closing a written procedure ends it."""
    close_vote(session, vote_id, actor=acting(session, caller), now=now, return_for_revision=body.outcome == "return",
               comment=body.comment)
    session.flush()
    return vote_board(session, vote_id, now)


@router.post("/procedures", response_model=VoteBoard, status_code=201, summary="Start a written procedure")
def post_procedure(body: ProcedureStart, caller: Caller, session: WriteSession, now: Now) -> Any:
    """The procedure is planned, the recommendations go on its agenda and its vote opens, at once (the
    secretariat); every seat then votes until the deadline (``POST /votes/{id}/ballots``)."""
    vote = start_written_procedure(session, title=body.title, deadline=body.deadline,
                                   refs=[str(i) for i in body.recommendation_ids], actor=acting(session, caller),
                                   now=now, rule=body.rule)
    session.flush()
    return vote_board(session, vote.id or 0, now)
