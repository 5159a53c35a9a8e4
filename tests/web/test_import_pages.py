"""The import page of the secretariat and the import operation of the API: upload, check only or import, and the
report as an accessible table in German; CSV templates with German headers."""

import csv
import io
import re
from html import unescape

from sqlmodel import select

from models.people import Organisation
from tests.support.factories import World
from tests.support.imports import ORGANISATIONS, PEOPLE, csv_bytes, xlsx_bytes
from tests.support.web import browsers, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _org_names(world: World) -> list[str]:
    with world.db.read() as session:
        return sorted(session.exec(select(Organisation.name)).all())


def test_the_secretariat_finds_the_import_page_in_its_navigation_with_a_form_and_templates(web_world: World) -> None:
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get("/import")
        tasks = cast["secretariat"].client.get("/tasks")
        chair_tasks = cast["chair"].client.get("/tasks")
    assert page.status_code == 200
    assert 'href="/import"' in tasks.text and 'href="/import"' not in chair_tasks.text
    text = _text(page.text)
    assert "Listen importieren" in text and "Nur prüfen" in text and "Vorlage: Liste der Personen (CSV)" in text
    assert '<label for="import-file">' in page.text and 'enctype="multipart/form-data"' in page.text


def test_only_the_secretariat_may_open_the_import_page_or_upload(web_world: World) -> None:
    before = _org_names(web_world)
    with browsers(web_world) as cast:
        for name in ("chair", "lead", "member"):
            assert cast[name].client.get("/import").status_code == 403
            response = cast[name].client.post("/import", data={"csrf_token": cast[name].token, "kind": "organisations",
                                                               "action": "import"},
                                              files={"file": ("o.csv", csv_bytes(ORGANISATIONS), "text/csv")})
            assert response.status_code == 403
    assert _org_names(web_world) == before


def test_check_only_reports_what_would_happen_and_import_then_writes_it(web_world: World) -> None:
    before = _org_names(web_world)
    with browsers(web_world) as cast:
        sek = cast["secretariat"]
        upload = {"file": ("organisationen.xlsx", xlsx_bytes(ORGANISATIONS), XLSX)}
        checked = sek.client.post("/import", data={"csrf_token": sek.token, "kind": "organisations",
                                                   "action": "check"}, files=upload)
        assert checked.status_code == 200
        assert "würde 3 Einträge neu anlegen, 0 ändern und 0 unverändert lassen" in _text(checked.text)
        assert _org_names(web_world) == before
        imported = sek.client.post("/import", data={"csrf_token": sek.token, "kind": "organisations",
                                                    "action": "import"}, files=upload)
        assert imported.status_code == 200
        text = _text(imported.text)
        assert "Importiert: 3 Zeilen; 3 neu angelegt, 0 geändert, 0 unverändert." in text
        assert "Landratsamt Reutlingen Neuer Eintrag" in text
    assert "Stadt Ulm" in _org_names(web_world)


def test_a_refused_file_is_shown_as_a_table_of_lines_columns_and_german_reasons(web_world: World) -> None:
    bad = csv_bytes([PEOPLE[0], ["", "kaputt", "Stadt Atlantis", "", "", ""]])
    with browsers(web_world) as cast:
        sek = cast["secretariat"]
        page = sek.client.post("/import", data={"csrf_token": sek.token, "kind": "people", "action": "import"},
                               files={"file": ("personen.csv", bad, "text/csv")})
    assert page.status_code == 422
    assert 'role="alert"' in page.text and 'aria-describedby="import-result"' in page.text
    text = _text(page.text)
    assert "wegen 3 Fehlern abgelehnt; nichts wurde importiert" in text
    assert "2 Name Dieses Feld darf nicht leer sein." in text
    assert "2 E-Mail „kaputt“ ist keine gültige E-Mail-Adresse." in text
    assert "2 Organisation Eine Organisation „Stadt Atlantis“ ist nicht erfasst; importieren Sie zuerst die " \
           "Organisationen." in text
    assert '<th scope="col">Zeile</th>' in page.text


def test_an_upload_without_the_form_token_is_refused(web_world: World) -> None:
    with browsers(web_world) as cast:
        response = cast["secretariat"].client.post("/import", data={"kind": "organisations", "action": "import"},
                                                   files={"file": ("o.csv", csv_bytes(ORGANISATIONS), "text/csv")})
    assert response.status_code == 403
    assert "Stadt Ulm" not in _org_names(web_world)


def test_each_list_has_a_csv_template_with_german_headers_semicolons_and_a_bom(web_world: World) -> None:
    with browsers(web_world) as cast:
        response = cast["secretariat"].client.get("/import/template/groups.csv")
        unknown = cast["secretariat"].client.get("/import/template/topics.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    [header] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert header == ["Name", "Thema", "Auftrag", "Geplante Mitglieder", "Geplantes Ende", "Leitung",
                      "Stellvertretung", "Mitglieder"]
    assert unknown.status_code == 422


def test_the_api_imports_a_raw_csv_body_and_answers_the_report(world: World) -> None:
    with unit_of_work(world.db) as session:
        token = issue_api_token(session, world.secretariat, "test", world.now)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
    with client_for(world) as api:
        dry = api.post("/api/v1/imports/organisations?dry_run=true", headers=headers, content=csv_bytes(ORGANISATIONS))
        assert dry.status_code == 200 and dry.json()["created"] == 3 and dry.json()["imported"] is False
        assert "Stadt Ulm" not in _org_names(world)
        done = api.post("/api/v1/imports/organisations", headers=headers, content=csv_bytes(ORGANISATIONS))
        assert done.status_code == 200 and done.json()["imported"] is True
        assert "Stadt Ulm" in _org_names(world)
        again = api.post("/api/v1/imports/organisations", headers={"Authorization": f"Bearer {token}"},
                         files={"file": ("orgs.xlsx", xlsx_bytes(ORGANISATIONS), XLSX)})
        assert again.status_code == 200 and again.json()["unchanged"] == 3 and again.json()["file"] == "orgs.xlsx"


def test_the_api_answers_422_with_the_report_when_refused_and_403_for_others(world: World) -> None:
    with unit_of_work(world.db) as session:
        sek = issue_api_token(session, world.secretariat, "test", world.now)
        chair = issue_api_token(session, world.chair, "test", world.now)
    bad = csv_bytes([["Name", "Art"], ["Stadt Ulm", "Bezirk"]])
    with client_for(world) as api:
        refused = api.post("/api/v1/imports/organisations", headers={"Authorization": f"Bearer {sek}"}, content=bad)
        forbidden = api.post("/api/v1/imports/organisations", headers={"Authorization": f"Bearer {chair}"},
                             content=csv_bytes(ORGANISATIONS))
        unknown = api.post("/api/v1/imports/topics", headers={"Authorization": f"Bearer {sek}"}, content=bad)
    assert refused.status_code == 422
    [problem] = refused.json()["problems"]
    assert (problem["line"], problem["column"], problem["code"]) == (2, "Art", "bad_kind")
    assert forbidden.status_code == 403 and forbidden.headers["content-type"] == "application/problem+json"
    assert unknown.status_code == 422 and "the lists are people" in unknown.json()["detail"]
    assert "Stadt Ulm" not in _org_names(world)
