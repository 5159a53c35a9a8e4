"""Importing an office's lists: every row checked first, all or nothing, the same file twice changes nothing, and
each created or updated row recorded with who, when and which file."""

from datetime import datetime

import pytest
from sqlmodel import Session, col, select

from models.enums import Language, OrganisationKind, Role
from models.groups import WorkingGroup
from models.network import ChangeRecord
from models.people import Organisation, Person, RoleAssignment
from tests.support.factories import World
from tests.support.imports import ORGANISATIONS, PEOPLE, csv_bytes, xlsx_bytes
from web.wording.import_labels import problem_reason
from workflow.engine.errors import InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.importing import import_file
from workflow.network.importing.report import ImportReport
from workflow.network.records import changes_of
from workflow.strategy_group.refusals import StrategyRefusal


def _import(world: World, kind: str, data: bytes, *, dry_run: bool = False, actor: Person | None = None,
            filename: str = "liste.csv") -> ImportReport:
    with unit_of_work(world.db) as session:
        return import_file(session, kind, data, filename, actor=actor or world.secretariat, now=world.now,
                           dry_run=dry_run)


def _snapshot(world: World) -> dict[str, list[tuple]]:
    with world.db.read() as session:
        return {
            "people": [(p.email, p.name, p.organisation_id, p.language, p.phone, p.function)
                       for p in session.exec(select(Person).order_by(col(Person.id))).all()],
            "organisations": [(o.name, o.kind, o.email, o.short_name, o.address)
                              for o in session.exec(select(Organisation).order_by(col(Organisation.id))).all()],
            "groups": [(g.name, g.state, g.version) for g in session.exec(select(WorkingGroup)).all()],
            "roles": [(a.person_id, a.role, a.working_group_id) for a in session.exec(select(RoleAssignment)).all()],
            "records": [(r.subject_kind, r.subject_id, r.action) for r in session.exec(select(ChangeRecord)).all()],
        }


def _person(session: Session, email: str) -> Person:
    person = session.exec(select(Person).where(Person.email == email)).one()
    return person


def test_organisations_from_a_semicolon_csv_with_bom_and_people_from_a_comma_csv_without_bom_import(
        world: World) -> None:
    orgs = _import(world, "organisations", csv_bytes(ORGANISATIONS, delimiter=";", bom=True))
    assert (orgs.imported, orgs.created, orgs.updated, orgs.unchanged, orgs.problems) == (True, 3, 0, 0, [])
    people = _import(world, "people", csv_bytes(PEOPLE, delimiter=",", bom=False))
    assert (people.imported, people.created, people.problems) == (True, 3, [])
    with world.db.read() as session:
        reutlingen = session.exec(select(Organisation).where(Organisation.name == "Landratsamt Reutlingen")).one()
        assert reutlingen.kind == OrganisationKind.DISTRICT and reutlingen.short_name == "LRA RT"
        assert reutlingen.email == "poststelle@kreis-rt.example.org" and reutlingen.address == "Bismarckstraße 47"
        gt = session.exec(select(Organisation).where(Organisation.name.startswith("Gemeindetag"))).one()  # type: ignore[attr-defined]
        assert gt.kind == OrganisationKind.MUNICIPAL_ASSOCIATION and gt.email is None
        thomas = _person(session, "thomas.brückner@kreis-rt.example.org")
        assert thomas.organisation_id == reutlingen.id and thomas.function == "Integrationsbeauftragter"
        ayse = _person(session, "ayse.yilmaz@ulm.example.org")
        assert ayse.name == "Ayşe Yılmaz" and ayse.language == Language.DE
        assert _person(session, "jane.doe@example.org").language == Language.EN


def test_people_import_from_an_xlsx_workbook_made_with_openpyxl(world: World) -> None:
    _import(world, "organisations", xlsx_bytes(ORGANISATIONS), filename="organisationen.xlsx")
    report = _import(world, "people", xlsx_bytes(PEOPLE), filename="personen.xlsx")
    assert (report.imported, report.created, report.rows) == (True, 3, 3)
    with world.db.read() as session:
        assert _person(session, "thomas.brückner@kreis-rt.example.org").phone == "07121 480-1"


def test_a_file_with_errors_imports_nothing_and_names_each_bad_row_with_line_column_and_reason(world: World) -> None:
    _import(world, "organisations", csv_bytes(ORGANISATIONS))
    before = _snapshot(world)
    bad = [
        ["Name", "E-Mail", "Organisation", "Sprache"],
        ["Gute Zeile", "gut@example.org", "Stadt Ulm", "de"],
        ["", "leer@example.org", "", ""],
        ["Kaputte Adresse", "nicht-eine-adresse", "", ""],
        ["Doppelt", "GUT@example.org", "", ""],
        ["Unbekannt", "unbekannt@example.org", "Stadt Atlantis", "fr"],
    ]
    report = _import(world, "people", csv_bytes(bad))
    assert not report.imported and report.refused
    found = {(p.line, p.column, p.code) for p in report.problems}
    assert found == {(3, "Name", "required"), (4, "E-Mail", "bad_email"), (5, "E-Mail", "duplicate_in_file"),
                     (6, "Organisation", "unknown_organisation"), (6, "Sprache", "bad_language")}
    reasons = {p.code: problem_reason(p) for p in report.problems}
    assert reasons["duplicate_in_file"] == "“gut@example.org” is in line 2 of this file already."
    assert "import the organisations first" in reasons["unknown_organisation"]
    assert _snapshot(world) == before


