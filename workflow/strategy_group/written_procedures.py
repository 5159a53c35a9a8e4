"""Written procedures (Umlaufverfahren): the strategy group decides between meetings, every seat votes by a
deadline; the scheduler closes the vote then (``voting.close_due_votes``)."""

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from models.enums import MeetingKind
from models.people import Person
from models.recommendation import Recommendation
from models.strategy import Vote, VoteRule
from workflow.engine.clock import require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import InvalidInput
from workflow.engine.firing import fire_event
from workflow.engine.states import RecommendationState
from workflow.recommendations.lifecycle import find_recommendation
from workflow.strategy_group.meetings import add_meeting
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role
from workflow.strategy_group.votes import open_vote

SCHEDULE_COMMENT = "Im Umlaufverfahren zur Abstimmung gestellt."


def start_written_procedure(
    session: Session, *, title: str, deadline: datetime, refs: Sequence[str], actor: Person, now: datetime,
    rule: VoteRule | None = None,
) -> Vote:
    """Start a written procedure on submitted or scheduled recommendations: the procedure with its deadline, the
    recommendations on its agenda and its vote open, all in one transaction."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.START_WRITTEN_PROCEDURES, now)
    recs = _decidable(session, refs)
    procedure = add_meeting(session, title=title, starts_at=deadline, actor=actor, now=now,
                            kind=MeetingKind.WRITTEN_PROCEDURE)
    for rec in recs:
        rec_id = rec.id or 0
        # A scheduled one moves from its meeting's agenda to the procedure's, recorded as a reschedule.
        event = "schedule" if rec.state == RecommendationState.SUBMITTED else "reschedule"
        fire_event(session, RECOMMENDATION_WORKFLOW, rec_id, event, actor=actor, now=now,
                   meeting_id=procedure.id, comment=SCHEDULE_COMMENT)
    session.flush()
    vote = open_vote(session, procedure.id or 0, [str(r.id) for r in recs], actor=actor, now=now, rule=rule,
                     deadline=procedure.starts_at)
    return vote


def _decidable(session: Session, refs: Sequence[str]) -> list[Recommendation]:
    if not refs:
        raise InvalidInput(StrategyRefusal.NOTHING_TO_VOTE_ON)
    recs: dict[int, Recommendation] = {}
    for ref in refs:
        rec = find_recommendation(session, ref)
        if rec.state not in (RecommendationState.SUBMITTED, RecommendationState.SCHEDULED):
            raise InvalidInput(StrategyRefusal.PROCEDURE_ITEM_STATE, label=rec.number or f"#{rec.id}",
                               state=rec.state)
        recs[rec.id or 0] = rec
    return list(recs.values())
