"""The whole journey with the keyboard only, as the people who do it: Tab and Shift+Tab move the focus, Space ticks
and chooses, Enter follows links and sends forms, the arrow keys choose in radio groups and selects; nothing is
clicked, and the only addresses typed are each person's login page and the body's link from its mail.

A lead drafts and submits; the secretariat puts the draft on the agenda (the next meeting whose Antragsschluss is
ahead is preselected, not the written procedure running sooner); a member cannot check in before the meeting's day
and does so on it; the chair opens the vote, a member votes, the chair closes it after the confirmation named the
seat still to vote; the secretariat forwards it (confirmed); the body confirms receipt and reports through its link;
the review is shown disabled with its meeting's day until that day, then started and concluded (confirmed). After
each form the focus rests on the page's message."""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from models.enums import MeetingKind
from models.forwarding import ReviewRound
from models.meeting import Meeting
from models.recommendation import Recommendation
from models.strategy import Choice
from models.transition_record import TransitionRecord
from tests.e2e.conftest import (
    PASSWORD,
    Site,
    arrow_to,
    deliver_mails,
    expect_focus_on_message,
    expect_visible_focus,
    keyboard_sign_in,
    personal_link,
    tab_to,
)
from tests.support.strategy import attend, fill_seats
from workflow.engine.clock import local_date, system_now
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.accounts import set_password
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.votes import cast_ballot
from workflow.strategy_group.written_procedures import start_written_procedure

TITLE = "Tastatur: Dolmetschdienste in Ausländerbehörden"
MEETING = "Tastatur: Sommersitzung der Strategiegruppe"
REVIEW_MEETING = "Tastatur: Überprüfungssitzung"
# Present at the vote: the member in the browser holds KLV-GT; MIN-2 is present and does not vote.
PRESENT = ["MIN-1", "MIN-2", "MIN-3", "KLV-GT", "KLV-ST", "KLV-LKT", "VL-G", "VL-S"]
AT_THE_TABLE = {"MIN-1": Choice.YES, "MIN-3": Choice.YES, "KLV-ST": Choice.YES, "KLV-LKT": Choice.YES,
                "VL-G": Choice.YES, "VL-S": Choice.ABSTAIN}


def _day(meeting: Meeting) -> str:
    return local_date(meeting.starts_at).strftime("%d.%m.%Y")


def _calendar(site: Site) -> tuple[Meeting, Meeting, Meeting]:
    """A meeting whose Antragsschluss has passed, the meeting whose Antragsschluss is ahead, the review meeting
    seven months ahead, and a written procedure, running, that ends sooner than all of them."""
    world, now = site.world, system_now()
    with unit_of_work(world.db) as s:
        meetings = (Meeting(title="Tastatur: Sitzung nach Antragsschluss", kind=MeetingKind.MEETING,
                            starts_at=now + timedelta(days=20), location="Stuttgart"),
                    Meeting(title=MEETING, kind=MeetingKind.MEETING, starts_at=now + timedelta(days=60),
                            location="Stuttgart"),
                    Meeting(title=REVIEW_MEETING, kind=MeetingKind.MEETING, starts_at=now + timedelta(days=190),
                            location="Stuttgart"))
        s.add_all(meetings)
        s.commit()
        for m in meetings:
            s.refresh(m)
    running = world.recommendation(title="Tastatur: im Umlaufverfahren")
    with unit_of_work(world.db) as s:
        fire(s, running.id or 0, "submit", actor=world.lead, now=now)
    with unit_of_work(world.db) as s:
        start_written_procedure(s, title="Tastatur: laufendes Umlaufverfahren", deadline=now + timedelta(days=3),
                                refs=[str(running.id)], actor=world.secretariat, now=now)
    return meetings


def _day_arrives(site: Site, meeting: Meeting) -> Meeting:
    """The meeting's day has come (a test shortcut, as the other browser tests take: it began an hour ago)."""
    with unit_of_work(site.world.db) as s:
        row = s.get(Meeting, meeting.id)
        assert row is not None
        row.starts_at = system_now() - timedelta(hours=1)
        s.commit()
        s.refresh(row)
        return row


def _go(page: Page, link_name: str, where: str = "main") -> None:
    """Follow a link by name with Tab and Enter."""
    tab_to(page, page.locator(where).get_by_role("link", name=link_name, exact=True).first)
    page.keyboard.press("Enter")


def _menu(page: Page, link_name: str) -> None:
    """Follow a link of the main navigation; on a narrow screen open the collapsed menu first (Enter on it)."""
    link = page.locator("header nav").get_by_role("link", name=link_name, exact=True)
    if not link.is_visible():
        tab_to(page, page.locator("header nav summary"))
        expect_visible_focus(page)
        page.keyboard.press("Enter")
        expect(link).to_be_visible()
    tab_to(page, link)
    page.keyboard.press("Enter")


def _type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, page.locator(selector))
    page.keyboard.type(text)


