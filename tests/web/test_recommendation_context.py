"""The recommendation page says where the recommendation stands: the meeting and agenda item it is on, its vote
with a button for those who hold a ballot in it, and a status timeline from draft to review with its next step."""

import re
from datetime import timedelta

from models.strategy import Choice
from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded, third_body
from tests.support.link_pages import post_as_body
from tests.support.meeting_web import during, meeting_vote, procedure_vote, seated, with_quorum
from tests.support.statements import counting
from tests.support.strategy import scheduled
from tests.support.web import Clock, browsers, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation
from workflow.forwarding.review import set_review_meeting
from workflow.strategy_group.votes import close_vote


def _stages(page: str) -> list[str]:
    """The status timeline's stages in order, as the reader hears them."""
    block = page.split('class="stages">', 1)[1].split("</ol>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in block.split("</li>")[:-1]]


def _current(page: str) -> str:
    match = re.search(r'<li class="stage stage-current" aria-current="step">\s*<strong>([^<]+)</strong>', page)
    assert match, "no stage is marked as the current step"
    return match.group(1)


def test_a_scheduled_recommendation_names_its_meeting_agenda_item_and_the_vote_ahead(web_world: World) -> None:
    rec = scheduled(web_world, web_world.meeting, title="Sprachmittlung sichern")
    day = web_world.meeting.starts_at.strftime("%d.%m.%Y")
    with browsers(web_world) as cast:
        page = cast["wg_member"].client.get(f"/recommendations/{rec.id}").text
    assert f'<a href="/meetings/{web_world.meeting.id}">{web_world.meeting.title}</a>' in page
    assert "Tagesordnungspunkt 1, zur Beschlussfassung" in page
    assert f"Nächster Schritt: Abstimmung in der Sitzung „{web_world.meeting.title}“ am {day}." in page
    assert _current(page) == "Terminiert"
    stages = _stages(page)
    assert [s.split(" ")[0] for s in stages[:3]] == ["Entwurf", "Eingereicht", "Terminiert"]
    assert "erreicht am" in stages[1] and "noch nicht erreicht" in stages[3]
    assert stages[-1].startswith("Überprüft")


def test_a_member_with_a_seat_in_the_open_vote_is_offered_to_vote_now_and_others_are_not(web_world: World) -> None:
    seated(web_world)
    vote, rec = meeting_vote(web_world, title="Beiräte stärken")
    with browsers(web_world, Clock(during(web_world))) as cast:
        deputy = cast["deputy"].client.get(f"/recommendations/{rec.id}").text
        member = cast["wg_member"].client.get(f"/recommendations/{rec.id}").text
        chair = cast["chair"].client.get(f"/recommendations/{rec.id}").text
    assert f'href="/ballots#vote-{vote.id}">Jetzt abstimmen' in deputy  # MIN-2 is represented by the deputy
    assert "Nichts:" not in deputy
    assert "Jetzt abstimmen" not in member and "Nichts:" in member
    assert f"Abstimmung in „{web_world.meeting.title}“: <strong>offen</strong>" in member
    assert f'href="/votes/{vote.id}"' in chair and f'href="/votes/{vote.id}"' not in member
    assert _current(member) == "In Abstimmung"


def test_a_written_procedure_offers_every_seat_holder_to_vote_until_its_deadline(web_world: World) -> None:
    seated(web_world)
    vote, rec = procedure_vote(web_world, title="Umlauf zur Teilhabe")
    deadline = during(web_world) + timedelta(days=7)
    with browsers(web_world, Clock(during(web_world))) as cast:
        deputy = cast["deputy"].client.get(f"/recommendations/{rec.id}").text
    with browsers(web_world, Clock(deadline + timedelta(minutes=1))) as cast:
        late = cast["deputy"].client.get(f"/recommendations/{rec.id}").text
    assert f'href="/ballots#vote-{vote.id}">Jetzt abstimmen' in deputy
    assert ("Nächster Schritt: Ergebnis des Umlaufverfahrens „Umlauf zu Umlauf zur Teilhabe“; Stimmabgabe bis zum "
            f"{deadline.strftime('%d.%m.%Y')}.") in deputy
    assert "Jetzt abstimmen" not in late


def test_an_adopted_recommendation_shows_the_decision_and_the_forwarding_step(web_world: World) -> None:
    holders = seated(web_world)
    vote, rec = meeting_vote(web_world, title="Beteiligung vor Ort")
    with_quorum(web_world, vote, holders, Choice.YES)
    with unit_of_work(web_world.db) as s:
        close_vote(s, vote.id or 0, actor=web_world.chair, now=during(web_world))
    with browsers(web_world, Clock(during(web_world))) as cast:
        page = cast["lead"].client.get(f"/recommendations/{rec.id}").text
    assert "<strong>angenommen</strong> – Ja: 7, Nein: 0, Enthaltungen: 0" in page
    assert _current(page) == "Beschlossen"
    assert "Nächster Schritt: Die Geschäftsstelle leitet die Empfehlung an die zuständigen Stellen weiter." in page
    stages = _stages(page)
    assert all("erreicht am" in s for s in stages[:5])


def test_a_forwarded_recommendation_names_the_reports_due_day_and_its_review_meeting(web_world: World) -> None:
    rec, _links = forwarded(web_world)
    review = add_meeting(web_world, 200, title="Herbstsitzung")
    with unit_of_work(web_world.db) as s:
        set_review_meeting(s, rec.id or 0, review.id, web_world.secretariat, web_world.now)
    with browsers(web_world) as cast:
        page = cast["wg_member"].client.get(f"/recommendations/{rec.id}").text
    assert _current(page) == "Weitergeleitet"
    assert "Die Berichte der zuständigen Stellen sind am" in page
    assert (f"Nächster Schritt: Überprüfung der Umsetzung in der Sitzung „{review.title}“ am "
            f"{review.starts_at.strftime('%d.%m.%Y')}.") in page


def _forwarded_to(world: World, extra_bodies: int, reports: bool) -> int:
    """A forwarded recommendation with its review meeting, sent to its two addressees and ``extra_bodies`` more."""
    rec = world.recommendation(state="adopted")
    others = [third_body(world, f"Gemeinde {rec.id}-{i}") for i in range(extra_bodies)]
    with unit_of_work(world.db) as s:
        links = forward_recommendation(s, rec.id or 0, [*(b.id or 0 for b in world.bodies),
                                                        *(o.id or 0 for o in others)], world.secretariat, world.now)
    if reports:
        with client_for(world) as body:
            for link in links:
                post_as_body(body, link.token, "report", status="in_progress", text="In Arbeit.")
    return rec.id or 0


def _statements(world: World, rec_id: int) -> dict[str, int]:
    counts = {}
    with browsers(world) as cast:
        for name in ("secretariat", "wg_member", "deputy"):
            with counting(world) as statements:
                page = cast[name].client.get(f"/recommendations/{rec_id}")
            assert page.status_code == 200 and 'aria-current="step"' in page.text
            counts[name] = len(statements)
    return counts


def test_the_page_runs_as_many_statements_with_a_few_forwardings_as_with_many(web_world: World) -> None:
    few = _statements(web_world, _forwarded_to(web_world, 0, reports=True))
    many = _statements(web_world, _forwarded_to(web_world, 12, reports=True))
    print(f"\nstatements of the recommendation page, 2 and 14 forwardings: {few} / {many}")
    assert few == many
