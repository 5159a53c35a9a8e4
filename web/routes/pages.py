"""The signed-in pages: 'Meine Aufgaben', the list of recommendations, and one recommendation in full."""

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from models.queries import revisions_of
from web.attachments import attachments_shown
from web.deps import Internal, Now, ReadSession, SignedIn, UnitOfWorkRoute
from web.security import verify_csrf
from web.templating import render
from web.textdiff import revision_changes
from web.wording import forwarding_labels, meeting_labels, timeline_labels
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.inputs import row_id
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.states import RecommendationState
from workflow.queries.accountability_views import recommendation_panel
from workflow.queries.attachment_views import attachment_changes
from workflow.queries.browsing import (
    may_edit,
    names_of,
    require_view,
    search_recommendations,
    working_groups,
)
from workflow.queries.meeting_choices import current_agenda_meeting, meeting_choices
from workflow.queries.meeting_views import may_run_votes
from workflow.queries.recommendation_views import (
    PossibleEvent,
    recommendation_context,
    recommendation_detail,
    recommendation_history,
)
from workflow.queries.tasks import tasks_for
from workflow.recommendations.lifecycle import find_recommendation

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])
PAGE_SIZE = 50
STATES = [s.value for s in RecommendationState]


@router.get("/tasks", response_class=HTMLResponse)
def dashboard(request: Request, viewer: SignedIn, session: ReadSession, now: Now) -> Response:
    """'Meine Aufgaben': what this person should do next."""
    return render(request, "tasks.html", tasks=tasks_for(session, viewer.standing, now, viewer.person.id))


@router.get("/recommendations", response_class=HTMLResponse)
def recommendation_list(
    request: Request, viewer: Internal, session: ReadSession, state: str = "", group: str = "", q: str = "",
    page: int = Query(1, ge=1, le=10_000),
) -> Response:
    """Recommendations this person may see, filtered by state, working group and words."""
    group_id = row_id(group.strip())
    result = search_recommendations(session, viewer.standing, state=state if state in STATES else None,
                                    working_group_id=group_id, text=q, offset=(page - 1) * PAGE_SIZE,
                                    limit=PAGE_SIZE)
    pages = max(1, -(-result.total // PAGE_SIZE))
    return render(request, "recommendations.html", result=result, groups=working_groups(session), states=STATES,
                  state=state, group_id=group_id, q=q, page=page, pages=pages)


def event_forms(session: Session, rec_state: str, possible: list[PossibleEvent], now: Any,
                workflow: WorkflowDefinition = RECOMMENDATION_WORKFLOW, rec_id: int | None = None,
                ) -> list[dict[str, Any]]:
    """The plain event forms: what each possible event is called and asks for, read from its rules. Events with a
    form of their own (forwarding, review) are left to it."""
    forms = []
    for event in possible:
        facts = workflow.facts(event.event)
        if facts.own_form:
            continue
        rules = workflow.rules_for(event.event, rec_state)
        forms.append({**dict(event), "label": facts.label, "outcomes": [r.outcome for r in rules if r.outcome],
                      "needs_meeting": facts.asks_meeting, "needs_comment": facts.comment_required,
                      "irreversible": facts.irreversible})
    for form in forms:
        # One read model offers the meetings and preselects the next one whose Antragsschluss is ahead; moving
        # does not offer the meeting the item is already on.
        on = current_agenda_meeting(session, rec_id) if rec_id and form["event"] == "reschedule" else None
        form["meetings"] = meeting_choices(session, now, excluding=on) if form["needs_meeting"] else None
    return forms


@router.get("/recommendations/{ref}", response_class=HTMLResponse)
def recommendation_page(request: Request, ref: str, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """One recommendation: where it stands (meetings, votes, status timeline), its text, its changes, its history
    and what this person may do now."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    assert rec.id is not None
    detail = recommendation_detail(session, rec.id, viewer.person, now)
    history = recommendation_history(session, rec.id)
    revisions = revisions_of(session, rec.id)
    panel = recommendation_panel(session, detail, viewer.standing, now)
    return render(request, "recommendation.html", rec=detail, history=history,
                  changes=revision_changes(revisions), names=names_of(session, [r.author_id for r in revisions]),
                  forms=event_forms(session, rec.state, detail.possible_events or [], now, rec_id=rec.id),
                  may_edit=may_edit(viewer.standing, rec), forwarding=panel, flabels=forwarding_labels,
                  review_choices=meeting_choices(session, now, preferred=panel.review_meeting.id
                                                 if panel.review_meeting else None)
                  if panel and "start_review" in panel.events else None,
                  context=recommendation_context(session, detail, history, viewer.id, now),
                  may_run_votes=may_run_votes(viewer.standing), meeting_labels=meeting_labels,
                  tlabels=timeline_labels, attachment_changes=attachment_changes(session, rec.id),
                  **attachments_shown(request, session, rec.id))