def _send(page: Page, form: str) -> None:
    """Reach the form's button with Tab and send the form with Enter."""
    tab_to(page, page.locator(f"{form} button[type=submit]"))
    page.keyboard.press("Enter")


def _tick(page: Page, selector: str) -> None:
    box = page.locator(selector)
    tab_to(page, box)
    expect_visible_focus(page)
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def test_the_whole_journey_with_the_keyboard_only(site: Site, new_page: Callable[[], Page], tmp_path: Path) -> None:
    world = site.world
    holders = fill_seats(world)
    with unit_of_work(world.db) as s:
        set_password(s, holders["KLV-GT"], PASSWORD, system_now())
    passed, meeting, review_meeting = _calendar(site)

    # The lead drafts and submits.
    lead = new_page()
    keyboard_sign_in(lead, "lead@example.org")
    _go(lead, "Neuen Entwurf beginnen")
    _type_into(lead, "#title", TITLE)
    lead.keyboard.press("Tab")
    lead.keyboard.type("Ausländerbehörden ziehen für Gespräche Dolmetschdienste hinzu.")
    lead.keyboard.press("Tab")
    lead.keyboard.type("Verständigung ohne Umwege über Familienangehörige.")
    for addressee in ("Landkreis Beispiel", "Stadt Beispiel"):
        _tick(lead, f"main label:has-text('{addressee}') input[type=checkbox]")
    _send(lead, "form[action='/recommendations/new']")
    expect_focus_on_message(lead, "Der Entwurf ist gespeichert")
    rec_id = int(re.search(r"/recommendations/(\d+)", lead.url).group(1))  # type: ignore[union-attr]
    _type_into(lead, "#comment-submit", "Von der Arbeitsgruppe einstimmig verabschiedet.")
    _send(lead, f"form[action='/recommendations/{rec_id}/events/submit']")
    expect_focus_on_message(lead, "„Eingereicht“")

    # The secretariat puts it on the agenda: the next meeting whose Antragsschluss is ahead is preselected.
    secretariat = new_page()
    keyboard_sign_in(secretariat, "sek@example.org")
    _menu(secretariat, "Empfehlungen")
    _type_into(secretariat, "#q", TITLE)
    secretariat.keyboard.press("Enter")
    expect(secretariat.locator("main table")).to_contain_text(TITLE)
    tab_to(secretariat, secretariat.locator(f"main table a[href='/recommendations/{rec_id}']"))
    expect_visible_focus(secretariat)
    secretariat.keyboard.press("Enter")
    choose = secretariat.locator("#meeting-schedule")
    expect(choose).to_have_value(str(meeting.id))
    expect(choose.locator("option", has_text="laufendes Umlaufverfahren")).to_contain_text("Abstimmung läuft")
    expect(choose.locator("option", has_text=passed.title)).to_have_count(1)  # offered, its deadline passed
    _type_into(secretariat, "#comment-schedule", "Für die Sommersitzung.")
    _send(secretariat, f"form[action='/recommendations/{rec_id}/events/schedule']")
    expect_focus_on_message(secretariat, "„Terminiert“")

    # Before the meeting's day a member cannot check in yet: the page says from which day.
    member = new_page()
    member.set_viewport_size({"width": 390, "height": 844})  # on a phone: the menu is collapsed
    keyboard_sign_in(member, "klv-gt@example.org")
    expect(member.locator("header nav").get_by_role("link", name="Sitzungen")).to_be_hidden()
    _menu(member, "Sitzungen")
    _go(member, MEETING)
    check_in = member.locator("#check-in button")
    expect(check_in).to_be_disabled()
    expect(member.locator("#check-in-from")).to_contain_text(_day(meeting))
    meeting = _day_arrives(site, meeting)
    member.reload()  # the member comes back on the day
    tab_to(member, check_in)
    member.keyboard.press("Enter")
    expect_focus_on_message(member)
    expect(member.locator("#check-in")).to_contain_text("KLV-GT")
    attend(world, meeting, [c for c in PRESENT if c != "KLV-GT"], system_now())  # taken by the secretariat

    # The chair opens the vote.
    chair = new_page()
    keyboard_sign_in(chair, "chair@example.org")
    _menu(chair, "Sitzungen")
    _go(chair, MEETING)
    _tick(chair, f"input[name=recommendation_ids][value='{rec_id}']")
    _send(chair, f"form[action='/meetings/{meeting.id}/votes']")
    expect_focus_on_message(chair)
    vote_id = int(re.search(r"/votes/(\d+)", chair.url).group(1))  # type: ignore[union-attr]

    # The member votes: the arrow keys move through the choices (and choose), Enter sends.
    _menu(member, "Meine Stimmabgabe")
    ballot = f"form[action='/votes/{vote_id}/ballot']"
    tab_to(member, member.locator(f"{ballot} input[value=yes]"))
    expect_visible_focus(member)
    member.keyboard.press("ArrowDown")
    expect(member.locator(f"{ballot} input[value=no]")).to_be_checked()
    member.keyboard.press("ArrowUp")
    expect(member.locator(f"{ballot} input[value=yes]")).to_be_checked()
    _send(member, ballot)
    expect_focus_on_message(member)
    expect(member.locator(f"{ballot} input[value=yes]")).to_be_checked()
    now = system_now()
    for code, choice in AT_THE_TABLE.items():  # the other seats vote at the table
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote_id, choice, actor=holders[code], now=now)

    # The chair closes it: the confirmation names the seat still to vote.
    _go(chair, "Stand aktualisieren")
    expect(chair.locator('[data-field="yes"]')).to_have_text("6")
    expect(chair.locator("ul.waiting")).to_contain_text("Mitglied Maier")
    close = chair.locator("#confirm-close_vote")
    expect(close).to_have_accessible_name(re.compile("1 von 12 Sitzen hat noch nicht abgestimmt.*angenommen"))
    _tick(chair, "#confirm-close_vote")
    _send(chair, f"form[action='/votes/{vote_id}/close']")
    expect_focus_on_message(chair, "geschlossen")
    expect(chair.get_by_role("heading", level=1)).to_contain_text("angenommen")

    # The secretariat forwards it to the proposed addressees, confirmed.
    secretariat.reload()  # back to the page the secretariat left open
    forward = f"form[action='/recommendations/{rec_id}/forward']"
    expect(secretariat.locator(f"{forward} input[name=body_ids]:checked")).to_have_count(2)
    _tick(secretariat, "#confirm-forward")
    _send(secretariat, forward)
    expect_focus_on_message(secretariat, "weitergeleitet")
    _go(secretariat, "Zurück zur Empfehlung")

    # The body, without an account, follows the link in its mail, confirms receipt and reports.
    deliver_mails(site, tmp_path)
    body = new_page()
    body.goto(personal_link(tmp_path, "landkreis@example.org", TITLE))
    expect(body.get_by_role("heading", level=1)).to_contain_text(TITLE)
    _type_into(body, "#ack-name", "Dana Beispiel")
    _send(body, "form[action$='/acknowledge']")
    expect_focus_on_message(body, "Empfang")
    tab_to(body, body.locator("#report-status"))
    arrow_to(body, body.locator("#report-status"), "implemented")
    _type_into(body, "#report-text", "Alle Ausländerbehörden des Kreises arbeiten mit Dolmetschdiensten.")
    _send(body, "form[action$='/report']")
    expect_focus_on_message(body)
    expect(body.get_by_role("main")).to_contain_text("Alle Ausländerbehörden des Kreises")

    # Before the review meeting's day the review is shown disabled, with that day.
    with world.db.read() as s:
        planned = s.exec(select(ReviewRound.meeting_id).where(ReviewRound.recommendation_id == rec_id)).one()
    assert planned == review_meeting.id, "the review meeting of this journey is the first one six months ahead"
    secretariat.reload()
    start = secretariat.locator(f"form[action='/recommendations/{rec_id}/review/start']").first
    expect(start.get_by_role("button", name="Überprüfung beginnen")).to_be_disabled()
    expect(start.locator("#blocked-start_review")).to_contain_text(_day(review_meeting))
    expect(start.locator("#blocked-start_review")).to_contain_text(REVIEW_MEETING)

    # On its day the secretariat starts the review and concludes it, confirmed.
    _day_arrives(site, review_meeting)
    secretariat.reload()
    expect(start.locator("#blocked-start_review")).to_have_count(0)
    _send(secretariat, f"form[action='/recommendations/{rec_id}/review/start']")
    expect_focus_on_message(secretariat, "Überprüfung")
    expect(secretariat.locator(".state").first).to_have_text("In Überprüfung")
    tab_to(secretariat, secretariat.locator("#conclude-outcome"))
    arrow_to(secretariat, secretariat.locator("#conclude-outcome"), "partially_implemented")
    _type_into(secretariat, "#conclude-note", "Der Landkreis hat umgesetzt, die Stadt hat nicht berichtet.")
    _tick(secretariat, "#confirm-conclude_review")
    _send(secretariat, f"form[action='/recommendations/{rec_id}/review/conclude']")
    expect_focus_on_message(secretariat)
    expect(secretariat.locator(".state").first).to_have_text("Teilweise umgesetzt")

    with world.db.read() as s:
        events = s.exec(select(TransitionRecord.event).where(
            TransitionRecord.subject_kind == "recommendation", TransitionRecord.subject_id == rec_id)
            .order_by(col(TransitionRecord.id))).all()
        assert s.exec(select(Recommendation.state).where(Recommendation.id == rec_id)).one() == \
            "partially_implemented"
    assert events == ["submit", "schedule", "open_vote", "close_vote", "forward", "start_review", "conclude_review"]
