"""The network's structure: working groups (with their workflow events), topics and goals, the strategy group."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from models.groups import WorkingGroupCreate
from models.people import Person
from web import network_labels
from web.deps import Internal, Now, ReadSession, Viewer, WriteSession
from web.network_labels import GROUP_EVENTS, GROUP_STATES, finding_sentence
from web.security import verify_csrf
from web.templating import flash, render, translator
from workflow.clock import local_date
from workflow.composition_view import composition_view
from workflow.errors import InvalidInput, NotFound
from workflow.group_events import fire_working_group_event, group_event_forms
from workflow.group_views import (
    deciding_meetings,
    group_detail,
    group_overview,
    may_steer,
    topic_choices,
    topics_overview,
)
from workflow.groups import find_working_group
from workflow.strategy import add_goal, add_topic, convene_group

router = APIRouter(dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]


def _page(request: Request, template: str, **context: Any) -> Response:
    # Every page of this module names the values it shows with the same words.
    return render(request, template, network_labels=network_labels, **context)


def _actor(session: Session, viewer: Viewer) -> Person:
    # The acting person as the writing session knows it.
    person = session.get(Person, viewer.id)
    if person is None:
        raise NotFound("Your account no longer exists; sign in again.")
    return person


def _optional_id(value: str, what: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput(f"Choose the {what} from the list.")
    return int(text)


def _optional_day(value: str, what: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"The {what} '{text}' is not a date; give one such as 2027-06-30.") from None


@router.get("/working-groups", response_class=HTMLResponse)
def group_list(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """Every working group with its plan and people; the chair and the secretariat can convene one."""
    steering = may_steer(viewer.standing)
    return _page(request, "network_groups.html",
                  groups=group_overview(session, viewer.standing, local_date(now)), may_steer=steering,
                  topics=topic_choices(session) if steering else [],
                  meetings=deciding_meetings(session, now) if steering else [])


@router.post("/working-groups")
def convene(request: Request, viewer: Internal, session: WriteSession, now: Now, name: TextField = "",
            mandate: TextField = "", planned_member_count: TextField = "", planned_end: TextField = "",
            topic_id: TextField = "", meeting_id: TextField = "") -> Response:
    """Convene a working group by a decision of the meeting named."""
    count = planned_member_count.strip()
    if not count.isdigit():
        raise InvalidInput("Give the planned number of members as a whole number, such as 8.")
    meeting = _optional_id(meeting_id, "meeting")
    if meeting is None:
        raise InvalidInput("Name the meeting or written procedure that decided to convene the working group.")
    data = WorkingGroupCreate(name=name.strip(), mandate=mandate.strip(), planned_member_count=int(count),
                              planned_end=_optional_day(planned_end, "planned end"),
                              topic_id=_optional_id(topic_id, "topic"))
    group = convene_group(session, data, meeting_id=meeting, actor=_actor(session, viewer), now=now)
    flash(request, translator(request).gettext("The working group “%(name)s” is convened.", name=group.name),
          "success")
    return RedirectResponse(f"/working-groups/{group.id}", status_code=303)


@router.get("/working-groups/{group_id}", response_class=HTMLResponse)
def group_page(request: Request, group_id: int, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """One working group: plan, people, recommendations, decisions, timeline and the events this person may fire."""
    detail = group_detail(session, group_id, viewer.standing, local_date(now))
    forms = group_event_forms(session, find_working_group(session, group_id), viewer.person, now)
    meetings = deciding_meetings(session, now) if any(f["needs_meeting"] for f in forms) else []
    return _page(request, "network_group.html", group=detail, forms=forms, meetings=meetings)


@router.get("/groups/{group_id}")
def group_link(group_id: int) -> Response:
    """The address reminder mails use for a working group."""
    return RedirectResponse(f"/working-groups/{group_id}", status_code=308)


@router.post("/working-groups/{group_id}/events/{event}")
def fire_event(request: Request, group_id: int, event: str, viewer: Internal, session: WriteSession, now: Now,
               comment: TextField = "", meeting_id: TextField = "") -> Response:
    """Fire an event of the working group's workflow (a conclusion names the meeting that decided it)."""
    group = fire_working_group_event(session, group_id, event, actor=_actor(session, viewer), now=now,
                                     comment=comment, meeting_id=_optional_id(meeting_id, "meeting"))
    _ = translator(request).gettext
    flash(request, _("%(event)s: done. The working group is now “%(state)s”.",
                     event=_(GROUP_EVENTS.get(event, event)), state=_(GROUP_STATES[group.state])), "success")
    return RedirectResponse(f"/working-groups/{group_id}", status_code=303)


@router.get("/topics", response_class=HTMLResponse)
def topic_list(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """Topics and strategic goals with their working groups; the chair and the secretariat can add them."""
    steering = may_steer(viewer.standing)
    return _page(request, "network_topics.html", topics=topics_overview(session), may_steer=steering,
                  meetings=deciding_meetings(session, now) if steering else [])


@router.post("/topics")
def create_topic(request: Request, viewer: Internal, session: WriteSession, now: Now, title: TextField = "",
                 description: TextField = "", meeting_id: TextField = "") -> Response:
    """Set a topic (recorded as a decision when a meeting is named)."""
    topic = add_topic(session, title, description, meeting_id=_optional_id(meeting_id, "meeting"),
                      actor=_actor(session, viewer), now=now)
    flash(request, translator(request).gettext("The topic “%(title)s” is set.", title=topic.title), "success")
    return RedirectResponse(f"/topics#topic-{topic.id}", status_code=303)


@router.post("/topics/goals")
def create_goal(request: Request, viewer: Internal, session: WriteSession, now: Now, topic_id: TextField = "",
                title: TextField = "", description: TextField = "", meeting_id: TextField = "") -> Response:
    """Set a strategic goal under a topic."""
    topic = _optional_id(topic_id, "topic")
    if topic is None:
        raise InvalidInput("Choose the topic the strategic goal belongs to.")
    goal = add_goal(session, str(topic), title, description, meeting_id=_optional_id(meeting_id, "meeting"),
                    actor=_actor(session, viewer), now=now)
    flash(request, translator(request).gettext("The strategic goal “%(title)s” is set.", title=goal.title),
          "success")
    return RedirectResponse(f"/topics#topic-{goal.topic_id}", status_code=303)


@router.get("/strategy-group", response_class=HTMLResponse)
def strategy_group(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The twelve seats by category with holders, deputies and terms, and the composition check."""
    view = composition_view(session, local_date(now))
    translate = translator(request)
    return _page(request, "network_strategy_group.html", view=view,
                  vacancies=[finding_sentence(f, translate) for f in view["vacancies"]],
                  breaches=[finding_sentence(f, translate) for f in view["breaches"]])
