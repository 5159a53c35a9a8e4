"""The pages of the network's structure: working groups, topics and goals, the strategy group, and the public
events, as each person sees them, in German by default and in English after switching."""

import re
from datetime import date
from html import unescape
from pathlib import Path

from icalendar import Calendar

from models.enums import Role
from tests.support.factories import World
from tests.support.network import convened_group, fachtag, held_meeting, topic_with_goal
from tests.support.strategy import fill_seats
from tests.support.web import browsers, client_for
from web.i18n import catalog
from web.wording import network_labels
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import assign_role
from workflow.strategy_group.seat_holders import all_seats
from workflow.strategy_group.seats import FINDINGS

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
MESSAGE = re.compile(r'_\(\s*"((?:[^"\\]|\\.)*)"|_\(\s*\'((?:[^\'\\]|\\.)*)\'')


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_every_sentence_of_these_pages_has_a_german_translation() -> None:
    german = catalog("de")
    messages = {m.group(1) or m.group(2) for path in TEMPLATES.glob("*.html")
                if path.name.startswith(("network_", "secretariat_", "public_"))
                for m in MESSAGE.finditer(path.read_text(encoding="utf-8"))}
    for table in (network_labels.GROUP_STATES, network_labels.GROUP_EVENTS, network_labels.SEAT_CATEGORIES,
                  network_labels.FINDINGS, network_labels.OUTBOX_STATUSES, network_labels.MAIL_KINDS,
                  network_labels.EVENT_KINDS, network_labels.MEETING_KINDS, network_labels.DECISIONS):
        messages.update(table.values())
    same_in_both = {"Fachtag", "Gemeindetag", "Städtetag", "Landkreistag", "Name", "Person", "Status", "Text"}
    missing = sorted(m for m in messages - same_in_both if german.gettext(m) == m)
    assert missing == []


def test_the_composition_check_says_the_same_on_the_page_as_on_the_command_line() -> None:
    assert network_labels.FINDINGS == FINDINGS


def test_every_person_with_a_role_sees_the_working_groups_with_lead_plan_and_state(web_world: World) -> None:
    with browsers(web_world) as cast:
        page = cast["deputy"].client.get("/working-groups")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Arbeitsgruppen" in text and "AG Beispiel" in text and "AG Andere" in text
    assert "Leitung Lange" in text and "Aktiv" in text


def test_a_group_page_shows_its_plan_people_recommendations_and_the_decision_that_convened_it(
        web_world: World) -> None:
    meeting = held_meeting(web_world)
    topic = topic_with_goal(web_world, meeting)
    group = convened_group(web_world, meeting, "AG Teilhabe", topic)
    web_world.recommendation(title="Beiräte stärken", state="submitted")
    hidden = web_world.recommendation(title="Geheimer Entwurf", group=web_world.other_group)
    with browsers(web_world) as cast:
        new_group = _text(cast["deputy"].client.get(f"/working-groups/{group.id}").text)
        main_group = _text(cast["deputy"].client.get(f"/working-groups/{web_world.group.id}").text)
        other_as_deputy = _text(cast["deputy"].client.get(f"/working-groups/{web_world.other_group.id}").text)
        other_as_chair = _text(cast["chair"].client.get(f"/working-groups/{web_world.other_group.id}").text)
    assert "Empfehlungen zur Teilhabe erarbeiten" in new_group and "Teilhabe" in new_group
    assert "Eingesetzt – Frühjahrssitzung" in new_group and "Arbeitsgruppe „AG Teilhabe“ eingesetzt" in new_group
    assert "Leitung Lange" in main_group and "AG-Mitglied Mertens" in main_group and "Beiräte stärken" in main_group
    assert hidden.title not in other_as_deputy
    assert hidden.title in other_as_chair


def test_buttons_appear_only_for_the_group_events_a_person_may_fire(web_world: World) -> None:
    group = convened_group(web_world, held_meeting(web_world), "AG Neu")
    with browsers(web_world) as cast:
        pages = {name: cast[name].client.get(f"/working-groups/{group.id}").text
                 for name in ("secretariat", "chair", "member", "lead")}
    forms = {name: set(re.findall(rf'action="/working-groups/{group.id}/events/(\w+)"', html))
             for name, html in pages.items()}
    assert forms == {"secretariat": {"activate", "conclude"}, "chair": {"conclude"}, "member": set(), "lead": set()}


