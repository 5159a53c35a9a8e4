"""The strategy group's commands as a user types them, and refusals that say why and change nothing."""

import json
from datetime import date

import pytest
from click.testing import CliRunner, Result

from cli import main
from models.enums import Role
from tests.support.factories import World
from tests.support.strategy import fill_seats, meeting_ahead, scheduled
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import assign_role
from workflow.strategy_group.seat_holders import all_seats

NOW = "2026-03-10T09:00:00+01:00"


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner = CliRunner()

    def invoke(*args: str, now: str = NOW) -> Result:
        return runner.invoke(main, ["--now", now, *args], catch_exceptions=False)

    return invoke


def test_strategy_check_names_vacancies_and_each_breach_in_a_sentence(run, world: World) -> None:
    fine = run("strategy", "check")
    assert fine.exit_code == 0
    assert "Vacancy: Seat KLV-GT (Gemeindetag Baden-Württemberg) is vacant." in fine.output
    with unit_of_work(world.db) as s:
        seats = {a.code: a.id for a in all_seats(s)}
        assign_role(s, world.member, Role.STRATEGY_MEMBER, date(2021, 1, 1), seat_id=seats["MIN-1"])
        assign_role(s, world.chair, Role.DEPUTY, date(2021, 1, 1), seat_id=seats["MIN-1"])
    broken = run("strategy", "check")
    assert broken.exit_code == 1
    assert "Breach: Seat MIN-1 has 2 holders at once (Vorsitz Vogt, Mitglied Maier); a seat has one holder." \
        in broken.output
    assert "Breach: Vorsitz Vogt is holder and deputy of seat MIN-1 at once." in broken.output
    assert "Breach: Mitglied Maier holds 2 seats (MIN-1, MIN-2); a person holds one seat." in broken.output
    shown = json.loads(run("strategy", "show", "--json").output)
    assert len(shown["seats"]) == 12 and len(shown["breaches"]) == 3


def test_a_meeting_in_the_past_is_refused_with_a_sentence_and_nothing_is_planned(run, world: World) -> None:
    before = json.loads(run("meetings", "list", "--json").output)["meetings"]
    result = run("meetings", "add", "--title", "Gestern", "--at", "2026-03-01T10:00", "--location", "Stuttgart",
                 "--as", world.secretariat.email)
    assert result.exit_code != 0
    assert result.output.startswith("Error: The meeting lies in the past")
    assert json.loads(run("meetings", "list", "--json").output)["meetings"] == before


def test_planning_meetings_warns_about_a_year_with_too_few(run, world: World) -> None:
    result = run("meetings", "add", "--title", "Herbstsitzung", "--at", "2026-10-15T10:00", "--online-url",
                 "https://video.example.org/sg", "--as", world.secretariat.email)
    assert result.exit_code == 0
    assert "Warning" not in result.output
    listed = json.loads(run("meetings", "list", "--json").output)
    assert [m["title"] for m in listed["meetings"]][-1] == "Herbstsitzung"
    assert listed["meetings"][-1]["submission_deadline"].startswith("2026-09-03")
    result = run("meetings", "add", "--title", "Nächstes Jahr", "--at", "2027-05-01T10:00", "--location", "Ulm",
                 "--as", world.secretariat.email)
    assert "Warning: 2027 has 1 strategy meeting planned" in result.output


def test_a_written_procedure_by_the_command_line(run, world: World) -> None:
    holders = fill_seats(world)
    procedure = meeting_ahead(world, 10, written=True)
    rec = scheduled(world, procedure)
    opened = run("vote", "open", rec.number or "", "--meeting", str(procedure.id), "--as", world.chair.email)
    assert opened.exit_code == 0, opened.output
    refused = run("vote", "cast", "1", "yes", "--as", world.stranger.email)
    assert refused.exit_code != 0 and "You hold no seat" in refused.output
    for person in list(holders.values())[:7]:
        assert run("vote", "cast", "1", "yes", "--as", person.email).exit_code == 0
    status = json.loads(run("vote", "status", "1", "--json").output)
    assert status["provisional"]["adopted_if_closed_now"] and len(status["not_voted"]) == 5
    assert "Closed 1 vote(s); 1: adopted." in run("vote", "close-due", now="2026-03-21T09:00:00+01:00").output
    late = run("vote", "cast", "1", "no", "--as", holders["IB-LK"].email, now="2026-03-21T10:00:00+01:00")
    assert late.exit_code != 0 and "is closed" in late.output
    minutes = run("meetings", "minutes", str(procedure.id)).output
    assert f"{rec.number}" in minutes and "adopted (7 yes, 0 no, 0 abstentions" in minutes


