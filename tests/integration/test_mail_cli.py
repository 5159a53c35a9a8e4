"""The mail and reminder commands as a secretariat uses them."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from cli import main
from notifications.compose.kinds import MessageKind


@pytest.fixture
def run(sqlite_database, monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", sqlite_database.url)
    monkeypatch.setenv("RECOFLOW_SMTP_HOST", "")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--now", "2026-03-10T09:00:00+01:00", *args], catch_exceptions=False)
    return invoke


@pytest.mark.parametrize("kind", [k.value for k in MessageKind])
def test_every_kind_can_be_previewed_in_german_and_english(run, kind):
    german, english = run("mail", "preview", kind), run("mail", "preview", kind, "--lang", "en")
    assert german.exit_code == 0 and english.exit_code == 0
    assert german.output.startswith("Subject: ") and german.output != english.output


def test_the_invitation_preview_carries_a_calendar_entry_that_parses(run):
    output = run("mail", "preview", "invitation").output
    ics = output.split("---\n", 1)[1]
    assert str(Calendar.from_ical(ics)["METHOD"]) == "REQUEST"


def test_a_test_mail_without_smtp_server_lands_as_a_file_and_shows_in_the_outbox(run, tmp_path: Path):
    result = run("mail", "send-test", "--to", "geschaeftsstelle@example.org")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "var" / "mail").glob("*.eml"))) == 1
    rows = json.loads(run("mail", "outbox", "--json").output)
    assert [(r["kind"], r["status"], r["to"]) for r in rows] == [("test", "sent", "geschaeftsstelle@example.org")]
    assert run("mail", "outbox", "--status", "failed", "--json").output.strip() == "[]"


def test_retrying_a_sent_mail_is_refused_with_a_sentence(run):
    run("mail", "send-test", "--to", "a@example.org")
    result = CliRunner().invoke(main, ["mail", "retry", "1"])
    assert result.exit_code != 0 and re.search(r"Error: Mail 1 is sent; only failed", result.output)
    assert "Error: There is no mail 99 in the outbox. 'recoflow mail outbox' lists them." in \
        CliRunner().invoke(main, ["mail", "retry", "99"]).output


def test_the_reminder_plan_lists_what_goes_out_when(run, world, monkeypatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    result = run("reminders", "plan", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    kinds = {r["kind"] for r in rows}
    assert {"invitation", "meeting_reminder"} <= kinds
    assert all(r["send_at"] >= "2026-03-10" for r in rows)
    text = run("reminders", "plan", "--meeting", str(world.meeting.id)).output
    assert "invitation" in text and "member@example.org" in text
    missing = CliRunner().invoke(main, ["reminders", "plan", "--meeting", "999"])
    assert "Error: There is no meeting 999" in missing.output
