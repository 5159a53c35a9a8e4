"""Lists as an office keeps them, made in the test: CSV (any separator, with or without BOM) and XLSX workbooks."""

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook

Rows = Sequence[Sequence[object]]


def csv_bytes(rows: Rows, *, delimiter: str = ";", bom: bool = True, encoding: str = "utf-8") -> bytes:
    """The rows as a CSV file (a spreadsheet's 'save as CSV UTF-8' writes ';' and a BOM in Germany)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom and encoding == "utf-8" else data


def xlsx_bytes(rows: Rows) -> bytes:
    """The rows as the first sheet of an XLSX workbook (a second sheet is there to be ignored)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    workbook.create_sheet("Notizen").append(["not imported"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ORGANISATIONS = [
    ["Name", "Art", "Kurzname", "Funktionspostfach", "Anschrift", "Telefon", "Webseite"],
    ["Landratsamt Reutlingen", "Landkreis", "LRA RT", "poststelle@kreis-rt.example.org", "Bismarckstraße 47",
     "07121 4800", "https://kreis-rt.example.org"],
    ["Stadt Ulm", "Stadt", "", "integration@ulm.example.org", "", "", ""],
    ["Gemeindetag Baden-Württemberg", "Kommunaler Landesverband", "GT", "", "", "", ""],
]

PEOPLE = [
    ["Name", "E-Mail", "Organisation", "Sprache", "Telefon", "Funktion"],
    ["Thomas Brückner", "thomas.brückner@kreis-rt.example.org", "Landratsamt Reutlingen", "de", "07121 480-1",
     "Integrationsbeauftragter"],
    ["Ayşe Yılmaz", "Ayse.Yilmaz@ulm.example.org", "Stadt Ulm", "Deutsch", "", "Sachgebietsleitung"],
    ["Jane Doe", "jane.doe@example.org", "", "en", "", ""],
]
