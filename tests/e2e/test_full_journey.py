"""The whole journey in the browser, one screenshot per step: a lead submits a draft, the secretariat schedules it,
the members vote, the chair closes the vote, the secretariat forwards it, a body acknowledges and reports through
its personal link (taken from the mail the outbox delivered), and the review concludes."""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.strategy import AttendanceStatus, Choice, Vote
from models.transition_record import TransitionRecord
from tests.e2e.conftest import Site, deliver_mails, personal_link, screenshot, sign_in
from tests.support.strategy import attend, fill_seats
from workflow.engine.clock import system_now
from workflow.engine.unit_of_work import unit_of_work
from workflow.strategy_group.votes import cast_ballot

PRESENT = ["MIN-1", "MIN-2", "MIN-3", "KLV-GT", "KLV-ST", "KLV-LKT", "VL-G", "VL-S"]
TITLE = "Mehrsprachige Elternbriefe an allen Schulen"


def _meetings(site: Site) -> tuple[Meeting, Meeting]:
    """Tomorrow's strategy meeting, and the one in seven months where the review will come up."""
    now = system_now()
    with unit_of_work(site.world.db) as s:
        meetings = (Meeting(title="Frühjahrssitzung der Strategiegruppe", kind=MeetingKind.MEETING,
                            starts_at=now + timedelta(days=1), location="Stuttgart, Haus der Wirtschaft"),
                    Meeting(title="Herbstsitzung der Strategiegruppe", kind=MeetingKind.MEETING,
                            starts_at=now + timedelta(days=210), location="Stuttgart"))
        s.add_all(meetings)
        s.commit()
        for m in meetings:
            s.refresh(m)
    return meetings


def _begin(site: Site, meeting: Meeting) -> None:
    """The meeting begins (a test shortcut: its start moves an hour into the past) and attendance is taken."""
    now = system_now()
    with unit_of_work(site.world.db) as s:
        row = s.get(Meeting, meeting.id)
        assert row is not None
        row.starts_at = now - timedelta(hours=1)
        s.add(row)
        s.commit()
    attend(site.world, meeting, PRESENT, now)
    attend(site.world, meeting, ["VL-LK"], now, AttendanceStatus.ABSENT)


