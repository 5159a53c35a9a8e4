"""The columns of each list (headers in English or German, any case) and how a cell's text becomes a value."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.enums import Language, OrganisationKind
from workflow.network.emails import normalise_email
from workflow.network.importing.files import Row, Sheet, column_letter
from workflow.network.importing.refusals import Problem
from workflow.network.refusals import ImportRefusal

KINDS = ("people", "organisations", "groups")


@dataclass(frozen=True)
class Column:
    """A column of a list: its English name, its German header, other spellings, whether it must be there."""

    name: str
    german: str
    required: bool = False
    limit: int | None = None
    aliases: tuple[str, ...] = ()

    def spellings(self) -> set[str]:
        """Every header that names this column, in the form headers are compared."""
        return {header_key(s) for s in (self.name, self.german, *self.aliases)}


COLUMNS: dict[str, tuple[Column, ...]] = {
    "people": (
        Column("name", "Name", required=True, limit=200),
        Column("email", "E-Mail", required=True, limit=254, aliases=("E-Mail-Adresse", "Mail")),
        Column("organisation", "Organisation", limit=200, aliases=("organization",)),
        Column("language", "Sprache"),
        Column("phone", "Telefon", limit=50),
        Column("function", "Funktion", limit=200),
    ),
    "organisations": (
        Column("name", "Name", required=True, limit=200),
        Column("kind", "Art", required=True),
        Column("short_name", "Kurzname", limit=50),
        Column("email", "Funktionspostfach", limit=254, aliases=("E-Mail",)),
        Column("address", "Anschrift", limit=500, aliases=("Adresse",)),
        Column("phone", "Telefon", limit=50),
        Column("website", "Webseite", limit=300, aliases=("Website",)),
    ),
    "groups": (
        Column("name", "Name", required=True, limit=200),
        Column("topic", "Thema", limit=200),
        Column("mandate", "Auftrag", required=True),
        Column("planned_members", "Geplante Mitglieder"),
        Column("planned_end", "Geplantes Ende"),
        Column("lead", "Leitung", limit=254),
        Column("deputy_lead", "Stellvertretung", limit=254, aliases=("Stellvertretende Leitung",)),
        Column("members", "Mitglieder"),
    ),
}

ORGANISATION_KINDS: dict[str, OrganisationKind] = {
    "ministerium": OrganisationKind.MINISTRY,
    "kommunaler landesverband": OrganisationKind.MUNICIPAL_ASSOCIATION,
    "landkreis": OrganisationKind.DISTRICT,
    "stadt": OrganisationKind.CITY,
    "gemeinde": OrganisationKind.MUNICIPALITY,
    "sonstige": OrganisationKind.OTHER,
    "sonstiges": OrganisationKind.OTHER,
    **{kind.value.replace("_", " "): kind for kind in OrganisationKind},
}
# The kinds as a refusal lists them: the German word a spreadsheet uses, the stored value in brackets.
KIND_CHOICES = ("Ministerium (ministry), Kommunaler Landesverband (municipal_association), Landkreis (district), "
                "Stadt (city), Gemeinde (municipality), Sonstige (other)")
LANGUAGES: dict[str, Language] = {
    "de": Language.DE, "deutsch": Language.DE, "german": Language.DE,
    "en": Language.EN, "englisch": Language.EN, "english": Language.EN,
}
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_EMAIL_SEPARATORS = re.compile(r"[,;\s]+")


def header_key(text: str) -> str:
    """A header as compared: case, spaces, hyphens and underscores do not count ("E-Mail" = "email")."""
    return re.sub(r"[\s_\-]+", "", text.casefold())


@dataclass
class Layout:
    """Which column of the file holds which field, and the file's own names of the fields."""

    index: dict[str, int]
    header: dict[str, str]

    def has(self, name: str) -> bool:
        """Whether the file has the column ``name``."""
        return name in self.index

    def cell(self, row: Row, name: str) -> str:
        """The text of ``row`` in column ``name`` ("" when the file has no such column or the row is short)."""
        at = self.index.get(name)
        return row.cells[at] if at is not None and at < len(row.cells) else ""