def test_unknown_columns_are_refused_unless_empty_and_missing_required_columns_are_named(world: World) -> None:
    report = _import(world, "people", csv_bytes([["Name", "E-Mail", "Geburtstag", "Notiz"],
                                                  ["A. Person", "a@example.org", "1.1.1990", ""]]))
    assert [(p.line, p.column, p.code) for p in report.problems] == [(1, "Geburtstag", "unknown_column")]
    missing = _import(world, "organisations", csv_bytes([["Name"], ["Stadt Ulm"]]))
    assert [(p.line, p.column, p.code) for p in missing.problems] == [(1, "kind", "missing_column")]


def test_the_same_file_twice_changes_nothing_the_second_time(world: World) -> None:
    _import(world, "organisations", csv_bytes(ORGANISATIONS))
    data = xlsx_bytes(PEOPLE)
    first = _import(world, "people", data)
    after_first = _snapshot(world)
    second = _import(world, "people", data)
    assert (first.created, second.created, second.updated, second.unchanged) == (3, 0, 0, 3)
    assert second.imported
    snapshot = _snapshot(world)
    # The only trace of the second run is the record of the run itself.
    assert snapshot["records"][:-1] == after_first["records"] and snapshot["records"][-1][0] == "import"
    assert {k: v for k, v in snapshot.items() if k != "records"} == \
        {k: v for k, v in after_first.items() if k != "records"}
    again = _import(world, "organisations", csv_bytes(ORGANISATIONS, delimiter=",", bom=False))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_an_edited_row_updates_only_that_person_and_records_who_when_and_which_file(world: World) -> None:
    _import(world, "organisations", csv_bytes(ORGANISATIONS))
    _import(world, "people", csv_bytes(PEOPLE))
    edited = [list(row) for row in PEOPLE]
    edited[2][5] = "Amtsleitung"
    report = _import(world, "people", csv_bytes(edited), filename="personen-neu.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    with world.db.read() as session:
        ayse = _person(session, "ayse.yilmaz@ulm.example.org")
        assert ayse.function == "Amtsleitung"
        created, updated = changes_of(session, "person", ayse.id or 0)
        assert (created.action, updated.action) == ("import", "import")
        assert updated.changes == {"function": ["Sachgebietsleitung", "Amtsleitung"]}
        assert updated.actor_id == world.secretariat.id and updated.comment == "Import: personen-neu.csv"
        assert updated.occurred_at == world.now
        thomas = _person(session, "thomas.brückner@kreis-rt.example.org")
        assert len(changes_of(session, "person", thomas.id or 0)) == 1
        [run] = session.exec(select(ChangeRecord).where(ChangeRecord.subject_kind == "import")
                             .order_by(col(ChangeRecord.id).desc()).limit(1)).all()
        assert run.changes["created"] == 0 and run.changes["updated"] == 1 and run.changes["unchanged"] == 2
        assert run.changes["file"] == "personen-neu.csv"


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(world: World) -> None:
    before = _snapshot(world)
    report = _import(world, "organisations", csv_bytes(ORGANISATIONS), dry_run=True)
    assert (report.dry_run, report.imported, report.created) == (True, False, 3)
    assert _snapshot(world) == before


def test_umlaut_emails_import_and_match_case_insensitively(world: World) -> None:
    rows = [["Name", "E-Mail"], ["Jürgen Größe", "Jürgen.Größe@gemeinde-müllheim.example"]]
    assert _import(world, "people", csv_bytes(rows)).created == 1
    again = _import(world, "people", csv_bytes([["name", "email"], ["Jürgen Größe",
                                                                      "jürgen.größe@GEMEINDE-MÜLLHEIM.example"]]))
    assert (again.created, again.unchanged) == (0, 1)
    with world.db.read() as session:
        assert _person(session, "jürgen.größe@gemeinde-müllheim.example").name == "Jürgen Größe"


def test_a_windows_1252_file_imports_and_the_report_says_how_it_was_read(world: World) -> None:
    rows = [["Name", "E-Mail"], ["Jörg Schäfer", "joerg.schaefer@example.org"]]
    report = _import(world, "people", csv_bytes(rows, bom=False, encoding="cp1252"))
    assert report.notes == ["windows_1252"] and report.created == 1
    with world.db.read() as session:
        assert _person(session, "joerg.schaefer@example.org").name == "Jörg Schäfer"


def test_working_groups_import_with_lead_and_members_and_are_active_from_the_import_day(world: World) -> None:
    rows = [["Name", "Thema", "Auftrag", "Geplante Mitglieder", "Geplantes Ende", "Leitung", "Stellvertretung",
             "Mitglieder"],
            ["AG Sprache", "", "Sprachförderung", "5", "31.12.2027", "Stranger@example.org", "",
             "member@example.org; deputy@example.org\nchair@example.org"],
            ["AG Wohnen", "", "Wohnraum", "", "2027-06-30", "", "", ""]]
    report = _import(world, "groups", xlsx_bytes(rows))
    assert report.problems == [] and report.created == 2
    with world.db.read() as session:
        sprache = session.exec(select(WorkingGroup).where(WorkingGroup.name == "AG Sprache")).one()
        wohnen = session.exec(select(WorkingGroup).where(WorkingGroup.name == "AG Wohnen")).one()
        assert (sprache.state, wohnen.state) == ("active", "convened")
        assert sprache.planned_member_count == 5 and str(sprache.planned_end) == "2027-12-31"
        roles = {(a.person_id, a.role) for a in session.exec(
            select(RoleAssignment).where(RoleAssignment.working_group_id == sprache.id)).all()}
        assert roles == {(world.stranger.id, Role.WG_LEAD), (world.member.id, Role.WG_MEMBER),
                         (world.deputy.id, Role.WG_MEMBER), (world.chair.id, Role.WG_MEMBER)}
        [record] = changes_of(session, "working_group", sprache.id or 0)
        assert record.changes["lead"] == "stranger@example.org"
    again = _import(world, "groups", xlsx_bytes(rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_group_naming_unknown_people_or_a_second_lead_is_refused(world: World) -> None:
    rows = [["Name", "Auftrag", "Leitung", "Mitglieder"],
            ["AG Beispiel", "Empfehlungen erarbeiten", "stranger@example.org", ""],
            ["AG Neu", "Neues", "niemand@example.org", "member@example.org, member@example.org"]]
    before = _snapshot(world)
    report = _import(world, "groups", csv_bytes(rows))
    assert {(p.line, p.column, p.code) for p in report.problems} == {
        (2, "Leitung", "lead_differs"), (3, "Leitung", "unknown_person"), (3, "Mitglieder", "named_twice")}
    assert _snapshot(world) == before


def test_only_the_secretariat_imports(world: World) -> None:
    before = _snapshot(world)
    with pytest.raises(NotPermitted) as refused:
        _import(world, "organisations", csv_bytes(ORGANISATIONS), actor=world.chair)
    assert refused.value.code is StrategyRefusal.ROLE_REQUIRED and refused.value.params["allowed"] == ("secretariat",)
    assert _snapshot(world) == before


def test_an_unknown_list_or_an_unreadable_file_is_refused(world: World) -> None:
    unknown = r"network\.import_unknown_kind \(kind='topics', kinds=\('people', 'organisations', 'groups'\)\)"
    with pytest.raises(InvalidInput, match=unknown):
        _import(world, "topics", b"Name\nx")
    report = _import(world, "people", b"\xd0\xcf\x11\xe0 old excel")
    assert [p.code for p in report.problems] == ["old_excel"]
    assert [p.code for p in _import(world, "people", b"Name;E-Mail\r\n").problems] == ["no_rows"]


def test_an_import_run_is_numbered_in_the_record(world: World, now: datetime) -> None:
    _import(world, "organisations", csv_bytes(ORGANISATIONS))
    _import(world, "organisations", csv_bytes(ORGANISATIONS))
    with world.db.read() as session:
        runs = session.exec(select(ChangeRecord).where(ChangeRecord.subject_kind == "import")).all()
    assert [r.subject_id for r in runs] == [1, 2] and all(r.occurred_at == now for r in runs)


def test_ten_thousand_people_import_from_a_csv_file_in_under_thirty_seconds(sqlite_database, now: datetime) -> None:
    import time

    from tests.support.factories import build_world

    world = build_world(sqlite_database, now)
    rows = [["Name", "E-Mail", "Organisation", "Sprache"]]
    rows += [[f"Person {i}", f"person.{i}@gemeinde-{i % 7}.example.org", "Stadt Beispiel", "de"]
             for i in range(10_000)]
    data = csv_bytes(rows)
    started = time.perf_counter()
    report = _import(world, "people", data)
    seconds = time.perf_counter() - started
    print(f"10,000 people imported in {seconds:.1f} s ({10_000 / seconds:,.0f} rows/s)")
    assert report.created == 10_000 and seconds < 30
    assert _import(world, "people", data).unchanged == 10_000
