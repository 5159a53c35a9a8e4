"""Read models of the pages after the vote: the forwarding and review panel of one recommendation, and the
accountability overview per body and per recommendation. Who may read what is decided here as well."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TypeVar

from pydantic import SkipValidation
from sqlmodel import Session

from models.enums import Role
from models.forwarding import ImplementationReport, ReportStatus
from models.meeting import Meeting
from models.people import Person
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import NotPermitted
from workflow.engine.read_model import ReadModel
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.accountability import (
    ADOPTED_STATES,
    PERSONAL_FIELDS,
    ForwardingRow,
    forwarding_rows,
    network_totals,
    recommendation_overview,
)
from workflow.forwarding.forwardings import ONWARD_STATES, forwardings_of
from workflow.forwarding.refusals import ForwardingRefusal
from workflow.forwarding.reports import reports_of
from workflow.forwarding.review import CONCLUSIONS
from workflow.queries.browsing import Standing, organisations, upcoming_meetings
from workflow.queries.recommendation_views import PossibleEvent, RecommendationDetail

# Events with a form of their own in the panel (the forwarding and review services), not the generic event form.
DEDICATED_EVENTS = frozenset(e for e in RECOMMENDATION_WORKFLOW.events if RECOMMENDATION_WORKFLOW.facts(e).own_form)
# Who reads the accountability overview and its exports (they hold the bodies' contact persons).
OVERVIEW_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR})
# Who manages forwardings, links and letters (the services check it again on every change).
MANAGING_ROLES = frozenset({Role.SECRETARIAT})


def may_read_overview(standing: Standing) -> bool:
    """Whether the person may read the accountability overview and download the exports."""
    return bool(standing.roles & OVERVIEW_ROLES)


def require_overview_reader(person: Person, standing: Standing) -> None:
    """Refuse anyone but the secretariat and the chair."""
    if not may_read_overview(standing):
        raise NotPermitted(ForwardingRefusal.OVERVIEW_READERS_ONLY, name=person.name, email=person.email)


# The network's totals as the overview shows them (the export's figures).
class NetworkTotals(ReadModel):
    recommendations: int
    by_state: dict[str, int]
    adopted: int
    forwarded: int
    implemented: int
    partially_implemented: int
    not_implemented: int
    forwardings: int
    acknowledged: int
    reported: int
    overdue: int


# A body's report in the panel's timeline.
class PanelReport(ReadModel):
    id: int
    status: str
    text: str
    report_date: date
    filed_at: datetime
    by_letter: bool
    suggested_body: str
    suggested_organisation_id: int | None


# A review round of the recommendation.
class ReviewRoundLine(ReadModel):
    number: int
    meeting_id: int | None
    opened_at: datetime
    started_at: datetime | None
    concluded_at: datetime | None
    outcome: str | None
    note: str


# A body the secretariat can forward to.
class BodyChoice(ReadModel):
    id: int
    name: str


# How many bodies the recommendation went to, confirmed receipt and reported; the bodies overdue by name.
class PanelSummary(ReadModel):
    bodies: int
    acknowledged: int
    reported: int
    overdue: list[str]


# The forwarding and review panel of one recommendation. ``forwardings`` carry the contact persons only for the
# secretariat; ``onward`` holds, per forwarding, the "not responsible" report naming a body not yet sent to.
class RecommendationPanel(ReadModel):
    manage: bool
    events: dict[str, PossibleEvent]
    forwardings: list[ForwardingRow]
    timelines: dict[int, list[PanelReport]]
    onward: dict[int, PanelReport]
    rounds: list[ReviewRoundLine]
    review_meeting: SkipValidation[Meeting | None]
    organisations: list[BodyChoice]
    unsent_ids: set[int]
    meetings: list[SkipValidation[Meeting]]
    preset_ids: set[int]
    outcomes: list[str]
    statuses: list[str]
    may_forward: bool
    may_forward_more: bool
    # The secretariat always has something to do here (forward, links, letters); others only review events.
    has_actions: bool
    summary: PanelSummary | None


def _without_contacts(rows: Iterable[ForwardingRow]) -> list[ForwardingRow]:
    return [row.model_copy(update=dict.fromkeys(PERSONAL_FIELDS, "")) for row in rows]


def _report(report: ImplementationReport) -> PanelReport:
    return PanelReport(id=report.id or 0, status=report.status.value, text=report.text,
                       report_date=report.report_date, filed_at=report.filed_at,
                       by_letter=report.filed_by_id is not None, suggested_body=report.suggested_body,
                       suggested_organisation_id=report.suggested_organisation_id)


def _onward(rows: Sequence[ForwardingRow], timelines: dict[int, list[PanelReport]]) -> dict[int, PanelReport]:
    """Per forwarding: its latest "not responsible" report naming a registered body not yet sent to."""
    sent = {row.body_id for row in rows}
    onward = {}
    for row in rows:
        reports = timelines.get(row.forwarding_id, [])
        latest = reports[-1] if reports else None
        if (latest and latest.status == ReportStatus.NOT_RESPONSIBLE.value
                and latest.suggested_organisation_id is not None
                and latest.suggested_organisation_id not in sent):
            onward[row.forwarding_id] = latest
    return onward


def recommendation_panel(session: Session, rec: RecommendationDetail, standing: Standing,
                         now: datetime) -> RecommendationPanel | None:
    """Forwardings, reports and review of one recommendation as its page shows them; None before adoption.

    ``rec`` is ``workflow.queries.recommendation_views.recommendation_detail`` with the viewer's possible events."""
    state = rec.state
    if state not in ADOPTED_STATES:
        return None
    manage = bool(standing.roles & MANAGING_ROLES)
    events = {e.event: e for e in rec.possible_events or [] if e.event in DEDICATED_EVENTS}
    bodies = [BodyChoice(id=o.id or 0, name=o.name) for o in organisations(session)] if manage else []
    facts = dict(
        manage=manage, events=events, organisations=bodies, preset_ids={a.id for a in rec.addressees},
        outcomes=[o.value for o in CONCLUSIONS], statuses=[s.value for s in ReportStatus],
        may_forward=manage and state == R.ADOPTED, may_forward_more=manage and state in ONWARD_STATES,
        has_actions=manage or bool(events),
        meetings=upcoming_meetings(session, now)
        if events.keys() & {"start_review", "follow_up"} or (manage and state == R.FORWARDED) else [],
    )
    if state == R.ADOPTED:
        return RecommendationPanel.model_validate({
            **facts, "forwardings": [], "timelines": {}, "onward": {}, "rounds": [], "review_meeting": None,
            "unsent_ids": {o.id for o in bodies}, "summary": None})
    overview = recommendation_overview(session, rec.id, now)
    rows = overview["forwardings"] if manage else _without_contacts(overview["forwardings"])
    timelines: dict[int, list[PanelReport]] = {}
    for report in reports_of(session, [row.forwarding_id for row in rows]):
        timelines.setdefault(report.forwarding_id, []).append(_report(report))
    rounds = [ReviewRoundLine.model_validate(r) for r in overview["review_rounds"]]
    current = rounds[-1] if rounds else None
    meeting = session.get(Meeting, current.meeting_id) if current and current.meeting_id else None
    return RecommendationPanel.model_validate({
        **facts, "forwardings": rows, "timelines": timelines, "rounds": rounds, "review_meeting": meeting,
        "onward": _onward(rows, timelines) if manage and state in ONWARD_STATES else {},
        "unsent_ids": {o.id for o in bodies} - {row.body_id for row in rows},
        "summary": PanelSummary.model_validate({key: overview[key]
                                                for key in ("bodies", "acknowledged", "reported", "overdue")}),
    })


