"""``recoflow forward``, ``forwardings``, ``report``, ``review``, ``export`` and ``accountability`` as typed."""

import csv
import io
import json

import pytest
from click.testing import CliRunner, Result
from sqlmodel import func, select

from cli import main
from models.forwarding import Forwarding, ImplementationReport
from models.transition_record import TransitionRecord
from tests.support.factories import World
from tests.support.forwarding import add_meeting, third_body

NOW = "2026-03-10T09:00:00+01:00"
SEK = "sek@example.org"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True) -> Result:
        result = runner.invoke(main, ["--now", NOW, *args], catch_exceptions=False)
        assert (result.exit_code == 0) == ok, result.output
        return result

    return invoke


def _written(world: World) -> tuple[int, ...]:
    with world.db.read() as s:
        return tuple(s.exec(select(func.count()).select_from(t)).one()
                     for t in (Forwarding, ImplementationReport, TransitionRecord))


def test_the_secretariat_forwards_enters_letters_reviews_and_exports(run, world: World) -> None:
    add_meeting(world, 200)
    third = third_body(world)
    rec = str(world.recommendation(state="adopted").id)
    links = json.loads(run("forward", rec, "--as", SEK, "--json").output)
    assert [x["body"] for x in links] == ["Landkreis Beispiel", "Stadt Beispiel"]
    assert all("/stelle/" in x["link"] for x in links)
    run("report", "acknowledge", rec, "--body", "Landkreis Beispiel", "--contact-name", "Erika Muster",
        "--contact-email", "Erika.Muster@example.org", "--as", SEK)
    filed = run("report", "file", rec, "--body", "Stadt Beispiel", "--status", "not_responsible",
                "--text", "Zuständig ist die Gemeinde.", "--instead", third.name, "--as", SEK).output
    assert "--onward-from-report" in filed
    report_id = filed.split("Report ", 1)[1].split(" ", 1)[0]
    onward = run("forward", rec, "--onward-from-report", report_id, "--as", SEK).output
    assert "Gemeinde Drittort" in onward and "shown only now" in onward
    run("report", "file", rec, "--body", "Landkreis Beispiel", "--status", "implemented", "--text", "Erledigt.",
        "--date", "2026-03-09", "--as", SEK)
    run("report", "file", rec, "--body", third.name, "--status", "partially_implemented", "--text", "Teils.",
        "--as", SEK)
    listed = json.loads(run("forwardings", "list", "--rec", rec, "--json").output)
    assert [(r["body"], r["status"]) for r in listed] == [
        ("Landkreis Beispiel", "reported"), ("Stadt Beispiel", "reported"), ("Gemeinde Drittort", "reported")]
    assert "under_review" in run("review", "start", rec, "--early", "--reason", "Die Berichte liegen vor.",
                                 "--as", SEK).output  # before its meeting: brought forward
    run("review", "conclude", rec, "--outcome", "partially_implemented", "--note", "Zwei von drei.",
        "--as", "chair@example.org")
    story = json.loads(run("forwardings", "story", rec, "--json").output)
    assert [e["event"] for e in story][-2:] == ["start_review", "conclude_review"]

    rows = list(csv.DictReader(io.StringIO(run("export", "csv").output.removeprefix("\ufeff")), delimiter=";"))
    assert {r["Stelle"] for r in rows} == {"Landkreis Beispiel", "Stadt Beispiel", "Gemeinde Drittort"}
    assert {r["E-Mail der Ansprechperson"] for r in rows} >= {"erika.muster@example.org"}
    english = list(csv.DictReader(io.StringIO(run("export", "forwardings", "--lang", "en").output.lstrip("\ufeff"))))
    assert {r["Email of the contact person"] for r in english} >= {"erika.muster@example.org"}
    exported = json.loads(run("export", "json").output)
    assert exported["network"]["partially_implemented"] == 1
    public = run("export", "public").output
    assert "Gemeinde Drittort" in public and "Erika" not in public and "@" not in public
    totals = json.loads(run("accountability", "--json").output)
    assert (totals["forwardings"], totals["reported"]) == (3, 3)


def test_a_reissued_link_is_printed_once_and_revoking_is_reported(run, world: World) -> None:
    rec = str(world.recommendation(state="adopted").id)
    [first, _] = json.loads(run("forward", rec, "--as", SEK, "--json").output)
    [again] = json.loads(run("forwardings", "reissue", str(first["forwarding_id"]), "--as", SEK, "--json").output)
    assert again["link"] != first["link"]
    assert "Revoked 1 link" in run("forwardings", "revoke", str(first["forwarding_id"]), "--as", SEK).output
    shown = run("forwardings", "show", str(first["forwarding_id"])).output
    assert "no valid link" in shown


@pytest.mark.parametrize(("args", "message"), [
    (["forward", "{draft}", "--as", SEK], "only adopted recommendations can be forwarded"),
    (["forward", "{adopted}", "--to", "Atlantis", "--as", SEK], "no organisation “Atlantis”"),
    (["forward", "{adopted}", "--as", "chair@example.org"], "may not take the step “forward”"),
    (["report", "file", "{adopted}", "--body", "Stadt Beispiel", "--status", "implemented", "--text", "x",
      "--as", SEK], "was not forwarded to “Stadt Beispiel”"),
    (["forwardings", "reissue", "999", "--as", SEK], "no forwarding 999"),
    (["review", "start", "{adopted}", "--as", SEK], "it is adopted"),
    (["review", "conclude", "{adopted}", "--outcome", "implemented", "--note", " ", "--as", SEK], "Give a note"),
])
def test_bad_input_is_refused_in_one_line_and_changes_nothing(run, world: World, args, message) -> None:
    ids = {"draft": str(world.recommendation().id), "adopted": str(world.recommendation(state="adopted").id)}
    before = _written(world)
    result = run(*[a.format(**ids) for a in args], ok=False)
    assert result.output.startswith("Error: ") and message in result.output
    assert result.output.count("\n") == 1
    assert _written(world) == before


def test_a_refusal_on_the_command_line_names_the_command_that_helps(run) -> None:
    result = run("forwardings", "reissue", "999", "--as", SEK, ok=False)
    assert result.output == "Error: There is no forwarding 999. 'recoflow forwardings list' shows them.\n"
