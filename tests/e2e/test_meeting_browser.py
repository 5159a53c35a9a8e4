"""In the browser: the chair opens a vote from the meeting page, a deputy casts and changes a ballot with the
keyboard, the chair's tally follows by itself, closing adopts; axe-core finds no serious or critical violation on the
meeting page, the vote screen or the ballot."""

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.people import Person
from models.recommendation import Recommendation
from models.strategy import AttendanceStatus, Choice, Vote
from tests.e2e.conftest import Site, screenshot, serious_violations, sign_in
from tests.support.strategy import attend, fill_seats
from workflow.engine.clock import system_now
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.votes import cast_ballot

# MIN-1 is the chair's seat; MIN-2 the member's, represented by the deputy at this meeting.
PRESENT = ["MIN-1", "MIN-3", "KLV-GT", "KLV-ST", "KLV-LKT", "VL-G", "VL-S"]


def _meeting_in_session(site: Site, title: str) -> tuple[Meeting, Recommendation, dict[str, Person]]:
    """A meeting that began an hour ago with a quorum present and one recommendation on its agenda (scheduled while
    it still lay ahead, then moved into the past directly: a test shortcut)."""
    world, now = site.world, system_now()
    holders = fill_seats(world)
    with unit_of_work(world.db) as s:
        meeting = Meeting(title=title, kind=MeetingKind.MEETING, starts_at=now + timedelta(days=1),
                          location="Stuttgart")
        s.add(meeting)
        s.commit()
    rec = world.recommendation(title="Sprachmittlung in Bürgerämtern")
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=now)
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "schedule", actor=world.secretariat, now=now, meeting_id=meeting.id)
    with unit_of_work(world.db) as s:
        row = s.get(Meeting, meeting.id)
        assert row is not None
        row.starts_at = now - timedelta(hours=1)
        s.add(row)
        s.commit()
        meeting = row
    attend(world, meeting, PRESENT, now)
    attend(world, meeting, ["MIN-2"], now, AttendanceStatus.REPRESENTED)
    return meeting, rec, holders


def test_a_vote_in_a_meeting_from_opening_to_adoption(site: Site, new_page: Callable[[], Page],
                                                     axe_source: str) -> None:
    meeting, rec, holders = _meeting_in_session(site, "Sitzung im Browser")
    problems = {}
    chair = new_page()
    sign_in(chair, "chair@example.org")
    chair.goto(f"/meetings/{meeting.id}")
    expect(chair.get_by_role("heading", name="Sitzung im Browser", level=1)).to_be_visible()
    problems["meeting"] = serious_violations(chair, axe_source)
    screenshot(chair, "meeting-00-meeting-page")
    chair.get_by_role("checkbox", name="Sprachmittlung in Bürgerämtern").check()
    chair.get_by_role("button", name="Abstimmung eröffnen").click()
    expect(chair.get_by_role("status").first).to_contain_text("Die Abstimmung ist eröffnet.")
    expect(chair.locator('[data-field="yes"]')).to_have_text("0")
    problems["vote screen"] = serious_violations(chair, axe_source)
    screenshot(chair, "meeting-01-vote-opened")

    deputy = new_page()
    sign_in(deputy, "deputy@example.org")
    deputy.get_by_role("link", name="Meine Stimmabgabe").click()
    # Another test's vote may be open on the shared site as well: this vote's section holds this ballot.
    number = site.world.reload(rec).number
    this_vote = deputy.get_by_role("region", name=re.compile(f"Abstimmung über {number}:"))
    ballot = this_vote.get_by_role("group", name="Ihre Stimme für Sitz MIN-2 (als Stellvertretung)")
    ballot.get_by_label("Nein").focus()
    deputy.keyboard.press("Space")
    expect(ballot.get_by_label("Nein")).to_be_checked()
    deputy.keyboard.press("Tab")
    deputy.keyboard.press("Enter")
    expect(deputy.get_by_role("status").first).to_contain_text("Ihre Stimme „Nein“ ist abgegeben.")
    problems["ballot"] = serious_violations(deputy, axe_source)
    screenshot(deputy, "meeting-02-ballot-cast")
    ballot.get_by_label("Ja").click()
    this_vote.get_by_role("button", name="Stimme ändern").click()
    expect(deputy.get_by_role("status").first).to_contain_text("Ihre Stimme ist geändert: „Ja“.")

    # The chair's screen follows by itself (polling its JSON address), without reloading the page.
    expect(chair.locator('[data-field="yes"]')).to_have_text("1", timeout=15_000)
    expect(chair.locator('[data-field="not_voted"]')).to_have_text("7")
    world, now = site.world, system_now()
    with world.db.read() as s:
        vote = s.exec(select(Vote).where(Vote.meeting_id == meeting.id)).one()
    for code in PRESENT[1:]:
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[code], now=now)
    chair.get_by_role("link", name="Stand aktualisieren").click()
    expect(chair.locator('[data-field="quorum_met"]')).to_have_text("erreicht")
    chair.get_by_label("Ich bestätige").check()  # closing the vote cannot be undone: the form asks first
    chair.get_by_role("button", name="Abstimmung schließen").click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("angenommen")
    screenshot(chair, "meeting-03-vote-closed")
    assert world.reload(rec).state == "adopted"
    assert {page: found for page, found in problems.items() if found} == {}
