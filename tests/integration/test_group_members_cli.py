"""A working group's people through the command line: convening with lead and members, joining, leaving, a new
lead, and an activation refused without them."""

import json

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.support.factories import World
from tests.support.network import held_meeting

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner = CliRunner()

    def invoke(*args: str, now: str = NOW) -> Result:
        return runner.invoke(main, ["--now", now, *args], catch_exceptions=False)

    return invoke


def _members(run, group: str, *extra: str, now: str = NOW) -> list[dict[str, str]]:
    result = run("groups", "members", group, "--json", *extra, now=now)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_group_convened_with_its_people_can_start_work(run, world: World) -> None:
    meeting = held_meeting(world)
    convened = run("groups", "convene", "--name", "AG Wohnen", "--mandate", "Empfehlungen", "--members", "5",
                   "--meeting", str(meeting.id), "--lead", "lead@example.org", "--deputy-lead",
                   "deputylead@example.org", "--member", "wgmember@example.org", "--member", "stranger@example.org",
                   "--as", "sek@example.org")
    assert convened.exit_code == 0, convened.output
    assert [(m["email"], m["role"]) for m in _members(run, "AG Wohnen")] == [
        ("lead@example.org", "wg_lead"), ("deputylead@example.org", "wg_deputy_lead"),
        ("wgmember@example.org", "wg_member"), ("stranger@example.org", "wg_member")]
    assert run("groups", "activate", "AG Wohnen", "--as", "sek@example.org").exit_code == 0


def test_activate_without_lead_is_refused_with_a_sentence_and_the_group_stays_convened(run, world: World) -> None:
    meeting = held_meeting(world)
    run("groups", "convene", "--name", "AG Leer", "--mandate", "Empfehlungen", "--members", "5",
        "--meeting", str(meeting.id), "--as", "sek@example.org")
    refused = run("groups", "activate", "AG Leer", "--as", "sek@example.org")
    assert refused.exit_code != 0
    assert refused.output == ("Error: “activate” is not possible yet for working group 'AG Leer': The working group "
                              "has no lead yet. Name one with 'recoflow groups lead'.\n")
    states = {g["name"]: g["state"] for g in json.loads(run("groups", "list", "--json").output)}
    assert states["AG Leer"] == "convened"


def test_join_leave_and_a_new_lead_through_the_command_line(run, world: World) -> None:
    joined = run("groups", "join", "AG Beispiel", "stranger@example.org", "--from", "2026-03-12",
                 "--as", "lead@example.org")
    assert joined.exit_code == 0, joined.output
    assert "stranger@example.org is member of 'AG Beispiel' from 2026-03-12." in joined.output
    assert "stranger@example.org" not in [m["email"] for m in _members(run, "AG Beispiel")]
    left = run("groups", "leave", "AG Beispiel", "wgmember@example.org", "--on", "2026-03-31",
               "--comment", "Stellenwechsel", "--as", "sek@example.org")
    assert left.exit_code == 0, left.output
    lead = run("groups", "lead", "AG Beispiel", "deputylead@example.org", "--from", "2026-04-01",
               "--comment", "Wahl in der AG", "--as", "chair@example.org")
    assert lead.exit_code == 0, lead.output
    later = {m["email"]: m["role"] for m in _members(run, "AG Beispiel", now="2026-04-02T09:00:00+02:00")}
    assert later == {"deputylead@example.org": "wg_lead", "lead@example.org": "wg_member",
                     "stranger@example.org": "wg_member"}
    every = _members(run, "AG Beispiel", "--all")
    assert ("wgmember@example.org", "2026-03-31") in [(m["email"], m["ends_on"]) for m in every]
    listing = run("groups", "members", "AG Beispiel")
    assert "lead" in listing.output and "Leitung Lange" in listing.output


def test_a_lead_may_not_add_members_to_another_group(run, world: World) -> None:
    refused = run("groups", "join", "AG Andere", "stranger@example.org", "--as", "lead@example.org")
    assert refused.exit_code != 0
    assert refused.output.startswith("Error: Leitung Lange may not change the members of the working group "
                                     "“AG Andere”")
    assert "stranger@example.org" not in [m["email"] for m in _members(run, "AG Andere")]
