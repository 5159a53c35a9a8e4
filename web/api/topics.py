"""Topics, strategic goals and public events in the JSON API: read by everyone inside the network (the public
events' calendar entries by anyone), set by whom the rules allow (topics and goals: the chair and the secretariat;
events: the secretariat), through the same services as the page 'Themen' and 'recoflow topics|events'."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from models.strategy import PublicEventKind
from web.api.forwardings import actor_of
from web.api.paging import LINK_HEADER, Cursor, PageLimit, page_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession
from workflow.network.public_events import add_event, cancel_event, event_ics, find_event, public_events
from workflow.network.topics_and_goals import add_goal, add_topic
from workflow.queries.group_views import GoalLine, TopicLine, topics_overview

router = APIRouter(route_class=UnitOfWorkRoute, tags=["topics and events"])
PAGED: dict[int | str, dict[str, Any]] = {200: {"headers": LINK_HEADER}}
MeetingId = Field(default=None, ge=1, le=2**31 - 1, description="The meeting that decided it (recorded as a "
                                                                "decision), if any")


# One page of topics, each with its strategic goals and working groups.
class TopicList(BaseModel):
    items: list[TopicLine]
    next: str | None


# A topic to set.
class TopicCreate(BaseModel):
    title: str = Field(max_length=200, examples=["Sprache und Bildung"])
    description: str = Field(default="", max_length=5000)
    meeting_id: int | None = MeetingId


# A strategic goal to set under a topic.
class GoalCreate(BaseModel):
    title: str = Field(max_length=300)
    description: str = Field(default="", max_length=5000)
    meeting_id: int | None = MeetingId


# A public event as announced.
class PublicEventOut(BaseModel):
    id: int
    title: str
    kind: PublicEventKind
    starts_at: datetime
    ends_at: datetime | None
    location: str
    description: str
    cancelled: bool
    calendar: str = Field(description="Its calendar entry (no token needed)")


# One page of public events, soonest first.
class PublicEventList(BaseModel):
    items: list[PublicEventOut]
    next: str | None


# A public event to announce; it lies ahead and ends after it starts.
class PublicEventCreate(BaseModel):
    title: str = Field(max_length=300)
    kind: PublicEventKind
    starts_at: datetime
    ends_at: datetime | None = None
    location: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=5000)


def _event(event: Any) -> dict[str, Any]:
    return {**{name: getattr(event, name) for name in ("id", "title", "kind", "starts_at", "ends_at", "location",
                                                       "description", "cancelled")},
            "calendar": f"/api/v1/public-events/{event.id}.ics"}


@router.get("/topics", response_model=TopicList, summary="Topics and strategic goals", responses=PAGED)
def list_topics(request: Request, response: Response, caller: Caller, session: ReadSession, cursor: Cursor = None,
                limit: PageLimit = 50) -> Any:
    """Every topic with its strategic goals (and the meeting that set each) and its working groups."""
    items, following = page_of(topics_overview(session), request, response, cursor, limit)
    return {"items": items, "next": following}


@router.post("/topics", response_model=TopicLine, status_code=201, summary="Set a topic")
def post_topic(body: TopicCreate, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Set a topic (the chair or the secretariat), recorded as a decision when a meeting is named."""
    topic = add_topic(session, body.title, body.description, meeting_id=body.meeting_id,
                      actor=actor_of(session, caller), now=now)
    session.flush()
    return next(line for line in topics_overview(session) if line.id == topic.id)


@router.post("/topics/{topic_id}/goals", response_model=GoalLine, status_code=201, summary="Set a strategic goal")
def post_goal(topic_id: int, body: GoalCreate, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Set a strategic goal under the topic (the chair or the secretariat)."""
    goal = add_goal(session, str(topic_id), body.title, body.description, meeting_id=body.meeting_id,
                    actor=actor_of(session, caller), now=now)
    session.flush()
    lines = [g for line in topics_overview(session) if line.id == topic_id for g in line.goals]
    return next(g for g in lines if g.id == goal.id)


@router.get("/public-events", response_model=PublicEventList, summary="Public events", responses=PAGED)
def list_events(request: Request, response: Response, caller: Caller, session: ReadSession, now: Now,
                cursor: Cursor = None, limit: PageLimit = 50) -> Any:
    """Events for the professional public that are not cancelled and not yet over, soonest first."""
    items, following = page_of(public_events(session, now), request, response, cursor, limit)
    return {"items": [_event(e) for e in items], "next": following}


@router.post("/public-events", response_model=PublicEventOut, status_code=201, summary="Announce a public event")
def post_event(body: PublicEventCreate, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Announce a public event (the secretariat); it shows on the public start page and has a calendar entry."""
    event = add_event(session, title=body.title, kind=body.kind, starts_at=body.starts_at, ends_at=body.ends_at,
                      location=body.location, description=body.description, actor=actor_of(session, caller),
                      now=now)
    session.flush()
    return _event(event)


@router.post("/public-events/{event_id}/cancel", response_model=PublicEventOut, summary="Cancel a public event")
def post_cancel_event(event_id: int, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Cancel an event (the secretariat); its calendar entry becomes a cancellation."""
    return _event(cancel_event(session, event_id, actor=actor_of(session, caller), now=now))


@router.get("/public-events/{event_id}.ics", response_class=Response, summary="A public event's calendar entry",
            responses={200: {"content": {"text/calendar": {"schema": {"type": "string", "format": "binary"}}},
                             "description": "The event as iCalendar (a cancellation once it is cancelled)"}})
def event_calendar(event_id: int, session: ReadSession, now: Now) -> Response:
    """The calendar entry of one public event, as the public start page links it (no token needed)."""
    return Response(event_ics(find_event(session, event_id), now), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="veranstaltung-{event_id}.ics"'})