def test_a_group_convened_at_a_meeting_appears_in_its_minutes(run, world: World) -> None:
    at = "2026-04-19T12:00:00+02:00"  # during the world's meeting, 40 days ahead
    result = run("groups", "convene", "--name", "AG Wohnen", "--mandate", "Empfehlungen zum Wohnen",
                 "--members", "8", "--until", "2027-12-31", "--meeting", str(world.meeting.id),
                 "--as", world.chair.email, now=at)
    assert result.exit_code == 0, result.output
    concluded = run("groups", "conclude", "AG Wohnen", "--comment", "Auftrag erfüllt", "--meeting",
                    str(world.meeting.id), "--as", world.chair.email, now=at)
    assert concluded.exit_code == 0, concluded.output
    minutes = json.loads(run("meetings", "minutes", str(world.meeting.id), "--json").output)
    assert [d["kind"] for d in minutes["decisions"]] == ["convene_group", "conclude_group"]
    groups = {g["name"]: g["state"] for g in json.loads(run("groups", "list", "--json").output)}
    assert groups["AG Wohnen"] == "concluded"


def test_a_public_event_is_listed_and_has_a_calendar_entry(run, world: World) -> None:
    result = run("events", "add", "--title", "Fachtag Integration", "--kind", "fachtag", "--at",
                 "2026-06-18T10:00", "--until", "2026-06-18T16:00", "--location", "Neues Schloss, Stuttgart",
                 "--as", world.secretariat.email)
    assert result.exit_code == 0, result.output
    [event] = json.loads(run("events", "list", "--json").output)
    assert event["title"] == "Fachtag Integration" and event["starts_at"].startswith("2026-06-18T08:00")
    ics = run("events", "ics", str(event["id"])).output
    assert "BEGIN:VCALENDAR" in ics and "SUMMARY:Fachtag Integration" in ics and "DTSTART" in ics
    refused = run("events", "add", "--title", "Zu spät", "--kind", "fachtag", "--at", "2026-01-01T10:00",
                  "--as", world.secretariat.email)
    assert refused.exit_code != 0 and "past" in refused.output
    assert len(json.loads(run("events", "list", "--all", "--json").output)) == 1


def test_an_unknown_event_is_one_english_line_with_the_command_that_lists_them(run, world: World) -> None:
    refused = run("events", "cancel", "999", "--as", world.secretariat.email)
    assert refused.exit_code == 1
    assert refused.output == "Error: There is no event 999. 'recoflow events list' shows them.\n"


def test_the_demo_has_minutes_a_written_procedure_in_progress_and_an_upcoming_fachtag(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", f"sqlite:///{tmp_path}/demo.db")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, ["--now", NOW, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("demo", "--load-only")
    meetings = json.loads(run("meetings", "list", "--json"))["meetings"]
    held = [m for m in meetings if m["status"] == "held"]
    record = json.loads(run("meetings", "minutes", str(held[-1]["id"]), "--json"))
    assert record["decisions"] and all(d["yes"] for d in record["decisions"])
    assert {a["status"] for a in record["attendance"]} == {"present", "represented", "absent"}
    [procedure] = [m for m in meetings if m["kind"] == "written_procedure"]
    [running] = json.loads(run("meetings", "minutes", str(procedure["id"]), "--json"))["votes"]
    assert running["status"] == "open" and len(running["ballots"]) == 5
    assert json.loads(run("vote", "status", str(running["id"]), "--json"))["provisional"]["yes"] == 4
    assert [e["kind"] for e in json.loads(run("events", "list", "--json"))] == ["fachtag"]
    assert "follows the rule" in run("strategy", "check")


def test_a_refusal_names_the_command_that_helps(run, world: World) -> None:
    result = run("meetings", "attendance", "9999", "--as", world.secretariat.email)
    assert result.exit_code == 1
    assert result.output == "Error: There is no meeting 9999. 'recoflow meetings list' shows them.\n"


def test_a_dry_run_of_moving_a_meeting_prints_its_consequences_and_changes_nothing(run, world: World) -> None:
    meeting = meeting_ahead(world, 60)
    result = run("meetings", "move", str(meeting.id), "--to", "2026-04-09T10:00", "--dry-run",
                 "--as", world.secretariat.email)
    assert result.exit_code == 0, result.output
    assert "submission deadline" in result.output and "in the past" in result.output
    assert result.output.rstrip().endswith("Nothing changed (--dry-run).")
    listed = json.loads(run("meetings", "list", "--json").output)["meetings"]
    assert [m["status"] for m in listed if m["id"] == meeting.id] == ["planned"]
    moved = run("meetings", "move", str(meeting.id), "--to", "2026-04-09T10:00", "--as", world.secretariat.email)
    assert moved.exit_code == 0 and "Meeting" in moved.output and "moved to 2026-04-09 10:00" in moved.output


def test_attendance_before_the_meetings_day_is_refused_with_the_day(run, world: World) -> None:
    fill_seats(world)
    result = run("meetings", "attendance", str(world.meeting.id), "--seat", "MIN-3", "--status", "present",
                 "--as", world.secretariat.email)
    assert result.exit_code != 0
    assert "Attendance is recorded from the meeting's day on" in result.output
    assert "Record it on the meeting's day" in result.output
