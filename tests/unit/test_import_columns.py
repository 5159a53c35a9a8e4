"""How the import reads cells: headers in German or English, kinds, dates, numbers, and email addresses checked
exactly as email-validator checks them."""

import pytest
from email_validator import EmailNotValidError
from email_validator import validate_email as library_check

from models.enums import Language, OrganisationKind
from workflow.network.emails import normalise_email
from workflow.network.importing.columns import (
    header_key,
    parse_count,
    parse_date,
    parse_kind,
    parse_language,
    split_emails,
)
from workflow.network.importing.files import UnreadableFile, column_letter, read_sheet

ADDRESSES = [
    "thomas.brückner@kreis-rt.example.org", "Ayse.Yilmaz@ULM.example.org", "a@bücher.example", "x@localhost",
    "x@test", "double..dot@example.org", ".lead@example.org", "trail.@example.org", "no-at-sign", "@example.org",
    "a@-bad-.example.org", "a b@example.org", "ünïcödé@例え.テスト", "a@b", "x" * 65 + "@example.org",
    "user+tag@sub.domain.example.org", "\"quoted\"@example.org", "a@" + "d" * 64 + ".org", "Jürgen.Größe@müllheim.de",
    "a@exa_mple.org", "a@123.123.123.123", "a@[127.0.0.1]", "a@example.org.", "é@example.org", "a\u0301@example.org",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_address_is_accepted_or_refused_exactly_as_email_validator_does(address: str) -> None:
    try:
        expected: str | None = library_check(address, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        expected = None
    try:
        got: str | None = normalise_email(address)
    except ValueError:
        got = None
    assert got == expected


@pytest.mark.parametrize(("header", "key"), [("E-Mail", "email"), ("short_name", "shortname"),
                                              ("Geplante Mitglieder", "geplantemitglieder"), (" NAME ", "name")])
def test_headers_compare_without_case_spaces_hyphens_or_underscores(header: str, key: str) -> None:
    assert header_key(header) == key


def test_kinds_languages_dates_and_numbers_are_read_in_german_or_english() -> None:
    assert parse_kind("Kommunaler  Landesverband") is OrganisationKind.MUNICIPAL_ASSOCIATION
    assert parse_kind("municipal_association") is OrganisationKind.MUNICIPAL_ASSOCIATION
    assert parse_kind("Landkreis") is OrganisationKind.DISTRICT and parse_kind("Bezirk") is None
    assert parse_language("Englisch") is Language.EN and parse_language("fr") is None
    assert str(parse_date("31.12.2027")) == "2027-12-31" == str(parse_date("2027-12-31"))
    assert parse_date("31.02.2027") is None and parse_date("Ende 2027") is None
    assert parse_count("6", 1, 100) == 6 and parse_count("0", 1, 100) is None and parse_count("6,5", 1, 100) is None
    assert split_emails("a@x.de, b@x.de;c@x.de\nd@x.de") == ["a@x.de", "b@x.de", "c@x.de", "d@x.de"]


def test_csv_lines_are_numbered_as_the_spreadsheet_shows_them_even_with_line_breaks_in_cells() -> None:
    sheet = read_sheet('\ufeffName;Mitglieder\r\n\r\nAG A;"a@x.de\r\nb@x.de"\r\nAG B;c@x.de\r\n'.encode())
    assert sheet.headers == ["Name", "Mitglieder"]
    assert [(r.line, r.cells[0]) for r in sheet.rows] == [(3, "AG A"), (4, "AG B")]


def test_the_separator_is_taken_from_the_header_line() -> None:
    assert read_sheet(b"Name,E-Mail\nA;B,a@x.de\n").rows[0].cells == ("A;B", "a@x.de")
    assert read_sheet(b"Name;E-Mail\nA,B;a@x.de\n").rows[0].cells == ("A,B", "a@x.de")


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(UnreadableFile):
        read_sheet(b" \r\n")


def test_columns_are_named_by_letter_as_in_a_spreadsheet() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