def layout_of(kind: str, sheet: Sheet) -> tuple[Layout, list[Problem]]:
    """Match the file's header to the list's columns; unknown columns that hold anything are refused."""
    columns = COLUMNS[kind]
    by_spelling = {spelling: c for c in columns for spelling in c.spellings()}
    layout = Layout({}, {})
    problems: list[Problem] = []
    for at, text in enumerate(sheet.headers):
        column = by_spelling.get(header_key(text)) if text else None
        if column is None:
            if any(at < len(row.cells) and row.cells[at] for row in sheet.rows):
                problems.append(Problem(1, text or column_letter(at), ImportRefusal.UNKNOWN_COLUMN,
                                        {"column": text or column_letter(at),
                                         "known": ", ".join(c.name for c in columns)}))
            continue
        if column.name in layout.index:
            problems.append(Problem(1, text, ImportRefusal.DUPLICATE_COLUMN, {"column": text}))
            continue
        layout.index[column.name] = at
        layout.header[column.name] = text
    for column in columns:
        if column.required and column.name not in layout.index:
            problems.append(Problem(1, column.name, ImportRefusal.MISSING_COLUMN, {"column": column.name}))
    return layout, problems


def check_text(kind: str, name: str, value: str) -> tuple[ImportRefusal, dict[str, object]] | None:
    """Why the text ``value`` cannot be stored in column ``name`` (a code and its values), or None."""
    if "\x00" in value:
        return ImportRefusal.BAD_CHARACTER, {}
    limit = next(c.limit for c in COLUMNS[kind] if c.name == name)
    if limit is not None and len(value) > limit:
        return ImportRefusal.TOO_LONG, {"limit": limit}
    return None


def parse_kind(text: str) -> OrganisationKind | None:
    """An organisation's kind from its German or English name, or None."""
    return ORGANISATION_KINDS.get(" ".join(text.casefold().replace("_", " ").split()))


def parse_language(text: str) -> Language | None:
    """A language from its code or its name in German or English, or None."""
    return LANGUAGES.get(text.strip().casefold())


def parse_date(text: str) -> date | None:
    """A date written as 2027-12-31 or 31.12.2027, or None."""
    german = _GERMAN_DATE.match(text)
    try:
        if german:
            day, month, year = (int(part) for part in german.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_count(text: str, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high``, or None."""
    try:
        number = int(text)
    except ValueError:
        return None
    return number if low <= number <= high else None


def split_emails(text: str) -> Sequence[str]:
    """The addresses of a cell that lists several (separated by ',', ';', spaces or line breaks)."""
    return [part for part in _EMAIL_SEPARATORS.split(text) if part]


class RowReader:
    """Reads the cells of one row and collects what is wrong with them, each tied to its line and column."""

    def __init__(self, kind: str, layout: Layout, row: Row) -> None:
        self.kind = kind
        self.layout = layout
        self.row = row
        self.problems: list[Problem] = []

    def refuse(self, name: str, code: ImportRefusal, **values: object) -> None:
        """Note that column ``name`` of this row is refused for ``code``."""
        self.problems.append(Problem(self.row.line, self.layout.header.get(name, name), code, dict(values)))

    def text(self, name: str, *, required: bool = False) -> str:
        """The cell's text, checked for presence, length and storable characters."""
        value = self.layout.cell(self.row, name)
        if required and not value:
            self.refuse(name, ImportRefusal.REQUIRED)
            return value
        why = check_text(self.kind, name, value)
        if why is not None:
            self.refuse(name, why[0], **why[1])
        return value

    def email(self, name: str, *, required: bool = False) -> str | None:
        """The cell as a validated address (None when empty or refused)."""
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return normalise_email(value)
        except ValueError:
            self.refuse(name, ImportRefusal.BAD_EMAIL, value=value)
            return None
