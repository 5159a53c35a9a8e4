"""Written procedures (Umlaufverfahren): the secretariat starts one on recommendations with a deadline and a rule;
every seat then votes on the ballot page until the deadline."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.strategy import VoteRule
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, WriteSession, acting
from web.meeting_forms import form_ids, local_time, page, refused
from web.security import verify_csrf
from web.templating import flash, translator
from workflow.engine.errors import RecoflowError
from workflow.engine.states import RecommendationState
from workflow.queries.browsing import recommendations_in
from workflow.queries.meeting_views import require_standing
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action
from workflow.strategy_group.written_procedures import start_written_procedure

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]
DECIDABLE = [RecommendationState.SUBMITTED, RecommendationState.SCHEDULED]


@router.get("/procedures/new", response_class=HTMLResponse)
def procedure_form(request: Request, viewer: Internal, session: ReadSession) -> Response:
    """The form to start a written procedure on submitted or scheduled recommendations."""
    require_standing(viewer.person, viewer.standing, SECRETARIAT_ONLY, Action.START_WRITTEN_PROCEDURES)
    return page(request, "procedure_form.html", candidates=recommendations_in(session, DECIDABLE, limit=200),
                  rules=[r.value for r in VoteRule])


@router.post("/procedures")
def start(request: Request, viewer: Internal, session: WriteSession, now: Now, title: TextField = "",
          deadline_day: TextField = "", deadline_time: TextField = "", rule: TextField = "",
          recommendation_ids: Annotated[list[str] | None, Form()] = None) -> Response:
    """Start the procedure: it is planned, the recommendations go on its agenda and its vote opens, at once."""
    try:
        vote = start_written_procedure(
            session, title=title, deadline=local_time(request, deadline_day, deadline_time, "deadline"),
            refs=[str(i) for i in form_ids(recommendation_ids)], actor=acting(session, viewer), now=now,
            rule=VoteRule(rule) if rule in {r.value for r in VoteRule} else None)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The written procedure is started; every seat can vote now."),
          "success")
    return RedirectResponse(f"/meetings/{vote.meeting_id}", status_code=303)
