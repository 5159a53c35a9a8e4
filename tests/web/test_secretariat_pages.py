"""The secretariat's office pages: the outbox (filter, preview, retry) and the reminder plan, as each person sees
them, in German by default and in English after switching."""

import re
from html import unescape

from models.outbox import OutboxMessage, OutboxStatus
from tests.support.factories import World
from tests.support.network import mail
from tests.support.strategy import meeting_ahead
from tests.support.web import browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.profile import ProfileUpdate, update_profile
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import ReminderPolicy, plan_reminders

SECRETARIAT_PAGES = ("/outbox", "/reminders")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _row(world: World, mail_id: int) -> OutboxMessage:
    with world.db.read() as s:
        row = s.get(OutboxMessage, mail_id)
        assert row is not None
        return row


def test_the_outbox_lists_each_mail_with_recipient_kind_status_attempts_and_the_servers_answer(
        web_world: World) -> None:
    mail(web_world, status=OutboxStatus.SENT, name="Vorsitz Vogt", address="chair@example.org")
    mail(web_world, status=OutboxStatus.FAILED, error="550 Postfach unbekannt")
    with browsers(web_world) as cast:
        page = _text(cast["secretariat"].client.get("/outbox").text)
    assert "Postausgang" in page and "Alle (2)" in page and "Fehlgeschlagen (1)" in page
    assert "Leitung Lange lead@example.org Test-E-Mail Fehlgeschlagen 3" in page
    assert "550 Postfach unbekannt" in page
    assert "Vorsitz Vogt chair@example.org Test-E-Mail Gesendet" in page


def test_the_outbox_can_be_filtered_by_status(web_world: World) -> None:
    mail(web_world, status=OutboxStatus.SENT, name="Vorsitz Vogt", address="chair@example.org")
    mail(web_world, status=OutboxStatus.FAILED, error="550 Postfach unbekannt")
    with browsers(web_world) as cast:
        failed = _text(cast["secretariat"].client.get("/outbox?status=failed").text)
        unknown = _text(cast["secretariat"].client.get("/outbox?status=verloren").text)
    assert "lead@example.org" in failed and "chair@example.org" not in failed
    assert "E-Mails mit dem Status „Fehlgeschlagen“, neueste zuerst" in failed
    assert "lead@example.org" in unknown and "chair@example.org" in unknown


def test_the_secretariat_queues_a_failed_mail_again(web_world: World) -> None:
    failed = mail(web_world, status=OutboxStatus.FAILED, error="550 Postfach unbekannt")
    sent = mail(web_world, status=OutboxStatus.SENT, name="Vorsitz Vogt", address="chair@example.org")
    with browsers(web_world) as cast:
        listing = cast["secretariat"].client.get("/outbox").text
        done = cast["secretariat"].post(f"/outbox/{failed}/retry")
        page = _text(cast["secretariat"].client.get(done.headers["location"]).text)
    assert f'action="/outbox/{failed}/retry"' in listing and f'action="/outbox/{sent}/retry"' not in listing
    assert done.status_code == 303
    assert "Die E-Mail an lead@example.org ist erneut eingereiht." in page
    row = _row(web_world, failed)
    assert (row.status, row.attempts, row.next_attempt_at) == (OutboxStatus.QUEUED, 0, web_world.now)


def test_a_sent_mail_is_not_queued_again(web_world: World) -> None:
    sent = mail(web_world, status=OutboxStatus.SENT)
    with browsers(web_world) as cast:
        refused = cast["secretariat"].post(f"/outbox/{sent}/retry")
    assert refused.status_code == 422
    assert _row(web_world, sent).status == OutboxStatus.SENT


def test_the_preview_shows_a_mails_text_part(web_world: World) -> None:
    with unit_of_work(web_world.db) as session:  # mails speak in the name the network's profile gives it
        update_profile(session, ProfileUpdate(name="Netzwerk Teilhabe Nord"), actor=web_world.secretariat,
                       now=web_world.now)
    mail_id = mail(web_world, status=OutboxStatus.FAILED, error="550 Postfach unbekannt")
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get(f"/outbox/{mail_id}")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Netzwerk Teilhabe Nord: Testnachricht" in text and "des Netzwerk " not in text
    assert "Textteil" in text and "funktioniert der E-Mail-Versand" in text
    assert "Leitung Lange <lead@example.org>" in text and "550 Postfach unbekannt" in text


