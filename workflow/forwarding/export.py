"""Exports for the secretariat: one CSV row per forwarding, and a JSON document with the network's figures,
each recommendation's review rounds and forwardings; and the public summary as JSON."""

import csv
import io
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from models.base import json_value
from models.forwarding import Forwarding
from workflow.engine.clock import require_aware
from workflow.forwarding.accountability import forwarding_rows, network_totals, public_summary, recommendation_overview
from workflow.forwarding.forwardings import forwardings_of

# The CSV columns, in order: what a secretariat needs to chase reports and to account for the network.
CSV_COLUMNS = (
    "recommendation_number", "recommendation_title", "recommendation_state", "body", "body_kind", "body_email",
    "forwarding_id", "status", "forwarded_at", "acknowledged_at", "contact_name", "contact_email",
    "contact_phone", "reports", "latest_status", "latest_report_date", "suggested_body", "referred_by",
    "review_round", "review_meeting", "review_meeting_at", "report_due_at", "report_missing", "overdue",
    "link_valid_until",
)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):  # a read model (a forwarding's row): its fields by their JSON names
        return value.model_dump(by_alias=True)
    return json_value(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(json_value(value))


def export_csv(session: Session, now: datetime) -> str:
    """Every forwarding as a CSV row (comma-separated, UTF-8, header line first)."""
    rows = forwarding_rows(session, require_aware(now), forwardings_of(session))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(getattr(row, key)) for key in CSV_COLUMNS})
    return buffer.getvalue()


def export_data(session: Session, now: datetime) -> dict[str, Any]:
    """The network's figures and every forwarded recommendation with its rounds and forwardings."""
    now = require_aware(now)
    rec_ids = list(dict.fromkeys(session.exec(select(Forwarding.recommendation_id)
                                              .order_by(col(Forwarding.recommendation_id))).all()))
    return {
        "generated_at": now,
        "network": network_totals(session, now),
        "recommendations": [recommendation_overview(session, rec_id, now) for rec_id in rec_ids],
    }


def to_json(data: Any) -> str:
    """JSON text with ISO dates and umlauts kept."""
    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2)


def export_json(session: Session, now: datetime) -> str:
    """The secretariat's export as JSON text."""
    return to_json(export_data(session, now))


def export_public_json(session: Session, now: datetime) -> str:
    """The public summary as JSON text: adopted recommendations and their implementation, no personal data."""
    return to_json({"generated_at": require_aware(now), "recommendations": public_summary(session)})
