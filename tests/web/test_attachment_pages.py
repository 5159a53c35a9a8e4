"""Attachments on the pages and in the API: uploaded on the draft's edit page with the kinds and the limit stated
first, listed with their size as an office writes it, served as downloads with safe headers to whoever may see the
recommendation — the public once adopted, a body through its personal link — and refused otherwise."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import select

from models.attachment import Attachment
from models.recommendation import Recommendation
from tests.support.attachments import HTML, PDF, PNG
from tests.support.factories import World, build_world
from tests.support.web import Clock, TestClient, give_passwords, settings_for, sign_in
from web import create_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation
from workflow.network.api_tokens import issue_api_token


@pytest.fixture
def site(sqlite_database, now) -> World:
    world = build_world(sqlite_database, now)
    give_passwords(world)
    return world


@contextmanager
def browser(world: World, files: Path, limit: int = 10 * 1024 * 1024) -> Iterator[TestClient]:
    settings = settings_for(world).model_copy(update={"files_dir": str(files), "attachment_max_bytes": limit})
    app = create_app(settings, database=world.db, clock=Clock(world.now))
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield client


def _upload(client: TestClient, rec_id: int, name: str, data: bytes, token: str):
    return client.post(f"/recommendations/{rec_id}/attachments", data={"csrf_token": token},
                       files={"file": (name, data, "application/pdf")})


def _set_state(world: World, rec_id: int, state: str) -> None:
    """A test shortcut past the vote: the recommendation is put into ``state`` directly."""
    with unit_of_work(world.db) as session:
        rec = session.get(Recommendation, rec_id)
        assert rec is not None
        rec.state = state
        rec.number = rec.number or f"HE-2026-{rec.id:03d}"
        session.add(rec)


def test_a_member_uploads_on_the_edit_page_and_whoever_sees_the_draft_downloads_it(site: World,
                                                                                     tmp_path: Path) -> None:
    rec = site.recommendation()
    with browser(site, tmp_path / "files") as member, browser(site, tmp_path / "files") as other, \
            browser(site, tmp_path / "files") as anonymous:
        token = sign_in(member, site.wg_member)
        form = member.get(f"/recommendations/{rec.id}/edit").text
        uploaded = _upload(member, rec.id or 0, "Übersicht März.pdf", PDF + bytes(1_250_000), token)
        edit_page = member.get(uploaded.headers["location"]).text
        page = member.get(f"/recommendations/{rec.id}").text
        link = re.search(r'href="(/recommendations/\d+/attachments/\d+)" download', page).group(1)
        got = member.get(link)
        sign_in(other, site.other_member)
        refused = [other.get(link).status_code, anonymous.get(link).status_code,
                   anonymous.get(link.replace(f"/recommendations/{rec.id}/attachments/",
                                              f"/oeffentlich/empfehlungen/{rec.id}/anlagen/")).status_code]
    assert '<label for="attachment-file">Datei anhängen</label>' in form
    assert "Zulässig: PDF, ODT, DOCX, PNG, JPG, höchstens 10 MB je Datei." in form
    assert form.index("Zulässig:") < form.index('type="file"')
    assert uploaded.status_code == 303 and uploaded.headers["location"].endswith("/edit#message")
    assert "„Übersicht März.pdf“ ist angehängt." in edit_page and "(1,2 MB)" in edit_page
    assert "„Übersicht März.pdf“ angehängt von AG-Mitglied Mertens" in page
    assert got.status_code == 200 and got.content == PDF + bytes(1_250_000)
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"] == (
        "attachment; filename=\"_bersicht M_rz.pdf\"; filename*=UTF-8''%C3%9Cbersicht%20M%C3%A4rz.pdf")
    assert got.headers["x-content-type-options"] == "nosniff" and got.headers["cache-control"] == "private"
    assert refused[0] == 403 and refused[1] in (303, 401) and refused[2] == 404


def test_a_refused_upload_says_why_on_the_page_and_keeps_nothing(site: World, tmp_path: Path) -> None:
    rec = site.recommendation()
    with browser(site, tmp_path / "files", limit=1024 * 1024) as member:
        token = sign_in(member, site.lead)
        wrong = _upload(member, rec.id or 0, "Bericht.pdf", HTML, token)
        wrong_page = member.get(wrong.headers["location"]).text
        large = _upload(member, rec.id or 0, "gross.pdf", PDF + bytes(2 * 1024 * 1024), token)
    assert "„Bericht.pdf“ kann nicht angehängt werden. Zulässig sind PDF, ODT, DOCX, PNG, JPG" in wrong_page
    assert large.status_code == 422
    assert "Die Datei ist zu groß: Eine Datei darf höchstens 1 MB groß sein." in large.text
    assert "Es sind keine Dateien angehängt." in wrong_page
    assert [p for p in (tmp_path / "files").rglob("*") if p.is_file()] == []


def test_once_adopted_and_forwarded_the_public_and_the_bodies_get_the_attachments(site: World,
                                                                                  tmp_path: Path) -> None:
    rec, other = site.recommendation(), site.recommendation()
    with browser(site, tmp_path / "files") as member:
        token = sign_in(member, site.lead)
        _upload(member, rec.id or 0, "Grafik.png", PNG, token)
        _upload(member, other.id or 0, "Anderes.pdf", PDF, token)
    with site.db.read() as session:
        ids = {a.name: a.id for a in session.exec(select(Attachment)).all()}
    _set_state(site, rec.id or 0, "adopted")
    with unit_of_work(site.db) as session:
        links = forward_recommendation(session, rec.id or 0, [], site.secretariat, site.now)
    number = site.reload(rec).number
    with browser(site, tmp_path / "files") as anonymous:
        public_page = anonymous.get(f"/oeffentlich/empfehlungen/{number}").text
        public = anonymous.get(f"/oeffentlich/empfehlungen/{number}/anlagen/{ids['Grafik.png']}")
        body_page = anonymous.get(f"/stelle/{links[0].token}").text
        by_link = anonymous.get(f"/stelle/{links[0].token}/anlagen/{ids['Grafik.png']}")
        refused = [anonymous.get(f"/stelle/{links[0].token}/anlagen/{ids['Anderes.pdf']}").status_code,
                   anonymous.get(f"/stelle/wrong-token/anlagen/{ids['Grafik.png']}").status_code,
                   anonymous.get(f"/oeffentlich/empfehlungen/{number}/anlagen/{ids['Anderes.pdf']}").status_code]
    assert f'href="/oeffentlich/empfehlungen/{number}/anlagen/{ids["Grafik.png"]}"' in public_page
    assert public.status_code == 200 and public.content == PNG and public.headers["content-type"] == "image/png"
    assert public.headers["cache-control"] == "private"
    assert f'href="/stelle/{links[0].token}/anlagen/{ids["Grafik.png"]}"' in body_page
    assert by_link.status_code == 200 and by_link.content == PNG
    assert by_link.headers["cache-control"] == "no-store" and by_link.headers["x-content-type-options"] == "nosniff"
    assert refused == [404, 404, 404]


def test_the_api_uploads_lists_downloads_and_deletes_and_refuses_as_problems(site: World, tmp_path: Path) -> None:
    rec = site.recommendation()
    with unit_of_work(site.db) as session:
        member = {"Authorization": f"Bearer {issue_api_token(session, site.wg_member, 'test', site.now)}"}
        stranger = {"Authorization": f"Bearer {issue_api_token(session, site.other_lead, 'test', site.now)}"}
    base = f"/api/v1/recommendations/{rec.id}/attachments"
    with browser(site, tmp_path / "files", limit=1024 * 1024) as api:
        created = api.post(base, params={"name": "Stellungnahme.pdf"}, content=PDF, headers=member)
        listed = api.get(base, headers=member).json()
        got = api.get(f"{base}/{created.json()['id']}", headers=member)
        too_large = api.post(base, params={"name": "gross.pdf"}, content=PDF + bytes(2 * 1024 * 1024),
                             headers=member)
        wrong = api.post(base, params={"name": "x.pdf"}, content=HTML, headers=member)
        foreign = api.post(base, params={"name": "y.pdf"}, content=PNG, headers=stranger)
        _set_state(site, rec.id or 0, "submitted")
        frozen = api.delete(f"{base}/{created.json()['id']}", headers=member)
        _set_state(site, rec.id or 0, "draft")
        deleted = api.delete(f"{base}/{created.json()['id']}", headers=member)
        after = api.get(base, headers=member).json()
    assert created.status_code == 201 and created.json()["media_type"] == "application/pdf"
    assert [a["name"] for a in listed] == ["Stellungnahme.pdf"] and got.content == PDF
    assert got.headers["content-disposition"].startswith('attachment; filename="Stellungnahme.pdf"')
    assert (too_large.status_code, too_large.json()["code"]) == (422, "recommendations.attachment_too_large")
    assert (wrong.status_code, wrong.json()["code"]) == (422, "recommendations.attachment_type")
    assert foreign.status_code == 403
    assert (frozen.status_code, frozen.json()["code"]) == (422, "recommendations.attachments_frozen")
    assert deleted.status_code == 204 and after == []