def _planned(world: World, meeting_id: int | None = None) -> int:
    """How many reminders the pure plan has ahead (the page must list as many)."""
    with world.db.read() as s:
        facts = load_calendar_facts(s, world.now, meeting_id)
    return len([r for r in plan_reminders(facts, ReminderPolicy(), world.now) if r.send_at >= world.now])


def test_the_reminder_plan_lists_what_goes_to_whom_and_when(web_world: World) -> None:
    with browsers(web_world) as cast:
        page = _text(cast["secretariat"].client.get("/reminders").text)
        with_past = _text(cast["secretariat"].client.get("/reminders?past=1").text)
    assert "Erinnerungsplan" in page and f"{_planned(web_world)} Erinnerungen geplant." in page
    assert "03.04.2026 09:00 Einladung Sitzung der Strategiegruppe Vorsitz Vogt chair@example.org de" in page
    assert "17.04.2026 09:00 Erinnerung an die Sitzung" in page and "Mitglied Maier member@example.org en" in page
    assert "Aufruf zur Einreichung von Empfehlungen" not in page
    assert "Aufruf zur Einreichung von Empfehlungen" in with_past and "Leitung Lange" in with_past
    assert "(fällig)" in with_past


def test_the_reminder_plan_can_show_one_meetings_reminders(web_world: World) -> None:
    later = meeting_ahead(web_world, 90, title="Herbstsitzung")
    with browsers(web_world) as cast:
        everything = _text(cast["secretariat"].client.get("/reminders").text)
        one = cast["secretariat"].client.get(f"/reminders?meeting={later.id}").text
        unknown = cast["secretariat"].client.get("/reminders?meeting=999")
    assert f"{_planned(web_world)} Erinnerungen geplant." in everything
    table = _text(one.split("<table>", 1)[1])
    assert "Herbstsitzung" in table and "Sitzung der Strategiegruppe" not in table
    assert f"{_planned(web_world, later.id)} Erinnerungen geplant." in _text(one)
    assert _planned(web_world, later.id) < _planned(web_world)
    assert unknown.status_code == 404


def test_only_the_secretariat_sees_the_outbox_and_the_reminder_plan(web_world: World) -> None:
    mail_id = mail(web_world, status=OutboxStatus.FAILED)
    with browsers(web_world) as cast:
        seen = {name: {path: browser.client.get(path).status_code
                       for path in (*SECRETARIAT_PAGES, f"/outbox/{mail_id}")}
                for name, browser in cast.items()}
        navigation = {name: browser.client.get("/tasks").text for name, browser in cast.items()}
    assert set(seen.pop("secretariat").values()) == {200}
    assert {status for pages in seen.values() for status in pages.values()} == {403}
    assert {name for name, html in navigation.items() if 'href="/outbox"' in html} == {"secretariat"}


def test_a_person_who_may_not_see_the_outbox_is_told_so_in_german(web_world: World) -> None:
    with browsers(web_world) as cast:
        refused = cast["chair"].client.get("/outbox")
    assert refused.status_code == 403
    assert "Den Postausgang einsehen dürfen nur: Geschäftsstelle." in _text(refused.text)


def test_the_office_pages_speak_english_after_switching(web_world: World) -> None:
    mail(web_world, status=OutboxStatus.FAILED, error="550 unknown mailbox")
    with browsers(web_world) as cast:
        browser = cast["secretariat"]
        browser.post("/language", lang="en", next="/outbox")
        outbox = _text(browser.client.get("/outbox").text)
        plan = _text(browser.client.get("/reminders").text)
    assert "Outbox" in outbox and "Failed (1)" in outbox and "Test mail" in outbox and "Queue again" in outbox
    assert "Reminder plan" in plan and f"{_planned(web_world)} reminders planned." in plan and "Invitation" in plan


def test_markup_in_names_and_server_answers_is_shown_escaped(web_world: World) -> None:
    mail_id = mail(web_world, status=OutboxStatus.FAILED, name="<b>Fremd</b>", address="fremd@example.org",
                   error="<script>alert(1)</script>")
    with browsers(web_world) as cast:
        pages = [cast["secretariat"].client.get(path).text for path in ("/outbox", f"/outbox/{mail_id}")]
    for html in pages:
        assert "<script>alert(1)</script>" not in html and "<b>Fremd</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;Fremd&lt;/b&gt;" in html