def test_the_whole_journey_from_draft_to_concluded_review(site: Site, new_page: Callable[[], Page],
                                                          tmp_path: Path) -> None:
    world = site.world
    holders = fill_seats(world)
    meeting, _review_meeting = _meetings(site)
    rec = world.recommendation(title=TITLE)

    lead = new_page()
    sign_in(lead, "lead@example.org")
    expect(lead.get_by_role("main")).to_contain_text(TITLE)
    screenshot(lead, "journey-01-lead-dashboard")
    lead.goto(f"/recommendations/{rec.id}")
    submit = lead.locator(f"form[action='/recommendations/{rec.id}/events/submit']")
    submit.get_by_role("textbox").fill("Von der Arbeitsgruppe einstimmig verabschiedet.")
    submit.locator("button[type=submit]").click()
    expect(lead.locator(".state").first).to_have_text("Eingereicht")
    screenshot(lead, "journey-02-lead-submitted")

    secretariat = new_page()
    sign_in(secretariat, "sek@example.org")
    secretariat.goto(f"/recommendations/{rec.id}")
    schedule = secretariat.locator(f"form[action='/recommendations/{rec.id}/events/schedule']")
    schedule.locator("select[name=meeting_id]").select_option(value=str(meeting.id))
    schedule.get_by_role("textbox").fill("Vollständig; für die Frühjahrssitzung.")
    schedule.locator("button[type=submit]").click()
    expect(secretariat.locator(".state").first).to_have_text("Terminiert")
    screenshot(secretariat, "journey-03-secretariat-scheduled")

    _begin(site, meeting)
    chair = new_page()
    sign_in(chair, "chair@example.org")
    chair.goto(f"/meetings/{meeting.id}")
    chair.locator(f"input[name=recommendation_ids][value='{rec.id}']").check()
    chair.locator(f"form[action='/meetings/{meeting.id}/votes'] button[type=submit]").click()
    expect(chair).to_have_url(re.compile(r"/votes/\d+#message$"))
    vote_id = int(chair.url.removesuffix("#message").rsplit("/", 1)[1])
    screenshot(chair, "journey-04-chair-vote-opened")

    member = new_page()
    sign_in(member, "member@example.org", tasks_heading="My tasks")  # the member prefers English
    member.goto("/ballots")
    member.locator(f"form[action='/votes/{vote_id}/ballot'] input[name=choice][value=yes]").check()
    member.locator(f"form[action='/votes/{vote_id}/ballot'] button[type=submit]").click()
    expect(member.locator(f"form[action='/votes/{vote_id}/ballot'] input[value=yes]")).to_be_checked()
    screenshot(member, "journey-05-member-ballot")
    now = system_now()
    for code in PRESENT[2:]:  # the other seats present vote at the table, recorded by the secretariat
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote_id, Choice.YES if code != "VL-S" else Choice.ABSTAIN, actor=holders[code], now=now)
    chair.goto("/ballots")
    chair.locator(f"form[action='/votes/{vote_id}/ballot'] input[name=choice][value=yes]").check()
    chair.locator(f"form[action='/votes/{vote_id}/ballot'] button[type=submit]").click()

    chair.goto(f"/votes/{vote_id}")
    expect(chair.locator('[data-field="yes"]')).to_have_text("7")
    chair.locator(f"form[action='/votes/{vote_id}/close']").get_by_label("Ich bestätige").check()
    chair.locator(f"form[action='/votes/{vote_id}/close'] button[type=submit]").click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("angenommen")
    screenshot(chair, "journey-06-chair-vote-closed")
    assert world.reload(rec).state == "adopted"

    secretariat.goto(f"/recommendations/{rec.id}")
    forward = secretariat.locator(f"form[action='/recommendations/{rec.id}/forward']").first
    expect(forward.locator("input[name=body_ids]:checked")).to_have_count(2)  # preset: the proposed addressees
    forward.get_by_label("Ich bestätige").check()  # forwarding cannot be undone: the form asks first
    forward.locator("button[type=submit]").click()
    # The links are shown once (only their digests are stored); bodies with an address also get them by mail.
    expect(secretariat.get_by_role("status").first).to_contain_text("weitergeleitet")
    screenshot(secretariat, "journey-07-secretariat-forwarded")
    assert world.reload(rec).state == "forwarded"

    deliver_mails(site, tmp_path)
    body = new_page()
    body.goto(personal_link(tmp_path, "landkreis@example.org", TITLE))
    expect(body.get_by_role("heading", level=1)).to_contain_text(TITLE)
    screenshot(body, "journey-08-body-page")
    body.locator("#ack-name").fill("Dana Beispiel")
    body.locator("form[action$='/acknowledge'] button[type=submit]").click()
    body.locator("#report-status").select_option(value="implemented")
    body.locator("#report-text").fill("Elternbriefe liegen in acht Sprachen an allen Schulen des Kreises vor.")
    body.locator("form[action$='/report'] button[type=submit]").click()
    expect(body.get_by_role("main")).to_contain_text("Elternbriefe liegen in acht Sprachen")
    screenshot(body, "journey-09-body-reported")

    secretariat.goto(f"/recommendations/{rec.id}")
    # Its review meeting is months ahead: the secretariat brings the review forward, with a reason.
    expect(secretariat.get_by_role("button", name="Überprüfung beginnen", exact=True)).to_be_disabled()
    early = secretariat.locator("form").filter(has=secretariat.get_by_label("Begründung (erforderlich)"))
    early.get_by_label("Überprüfung vorziehen").check()
    early.get_by_label("Begründung (erforderlich)").fill("Alle Stellen haben berichtet.")
    early.get_by_role("button", name="Überprüfung jetzt beginnen").click()
    expect(secretariat.locator(".state").first).to_have_text("In Überprüfung")
    expect(secretariat.get_by_role("main")).to_contain_text(
        "Vorgezogen von Sekretariat Sommer: Alle Stellen haben berichtet.")
    conclude = secretariat.locator(f"form[action='/recommendations/{rec.id}/review/conclude']")
    conclude.locator("select[name=outcome]").select_option(value="partially_implemented")
    conclude.locator("textarea[name=note]").fill("Der Landkreis hat umgesetzt, die Stadt hat noch nicht berichtet.")
    conclude.get_by_label("Ich bestätige").check()
    conclude.locator("button[type=submit]").click()
    expect(secretariat.locator(".state").first).to_have_text("Teilweise umgesetzt")
    screenshot(secretariat, "journey-10-review-concluded")

    with world.db.read() as s:
        events = s.exec(select(TransitionRecord.event).where(
            TransitionRecord.subject_kind == "recommendation", TransitionRecord.subject_id == rec.id)
            .order_by(col(TransitionRecord.id))).all()
        assert s.exec(select(Vote).where(Vote.id == vote_id)).one().status == "closed"
    assert events == ["submit", "schedule", "open_vote", "close_vote", "forward", "start_review", "conclude_review"]
