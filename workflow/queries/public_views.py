"""The public detail page of an adopted recommendation: its text, the decision (day, result, tally), its status
timeline, and per responsible body whether it confirmed receipt and the status and date of each report. Like the
public summary (``workflow.forwarding.accountability.public_summary``) it names institutions only: no person, no
contact, no report's text (a body's free text may name people), no comment."""

from datetime import date, datetime

from sqlmodel import Session, col, select

from models.enums import MeetingKind
from models.forwarding import Forwarding, ImplementationReport, ReviewRound
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.people import Organisation
from models.queries import history_of, recommendation_by_ref
from models.recommendation import Recommendation
from models.strategy import Decision, DecisionKind, VoteResult
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import NotFound
from workflow.engine.read_model import ReadModel
from workflow.forwarding.accountability import ADOPTED_STATES
from workflow.queries.status_timeline import StatusTimeline, status_timeline
from workflow.recommendations.refusals import RecommendationRefusal


# The strategy group's decision: when, in which meeting or written procedure, with which result and tally.
class PublicDecision(ReadModel):
    decided_at: datetime
    meeting: str
    written: bool
    result: VoteResult | None
    yes: int | None
    no: int | None
    abstain: int | None


# One report of a body, as far as it is public: its status and the date the body gave it.
class PublicReport(ReadModel):
    status: str
    report_date: date


# A responsible body and how far it reports.
class PublicBody(ReadModel):
    name: str
    kind: str
    acknowledged: bool
    reports: list[PublicReport]


# The public page of one adopted recommendation.
class PublicRecommendationDetail(ReadModel):
    number: str
    title: str
    text: str
    state: str
    working_group: str
    decision: PublicDecision | None
    timeline: StatusTimeline
    bodies: list[PublicBody]
    review_outcome: str | None


def public_recommendation(session: Session, number: str) -> PublicRecommendationDetail:
    """An adopted recommendation by its number; one not adopted (or not numbered) is not found, as if absent."""
    rec = None if number.strip().isdigit() else recommendation_by_ref(session, number)
    if rec is None or rec.id is None or rec.number is None or rec.state not in ADOPTED_STATES:
        raise NotFound(RecommendationRefusal.NO_RECOMMENDATION, ref=number)
    group = session.get(WorkingGroup, rec.working_group_id)
    moves = [(r.from_state, r.to_state, r.occurred_at)
             for r in history_of(session, RECOMMENDATION_WORKFLOW.subject_kind, rec.id)]
    last_round = session.exec(select(ReviewRound).where(ReviewRound.recommendation_id == rec.id)
                              .order_by(col(ReviewRound.number).desc()).limit(1)).first()
    return PublicRecommendationDetail(
        number=rec.number, title=rec.title, text=rec.text, state=rec.state,
        working_group=group.name if group else "", decision=_decision(session, rec),
        timeline=status_timeline(session, rec.id, rec.state, rec.created_at, moves),
        bodies=public_bodies(session, rec.id),
        review_outcome=last_round.outcome.value if last_round and last_round.outcome else None,
    )


def _decision(session: Session, rec: Recommendation) -> PublicDecision | None:
    row = session.exec(
        select(Decision, Meeting).join(Meeting, col(Meeting.id) == Decision.meeting_id)
        .where(Decision.recommendation_id == rec.id, Decision.kind == DecisionKind.RECOMMENDATION,
               Decision.result == VoteResult.ADOPTED)
        .order_by(col(Decision.decided_at).desc()).limit(1)).first()
    if row is None:
        return None
    decision, meeting = row
    return PublicDecision(decided_at=decision.decided_at, meeting=meeting.title,
                          written=meeting.kind == MeetingKind.WRITTEN_PROCEDURE, result=decision.result,
                          yes=decision.yes, no=decision.no, abstain=decision.abstain)


def public_bodies(session: Session, rec_id: int) -> list[PublicBody]:
    """The bodies it went to, by name, each with its reports' statuses and dates (two queries)."""
    rows = session.exec(select(Forwarding, Organisation).join(Organisation, col(Organisation.id) ==
                                                              Forwarding.organisation_id)
                        .where(Forwarding.recommendation_id == rec_id).order_by(col(Organisation.name))).all()
    reports: dict[int, list[PublicReport]] = {}
    if rows:
        for report in session.exec(select(ImplementationReport).where(
                col(ImplementationReport.forwarding_id).in_([f.id for f, _o in rows]))
                .order_by(col(ImplementationReport.id))).all():
            reports.setdefault(report.forwarding_id, []).append(
                PublicReport(status=report.status.value, report_date=report.report_date))
    return [PublicBody(name=org.name, kind=org.kind.value, acknowledged=f.acknowledged_at is not None,
                       reports=reports.get(f.id or 0, [])) for f, org in rows]
