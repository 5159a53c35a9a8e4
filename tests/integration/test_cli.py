"""The ``recoflow`` command as a user types it: set-up, demo, listing, firing, and refusals that change nothing."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from models.db import Database
from tests.support.factories import World

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, ["--now", NOW, *args], catch_exceptions=False)

    return invoke


def _history(run) -> list[dict]:
    return json.loads(run("rec", "history", "1", "--json").output)


def test_init_demo_and_list_work_on_a_new_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", f"sqlite:///{tmp_path}/new/recoflow.db")
    runner = CliRunner()
    assert "upgraded from empty" in runner.invoke(main, ["init"]).output
    loaded = runner.invoke(main, ["--now", NOW, "demo", "--load-only"]).output
    assert loaded.startswith("Demo data loaded")
    # Each login with its roles and the password the demo set, so that every role can be tried in the browser.
    logins = {line.split()[0]: line for line in loaded.splitlines() if "@" in line}
    assert re.match(r"geschaeftsstelle@sm\.example\.org +Sabine Kästner +secretariat +recoflow-demo$",
                    logins["geschaeftsstelle@sm.example.org"])
    assert "strategy group member (seat MIN-1), chair" in logins["martin.albrecht@sm.example.org"]
    assert "deputy member (seat IB-LK)" in logins["thomas.brückner@kreis-rt.example.org"]
    assert "lead of Hürdenabbau in der Verwaltung" in logins["karsten.boehm@landkreistag.example.org"]
    listed = json.loads(runner.invoke(main, ["rec", "list", "--json"]).output)
    assert (tmp_path / "new" / "recoflow.db").exists()
    states = {r["state"] for r in listed}
    assert len(listed) >= 12
    assert {"draft", "submitted", "scheduled", "voting", "adopted", "forwarded", "implemented"} <= states
    again = runner.invoke(main, ["--now", NOW, "demo", "--load-only"])
    assert "already loaded" in again.output
    assert len(json.loads(runner.invoke(main, ["rec", "list", "--json"]).output)) == len(listed)


def test_the_lead_submits_a_draft_and_history_shows_who_when_and_why(run, world: World) -> None:
    rec = world.recommendation()
    result = run("rec", "fire", str(rec.id), "submit", "--as", world.lead.email, "--comment", "Fertig beraten")
    assert result.exit_code == 0
    assert "draft → submitted" in result.output
    [entry] = _history(run)
    assert entry["actor"]["email"] == world.lead.email
    assert entry["comment"] == "Fertig beraten"
    assert entry["at"].startswith("2026-03-10T08:00:00")
    text = run("rec", "history", "HE-2026-001").output
    assert "Leitung Lange" in text and "Fertig beraten" in text


@pytest.mark.parametrize(("args", "message"), [
    (["rec", "fire", "1", "submit", "--as", "otherlead@example.org"], "only the lead of this working group"),
    (["rec", "fire", "1", "schedule", "--as", "sek@example.org", "--meeting", "1"], "Possible now: submit, withdraw"),
    (["rec", "fire", "99", "submit", "--as", "lead@example.org"], "There is no recommendation with id 99"),
    (["rec", "fire", "1", "submit", "--as", "nobody@example.org"],
     "No person is registered with the email address nobody@example.org. 'recoflow people list' shows who is "
     "registered."),
    (["rec", "fire", "1", "submit", "--as", "lead@example.org", "--outcome", "adopted"], "takes no outcome"),
    (["rec", "fire", "HE-x", "submit", "--as", "lead@example.org"], "There is no recommendation 'HE-x'"),
])
def test_bad_input_fails_with_one_clear_line_and_changes_nothing(run, world: World, args, message) -> None:
    world.recommendation()
    before = run("rec", "show", "1", "--json").output
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert run("rec", "show", "1", "--json").output == before
    assert _history(run) == []


def test_an_unknown_event_is_refused_with_the_list_of_events(run, world: World) -> None:
    world.recommendation()
    result = run("rec", "fire", "1", "approve", "--as", world.lead.email)
    assert result.exit_code == 2
    assert "'approve' is not one of" in result.output and "submit" in result.output


def test_close_vote_without_outcome_names_the_possible_outcomes(run, world: World) -> None:
    world.recommendation(state="voting")
    result = run("rec", "fire", "1", "close_vote", "--as", world.chair.email)
    assert result.exit_code != 0
    assert "needs an outcome: one of adopted, rejected" in result.output


def test_a_malformed_title_is_refused_naming_the_field(run, world: World) -> None:
    result = run("rec", "new", "--group", "AG Beispiel", "--title", "x", "--text", "t", "--as", world.lead.email)
    assert result.exit_code == 2
    assert "title" in result.output and "at least 3 characters" in result.output


def test_new_and_edit_create_numbered_revisions(run, world: World) -> None:
    body = world.bodies[0].name
    created = run("rec", "new", "--group", "AG Beispiel", "--title", "Mehr Beratung", "--text", "Text",
                  "--rationale", "Weil", "--addressee", body, "--as", world.lead.email)
    assert created.output.startswith("Created draft #1")
    edited = run("rec", "edit", "1", "--text", "Besserer Text", "--comment", "klarer", "--as", world.wg_member.email)
    assert "revision 2" in edited.output
    shown = json.loads(run("rec", "show", "1", "--json", "--as", world.lead.email).output)
    assert shown["text"] == "Besserer Text"
    assert shown["addressees"] == [{"id": world.bodies[0].id, "name": body}]
    assert [e["event"] for e in shown["possible_events"]] == ["submit", "withdraw"]


def test_rec_list_filters_by_state_and_group(run, world: World) -> None:
    world.recommendation(state="submitted")
    world.recommendation()
    world.recommendation(group=world.other_group)
    submitted = json.loads(run("rec", "list", "--state", "submitted", "--json").output)
    ours = json.loads(run("rec", "list", "--group", "AG Beispiel", "--json").output)
    assert [r["state"] for r in submitted] == ["submitted"]
    assert {r["working_group"] for r in ours} == {"AG Beispiel"}
    assert len(ours) == 2


def test_workflow_show_and_diagrams_are_drawn_from_the_table(run) -> None:
    rows = json.loads(run("workflow", "show", "--json").output)
    assert {"event": "submit", "from": ["draft"], "to": "submitted"}.items() <= rows[0].items()
    assert "voting --> adopted: close_vote = adopted" in run("workflow", "diagram").output
    svg = run("workflow", "diagram", "--format", "svg").output
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "under_review" in svg
    groups = run("workflow", "diagram", "--name", "working_group").output
    assert "convened --> active" in groups


def test_a_transition_survives_into_a_fresh_process(sqlite_database: Database, now) -> None:
    from tests.support.factories import build_world

    world = build_world(sqlite_database, now)
    world.recommendation()
    env = {**os.environ, "RECOFLOW_DATABASE_URL": sqlite_database.url}
    command = [sys.executable, "-m", "cli", "--now", NOW]
    fired = subprocess.run([*command, "rec", "fire", "1", "submit", "--as", world.lead.email],
                           env=env, capture_output=True, text=True, check=True)
    assert "draft → submitted" in fired.stdout
    shown = subprocess.run([*command, "rec", "history", "1", "--json"], env=env, capture_output=True, text=True,
                           check=True)
    assert [(e["event"], e["to"]) for e in json.loads(shown.stdout)] == [("submit", "submitted")]
