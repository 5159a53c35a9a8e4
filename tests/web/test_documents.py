"""A recommendation and a meeting's minutes as accessible PDFs: they read in German (number, title, tally, umlauts),
say their language, are tagged (headings, tables with header cells) and claim PDF/UA, or PDF/A for the archive; only
who may see the page gets the PDF, and the body's page offers it. Each PDF is rendered once for the module."""

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from bootstrap import all_reactions
from cli import main
from models.db import Database
from models.strategy import Choice
from tests.conftest import NOW
from tests.support.factories import build_world
from tests.support.meeting_web import during, meeting_vote, seated, with_quorum
from tests.support.web import Clock, browsers, client_for, give_passwords, settings_for
from workflow.engine.reactions import installed_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation
from workflow.network.api_tokens import issue_api_token
from workflow.strategy_group.votes import close_vote

TITLE = "Sprachförderung für ältere Zugewanderte in Baden-Württemberg"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[dict[str, Any]]:
    """An adopted, forwarded recommendation, another group's draft, and every answer the tests read."""
    path = tmp_path_factory.mktemp("documents") / "recoflow.db"
    shutil.copy(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    with installed_for(all_reactions()):
        world = build_world(database, NOW)
        give_passwords(world)
        holders = seated(world)
        vote, rec = meeting_vote(world, title=TITLE)
        with_quorum(world, vote, holders, Choice.YES)
        with unit_of_work(world.db) as s:
            close_vote(s, vote.id or 0, actor=world.chair, now=during(world))
        with unit_of_work(world.db) as s:
            links = forward_recommendation(s, rec.id or 0, [], world.secretariat, during(world))
            api_token = issue_api_token(s, world.secretariat, "pdf", during(world))
        rec = world.reload(rec)
        draft = world.recommendation(group=world.other_group, title="Entwurf der anderen Gruppe")
        clock = Clock(during(world))
        answers: dict[str, Any] = {"url": database.url, "world": world, "rec": rec, "draft": draft,
                                   "token": links[0].token}
        with browsers(world, clock, cast=("secretariat", "lead")) as signed_in:
            office = signed_in["secretariat"].client
            answers["page"] = office.get(f"/recommendations/{rec.id}").text
            answers["minutes_page"] = office.get(f"/meetings/{world.meeting.id}/minutes").text
            answers["pdf"] = office.get(f"/recommendations/{rec.number}/document.pdf")
            answers["archive"] = office.get(f"/recommendations/{rec.id}/document.pdf?variant=archiv")
            answers["minutes"] = office.get(f"/meetings/{world.meeting.id}/minutes.pdf")
            lead = signed_in["lead"].client
            answers["draft_for_lead"] = lead.get(f"/recommendations/{draft.id}/document.pdf")
            answers["draft_for_office"] = office.get(f"/recommendations/{draft.id}/document.pdf")
        with client_for(world, clock) as anonymous:
            answers["anonymous"] = anonymous.get(f"/recommendations/{rec.id}/document.pdf")
            answers["public"] = anonymous.get(f"/oeffentlich/empfehlungen/{rec.number}/dokument.pdf?lang=en")
            answers["public_page"] = anonymous.get(f"/oeffentlich/empfehlungen/{rec.number}").text
            answers["public_draft"] = anonymous.get(f"/oeffentlich/empfehlungen/{draft.id}/dokument.pdf")
            answers["body_page"] = anonymous.get(f"/stelle/{links[0].token}").text
            answers["body_pdf"] = anonymous.get(f"/stelle/{links[0].token}/document.pdf")
            answers["wrong_link"] = anonymous.get("/stelle/not-a-valid-token-at-all/document.pdf")
            bearer = {"Authorization": f"Bearer {api_token}"}
            answers["api"] = anonymous.get(f"/api/v1/recommendations/{rec.number}", headers=bearer).json()
            answers["api_pdf"] = anonymous.get(answers["api"]["pdf"], headers=bearer)
    yield answers
    database.dispose()


def _reader(response: httpx.Response) -> PdfReader:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _xmp(reader: PdfReader) -> str:
    metadata = reader.trailer["/Root"]["/Metadata"].get_object()
    return str(metadata.get_data().decode("utf-8"))


def _structure(node: Any) -> list[str]:
    """The structure types of the tagged tree below ``node``, in reading order."""
    node = node.get_object()
    kids = node.get("/K")
    kids = [] if kids is None else kids if isinstance(kids, list) else [kids]
    found = [str(node["/S"])] if "/S" in node else []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "keys") and ("/S" in kid or "/K" in kid):
            found += _structure(kid)
    return found


def _assert_tagged_in_german(reader: PdfReader) -> list[str]:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert bool(root["/MarkInfo"]["/Marked"]) and bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    return _structure(root["/StructTreeRoot"])