# The forwardings of one recommendation, or to one body, with how many confirmed receipt, reported, are overdue.
class ForwardingGroup(ReadModel):
    forwardings: list[ForwardingRow]
    acknowledged: int
    reported: int
    overdue: int


G = TypeVar("G", bound=ForwardingGroup)


# The forwardings of one recommendation.
class RecommendationForwardings(ForwardingGroup):
    recommendation_id: int
    recommendation_number: str | None
    recommendation_title: str
    recommendation_state: str


# The forwardings to one body.
class BodyForwardings(ForwardingGroup):
    body_id: int
    body: str
    body_kind: str


# The overview: the network's totals, the forwardings per recommendation and per body, and the overdue ones.
class ForwardingsOverview(ReadModel):
    totals: NetworkTotals
    by_recommendation: list[RecommendationForwardings]
    by_body: list[BodyForwardings]
    overdue: list[ForwardingRow]


def _group(rows: Sequence[ForwardingRow], kind: type[G], key: str) -> list[G]:
    """The rows grouped by ``key`` in their order, each group with the fields ``kind`` names besides the counts."""
    grouped: dict[object, list[ForwardingRow]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    own = [f for f in kind.model_fields if f not in ForwardingGroup.model_fields]
    return [kind.model_validate({**{f: getattr(members[0], f) for f in own}, "forwardings": members,
                                 "acknowledged": sum(bool(r.acknowledged_at) for r in members),
                                 "reported": sum(bool(r.reports) for r in members),
                                 "overdue": sum(r.overdue for r in members)})
            for members in grouped.values()]


def forwardings_overview(session: Session, now: datetime) -> ForwardingsOverview:
    """Every forwarding grouped per recommendation and per body, with the network's totals."""
    rows = forwarding_rows(session, now, forwardings_of(session))
    return ForwardingsOverview(
        totals=NetworkTotals.model_validate(network_totals(session, now)),
        by_recommendation=_group(rows, RecommendationForwardings, "recommendation_id"),
        by_body=sorted(_group(rows, BodyForwardings, "body_id"), key=lambda g: g.body.lower()),
        overdue=[row for row in rows if row.overdue],
    )