def test_the_secretariat_concludes_a_group_as_a_decision_of_a_meeting(web_world: World) -> None:
    meeting = held_meeting(web_world)
    with browsers(web_world) as cast:
        done = cast["secretariat"].post(f"/working-groups/{web_world.group.id}/events/conclude",
                                        comment="Auftrag erfüllt", meeting_id=str(meeting.id), confirmed="yes")
        page = _text(cast["secretariat"].client.get(done.headers["location"]).text)
    assert done.status_code == 303
    assert "Die Arbeitsgruppe ist jetzt „Abgeschlossen“" in page
    assert "Abgeschlossen – Frühjahrssitzung" in page and "Auftrag erfüllt" in page


def test_the_chair_convenes_a_group_through_the_form(web_world: World) -> None:
    meeting = held_meeting(web_world)
    topic = topic_with_goal(web_world, meeting)
    with browsers(web_world) as cast:
        form = cast["chair"].client.get("/working-groups").text
        done = cast["chair"].post("/working-groups", name="AG Sprachmittlung", mandate="Dolmetschdienste prüfen",
                                  planned_member_count="7", planned_end="2027-06-30", topic_id=str(topic.id),
                                  meeting_id=str(meeting.id))
        page = _text(cast["chair"].client.get(done.headers["location"]).text)
    assert 'action="/working-groups"' in form
    assert done.status_code == 303
    assert "AG Sprachmittlung" in page and "Eingesetzt" in page and "30.06.2027" in page and "7" in page


def test_a_group_without_a_number_of_members_is_refused_with_a_sentence(web_world: World) -> None:
    meeting = held_meeting(web_world)
    with browsers(web_world) as cast:
        refused = cast["secretariat"].post("/working-groups", name="AG Ohne Zahl", mandate="Auftrag",
                                           planned_member_count="viele", meeting_id=str(meeting.id))
        listing = cast["secretariat"].client.get("/working-groups").text
    assert refused.status_code == 422
    assert "Bitte prüfen Sie diese Felder des Formulars: Geplante Zahl der Mitglieder." in _text(refused.text)
    assert "AG Ohne Zahl" not in listing


def test_a_person_who_may_not_conclude_a_group_is_told_so_in_german(web_world: World) -> None:
    meeting = held_meeting(web_world)
    with browsers(web_world) as cast:
        refused = cast["lead"].post(f"/working-groups/{web_world.group.id}/events/conclude", comment="Fertig",
                                    meeting_id=str(meeting.id), confirmed="yes")
    assert refused.status_code == 403
    assert "darf den Schritt „Arbeitsgruppe abschließen“" in _text(refused.text)
    assert "Dazu berechtigt: Geschäftsstelle oder Vorsitz." in _text(refused.text)
    assert "Es wurde nichts geändert." in _text(refused.text)


def test_the_topics_page_lists_goals_and_groups_and_the_secretariat_sets_a_topic(web_world: World) -> None:
    meeting = held_meeting(web_world)
    topic = topic_with_goal(web_world, meeting)
    convened_group(web_world, meeting, "AG Teilhabe", topic)
    with browsers(web_world) as cast:
        as_member = cast["member"].client.get("/topics").text
        done = cast["secretariat"].post("/topics", title="Arbeitsmarkt", description="Zugang zu Arbeit",
                                        meeting_id="")
        goal = cast["secretariat"].post("/topics/goals", topic_id=str(topic.id), title="Beiräte in jedem Kreis",
                                        meeting_id=str(meeting.id))
        after = _text(cast["secretariat"].client.get("/topics").text)
    assert "Ziel zu Teilhabe" in as_member and "AG Teilhabe" in as_member
    assert 'action="/topics"' not in as_member
    assert done.status_code == goal.status_code == 303
    assert "Arbeitsmarkt" in after and "Beiräte in jedem Kreis" in after
    assert "Themenschwerpunkte und strategische Ziele" in after


def test_the_composition_page_shows_seats_by_category_with_terms_deputies_and_vacancies_in_german(
        web_world: World) -> None:
    with browsers(web_world) as cast:
        page = _text(cast["deputy"].client.get("/strategy-group").text)
    assert "Ministerium" in page and "Kommunale Landesverbände" in page
    assert "Vorsitz Vogt (seit 01.01.2020)" in page and "Vertretung Vogel (seit 01.01.2020)" in page
    assert "Sitz KLV-GT (Gemeindetag Baden-Württemberg) ist unbesetzt." in page
    assert "Die Zusammensetzung folgt der Regel, mit unbesetzten Sitzen." in page


