"""Reading an office's list: CSV (``;`` or ``,``, UTF-8 with or without BOM, else Windows-1252) or an XLSX workbook
(its first sheet), as a header and rows of text cells numbered as the spreadsheet shows them (the header is line 1)."""

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from workflow.network.importing.refusals import Problem
from workflow.network.refusals import ImportRefusal

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (.xls)


@dataclass(frozen=True)
class Row:
    """One row below the header: its line number and its cells (stripped text, "" for an empty cell)."""

    line: int
    cells: tuple[str, ...]


@dataclass
class Sheet:
    """The header and the non-empty rows of a file, and notes on how it was read (codes)."""

    headers: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


class UnreadableFile(Exception):
    """The file is no list this module can read; ``problem`` says why."""

    def __init__(self, code: ImportRefusal) -> None:
        self.problem = Problem(None, "", code)
        super().__init__(code)


def read_sheet(data: bytes) -> Sheet:
    """The header and rows of a CSV or XLSX file, told apart by content, not by name."""
    if not data.strip():
        raise UnreadableFile(ImportRefusal.FILE_EMPTY)
    if data.startswith(OLE2_MAGIC):
        raise UnreadableFile(ImportRefusal.OLD_EXCEL)
    if data.startswith(XLSX_MAGIC):
        return _sheet(_xlsx_rows(data), [])
    text, notes = _decode(data)
    return _sheet(_csv_rows(text), notes)


def _decode(data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["windows_1252"]
    except UnicodeDecodeError:
        raise UnreadableFile(ImportRefusal.FILE_UNREADABLE) from None


def _csv_rows(text: str) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    # The header line decides: a German spreadsheet writes ';', others ','.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if "\t" in first_line and first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise UnreadableFile(ImportRefusal.FILE_UNREADABLE) from None


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # only when a workbook comes: it takes a while to import

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnreadableFile(ImportRefusal.FILE_UNREADABLE) from None
    try:
        if not workbook.worksheets:
            raise UnreadableFile(ImportRefusal.FILE_EMPTY)
        return [[_cell_text(v) for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV export would show (dates as ISO, whole numbers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet(raw: Iterable[list[str]], notes: list[str]) -> Sheet:
    lines = list(raw)
    header_at = next((i for i, cells in enumerate(lines) if any(c.strip() for c in cells)), None)
    if header_at is None:
        raise UnreadableFile(ImportRefusal.FILE_EMPTY)
    # Lines above the header (blank ones) still count, so the numbers match what the spreadsheet shows.
    headers = [c.strip() for c in lines[header_at]]
    rows = [Row(number, tuple(c.strip() for c in cells))
            for number, cells in enumerate(lines[header_at + 1:], start=header_at + 2)
            if any(c.strip() for c in cells)]
    return Sheet(headers, rows, notes)


def column_letter(index: int) -> str:
    """The spreadsheet's name of the column at ``index`` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
