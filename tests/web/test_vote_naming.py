"""Votes are named for what they decide, the seats still to vote for the people in them, and "Meine Stimmabgabe"
is offered only to those who hold or deputise a seat."""

from models.strategy import Choice
from tests.support.factories import World
from tests.support.meeting_web import PRESENT, during, meeting_vote, procedure_vote, seated
from tests.support.strategy import scheduled
from tests.support.web import Clock, browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.strategy_group.votes import cast_ballot, open_vote


def test_a_vote_carries_its_recommendations_number_and_title_wherever_it_is_listed(web_world: World) -> None:
    seated(web_world)
    vote, rec = meeting_vote(web_world, title="Mehrsprachige Formulare")
    name = f"Abstimmung über {rec.number}: Mehrsprachige Formulare"
    with browsers(web_world, Clock(during(web_world))) as cast:
        screen = cast["chair"].client.get(f"/votes/{vote.id}").text
        dashboard = cast["chair"].client.get("/tasks").text
        meeting = cast["lead"].client.get(f"/meetings/{web_world.meeting.id}").text
        ballots = cast["deputy"].client.get("/ballots").text
    assert f"<title>{name} –" in screen and f"<h1>{name} – offen</h1>" in screen
    assert f'<a href="/votes/{vote.id}">{name}</a>' in dashboard
    assert f"<h3>{name} – offen</h3>" in meeting
    assert name in ballots and f"Abstimmung {vote.id}" not in ballots


def test_a_block_vote_is_named_for_the_numbers_it_decides(web_world: World) -> None:
    seated(web_world)
    first = scheduled(web_world, web_world.meeting, title="Erste")
    second = scheduled(web_world, web_world.meeting, title="Zweite")
    with unit_of_work(web_world.db) as s:
        vote = open_vote(s, web_world.meeting.id or 0, [str(first.id), str(second.id)], actor=web_world.chair,
                         now=during(web_world))
    with browsers(web_world, Clock(during(web_world))) as cast:
        screen = cast["chair"].client.get(f"/votes/{vote.id}").text
    assert f"Abstimmung im Block über {first.number}, {second.number}" in screen


def test_the_seats_still_to_vote_are_listed_by_the_people_sitting_in_them(web_world: World) -> None:
    holders = seated(web_world)
    vote, _rec = meeting_vote(web_world)
    for code in PRESENT[1:]:
        with unit_of_work(web_world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[code], now=during(web_world))
    with browsers(web_world, Clock(during(web_world))) as cast:
        screen = cast["chair"].client.get(f"/votes/{vote.id}").text
    waiting = screen.split("<h3>Noch abzustimmen</h3>", 1)[1].split("</ul>", 1)[0]
    # MIN-1 (the chair, present) and MIN-2 (represented by the deputy) have not voted; absent seats are not listed.
    assert "Vorsitz Vogt" in waiting and "(Sitz MIN-1)" in waiting
    assert "Vertretung Vogel" in waiting and "(Sitz MIN-2)" in waiting
    assert waiting.count("<li>") == 2


def test_a_written_procedure_lists_each_seats_holder_as_still_to_vote(web_world: World) -> None:
    holders = seated(web_world)
    vote, _rec = procedure_vote(web_world)
    with browsers(web_world, Clock(during(web_world))) as cast:
        screen = cast["chair"].client.get(f"/votes/{vote.id}").text
    waiting = screen.split("<h3>Noch abzustimmen</h3>", 1)[1].split("</ul>", 1)[0]
    assert waiting.count("<li>") == len(holders)
    assert f"{holders['KLV-GT'].name} <span class=\"meta\">(Sitz KLV-GT)</span>" in waiting


def test_my_ballots_is_offered_only_to_holders_and_deputies_of_a_seat(web_world: World) -> None:
    seated(web_world)
    vote, _rec = meeting_vote(web_world)
    path = f"/meetings/{web_world.meeting.id}"
    with browsers(web_world, Clock(during(web_world))) as cast:
        pages = {name: cast[name].client.get(path).text for name in ("chair", "deputy", "lead", "secretariat")}
    for name in ("chair", "deputy"):
        assert 'href="/ballots"' in pages[name] and f'href="/ballots#vote-{vote.id}"' in pages[name]
    for name in ("lead", "secretariat"):
        assert "Meine Stimmabgabe" not in pages[name] and "/ballots" not in pages[name]
