"""``recoflow people`` and ``recoflow orgs``: the secretariat keeps the directory from the command line."""

import json

import pytest
from click.testing import CliRunner, Result
from sqlmodel import select

from cli import main
from models.people import Organisation, Person
from tests.support.factories import World
from workflow.network.records import changes_of

NOW = "2026-03-10T09:00:00+01:00"
AS = ("--as", "sek@example.org")


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, ["--now", NOW, *args], catch_exceptions=False)

    return invoke


def test_the_secretariat_registers_a_person_with_an_umlaut_address_and_shows_them(run, world: World) -> None:
    added = run("people", "add", "--name", "Thomas Brückner", "--email", "Thomas.Brückner@kreis-rt.example.org",
                "--organisation", "Landkreis Beispiel", "--function", "Integrationsbeauftragter", "--phone", "07121",
                "--comment", "Neu", *AS)
    assert added.exit_code == 0, added.stderr
    shown = run("people", "show", "thomas.brückner@kreis-rt.example.org", "--json")
    detail = json.loads(shown.stdout)
    assert detail["organisation"]["name"] == "Landkreis Beispiel" and detail["function"] == "Integrationsbeauftragter"
    assert [(r["action"], r["actor"], r["comment"]) for r in detail["record"]] == [("create", "Sekretariat Sommer",
                                                                                    "Neu")]


def test_a_malformed_or_taken_email_is_one_error_line_and_nothing_is_added(run, world: World) -> None:
    bad = run("people", "add", "--name", "Kaputt", "--email", "kaputt@@example.org", *AS)
    taken = run("people", "add", "--name", "Doppelt", "--email", "Lead@Example.org", *AS)
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: “kaputt@@example.org” is not a valid email address")
    assert taken.exit_code == 2 and "registered already" in taken.stderr
    with world.db.read() as s:
        assert s.exec(select(Person).where(Person.name.in_(["Kaputt", "Doppelt"]))).all() == []  # type: ignore[attr-defined]


def test_someone_not_of_the_secretariat_is_refused(run) -> None:
    result = run("people", "add", "--name", "Neu", "--email", "neu@example.org", "--as", "chair@example.org")
    assert result.exit_code == 1 and "Only the secretariat may register people" in result.stderr


def test_edit_deactivate_reactivate_and_merge_a_person(run, world: World) -> None:
    assert run("people", "edit", "stranger@example.org", "--name", "Frieda Fremd", "--organisation", "",
               "--comment", "Heirat", *AS).exit_code == 0
    left = run("people", "deactivate", "stranger@example.org", "--on", "2026-03-01", "--comment", "Weg", *AS)
    assert left.exit_code == 0 and "has left" in left.stdout
    listed = json.loads(run("people", "list", "--json").stdout)
    assert "stranger@example.org" not in [p["email"] for p in listed]
    assert run("people", "reactivate", "stranger@example.org", *AS).exit_code == 0
    merged = run("people", "merge", "stranger@example.org", "--into", "lead@example.org", "--comment", "Doppelt", *AS)
    assert merged.exit_code == 0, merged.stderr
    with world.db.read() as s:
        gone = s.get(Person, world.stranger.id)
        assert gone is not None and gone.merged_into_id == world.lead.id and gone.name == "Frieda Fremd"
        actions = [r.action for r in changes_of(s, "person", world.stranger.id or 0)]
    assert actions == ["create", "update", "deactivate", "reactivate", "merge_into"]


def test_deactivating_without_a_reason_is_refused_by_the_command(run) -> None:
    result = run("people", "deactivate", "stranger@example.org", *AS)
    assert result.exit_code == 2 and "--comment" in result.output


def test_an_unknown_person_says_where_to_look(run) -> None:
    result = run("people", "show", "nobody@example.org")
    assert result.exit_code == 1 and "recoflow people list" in result.stderr


def test_organisations_are_added_edited_listed_deactivated_and_merged(run, world: World) -> None:
    added = run("orgs", "add", "--name", "Gemeindetag Baden-Württemberg", "--kind", "municipal_association",
                "--short-name", "GT", "--email", "Post@Gemeindetag.example", *AS)
    assert added.exit_code == 0, added.stderr
    org_id = added.stdout.strip()
    assert run("orgs", "edit", org_id, "--phone", "0711 22", "--comment", "Telefon", *AS).exit_code == 0
    shown = json.loads(run("orgs", "show", "Gemeindetag Baden-Württemberg", "--json").stdout)
    assert shown["email"] == "post@gemeindetag.example" and shown["phone"] == "0711 22"
    assert run("orgs", "deactivate", "Stadt Beispiel", "--comment", "Aufgelöst", *AS).exit_code == 0
    names = [o["name"] for o in json.loads(run("orgs", "list", "--json").stdout)]
    assert "Stadt Beispiel" not in names and "Gemeindetag Baden-Württemberg" in names
    assert "Stadt Beispiel" in [o["name"] for o in json.loads(run("orgs", "list", "--json", "--inactive").stdout)]
    assert run("orgs", "reactivate", "Stadt Beispiel", *AS).exit_code == 0
    merged = run("orgs", "merge", "Stadt Beispiel", "--into", org_id, "--comment", "Doppelt", *AS)
    assert merged.exit_code == 0, merged.stderr
    with world.db.read() as s:
        gone = s.exec(select(Organisation).where(Organisation.name == "Stadt Beispiel")).one()
    assert not gone.active and gone.merged_into_id == int(org_id)


def test_an_organisation_name_taken_in_another_case_is_refused(run) -> None:
    result = run("orgs", "add", "--name", "stadt BEISPIEL", "--kind", "city", *AS)
    assert result.exit_code == 2 and "exists already" in result.stderr
