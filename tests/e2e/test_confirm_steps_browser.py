"""In the browser, with the keyboard only (Tab, Enter, Space; focus moves by keys, nothing is clicked): each
irreversible step — closing a vote, forwarding, cancelling a meeting, withdrawing — names what will happen, is not
sent without its confirmation, and goes ahead once confirmed; the agenda form preselects the next meeting whose
Antragsschluss is ahead, not the running written procedure that comes sooner."""

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.recommendation import Recommendation
from models.strategy import AttendanceStatus, Choice, Vote
from tests.e2e.conftest import Site, keyboard_sign_in, screenshot
from tests.support.strategy import attend, fill_seats
from workflow.engine.clock import system_now
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.meetings import add_meeting
from workflow.strategy_group.votes import cast_ballot, open_vote
from workflow.strategy_group.written_procedures import start_written_procedure

PRESENT = ["MIN-1", "MIN-3", "KLV-GT", "KLV-ST", "KLV-LKT", "VL-G", "VL-S"]


def _confirm_and_send(page: Page, box_label: str) -> None:
    """Try the button first (the browser keeps the form: the box is required), then tick the box and send."""
    box = page.get_by_label(box_label)
    box.focus()
    page.keyboard.press("Tab")  # the submit button follows its confirmation
    page.keyboard.press("Enter")
    expect(box).not_to_be_checked()  # still on the same page: not sent
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def _submitted(site: Site, title: str) -> Recommendation:
    world = site.world
    rec = world.recommendation(title=title)
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=system_now())
    return world.reload(rec)


def test_closing_a_vote_with_the_keyboard_names_the_seats_still_to_vote(site: Site,
                                                                       new_page: Callable[[], Page]) -> None:
    world, now = site.world, system_now()
    holders = fill_seats(world)
    rec = _submitted(site, "Tastatur: Abstimmung")
    with unit_of_work(world.db) as s:
        meeting = Meeting(title="Tastatursitzung", kind=MeetingKind.MEETING, starts_at=now + timedelta(days=1),
                          location="Stuttgart")
        s.add(meeting)
        s.commit()
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "schedule", actor=world.secretariat, now=now, meeting_id=meeting.id)
    with unit_of_work(world.db) as s:  # the meeting began an hour ago (a test shortcut)
        row = s.get(Meeting, meeting.id)
        assert row is not None
        row.starts_at = now - timedelta(hours=1)
        s.commit()
    attend(world, meeting, PRESENT, now)
    attend(world, meeting, ["MIN-2"], now, AttendanceStatus.REPRESENTED)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, meeting.id or 0, [str(rec.id)], actor=world.chair, now=now)
    for code in PRESENT:  # a quorum votes yes; the represented seat MIN-2 has not voted
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[code], now=now)
    chair = new_page()
    keyboard_sign_in(chair, "chair@example.org")
    chair.goto(f"/votes/{vote.id}")
    box = chair.get_by_label("Ich bestätige: „Abstimmung schließen“")
    expect(box).to_have_accessible_name(re.compile("1 von 12 Sitzen hat noch nicht abgestimmt. Nach der "
                                                   "Abstimmungsregel ergäbe sich jetzt: angenommen."))
    screenshot(chair, "confirm-00-close-vote")
    _confirm_and_send(chair, "Ich bestätige: „Abstimmung schließen“")
    expect(chair.get_by_role("status").first).to_contain_text("Die Abstimmung ist geschlossen")
    with world.db.read() as s:
        assert s.exec(select(Vote.status).where(Vote.id == vote.id)).one() == "closed"


def test_the_agenda_default_forwarding_cancelling_and_withdrawing_with_the_keyboard(
        site: Site, new_page: Callable[[], Page]) -> None:
    world, now = site.world, system_now()
    running = _submitted(site, "Tastatur: im Umlauf")
    with unit_of_work(world.db) as s:
        start_written_procedure(s, title="Tastatur-Umlauf", deadline=now + timedelta(days=3), refs=[str(running.id)],
                                actor=world.secretariat, now=now)
    with unit_of_work(world.db) as s:
        doomed = add_meeting(s, title="Abzusagende Sitzung", starts_at=now + timedelta(days=300),
                             location="Stuttgart", actor=world.secretariat, now=now)
    pending = _submitted(site, "Tastatur: auf die Tagesordnung")
    with unit_of_work(world.db) as s:
        fire(s, pending.id or 0, "schedule", actor=world.secretariat, now=now, meeting_id=doomed.id)
    adopted = world.recommendation(state="adopted", title="Tastatur: weiterleiten")
    withdrawn = _submitted(site, "Tastatur: zurückziehen")
    fresh = _submitted(site, "Tastatur: Vorauswahl")

    secretariat = new_page()
    keyboard_sign_in(secretariat, "sek@example.org")
    secretariat.goto(f"/recommendations/{fresh.id}")
    chosen = secretariat.locator("#meeting-schedule").input_value()
    with world.db.read() as s:
        procedure = s.exec(select(Meeting).where(Meeting.title == "Tastatur-Umlauf")).one()
    assert chosen != str(procedure.id)  # the running procedure comes sooner but is not preselected

    secretariat.goto(f"/recommendations/{adopted.id}")
    expect(secretariat.get_by_text("Die angekreuzten Stellen erhalten die Empfehlung sofort").first).to_be_visible()
    screenshot(secretariat, "confirm-01-forward")
    _confirm_and_send(secretariat, "Ich bestätige: „An die zuständigen Stellen weiterleiten“")
    expect(secretariat.get_by_role("heading", level=1)).to_contain_text("Link")
    assert world.reload(adopted).state == "forwarded"

    secretariat.goto(f"/meetings/{doomed.id}")
    # The item moves to the next strategy meeting ahead (the shared site has one before this meeting).
    expect(secretariat.get_by_label("Ich bestätige: „Sitzung absagen“")).to_have_accessible_name(
        re.compile("1 vorgesehener Tagesordnungspunkt wird auf „.+“ am .+ verschoben"))
    screenshot(secretariat, "confirm-02-cancel-meeting")
    _confirm_and_send(secretariat, "Ich bestätige: „Sitzung absagen“")
    expect(secretariat.get_by_role("status").first).to_contain_text("abgesagt")
    with world.db.read() as s:
        assert s.exec(select(Meeting.status).where(Meeting.id == doomed.id)).one() == "cancelled"
    assert world.reload(pending).state == "scheduled"  # moved on, not dropped

    lead = new_page()
    keyboard_sign_in(lead, "lead@example.org")
    lead.goto(f"/recommendations/{withdrawn.id}")
    expect(lead.get_by_text("Das Zurückziehen ist endgültig")).to_be_visible()
    lead.locator("#comment-withdraw").focus()
    lead.keyboard.type("Nicht mehr nötig")
    screenshot(lead, "confirm-03-withdraw")
    _confirm_and_send(lead, "Ich bestätige: „Zurückziehen“")
    expect(lead.get_by_role("status").first).to_be_visible()
    assert world.reload(withdrawn).state == "withdrawn"
