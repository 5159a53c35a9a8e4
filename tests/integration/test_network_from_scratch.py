"""A new office sets up its own network through the command line alone, on an empty database and without the demo:
the first admin, the profile, organisations and people imported from a CSV and an XLSX file, the chair, the seats,
a working group with its lead and members; then one recommendation travels from draft to a concluded review and
its mails reach a real SMTP server."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from openpyxl import Workbook

from cli import main
from models.db import Database
from tests.support.mail import SmtpServer

ADMIN = "sabine.ek@teilhabe.example.org"
CHAIR = "vorsitz@teilhabe.example.org"
LEAD = "lea.lang@teilhabe.example.org"
WG_MEMBER = "thomas.brückner@kreis-rt.example.org"
SEAT_HOLDERS = {"MIN": "mira.min@teilhabe.example.org", "K1": "karl.eins@teilhabe.example.org",
                "K2": "kira.zwei@teilhabe.example.org"}
BODY = "Stadt Musterstadt"
BODY_MAILBOX = "integration@musterstadt.example.org"

START = "2027-01-11T10:00:00+01:00"         # a Monday in January: the office starts
MEETING_TIME = "2027-03-15T10:30:00+01:00"  # during the first strategy meeting
AFTER_MEETING = "2027-04-01T10:00:00+02:00"
REVIEW_TIME = "2027-10-11T11:00:00+02:00"   # during the review meeting

COMPOSITION = [
    {"code": "ministry", "label": "Ministerium", "seats": [
        {"code": "MIN", "label": "Ministerium", "stands_for": ""}]},
    {"code": "municipal", "label": "Kommunen", "seats": [
        {"code": "K1", "label": "Kommune 1", "stands_for": ""},
        {"code": "K2", "label": "Kommune 2", "stands_for": ""}]},
]


@pytest.fixture(params=["sqlite", "postgresql"])
def office_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with nothing in it: a new SQLite file (not even created yet), or PostgreSQL emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/office/recoflow.db"
    database: Database = request.getfixturevalue("postgres_database")
    with database.engine.begin() as conn:
        tables = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
        conn.exec_driver_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    return database.url


@pytest.fixture
def recoflow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp: SmtpServer,
             office_database_url: str) -> Callable[..., Result]:
    smtp.inbox.clear()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", office_database_url)
    monkeypatch.setenv("RECOFLOW_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RECOFLOW_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("RECOFLOW_SMTP_SECURITY", "none")
    monkeypatch.setenv("RECOFLOW_SMTP_FROM", "Geschäftsstelle <geschaeftsstelle@teilhabe.example.org>")
    runner = CliRunner()

    def run(*args: str, now: str = START, ok: bool = True) -> Result:
        result = runner.invoke(main, ["--now", now, *args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, f"recoflow {' '.join(args)}:\n{result.output}"
        return result

    return run


def _organisations_csv(path: Path) -> Path:
    rows = ["Name;Art;Kurzname;Funktionspostfach;Anschrift",
            "Ministerium für Teilhabe;Ministerium;MfT;poststelle@mft.example.org;Schlossplatz 1, 70173 Stuttgart",
            f"{BODY};Stadt;;{BODY_MAILBOX};Marktplatz 1, 12345 Musterstadt",
            "Kreis Reutlingen;Landkreis;;info@kreis-rt.example.org;"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")  # with BOM, as Excel saves it
    return path


def _people_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "E-Mail", "Organisation", "Sprache"])
    sheet.append(["Vera Vorsitz", CHAIR, "Ministerium für Teilhabe", "de"])
    sheet.append(["Lea Lang", LEAD, BODY, "de"])
    sheet.append(["Thomas Brückner", WG_MEMBER, "Kreis Reutlingen", "de"])
    sheet.append(["Mira Min", SEAT_HOLDERS["MIN"], "Ministerium für Teilhabe", "de"])
    sheet.append(["Karl Eins", SEAT_HOLDERS["K1"], BODY, "de"])
    sheet.append(["Kira Zwei", SEAT_HOLDERS["K2"], "Kreis Reutlingen", "en"])
    book.save(path)
    return path


def _number(output: str, pattern: str) -> int:
    found = re.search(pattern, output)
    assert found, f"{pattern!r} not in:\n{output}"
    return int(found.group(1))


def test_an_office_sets_up_its_network_and_carries_a_recommendation_through_review(
        recoflow: Callable[..., Result], tmp_path: Path, smtp: SmtpServer) -> None:
    run = recoflow
    # First start: the schema, the first secretariat account and its set-password link.
    assert "No one holds the secretariat role yet" in run("init").output
    first = run("init", "--admin", ADMIN, "--name", "Sabine Ek")
    assert re.search(r"/set-password/\S+", first.output)
    assert run("init", "--admin", "zweite@teilhabe.example.org", "--name", "Zweite", ok=False).exit_code != 0
    sek = ("--as", ADMIN)

    # The network's profile: nothing of the demo network is left in it.
    run("network", "set", "--name", "Netzwerk Teilhabe Musterland", "--short-name", "NTM",
        "--number-prefix", "TM", "--contact-email", "geschaeftsstelle@teilhabe.example.org", *sek)
    run("network", "legal", "imprint", "--text", "Netzwerk Teilhabe Musterland, Schlossplatz 1", *sek)
    profile = json.loads(run("network", "show", "--json").output)
    assert profile["name"] == "Netzwerk Teilhabe Musterland" and profile["number_prefix"] == "TM"

    # The directory from the office's spreadsheets: organisations first (CSV), then people (XLSX).
    orgs = _organisations_csv(tmp_path / "organisationen.csv")
    assert run("import", "organisations", str(orgs), "--dry-run", *sek).exit_code == 0
    assert json.loads(run("people", "orgs", "--json").output) == []
    run("import", "organisations", str(orgs), *sek)
    people = _people_xlsx(tmp_path / "personen.xlsx")
    run("import", "people", str(people), *sek)
    again = run("import", "people", str(people), *sek)
    assert "created: 0, updated: 0, unchanged: 6" in again.output, again.output
    registered = {p["email"] for p in json.loads(run("people", "list", "--json").output)}
    assert {ADMIN, CHAIR, LEAD, WG_MEMBER, *SEAT_HOLDERS.values()} <= registered

    # Roles: the chair, and a small strategy group of three seats set as the network's composition.
    run("roles", "assign", CHAIR, "chair", "--from", "2027-01-11", *sek)
    run("users", "invite", CHAIR)
    composition = tmp_path / "zusammensetzung.json"
    composition.write_text(json.dumps(COMPOSITION, ensure_ascii=False), encoding="utf-8")
    run("strategy", "composition", "set", str(composition), *sek)
    for seat, email in SEAT_HOLDERS.items():
        run("strategy", "appoint", seat, email, "--from", "2027-01-11", *sek)
    assert run("strategy", "check").exit_code == 0

    # A working group, convened by a written procedure, with its lead and a member; then it starts work.
    procedure = _number(run("meetings", "add", "--title", "Umlaufverfahren: Einsetzung der AG Sprache",
                            "--at", "2027-01-18T12:00", "--written", *sek).output, r"Planned meeting (\d+)")
    run("groups", "convene", "--name", "AG Sprache und Teilhabe", "--mandate", "Empfehlungen zur Sprachförderung",
        "--members", "6", "--meeting", str(procedure), "--lead", LEAD, "--member", WG_MEMBER, *sek)
    run("groups", "activate", "AG Sprache und Teilhabe", *sek)
    members = json.loads(run("groups", "members", "AG Sprache und Teilhabe", "--json").output)
    assert {m["email"] for m in members} >= {LEAD, WG_MEMBER}

    # The strategy group's meetings: one to decide, one to review.
    meeting = _number(run("meetings", "add", "--title", "1. Sitzung der Strategiegruppe", "--at", "2027-03-15T10:00",
                          "--until", "2027-03-15T13:00", "--location", "Stuttgart", *sek).output,
                      r"Planned meeting (\d+)")
    review_meeting = _number(run("meetings", "add", "--title", "2. Sitzung der Strategiegruppe",
                                 "--at", "2027-10-11T10:00", "--until", "2027-10-11T13:00",
                                 "--location", "Stuttgart", *sek).output, r"Planned meeting (\d+)")

    # The lead drafts and submits; the number carries the network's own prefix.
    run("rec", "new", "--group", "AG Sprache und Teilhabe", "--title", "Sprachkurse mit Kinderbetreuung",
        "--text", "Die Kommunen bieten Sprachkurse mit Kinderbetreuung an.", "--rationale", "Weil Eltern sonst fehlen.",
        "--addressee", BODY, "--as", LEAD)
    run("rec", "fire", "1", "submit", "--as", LEAD, "--comment", "Von der AG beschlossen")
    number = json.loads(run("rec", "show", "1", "--json").output)["number"]
    assert number.startswith("TM-2027-")
    run("meetings", "agenda", "--build", *sek)

    # The meeting: attendance, the vote, the decision.
    for seat in SEAT_HOLDERS:
        run("meetings", "attendance", str(meeting), "--seat", seat, "--status", "present", *sek, now=MEETING_TIME)
    vote = _number(run("vote", "open", number, "--meeting", str(meeting), "--as", CHAIR, now=MEETING_TIME).output,
                   r"Vote (\d+) is open")
    for email in SEAT_HOLDERS.values():
        run("vote", "cast", str(vote), "yes", "--as", email, now=MEETING_TIME)
    run("vote", "close", str(vote), "--as", CHAIR, now=MEETING_TIME)
    assert json.loads(run("rec", "show", number, "--json").output)["state"] == "adopted"

    # Forwarding to the body from the directory, its answer (by letter), and the review.
    run("forward", number, *sek, now=MEETING_TIME)
    run("report", "acknowledge", number, "--body", BODY, *sek, now=AFTER_MEETING)
    run("report", "file", number, "--body", BODY, "--status", "implemented",
        "--text", "Seit April laufen zwei Kurse mit Kinderbetreuung.", *sek, now=AFTER_MEETING)
    run("review", "start", number, "--meeting", str(review_meeting), *sek, now=REVIEW_TIME)
    run("review", "conclude", number, "--outcome", "implemented", "--note", "Umgesetzt.", "--as", CHAIR,
        now=REVIEW_TIME)
    assert json.loads(run("rec", "show", number, "--json").output)["state"] == "implemented"
    events = [entry["event"] for entry in json.loads(run("rec", "history", number, "--json").output)]
    assert events == ["submit", "schedule", "open_vote", "close_vote", "forward", "start_review", "conclude_review"]

    # The mails go out through the real SMTP server: the chair's invitation to set a password, the decision to the
    # lead and the forwarding to the body's functional mailbox, each naming the network as its profile says.
    run("mail", "send", now=REVIEW_TIME)
    [invitation] = smtp.inbox.to(CHAIR)
    assert "/set-password/" in invitation.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    [decision] = smtp.inbox.to(LEAD)
    assert number in str(decision["Subject"])
    [forwarded] = smtp.inbox.to(BODY_MAILBOX)
    body_text = forwarded.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Netzwerk Teilhabe Musterland" in body_text and "Baden-Württemberg" not in body_text
    assert not json.loads(run("mail", "outbox", "--status", "failed", "--json").output)

    # Every change to the directory is on record with who made it.
    person = json.loads(run("people", "show", WG_MEMBER, "--json").output)
    assert [(entry["action"], entry["actor"]) for entry in person["record"]] == [("import", "Sabine Ek")]
