"""Votes in the JSON API: the tally and the named ballots of a vote (chair and secretariat), and casting or
changing one's own ballot (seat holders and deputies), through the same services as the pages."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from models.people import Person, Seat
from models.strategy import Choice
from web.api.paging import LINK_HEADER, Cursor, OptionalLimit, page_of
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, WriteSession
from web.wording.refusals.web import WebRefusal
from workflow.engine.errors import NotFound
from workflow.queries.meeting_views import require_steering
from workflow.queries.vote_views import BallotLine, VoteBoard, vote_board
from workflow.strategy_group.seat_holders import Action
from workflow.strategy_group.votes import cast_ballot

router = APIRouter(route_class=UnitOfWorkRoute)


# A ballot to cast or change; ``seat`` is needed only by someone who sits for several seats.
class BallotRequest(BaseModel):
    choice: Choice = Field(examples=["yes"])
    seat: str | None = Field(default=None, examples=["MIN-2"])


# The ballot as it now stands.
class BallotResult(BaseModel):
    vote_id: int
    seat: str
    choice: Choice
    cast_at: datetime
    changed_at: datetime | None


@router.get("/votes/{vote_id}", response_model=VoteBoard, summary="A vote with its tally")
def get_vote(vote_id: int, caller: Caller, session: ReadSession, now: Now) -> VoteBoard:
    """The vote, its recommendations, the named ballots, the seats still to vote and the (provisional) tally."""
    require_steering(caller.person, caller.standing, Action.FOLLOW_VOTES)
    return vote_board(session, vote_id, now)


@router.get("/votes/{vote_id}/ballots", response_model=list[BallotLine], summary="The named ballots of a vote",
            responses={200: {"headers": LINK_HEADER}})
def list_ballots(vote_id: int, request: Request, response: Response, caller: Caller, session: ReadSession, now: Now,
                 cursor: Cursor = None, limit: OptionalLimit = None) -> list[BallotLine]:
    """Who voted how for which seat (ballots are named); paged with ``limit`` and ``cursor`` (the next page in the
    Link header)."""
    require_steering(caller.person, caller.standing, Action.FOLLOW_VOTES)
    return page_of(vote_board(session, vote_id, now).ballots, request, response, cursor, limit)[0]


@router.post("/votes/{vote_id}/ballots", response_model=BallotResult, summary="Cast or change your ballot")
def post_ballot(vote_id: int, body: BallotRequest, caller: Caller, session: WriteSession, now: Now) -> Any:
    """Cast (or change) the ballot of the caller's seat; refused after the vote closed, for a seat the caller does
    not sit for, or when the seat's holder or deputy voted already."""
    actor = session.get(Person, caller.id)
    if actor is None:
        raise NotFound(WebRefusal.TOKEN_PERSON_GONE)
    ballot = cast_ballot(session, vote_id, body.choice, actor=actor, now=now, seat_code=body.seat)
    seat = session.get(Seat, ballot.seat_id)
    return {"vote_id": vote_id, "seat": seat.code if seat else "?", "choice": ballot.choice,
            "cast_at": ballot.cast_at, "changed_at": ballot.changed_at}
