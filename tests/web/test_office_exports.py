"""The secretariat's exports open in a German office's Excel: ';'-separated UTF-8 with a byte order mark, German
headers and state labels, TT.MM.JJJJ dates, and an .xlsx workbook with a frozen header and real date cells."""

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from tests.support.factories import World
from tests.support.forwarding import forwarded
from tests.support.web import browsers
from workflow.engine.clock import local_date
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.reports import ContactInput, acknowledge_by_link


def test_the_csv_opens_with_semicolons_a_bom_german_headers_labels_and_dates(web_world: World) -> None:
    rec, links = forwarded(web_world)
    with unit_of_work(web_world.db) as session:
        acknowledge_by_link(session, links[0].token, web_world.now,
                            ContactInput(name="Erika Muster", email="erika@example.org"))
    with browsers(web_world) as cast:
        answer = cast["secretariat"].client.get("/forwardings/export.csv")
        english = cast["secretariat"].client.get("/forwardings/export.csv?lang=en")
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    first = rows[0]
    assert first["Titel der Empfehlung"] == rec.title and first["Stelle"] == "Landkreis Beispiel"
    assert first["Stand der Empfehlung"] == "Weitergeleitet"
    assert first["Stand der Weiterleitung"] == "Empfang bestätigt"
    assert rows[1]["Stand der Weiterleitung"] == "Versandt, noch nicht bestätigt"
    assert first["Weitergeleitet am"].startswith(local_date(web_world.now).strftime("%d.%m.%Y"))
    assert first["Ansprechperson"] == "Erika Muster" and first["Überfällig"] == "nein"
    en_rows = list(csv.DictReader(io.StringIO(english.content.decode("utf-8-sig"))))
    assert en_rows[0]["State of the forwarding"] == "Receipt confirmed"
    assert en_rows[0]["Forwarded on"].startswith(local_date(web_world.now).isoformat())


def test_the_xlsx_has_a_frozen_german_header_sized_columns_and_date_cells(web_world: World) -> None:
    forwarded(web_world)
    with browsers(web_world) as cast:
        answer = cast["secretariat"].client.get("/forwardings/export.xlsx")
        refused = cast["member"].client.get("/forwardings/export.xlsx")
        overview = cast["secretariat"].client.get("/forwardings").text
    assert refused.status_code == 403 and 'href="/forwardings/export.xlsx"' in overview
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Empfehlung Nr.", "Titel der Empfehlung", "Stand der Empfehlung", "Stelle"]
    assert sheet.freeze_panes == "A2" and sheet[1][0].font.bold
    assert sheet.column_dimensions["B"].width >= 40
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Stand der Weiterleitung"] == "Versandt, noch nicht bestätigt" and row["Stelle"] == "Landkreis Beispiel"
    forwarded_on = row["Weitergeleitet am"]
    assert isinstance(forwarded_on, datetime) and forwarded_on.date() == local_date(web_world.now)
    assert sheet.cell(row=2, column=header.index("Weitergeleitet am") + 1).number_format == "DD.MM.YYYY HH:MM"
    assert sheet.max_row == 3 and not isinstance(row["Empfehlung Nr."], date)