def test_each_breach_of_the_composition_rule_is_a_german_sentence(web_world: World) -> None:
    fill_seats(web_world)
    with unit_of_work(web_world.db) as s:
        seats = {seat.code: seat.id for seat in all_seats(s)}
        assign_role(s, web_world.member, Role.STRATEGY_MEMBER, date(2021, 1, 1), seat_id=seats["MIN-1"])
    with browsers(web_world) as cast:
        page = _text(cast["chair"].client.get("/strategy-group").text)
    assert "Sitz MIN-1 hat 2 Inhaber zugleich (Vorsitz Vogt, Mitglied Maier); ein Sitz hat einen Inhaber." in page
    assert "Mitglied Maier hat 2 Sitze inne (MIN-1, MIN-2); eine Person hat einen Sitz inne." in page
    assert "unbesetzt" not in page


def test_the_pages_speak_english_after_switching(web_world: World) -> None:
    with browsers(web_world) as cast:
        browser = cast["secretariat"]
        switched = browser.post("/language", lang="en", next="/strategy-group")
        pages = {path: _text(browser.client.get(path).text) for path in ("/strategy-group", "/working-groups")}
    assert switched.status_code == 303
    assert "Seat KLV-GT (Gemeindetag Baden-Württemberg) is vacant." in pages["/strategy-group"]
    assert "Municipal umbrella associations" in pages["/strategy-group"]
    assert "Working groups" in pages["/working-groups"] and "Active" in pages["/working-groups"]


def test_names_and_texts_with_markup_are_shown_escaped(web_world: World) -> None:
    meeting = held_meeting(web_world)
    topic = topic_with_goal(web_world, meeting, title="<i>Thema</i>")
    group = convened_group(web_world, meeting, "<script>alert(1)</script> AG", topic)
    with browsers(web_world) as cast:
        pages = [cast["member"].client.get(path).text
                 for path in ("/working-groups", f"/working-groups/{group.id}", "/topics")]
    for html in pages:
        assert "<script>alert(1)</script>" not in html and "<i>Thema</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; AG" in pages[0]
    assert "&lt;i&gt;Thema&lt;/i&gt;" in pages[2]


def test_people_without_a_role_see_none_of_these_pages(web_world: World) -> None:
    group_page = f"/working-groups/{web_world.group.id}"
    with browsers(web_world) as cast, client_for(web_world) as anonymous:
        stranger = {path: cast["stranger"].client.get(path).status_code
                    for path in ("/working-groups", group_page, "/topics", "/strategy-group")}
        signed_out = anonymous.get("/strategy-group")
    assert set(stranger.values()) == {403}
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")


def test_a_reminder_link_to_a_group_leads_to_its_page(web_world: World) -> None:
    with browsers(web_world) as cast:
        response = cast["lead"].client.get(f"/groups/{web_world.group.id}")
    assert response.status_code == 308
    assert response.headers["location"] == f"/working-groups/{web_world.group.id}"


def test_the_public_page_announces_events_with_a_calendar_entry_and_no_personal_data(web_world: World) -> None:
    event = fachtag(web_world)
    with client_for(web_world) as anonymous:
        page = anonymous.get("/")
        ics = anonymous.get(f"/events/{event.id}.ics")
    text = _text(page.text)
    assert "Veranstaltungen für die Fachöffentlichkeit" in text
    assert "Fachtag Integration vor Ort" in text and "Neues Schloss, Stuttgart" in text and "Fachtag" in text
    assert "09.04.2026 09:00" in text
    assert f'href="/events/{event.id}.ics"' in page.text
    for name in ("Sekretariat Sommer", "Leitung Lange", "example.org"):
        assert name not in page.text
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    entry = next(c for c in Calendar.from_ical(ics.content).walk("VEVENT"))
    assert str(entry["SUMMARY"]) == "Fachtag Integration vor Ort"


def test_an_unknown_event_has_no_calendar_entry(web_world: World) -> None:
    with client_for(web_world) as anonymous:
        assert anonymous.get("/events/999.ics").status_code == 404
