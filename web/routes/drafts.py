"""The forms that change a recommendation: a new draft, an edit of a draft, and a workflow event."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from models.queries import addressees_of
from models.recommendation import RecommendationCreate, RecommendationUpdate
from web.attachments import attachments_shown, upload_shown
from web.confirmation import require_confirmation
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, Viewer, WriteSession, acting
from web.errors import status_of, validation_text
from web.security import verify_csrf
from web.templating import flash, render, translator, when_in
from web.wording.labels import event_label, state_label
from web.wording.refusals import explain
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import ConflictError, InvalidInput, NotFound
from workflow.engine.inputs import row_id
from workflow.queries.browsing import authoring_groups, organisations, require_view
from workflow.recommendations.lifecycle import create_recommendation, edit_recommendation, find_recommendation, fire

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]
Ids = Annotated[list[int] | None, Form()]



def _form(request: Request, session: Session, viewer: Viewer, status: int = 200, **values: Any) -> Response:
    defaults: dict[str, Any] = {"rec": None, "title": "", "text": "", "rationale": "", "comment": "",
                                "group_id": None, "addressee_ids": [], "version": None, "error": None}
    rec = values.get("rec")
    shown = {**attachments_shown(request, session, rec.id), **upload_shown(request)} if rec is not None else {}
    return render(request, "draft_form.html", status, groups=authoring_groups(session, viewer.standing),
                  organisations=organisations(session), **{**defaults, **values}, **shown)


@router.get("/recommendations/new", response_class=HTMLResponse)
def new_draft_form(request: Request, viewer: Internal, session: ReadSession) -> Response:
    """The form for a new draft in one of the person's working groups."""
    return _form(request, session, viewer)


@router.post("/recommendations/new", response_class=HTMLResponse)
def create_draft(request: Request, viewer: Internal, session: WriteSession, now: Now, title: TextField = "",
                 text: TextField = "", rationale: TextField = "", working_group_id: Annotated[int, Form()] = 0,
                 addressee_ids: Ids = None) -> Response:
    """Save a new draft as revision 1."""
    addressee_ids = addressee_ids or []
    values = {"title": title, "text": text, "rationale": rationale, "group_id": working_group_id,
              "addressee_ids": addressee_ids}
    try:
        data = RecommendationCreate(title=title, text=text, rationale=rationale, working_group_id=working_group_id,
                                    addressee_ids=addressee_ids)
        rec = create_recommendation(session, data, acting(session, viewer), now)
    except ValidationError as exc:
        return _form(request, session, viewer, 422, error=validation_text(exc), **values)
    except (InvalidInput, NotFound) as exc:
        return _form(request, session, viewer, 422, error=explain(exc, translator(request), when_in(request)),
                     **values)
    flash(request, translator(request).gettext("The draft is saved."), "success")
    return RedirectResponse(f"/recommendations/{rec.id}", status_code=303)


@router.get("/recommendations/{ref}/edit", response_class=HTMLResponse)
def edit_draft_form(request: Request, ref: str, viewer: Internal, session: ReadSession) -> Response:
    """The form to edit a draft, filled with its current text."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    assert rec.id is not None
    return _form(request, session, viewer, rec=rec, title=rec.title, text=rec.text, rationale=rec.rationale,
                 group_id=rec.working_group_id, version=rec.version,
                 addressee_ids=[o.id for o in addressees_of(session, rec.id)])


@router.post("/recommendations/{ref}/edit", response_class=HTMLResponse)
def save_draft(request: Request, ref: str, viewer: Internal, session: WriteSession, now: Now,
               title: TextField = "", text: TextField = "", rationale: TextField = "", comment: TextField = "",
               version: Annotated[int | None, Form()] = None, addressee_ids: Ids = None) -> Response:
    """Save an edit of a draft as its next revision."""
    addressee_ids = addressee_ids or []
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    values = {"rec": rec, "title": title, "text": text, "rationale": rationale, "comment": comment,
              "group_id": rec.working_group_id, "addressee_ids": addressee_ids, "version": version}
    try:
        changes = RecommendationUpdate(title=title, text=text, rationale=rationale, addressee_ids=addressee_ids)
        edit_recommendation(session, rec.id or 0, changes, acting(session, viewer), now, comment, version)
    except ValidationError as exc:
        return _form(request, session, viewer, 422, error=validation_text(exc), **values)
    except (InvalidInput, ConflictError) as exc:  # a stale version is a conflict: the form is shown again
        return _form(request, session, viewer, status_of(exc)[0],
                     error=explain(exc, translator(request), when_in(request)), **values)
    flash(request, translator(request).gettext("Your changes are saved."), "success")
    return RedirectResponse(f"/recommendations/{rec.id}", status_code=303)


@router.post("/recommendations/{ref}/events/{event}")
def fire_event(request: Request, ref: str, event: str, viewer: Internal, session: WriteSession, now: Now,
               comment: TextField = "", outcome: TextField = "", meeting_id: Annotated[str, Form()] = "",
               version: Annotated[int | None, Form()] = None, confirmed: TextField = "") -> Response:
    """Fire a workflow event through the same service the CLI and the API use (an irreversible one once
    confirmed)."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    require_confirmation(request, RECOMMENDATION_WORKFLOW, event, confirmed)
    record = fire(session, rec.id or 0, event, actor=acting(session, viewer), now=now, comment=comment,
                  outcome=outcome or None, meeting_id=row_id(meeting_id.strip()),
                  expected_version=version)
    _ = translator(request).gettext
    flash(request, _("%(event)s: done. The recommendation is now “%(state)s”.", event=_(event_label(record.event)),
                     state=_(state_label(record.to_state))), "success")
    return RedirectResponse(f"/recommendations/{rec.id}", status_code=303)
