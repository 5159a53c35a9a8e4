"""Accountability: who acknowledged, who reported, what the latest status is and which reports are overdue;
per recommendation, per body and for the whole network; and a public summary without personal data."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from models.forwarding import Forwarding, ForwardingToken, ImplementationReport, ReportStatus, ReviewRound
from models.meeting import Meeting
from models.people import Organisation, Person
from models.queries import history_of
from models.recommendation import Recommendation
from workflow.engine.clock import require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.forwarding_definition import FORWARDING_WORKFLOW
from workflow.engine.read_model import ReadModel
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.forwardings import forwardings_of
from workflow.forwarding.reports import reports_of
from workflow.forwarding.review_calendar import report_due_at
from workflow.network.directory import find_organisation
from workflow.recommendations.lifecycle import find_recommendation

# States a recommendation reaches only after it was forwarded.
FORWARDED_STATES = (R.FORWARDED, R.UNDER_REVIEW, R.IMPLEMENTED, R.PARTIALLY_IMPLEMENTED, R.NOT_IMPLEMENTED)
# States that count as adopted (the public summary shows these).
ADOPTED_STATES = (R.ADOPTED, *FORWARDED_STATES)
# While reports are expected from the bodies.
AWAITING_STATES = frozenset({R.FORWARDED, R.UNDER_REVIEW})
PERSONAL_FIELDS = ("contact_name", "contact_email", "contact_phone")


def _rounds(session: Session, rec_ids: set[int]) -> dict[int, ReviewRound]:
    """The current (newest) round of each recommendation."""
    return {rec_id: rounds[-1] for rec_id, rounds in _all_rounds(session, rec_ids).items()}


def _all_rounds(session: Session, rec_ids: set[int]) -> dict[int, list[ReviewRound]]:
    result: dict[int, list[ReviewRound]] = {}
    for rnd in session.exec(select(ReviewRound).where(col(ReviewRound.recommendation_id).in_(rec_ids))
                            .order_by(col(ReviewRound.number))).all():
        result.setdefault(rnd.recommendation_id, []).append(rnd)
    return result


def _reviewed_up_to(rounds: list[ReviewRound]) -> int:
    """The newest report already put before an earlier round: later ones count for the current round."""
    return max((r.last_report_id or 0 for r in rounds[:-1]), default=0)


def _link_expiries(session: Session, forwarding_ids: set[int], now: datetime) -> dict[int, datetime]:
    """When the newest working link of each forwarding expires (one query for all, so pages stay flat)."""
    tokens = session.exec(select(ForwardingToken).where(col(ForwardingToken.forwarding_id).in_(forwarding_ids),
                                                        col(ForwardingToken.revoked_at).is_(None))
                          .order_by(col(ForwardingToken.id))).all()
    return {t.forwarding_id: t.expires_at for t in tokens if t.expires_at > now}


# One forwarding as a secretariat reads it: the recommendation, the body, the contact person, the reports, the
# current review round and whether a report is missing or overdue. The CSV export's columns are these fields.
class ForwardingRow(ReadModel):
    forwarding_id: int
    recommendation_id: int
    recommendation_number: str | None
    recommendation_title: str
    recommendation_state: str
    body_id: int
    body: str
    body_kind: str
    body_email: str
    status: str
    forwarded_at: datetime
    acknowledged_at: datetime | None
    contact_name: str
    contact_email: str
    contact_phone: str
    reports: int
    latest_status: str | None
    latest_report_date: date | None
    suggested_body: str
    referred_by: str
    review_round: int | None
    review_meeting_id: int | None
    review_meeting: str
    review_meeting_at: datetime | None
    report_due_at: datetime | None
    report_missing: bool
    overdue: bool
    link_valid_until: datetime | None


def is_overdue(report_missing: bool, due: datetime | None, now: datetime) -> bool:
    """Whether a missing report is overdue at ``now`` (the move preview asks the same of a meeting's new date)."""
    return report_missing and due is not None and now > due


def forwarding_rows(session: Session, now: datetime, forwardings: Sequence[Forwarding]) -> list[ForwardingRow]:
    """One row of facts per forwarding, as a secretariat reads them (contact person included)."""
    now = require_aware(now)
    rec_ids = {f.recommendation_id for f in forwardings}
    recs = {r.id: r for r in session.exec(select(Recommendation).where(col(Recommendation.id).in_(rec_ids))).all()}
    # Only the bodies shown, and in the same query the bodies that referred them by their forwarding (which need
    # not be among these): a page of ten rows reads ten bodies, not the directory.
    referring = sa.and_(col(Forwarding.organisation_id) == Organisation.id,
                        col(Forwarding.id).in_({f.referred_by_id for f in forwardings if f.referred_by_id}))
    orgs: dict[int | None, Organisation] = {}
    referrers: dict[int | None, int] = {}
    shown = col(Organisation.id).in_({f.organisation_id for f in forwardings})
    for org, referring_id in session.exec(select(Organisation, Forwarding.id).outerjoin(Forwarding, referring)
                                          .where(shown | col(Forwarding.id).isnot(None))):
        orgs[org.id] = org
        if referring_id is not None:
            referrers[referring_id] = org.id or 0
    all_rounds = _all_rounds(session, rec_ids)
    rounds = {rec_id: rs[-1] for rec_id, rs in all_rounds.items()}
    baseline = {rec_id: _reviewed_up_to(rs) for rec_id, rs in all_rounds.items()}
    meetings = {m.id: m for m in session.exec(select(Meeting).where(
        col(Meeting.id).in_({r.meeting_id for r in rounds.values()}))).all()}
    by_forwarding: dict[int, list[ImplementationReport]] = {}
    for report in reports_of(session, [f.id or 0 for f in forwardings]):
        by_forwarding.setdefault(report.forwarding_id, []).append(report)
    link_expiries = _link_expiries(session, {f.id or 0 for f in forwardings}, now)
    rows = []
    for f in forwardings:
        rec, body, rnd = recs[f.recommendation_id], orgs[f.organisation_id], rounds.get(f.recommendation_id)
        meeting = meetings.get(rnd.meeting_id) if rnd else None
        reports = by_forwarding.get(f.id or 0, [])
        latest = reports[-1] if reports else None
        due = report_due_at(meeting) if meeting else None
        in_round = any((r.id or 0) > baseline.get(f.recommendation_id, 0) for r in reports)
        expected = (rec.state in AWAITING_STATES and rnd is not None and rnd.concluded_at is None
                    and not (latest and latest.status == ReportStatus.NOT_RESPONSIBLE))
        referrer = orgs.get(referrers.get(f.referred_by_id, 0)) if f.referred_by_id else None
        rows.append(ForwardingRow(
            forwarding_id=f.id or 0, recommendation_id=rec.id or 0, recommendation_number=rec.number,
            recommendation_title=rec.title, recommendation_state=rec.state,
            body_id=body.id or 0, body=body.name, body_kind=body.kind.value, body_email=body.email or "",
            status=f.state, forwarded_at=f.forwarded_at, acknowledged_at=f.acknowledged_at,
            contact_name=f.contact_name, contact_email=f.contact_email, contact_phone=f.contact_phone,
            reports=len(reports), latest_status=latest.status.value if latest else None,
            latest_report_date=latest.report_date if latest else None,
            suggested_body=latest.suggested_body if latest else "",
            referred_by=referrer.name if referrer else "",
            review_round=rnd.number if rnd else None, review_meeting_id=meeting.id if meeting else None,
            review_meeting=meeting.title if meeting else "", review_meeting_at=meeting.starts_at if meeting
            else None, report_due_at=due, report_missing=expected and not in_round,
            overdue=is_overdue(expected and not in_round, due, now),
            link_valid_until=link_expiries.get(f.id or 0),
        ))
    return rows


def recommendation_overview(session: Session, ref: str | int, now: datetime) -> dict[str, Any]:
    """One recommendation: its review rounds and each body's acknowledgement, reports and latest status."""
    rec = find_recommendation(session, ref)
    rows = forwarding_rows(session, now, forwardings_of(session, rec.id))
    rounds = session.exec(select(ReviewRound).where(ReviewRound.recommendation_id == rec.id)
                          .order_by(col(ReviewRound.number))).all()
    return {
        "id": rec.id, "number": rec.number, "title": rec.title, "state": rec.state,
        "review_rounds": [{"number": r.number, "meeting_id": r.meeting_id, "opened_at": r.opened_at,
                           "started_at": r.started_at, "concluded_at": r.concluded_at,
                           "outcome": r.outcome.value if r.outcome else None, "note": r.note} for r in rounds],
        "bodies": len(rows), "acknowledged": sum(1 for r in rows if r.acknowledged_at),
        "reported": sum(1 for r in rows if r.reports), "overdue": [r.body for r in rows if r.overdue],
        "forwardings": rows,
    }


def body_overview(session: Session, body_ref: str | int, now: datetime) -> dict[str, Any]:
    """One body: every recommendation forwarded to it and where it stands with each."""
    body = find_organisation(session, body_ref)
    rows = forwarding_rows(session, now, forwardings_of(session, organisation_id=body.id))
    return {"id": body.id, "name": body.name, "kind": body.kind.value, "forwardings": rows,
            "acknowledged": sum(1 for r in rows if r.acknowledged_at),
            "reported": sum(1 for r in rows if r.reports), "overdue": sum(1 for r in rows if r.overdue)}


def network_totals(session: Session, now: datetime) -> dict[str, Any]:
    """The whole network: recommendations per state, and what became of the forwarded ones."""
    counts = dict(session.exec(select(Recommendation.state, func.count()).group_by(col(Recommendation.state))).all())
    by_state = {s.value: int(counts.get(s.value, 0)) for s in R}
    rows = forwarding_rows(session, now, forwardings_of(session))
    forwarded = sum(by_state[s.value] for s in FORWARDED_STATES)
    return {
        "recommendations": sum(by_state.values()), "by_state": by_state, "adopted": sum(
            by_state[s.value] for s in ADOPTED_STATES), "forwarded": forwarded,
        "implemented": by_state[R.IMPLEMENTED.value], "partially_implemented": by_state[R.PARTIALLY_IMPLEMENTED.value],
        "not_implemented": by_state[R.NOT_IMPLEMENTED.value],
        "forwardings": len(rows), "acknowledged": sum(1 for r in rows if r.acknowledged_at),
        "reported": sum(1 for r in rows if r.reports), "overdue": sum(1 for r in rows if r.overdue),
    }


def public_summary(session: Session) -> list[dict[str, Any]]:
    """Adopted recommendations and their implementation status: institutions only, no person, no contact."""
    recs = session.exec(select(Recommendation).where(col(Recommendation.state).in_([s.value for s in ADOPTED_STATES]))
                        .order_by(col(Recommendation.number))).all()
    orgs = {o.id: o for o in session.exec(select(Organisation)).all()}
    all_forwardings = forwardings_of(session)
    latest: dict[int, ImplementationReport] = {}
    for report in reports_of(session, [f.id or 0 for f in all_forwardings]):
        latest[report.forwarding_id] = report
    rounds = _rounds(session, {r.id or 0 for r in recs})
    result = []
    for rec in recs:
        mine = [f for f in all_forwardings if f.recommendation_id == rec.id]
        rnd = rounds.get(rec.id or 0)
        result.append({
            "number": rec.number, "title": rec.title, "text": rec.text, "state": rec.state,
            "review_outcome": rnd.outcome.value if rnd and rnd.outcome else None,
            "bodies": [{"name": orgs[f.organisation_id].name, "kind": orgs[f.organisation_id].kind.value,
                        "acknowledged": f.acknowledged_at is not None,
                        "status": latest[f.id].status.value if f.id in latest else None} for f in mine],
        })
    return result


def recommendation_story(session: Session, ref: str | int) -> list[dict[str, Any]]:
    """Every transition of a recommendation and of its forwardings, in the order they happened."""
    rec = find_recommendation(session, ref)
    assert rec.id is not None
    entries = [(r, "recommendation") for r in history_of(session, RECOMMENDATION_WORKFLOW.subject_kind, rec.id)]
    orgs = {o.id: o.name for o in session.exec(select(Organisation)).all()}
    for f in forwardings_of(session, rec.id):
        entries.extend((r, orgs[f.organisation_id]) for r in history_of(session, FORWARDING_WORKFLOW.subject_kind,
                                                                         f.id or 0))
    entries.sort(key=lambda e: (e[0].occurred_at, e[0].id or 0))
    people = {p.id: p.name for p in session.exec(select(Person).where(
        col(Person.id).in_({r.actor_id for r, _ in entries if r.actor_id is not None}))).all()}
    return [{"at": r.occurred_at, "subject": subject, "event": r.event, "from": r.from_state, "to": r.to_state,
             "actor": people.get(r.actor_id) if r.actor_id is not None else None, "comment": r.comment,
             "meeting_id": r.meeting_id} for r, subject in entries]
