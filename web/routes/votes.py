"""Votes: the chair opens one on an agenda item or a block, follows the live tally and closes it; seat holders and
deputies cast and change their ballots until it closes."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlmodel import Session

from models.strategy import Choice, VoteRule
from web.confirmation import require_confirmation
from web.deps import Internal, Now, ReadSession, UnitOfWorkRoute, Viewer, WriteSession, acting
from web.errors import status_of
from web.meeting_forms import form_ids, local_time, page, refused, worded
from web.security import verify_csrf
from web.templating import flash, translator
from web.wording.meeting_labels import CHOICES
from web.wording.refusals.web import FormRefusal
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput, RecoflowError
from workflow.queries.meeting_views import require_steering
from workflow.queries.vote_views import ballot_cards, vote_board
from workflow.strategy_group.seat_holders import Action
from workflow.strategy_group.votes import cast_ballot, close_vote, open_vote

router = APIRouter(route_class=UnitOfWorkRoute, dependencies=[Depends(verify_csrf)])

TextField = Annotated[str, Form()]
Ids = Annotated[list[str] | None, Form()]


@router.post("/meetings/{meeting_id}/votes")
def open_a_vote(request: Request, meeting_id: int, viewer: Internal, session: WriteSession, now: Now,
                recommendation_ids: Ids = None, rule: TextField = "", deadline_day: TextField = "",
                deadline_time: TextField = "") -> Response:
    """Open a vote on one scheduled agenda item or a block of them."""
    try:
        chosen = VoteRule(rule) if rule in {r.value for r in VoteRule} else None
        deadline = local_time(request, deadline_day, deadline_time, "deadline") if deadline_day.strip() else None
        vote = open_vote(session, meeting_id, [str(i) for i in form_ids(recommendation_ids)],
                         actor=acting(session, viewer), now=now, rule=chosen, deadline=deadline)
    except RecoflowError as exc:
        return refused(request, exc)
    flash(request, translator(request).gettext("The vote is open."), "success")
    return RedirectResponse(f"/votes/{vote.id}", status_code=303)


@router.get("/votes/{vote_id}", response_class=HTMLResponse)
def vote_screen(request: Request, vote_id: int, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The chair's screen: the live tally, the named ballots, the seats still to vote, and closing."""
    require_steering(viewer.person, viewer.standing, Action.FOLLOW_VOTES)
    return page(request, "vote.html", vote=vote_board(session, vote_id, now))


@router.get("/votes/{vote_id}/tally")
def vote_tally(vote_id: int, viewer: Internal, session: ReadSession, now: Now) -> JSONResponse:
    """The tally as JSON, for the vote screen to refresh itself."""
    require_steering(viewer.person, viewer.standing, Action.FOLLOW_VOTES)
    tally = vote_board(session, vote_id, now).tally
    return JSONResponse({**tally.model_dump(mode="json"), "as_of": now.isoformat()},
                        headers={"Cache-Control": "no-store"})


@router.post("/votes/{vote_id}/close")
def close(request: Request, vote_id: int, viewer: Internal, session: WriteSession, now: Now,
          outcome: TextField = "count", comment: TextField = "", confirmed: TextField = "") -> Response:
    """Close the vote, once confirmed: its rule decides, and each recommendation moves on (or back for revision)."""
    try:
        require_confirmation(request, RECOMMENDATION_WORKFLOW, "close_vote", confirmed)
        closed = close_vote(session, vote_id, actor=acting(session, viewer), now=now,
                            return_for_revision=outcome == "return", comment=comment)
    except RecoflowError as exc:
        return refused(request, exc)
    _ = translator(request).gettext
    flash(request, _("The vote is closed: %(yes)s yes, %(no)s no, %(abstain)s abstentions.", yes=closed.yes,
                     no=closed.no, abstain=closed.abstain), "success")
    return RedirectResponse(f"/votes/{vote_id}", status_code=303)


def _ballots_page(request: Request, session: Session, viewer: Viewer, now: Now, status: int = 200,
                  error: str | None = None) -> Response:
    cards = ballot_cards(session, viewer.id, now)
    reasons = {card.id: {slot.seat_code: worded(request, slot.refusal) if slot.refusal else None
                         for slot in card.slots} for card in cards}
    return page(request, "ballots.html", status, cards=cards, reasons=reasons, error=error)


@router.get("/ballots", response_class=HTMLResponse)
def ballots(request: Request, viewer: Internal, session: ReadSession, now: Now) -> Response:
    """The open votes this person sits in, with their ballot for each seat they may cast."""
    return _ballots_page(request, session, viewer, now)


@router.post("/votes/{vote_id}/ballot")
def cast(request: Request, vote_id: int, viewer: Internal, session: WriteSession, now: Now, choice: TextField = "",
         seat: TextField = "") -> Response:
    """Cast or change the ballot of one seat; a refusal is shown on the ballot page and changes nothing."""
    _ = translator(request).gettext
    try:
        if choice not in CHOICES:
            raise InvalidInput(FormRefusal.CHOOSE_BALLOT)
        ballot = cast_ballot(session, vote_id, Choice(choice), actor=acting(session, viewer), now=now,
                             seat_code=seat or None)
    except RecoflowError as exc:
        return _ballots_page(request, session, viewer, now, status_of(exc)[0], worded(request, exc))
    said = _(CHOICES[choice])
    flash(request, _("Your ballot is changed to “%(choice)s”.", choice=said) if ballot.changed_at
          else _("Your ballot “%(choice)s” is cast.", choice=said), "success")
    return RedirectResponse(f"/ballots#vote-{vote_id}", status_code=303)