def test_a_recommendations_pdf_reads_in_german_with_its_number_title_decision_and_bodies(
        documents: dict[str, Any]) -> None:
    rec, world = documents["rec"], documents["world"]
    response = documents["pdf"]
    text = _text(_reader(response))
    assert response.headers["content-disposition"] == f'inline; filename="{rec.number}.pdf"'
    assert response.headers["x-content-type-options"] == "nosniff"
    assert f"{rec.number}: {TITLE}" in text
    assert "Handlungsempfehlung der Strategiegruppe" in text and "Begründung" in text
    assert "angenommen" in text and "Ja: 7, Nein: 0, Enthaltungen: 0" in text
    assert "Weiterleitung an die zuständigen Stellen" in text and "Stand des Verfahrens" in text
    assert world.meeting.title in text and text.startswith(settings_for(world).network_name)
    assert world.chair.name in text  # the history names who acted: this reader sees the page's history too
    assert (_reader(response).metadata.title or "").startswith(f"{rec.number}: {TITLE} – ")


def test_the_pdf_is_tagged_in_german_with_headings_and_table_headers_and_claims_pdf_ua(
        documents: dict[str, Any]) -> None:
    reader = _reader(documents["pdf"])
    structure = _assert_tagged_in_german(reader)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L"} <= set(structure)
    assert re.search(r'pdfuaid:part(="|>)1', _xmp(reader))


def test_the_archive_variant_claims_pdf_a_and_stays_tagged(documents: dict[str, Any]) -> None:
    reader = _reader(documents["archive"])
    xmp = _xmp(reader)
    assert re.search(r'pdfaid:part(="|>)2', xmp) and re.search(r'pdfaid:conformance(="|>)A', xmp)
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert "/Table" in _assert_tagged_in_german(reader)
    assert TITLE in _text(reader)


def test_the_minutes_pdf_holds_the_attendance_decisions_and_named_ballots(documents: dict[str, Any]) -> None:
    world, rec = documents["world"], documents["rec"]
    response = documents["minutes"]
    reader = _reader(response)
    text = _text(reader)
    assert response.headers["content-disposition"] == f'inline; filename="protokoll-sitzung-{world.meeting.id}.pdf"'
    assert f"Protokoll: {world.meeting.title}" in text
    assert "Anwesenheit" in text and "anwesend" in text and "Beschlüsse" in text
    assert f"{rec.number} Sprachförderung für ältere" in text and "Ja: 7, Nein: 0, Enthaltungen: 0" in text
    assert f"MIN-1 {world.chair.name} Ja" in text  # a named ballot
    assert {"/H1", "/Table", "/TH"} <= set(_assert_tagged_in_german(reader))
    assert re.search(r'pdfuaid:part(="|>)1', _xmp(reader))


def test_the_pages_offer_their_pdfs(documents: dict[str, Any]) -> None:
    rec, world = documents["rec"], documents["world"]
    assert f'<a href="/recommendations/{rec.id}/document.pdf" type="application/pdf">Die Handlungsempfehlung als PDF' \
        in documents["page"]
    assert f'href="/recommendations/{rec.id}/document.pdf?variant=archiv"' in documents["page"]
    assert f'href="/meetings/{world.meeting.id}/minutes.pdf"' in documents["minutes_page"]
    assert f'href="/oeffentlich/empfehlungen/{rec.number}/dokument.pdf"' in documents["public_page"]
    assert f'href="/stelle/{documents["token"]}/document.pdf"' in documents["body_page"]


def test_the_body_gets_the_pdf_behind_its_link_without_naming_any_person(documents: dict[str, Any]) -> None:
    world = documents["world"]
    response = documents["body_pdf"]
    text = _text(_reader(response))
    assert TITLE in text and "Begründung" in text and "Ja: 7, Nein: 0, Enthaltungen: 0" in text
    for person in (world.chair, world.secretariat, world.lead):
        assert person.name not in text
    assert response.headers["cache-control"] == "no-store" and response.headers["referrer-policy"] == "no-referrer"
    assert documents["wrong_link"].status_code == 404


def test_the_public_pdf_of_an_adopted_recommendation_reads_in_english_on_request(documents: dict[str, Any]) -> None:
    text = _text(_reader(documents["public"]))
    assert TITLE in text and "Recommendation of the strategy group" in text and "adopted" in text
    assert "Begründung" not in text and "Rationale" not in text  # as on the public page
    assert documents["world"].chair.name not in text
    assert documents["public_draft"].status_code == 404


def test_only_who_may_see_the_recommendation_gets_its_pdf(documents: dict[str, Any]) -> None:
    assert documents["draft_for_lead"].status_code in (403, 404)  # another group's draft
    assert documents["draft_for_office"].status_code == 200
    assert documents["anonymous"].status_code in (303, 401, 403)
    assert not documents["anonymous"].content.startswith(b"%PDF")


def test_the_api_answer_links_the_pdf_that_the_token_opens(documents: dict[str, Any]) -> None:
    rec = documents["rec"]
    assert documents["api"]["pdf"] == f"/api/v1/recommendations/{rec.number}/document.pdf"
    assert TITLE in _text(_reader(documents["api_pdf"]))


def test_the_command_line_writes_the_minutes_as_pdf_a(documents: dict[str, Any], tmp_path: Path) -> None:
    world = documents["world"]
    target = tmp_path / "protokoll.pdf"
    result = CliRunner(env={"RECOFLOW_DATABASE_URL": documents["url"]}).invoke(
        main, ["export", "pdf", "--minutes", str(world.meeting.id), "--variant", "archiv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(target)
    assert re.search(r'pdfaid:part(="|>)2', _xmp(reader)) and f"Protokoll: {world.meeting.title}" in _text(reader)
