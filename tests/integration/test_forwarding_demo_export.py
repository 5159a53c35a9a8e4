"""The demo data after the vote, exported: the CSV opens, the JSON parses, the public summary names no person."""

import csv
import io
import json
from datetime import datetime

import pytest
from sqlmodel import func, select

from demo.data import load_demo
from demo.forwarding import TERMINVERGABE
from models.db import Database
from models.forwarding import Forwarding
from models.recommendation import Recommendation
from web.wording.export_labels import export_words
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.accountability import recommendation_story
from workflow.forwarding.export import CSV_COLUMNS, export_csv, export_json, export_public_json
from workflow.forwarding.review import review_agenda


@pytest.fixture
def demo(database: Database, now: datetime) -> Database:
    with unit_of_work(database) as session:
        load_demo(session, now)
    return database


def test_the_demo_export_opens_as_csv_with_one_row_per_forwarding(demo: Database, now: datetime) -> None:
    with demo.read() as s:
        text = export_csv(s, now, export_words("de"))
        forwardings = s.exec(select(func.count()).select_from(Forwarding)).one()
    reader = csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline=""), delimiter=";")
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == tuple(export_words("de").headers[key] for key in CSV_COLUMNS)
    assert len(rows) == forwardings >= 15
    for row in rows:
        assert row["Empfehlung Nr."].startswith("HE-") and row["Stelle"] and row["Stand der Weiterleitung"]
        datetime.strptime(row["Weitergeleitet am"], "%d.%m.%Y %H:%M")
    referral = [r for r in rows if r["Verwiesen von"]]
    assert [(r["Stelle"], r["Verwiesen von"]) for r in referral] == [("Gemeinde Weissach im Tal",
                                                                      "Gemeindetag Baden-Württemberg")]
    assert any(r["Ansprechperson"] for r in rows) and any(r["Bericht fehlt"] == "ja" for r in rows)


def test_the_demo_export_parses_as_json_with_figures_rounds_and_forwardings(demo: Database, now: datetime) -> None:
    with demo.read() as s:
        data = json.loads(export_json(s, now))
    network = data["network"]
    assert network["forwarded"] == 5 and network["implemented"] == 1 and network["partially_implemented"] == 1
    assert network["forwardings"] == sum(len(r["forwardings"]) for r in data["recommendations"])
    reviewed = [r for r in data["recommendations"] if r["state"] == "implemented"]
    assert reviewed and reviewed[0]["review_rounds"][0]["outcome"] == "implemented"
    first = data["recommendations"][0]["forwardings"][0]
    for key in ("body", "body_email", "status", "acknowledged_at", "latest_status", "report_due_at", "overdue"):
        assert key in first


def test_the_demo_public_summary_names_institutions_and_no_person(demo: Database, now: datetime) -> None:
    with demo.read() as s:
        text = export_public_json(s, now)
    assert "Gemeinde Weissach im Tal" in text
    for personal in ("@", "Henrike Albers", "Moritz Jansen", "Sabine Kästner", "contact"):
        assert personal not in text


def test_the_demo_reviews_saw_the_reports_filed_before_them(demo: Database, now: datetime) -> None:
    with demo.read() as s:
        rec = s.exec(select(Recommendation).where(Recommendation.title == TERMINVERGABE)).one()
        story = recommendation_story(s, rec.id or 0)
        meeting_id = next(e["meeting_id"] for e in story if e["event"] == "start_review")
        agenda = review_agenda(s, meeting_id)
    assert [e["at"] for e in story] == sorted(e["at"] for e in story)
    item = next(i for i in agenda if i["recommendation"]["id"] == rec.id)
    assert {r["status"] for r in item["reports"]} == {"not_responsible", "implemented", "partially_implemented",
                                                      "not_implemented"}
