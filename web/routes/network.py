"""The network's structure: working groups (with their workflow events), topics and goals, the strategy group."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models.enums import Role
from models.groups import WorkingGroupCreate
from web.confirmation import require_confirmation
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, WriteSession, acting
from web.i18n import N_
from web.meeting_forms import refused
from web.routes.groups import convening_people, directory, membership_context
from web.routes.roles import active_people, composition_text
from web.security import verify_csrf
from web.templating import flash, render, translator
from web.wording import groups_labels, network_labels
from web.wording.network_labels import finding_sentence
from web.wording.refusals.web import FormRefusal
from workflow.engine.clock import local_date
from workflow.engine.definitions import WORKING_GROUP_WORKFLOW
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.engine.inputs import row_id
from workflow.network.topics_and_goals import add_goal, add_topic, convene_group
from workflow.network.working_group_events import fire_working_group_event, group_event_forms
from workflow.network.working_groups import find_working_group
from workflow.queries.composition_view import composition_view
from workflow.queries.group_views import (
    deciding_meetings,
    group_detail,
    group_overview,
    may_steer,
    topic_choices,
    topics_overview,
)

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]


def _page(request: Request, template: str, **context: Any) -> Response:
    # Every page of this module names the values it shows with the same words.
    return render(request, template, network_labels=network_labels, groups_labels=groups_labels, **context)



# What a form field must look like (the refusal when it does not).
CHOOSE_MEETING = FormRefusal.CHOOSE_MEETING
CHOOSE_TOPIC = FormRefusal.CHOOSE_TOPIC


def _optional_id(request: Request, value: str, refusal: FormRefusal) -> int | None:
    text = value.strip()
    if not text:
        return None
    if (key := row_id(text)) is None:
        raise InvalidInput(refusal)
    return key


def _required_id(request: Request, value: str, refusal: FormRefusal) -> int:
    chosen = _optional_id(request, value, refusal)
    if chosen is None:
        raise InvalidInput(refusal)
    return chosen


def _optional_day(request: Request, value: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(FormRefusal.PLANNED_END) from None


# The form's fields as the convening form labels them, for refusals that name them.
GROUP_FIELDS = {"name": N_("Name"), "mandate": N_("Mandate"), "planned_member_count": N_("Planned number of members")}


def _group_data(request: Request, name: str, mandate: str, planned_member_count: str, planned_end: str,
                topic_id: str) -> WorkingGroupCreate:
    _ = translator(request).gettext
    try:
        return WorkingGroupCreate(name=name.strip(), mandate=mandate.strip(),
                                  planned_member_count=planned_member_count.strip() or 0,  # type: ignore[arg-type]
                                  planned_end=_optional_day(request, planned_end),
                                  topic_id=_optional_id(request, topic_id, CHOOSE_TOPIC))
    except ValidationError as exc:
        fields = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})
        raise InvalidInput(FormRefusal.CHECK_FIELDS, fields=tuple(GROUP_FIELDS.get(f, f) for f in fields)) from None


@router.get("/working-groups", response_class=HTMLResponse)
def group_list(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """Every working group with its plan and people; the chair and the secretariat can convene one."""
    steering = may_steer(viewer.standing)
    return _page(request, "network_groups.html",
                  groups=group_overview(session, viewer.standing, local_date(now)), may_steer=steering,
                  topics=topic_choices(session) if steering else [],
                  meetings=deciding_meetings(session, now) if steering else [],
                  people=directory(session) if steering else [])


@router.post("/working-groups")
def convene(request: Request, viewer: Internal, session: WriteSession, now: Now, name: TextField = "",
            mandate: TextField = "", planned_member_count: TextField = "", planned_end: TextField = "",
            topic_id: TextField = "", meeting_id: TextField = "", lead: TextField = "", deputy_lead: TextField = "",
            members: TextField = "") -> Response:
    """Convene a working group by a decision of the meeting named, with the lead, deputy lead and members named."""
    try:
        data = _group_data(request, name, mandate, planned_member_count, planned_end, topic_id)
        named = convening_people(request, session, lead, deputy_lead, members)
        group = convene_group(session, data, meeting_id=_required_id(request, meeting_id, CHOOSE_MEETING),
                              actor=acting(session, viewer), now=now, **named)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The working group “%(name)s” is convened.", name=group.name),
          "success")
    return RedirectResponse(f"/working-groups/{group.id}", status_code=303)


@router.get("/working-groups/{group_id}", response_class=HTMLResponse)
def group_page(request: Request, group_id: int, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """One working group: plan, people, recommendations, decisions, timeline and the events this person may fire."""
    detail = group_detail(session, group_id, viewer.standing, local_date(now))
    forms = group_event_forms(session, find_working_group(session, group_id), viewer.person, now)
    meetings = deciding_meetings(session, now) if any(f.needs_meeting for f in forms) else []
    return _page(request, "network_group.html", group=detail, forms=forms, meetings=meetings,
                 people=membership_context(session, group_id, viewer, now))


@router.get("/groups/{group_id}")
def group_link(group_id: int) -> Response:
    """The address reminder mails use for a working group."""
    return RedirectResponse(f"/working-groups/{group_id}", status_code=308)


@router.post("/working-groups/{group_id}/events/{event}")
def fire_event(request: Request, group_id: int, event: str, viewer: Internal, session: WriteSession, now: Now,
               comment: TextField = "", meeting_id: TextField = "", confirmed: TextField = "") -> Response:
    """Fire an event of the working group's workflow (a conclusion names the meeting that decided it; an
    irreversible event fires once confirmed)."""
    try:
        require_confirmation(request, WORKING_GROUP_WORKFLOW, event, confirmed)
        group = fire_working_group_event(session, group_id, event, actor=acting(session, viewer), now=now,
                                         comment=comment,
                                         meeting_id=_optional_id(request, meeting_id, CHOOSE_MEETING))
    except RecoflowError as exc:
        return refused(request, exc)
    _ = translator(request).gettext
    flash(request, _("%(event)s: done. The working group is now “%(state)s”.",
                     event=_(WORKING_GROUP_WORKFLOW.event_label(event)),
                     state=_(WORKING_GROUP_WORKFLOW.state_label(group.state))), "success")
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
    try:
        topic = add_topic(session, title, description,
                          meeting_id=_optional_id(request, meeting_id, CHOOSE_MEETING),
                          actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The topic “%(title)s” is set.", title=topic.title), "success")
    return RedirectResponse(f"/topics#topic-{topic.id}", status_code=303)


@router.post("/topics/goals")
def create_goal(request: Request, viewer: Internal, session: WriteSession, now: Now, topic_id: TextField = "",
                title: TextField = "", description: TextField = "", meeting_id: TextField = "") -> Response:
    """Set a strategic goal under a topic."""
    try:
        goal = add_goal(session, str(_required_id(request, topic_id, CHOOSE_TOPIC)), title, description,
                        meeting_id=_optional_id(request, meeting_id, CHOOSE_MEETING),
                        actor=acting(session, viewer), now=now)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The strategic goal “%(title)s” is set.", title=goal.title),
          "success")
    return RedirectResponse(f"/topics#topic-{goal.topic_id}", status_code=303)


@router.get("/strategy-group", response_class=HTMLResponse)
def strategy_group(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The seats by category with holders, deputies and terms, and the composition check; the secretariat also
    appoints and ends seat terms and edits the composition here (the forms post to ``web.routes.roles``)."""
    view = composition_view(session, local_date(now))
    translate = translator(request)
    editing = Role.SECRETARIAT in viewer.standing.roles
    return _page(request, "network_strategy_group.html", view=view,
                  vacancies=[finding_sentence(f, translate) for f in view.vacancies],
                  breaches=[finding_sentence(f, translate) for f in view.breaches],
                  notices=[finding_sentence(f, translate) for f in view.notices], editing=editing,
                  people=active_people(session) if editing else [],
                  composition_json=composition_text(view.composition) if editing else "")
