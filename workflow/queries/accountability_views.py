"""Read models of the pages after the vote: the forwarding and review panel of one recommendation, and the
accountability overview per body and per recommendation. Who may read what is decided here as well."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session

from models.enums import Role
from models.forwarding import ImplementationReport, ReportStatus
from models.meeting import Meeting
from models.people import Person
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.errors import NotPermitted
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.accountability import (
    ADOPTED_STATES,
    PERSONAL_FIELDS,
    forwarding_rows,
    network_totals,
    recommendation_overview,
)
from workflow.forwarding.forwardings import ONWARD_STATES, forwardings_of
from workflow.forwarding.refusals import ForwardingRefusal
from workflow.forwarding.reports import reports_of
from workflow.forwarding.review import CONCLUSIONS
from workflow.queries.browsing import Standing, organisations, upcoming_meetings
from workflow.queries.recommendation_views import RecommendationDetail

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


def _without_contacts(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, **dict.fromkeys(PERSONAL_FIELDS, "")} for row in rows]


def _report(report: ImplementationReport) -> dict[str, Any]:
    return {"id": report.id, "status": report.status.value, "text": report.text, "report_date": report.report_date,
            "filed_at": report.filed_at, "by_letter": report.filed_by_id is not None,
            "suggested_body": report.suggested_body, "suggested_organisation_id": report.suggested_organisation_id}


def _onward(rows: Sequence[dict[str, Any]], timelines: dict[int, list[dict[str, Any]]]) -> dict[int, dict[str, Any]]:
    """Per forwarding: its latest "not responsible" report naming a registered body not yet sent to."""
    sent = {row["body_id"] for row in rows}
    onward = {}
    for row in rows:
        reports = timelines.get(row["forwarding_id"], [])
        latest = reports[-1] if reports else None
        if (latest and latest["status"] == ReportStatus.NOT_RESPONSIBLE.value
                and latest["suggested_organisation_id"] is not None
                and latest["suggested_organisation_id"] not in sent):
            onward[row["forwarding_id"]] = latest
    return onward


def recommendation_panel(session: Session, rec: RecommendationDetail, standing: Standing,
                         now: datetime) -> dict[str, Any] | None:
    """Forwardings, reports and review of one recommendation as its page shows them; None before adoption.

    ``rec`` is ``workflow.queries.recommendation_views.recommendation_detail`` with the viewer's possible events."""
    state = rec.state
    if state not in ADOPTED_STATES:
        return None
    manage = bool(standing.roles & MANAGING_ROLES)
    events = {e.event: e for e in rec.possible_events or [] if e.event in DEDICATED_EVENTS}
    panel: dict[str, Any] = {
        "manage": manage, "events": events, "forwardings": [], "timelines": {}, "onward": {}, "rounds": [],
        "review_meeting": None, "organisations": [], "unsent_ids": set(), "meetings": [],
        "preset_ids": {a.id for a in rec.addressees}, "outcomes": [o.value for o in CONCLUSIONS],
        "statuses": [s.value for s in ReportStatus], "may_forward": manage and state == R.ADOPTED,
        "may_forward_more": manage and state in ONWARD_STATES,
    }
    # The secretariat always has something to do here (forward, links, letters); others only review events.
    panel["has_actions"] = manage or bool(events)
    if manage:
        panel["organisations"] = [{"id": o.id, "name": o.name} for o in organisations(session)]
    if events.keys() & {"start_review", "follow_up"} or (manage and state == R.FORWARDED):
        panel["meetings"] = upcoming_meetings(session, now)
    if state == R.ADOPTED:
        panel["unsent_ids"] = {o["id"] for o in panel["organisations"]}
        return panel
    overview = recommendation_overview(session, rec.id, now)
    rows = overview["forwardings"] if manage else _without_contacts(overview["forwardings"])
    timelines: dict[int, list[dict[str, Any]]] = {}
    for report in reports_of(session, [row["forwarding_id"] for row in rows]):
        timelines.setdefault(report.forwarding_id, []).append(_report(report))
    rounds = overview["review_rounds"]
    current = rounds[-1] if rounds else None
    meeting = session.get(Meeting, current["meeting_id"]) if current and current["meeting_id"] else None
    panel.update(
        forwardings=rows, timelines=timelines, rounds=rounds, review_meeting=meeting,
        onward=_onward(rows, timelines) if manage and state in ONWARD_STATES else {},
        unsent_ids={o["id"] for o in panel["organisations"]} - {row["body_id"] for row in rows},
        summary={key: overview[key] for key in ("bodies", "acknowledged", "reported", "overdue")},
    )
    return panel


def _group(rows: Sequence[dict[str, Any]], key: str, fields: Sequence[str]) -> list[dict[str, Any]]:
    groups: dict[Any, dict[str, Any]] = {}
    for row in rows:
        group = groups.setdefault(row[key], {**{f: row[f] for f in fields}, "forwardings": [], "acknowledged": 0,
                                             "reported": 0, "overdue": 0})
        group["forwardings"].append(row)
        group["acknowledged"] += bool(row["acknowledged_at"])
        group["reported"] += bool(row["reports"])
        group["overdue"] += bool(row["overdue"])
    return list(groups.values())


def forwardings_overview(session: Session, now: datetime) -> dict[str, Any]:
    """Every forwarding grouped per recommendation and per body, with the network's totals."""
    rows = forwarding_rows(session, now, forwardings_of(session))
    by_body = sorted(_group(rows, "body_id", ("body_id", "body", "body_kind")), key=lambda g: g["body"].lower())
    return {
        "totals": network_totals(session, now),
        "by_recommendation": _group(rows, "recommendation_id", ("recommendation_id", "recommendation_number",
                                                               "recommendation_title", "recommendation_state")),
        "by_body": by_body,
        "overdue": [row for row in rows if row["overdue"]],
    }
