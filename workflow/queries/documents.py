"""What a recommendation's document (its PDF) holds, for one of three readers: a person who may see it on its page
(everything, its history with names and comments included), the body it was forwarded to (the text and rationale,
the decision and where the bodies stand, but no person) and the public (what the public detail page shows)."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from models.enums import MeetingKind
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.queries import addressees_of, history_of
from models.recommendation import Recommendation
from models.strategy import Decision, DecisionKind
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.read_model import ReadModel
from workflow.forwarding.personal_links import resolve_token
from workflow.queries.public_views import PublicBody, PublicDecision, public_bodies, public_recommendation
from workflow.queries.recommendation_views import HistoryEntry, recommendation_history
from workflow.queries.status_timeline import StatusTimeline, status_timeline


# Who the document is for: it decides what it leaves out.
class Audience(StrEnum):
    INTERNAL = "internal"
    BODY = "body"
    PUBLIC = "public"


# One recommendation as a document; ``rationale`` and ``history`` are None where the reader does not get them.
class RecommendationDocument(ReadModel):
    id: int
    number: str | None
    title: str
    state: str
    working_group: str
    text: str
    rationale: str | None
    addressees: list[str]
    decision: PublicDecision | None
    timeline: StatusTimeline
    bodies: list[PublicBody]
    history: list[HistoryEntry] | None


def recommendation_document(session: Session, rec: Recommendation, audience: Audience) -> RecommendationDocument:
    """The document of ``rec`` for ``audience``; the caller has checked that this reader may see it (the public
    one is refused for anything not adopted, as the public page is)."""
    assert rec.id is not None
    if audience == Audience.PUBLIC:
        public_recommendation(session, rec.number or str(rec.id))  # refuses what the public may not see
    group = session.get(WorkingGroup, rec.working_group_id)
    records = history_of(session, RECOMMENDATION_WORKFLOW.subject_kind, rec.id)
    moves = [(r.from_state, r.to_state, r.occurred_at) for r in records]
    return RecommendationDocument(
        id=rec.id, number=rec.number, title=rec.title, state=rec.state, working_group=group.name if group else "",
        text=rec.text, rationale=None if audience == Audience.PUBLIC else rec.rationale,
        addressees=[o.name for o in addressees_of(session, rec.id)],
        decision=latest_decision(session, rec.id),
        timeline=status_timeline(session, rec.id, rec.state, rec.created_at, moves),
        bodies=public_bodies(session, rec.id),
        history=recommendation_history(session, rec.id) if audience == Audience.INTERNAL else None,
    )


def latest_decision(session: Session, rec_id: int) -> PublicDecision | None:
    """The strategy group's latest decision on the recommendation, whatever its result, with its tally."""
    row = session.exec(
        select(Decision, Meeting).join(Meeting, col(Meeting.id) == Decision.meeting_id)
        .where(Decision.recommendation_id == rec_id, Decision.kind == DecisionKind.RECOMMENDATION)
        .order_by(col(Decision.decided_at).desc(), col(Decision.id).desc()).limit(1)).first()
    if row is None:
        return None
    decision, meeting = row
    return PublicDecision(decided_at=decision.decided_at, meeting=meeting.title,
                          written=meeting.kind == MeetingKind.WRITTEN_PROCEDURE, result=decision.result,
                          yes=decision.yes, no=decision.no, abstain=decision.abstain)



def linked_recommendation(session: Session, token: str, now: datetime) -> Recommendation:
    """The recommendation a body's valid link was issued for; any other link raises ``LinkRefused``."""
    forwarding = resolve_token(session, token, now)
    rec = session.get(Recommendation, forwarding.recommendation_id)
    assert rec is not None  # a forwarding's recommendation is never deleted
    return rec
