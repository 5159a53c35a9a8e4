"""Exports for the secretariat: every forwarding as a spreadsheet (CSV for Excel, or .xlsx), a JSON document with
the network's figures, each recommendation's review rounds and forwardings; and the public summary as JSON.

The spreadsheet's words (column headers, state labels, yes/no) come from the channel that asks for it
(``ExportWords``): the pages and the command line pass the same catalogs the pages use, so a German office reads
"Stand der Weiterleitung: Eingang bestätigt", not ``status: acknowledged``.
"""

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from pydantic import BaseModel
from sqlmodel import Session, col, select

from config import get_settings
from models.base import json_value
from models.forwarding import Forwarding
from workflow.engine.clock import require_aware
from workflow.forwarding.accountability import forwarding_rows, network_totals, public_summary, recommendation_overview
from workflow.forwarding.forwardings import forwardings_of


@dataclass(frozen=True)
class ExportColumn:
    """One column of the spreadsheet: the row's key, what its cells hold and how wide it is (in characters)."""

    key: str
    kind: str = "text"  # text, number, day, instant, flag or label (a stored value worded by ``ExportWords``)
    width: int = 14


# The columns, in order: what a secretariat needs to chase reports and to account for the network.
EXPORT_COLUMNS = (
    ExportColumn("recommendation_number", width=12), ExportColumn("recommendation_title", width=48),
    ExportColumn("recommendation_state", "label", 22), ExportColumn("body", width=36),
    ExportColumn("body_kind", "label", 24), ExportColumn("body_email", width=30),
    ExportColumn("forwarding_id", "number", 12), ExportColumn("status", "label", 22),
    ExportColumn("forwarded_at", "instant", 17), ExportColumn("acknowledged_at", "instant", 17),
    ExportColumn("contact_name", width=24), ExportColumn("contact_email", width=30),
    ExportColumn("contact_phone", width=18), ExportColumn("reports", "number", 10),
    ExportColumn("latest_status", "label", 24), ExportColumn("latest_report_date", "day", 14),
    ExportColumn("suggested_body", width=30), ExportColumn("referred_by", width=30),
    ExportColumn("review_round", "number", 10), ExportColumn("review_meeting", width=30),
    ExportColumn("review_meeting_at", "instant", 17), ExportColumn("report_due_at", "day", 14),
    ExportColumn("report_missing", "flag", 10), ExportColumn("overdue", "flag", 10),
    ExportColumn("link_valid_until", "instant", 17),
)
CSV_COLUMNS = tuple(c.key for c in EXPORT_COLUMNS)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):  # a read model (a forwarding's row): its fields by their JSON names
        return value.model_dump(by_alias=True)
    return json_value(value)


@dataclass(frozen=True)
class ExportWords:
    """How one language writes the spreadsheet: headers and value labels by column key, yes and no, the CSV
    separator and the date formats (days and instants, the latter in the network's local time)."""

    headers: Mapping[str, str]
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    yes: str = "ja"
    no: str = "nein"
    delimiter: str = ";"
    day_format: str = "%d.%m.%Y"
    instant_format: str = "%d.%m.%Y %H:%M"
    # Spreadsheet number formats for the same (Excel's codes; they show as the reader's locale writes them).
    xlsx_day_format: str = "DD.MM.YYYY"
    xlsx_instant_format: str = "DD.MM.YYYY HH:MM"
    sheet_title: str = "Weiterleitungen"


def _local(value: datetime) -> datetime:
    return require_aware(value).astimezone(get_settings().tz)


def _typed(column: ExportColumn, value: Any, words: ExportWords) -> Any:
    """A cell as a spreadsheet holds it: a number, a day, a local wall-clock time (no zone) or text."""
    if value is None or value == "":
        return None
    if column.kind == "flag":
        return words.yes if value else words.no
    if column.kind == "label":
        raw = str(json_value(value))
        return words.labels.get(column.key, {}).get(raw, raw)
    if column.kind == "instant" and isinstance(value, datetime):
        return _local(value).replace(tzinfo=None)
    if column.kind == "day" and isinstance(value, datetime):
        return _local(value).date()
    return value


def export_table(session: Session, now: datetime, words: ExportWords) -> tuple[list[str], list[list[Any]]]:
    """The header and one row per forwarding, with typed cells (numbers, days, local times, worded labels)."""
    rows = forwarding_rows(session, require_aware(now), forwardings_of(session))
    header = [words.headers.get(c.key, c.key) for c in EXPORT_COLUMNS]
    return header, [[_typed(c, getattr(row, c.key), words) for c in EXPORT_COLUMNS] for row in rows]


def _text(value: Any, words: ExportWords) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(words.instant_format)
    if isinstance(value, date):
        return value.strftime(words.day_format)
    return str(value)


def export_csv(session: Session, now: datetime, words: ExportWords) -> str:
    """Every forwarding as a CSV row in the words' separator and date formats, header first, with a byte order
    mark so that Excel reads it as UTF-8 (encode the text as UTF-8 as it is)."""
    header, rows = export_table(session, now, words)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=words.delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_text(cell, words) for cell in row] for row in rows)
    return buffer.getvalue()


def export_xlsx(session: Session, now: datetime, words: ExportWords) -> bytes:
    """Every forwarding as an Excel workbook: a bold, frozen header row with a filter, sized columns, and days
    and times as real date cells."""
    header, rows = export_table(session, now, words)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = words.sheet_title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, column in enumerate(EXPORT_COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(column.width, min(len(header[index - 1]) + 2, 40))
        number_format = {"day": words.xlsx_day_format, "instant": words.xlsx_instant_format}.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
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
