"""Each adopted recommendation has a public page: its text, the decision with its day and tally, its status
timeline, and per body the receipt and its reports' statuses — no person, no contact, no report text."""

from models.strategy import Choice
from tests.support.factories import World
from tests.support.forwarding import add_meeting
from tests.support.link_pages import post_as_body
from tests.support.meeting_web import during, meeting_vote, seated, with_quorum
from tests.support.web import Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.forwardings import forward_recommendation
from workflow.forwarding.reports import ContactInput, acknowledge_by_link
from workflow.forwarding.review import set_review_meeting
from workflow.strategy_group.votes import close_vote


def test_an_adopted_and_forwarded_recommendation_has_a_public_page_without_personal_data(web_world: World) -> None:
    holders = seated(web_world)
    vote, rec = meeting_vote(web_world, title="Dolmetschpool für Behörden")
    with_quorum(web_world, vote, holders, Choice.YES)
    with unit_of_work(web_world.db) as s:
        close_vote(s, vote.id or 0, actor=web_world.chair, now=during(web_world))
    with unit_of_work(web_world.db) as s:
        links = forward_recommendation(s, rec.id or 0, [], web_world.secretariat, during(web_world))
    review = add_meeting(web_world, 200, title="Herbstsitzung")
    with unit_of_work(web_world.db) as s:
        set_review_meeting(s, rec.id or 0, review.id, web_world.secretariat, during(web_world))
    with unit_of_work(web_world.db) as s:
        acknowledge_by_link(s, links[0].token, during(web_world),
                            ContactInput(name="Frieda Kontakt", email="frieda@example.org"))
    with client_for(web_world, Clock(during(web_world))) as anonymous:
        post_as_body(anonymous, links[0].token, "report", status="in_progress", text="Herr Meier prüft das.")
        listing = anonymous.get("/").text
        page = anonymous.get(f"/oeffentlich/empfehlungen/{rec.number}")
    assert f'<a href="/oeffentlich/empfehlungen/{rec.number}">' in listing
    assert page.status_code == 200
    text = page.text
    day = during(web_world).strftime("%d.%m.%Y")
    assert f"Beschlossen am {day} in der Sitzung „{web_world.meeting.title}“. Ja: 7, Nein: 0, Enthaltungen: 0." in text
    assert 'aria-current="step"' in text and "<strong>Weitergeleitet</strong>" in text
    assert "Die Berichte der zuständigen Stellen sind am" in text
    assert "Nächster Schritt: Überprüfung der Umsetzung in der Sitzung „Herbstsitzung" in text
    assert "Eingang bestätigt." in text and "Eingang noch nicht bestätigt." in text and "Umsetzung läuft" in text
    for private in ("Frieda", "frieda@example.org", "Herr Meier", web_world.secretariat.name, web_world.chair.name,
                    "/meetings/"):
        assert private not in text


def test_a_recommendation_not_adopted_has_no_public_page(web_world: World) -> None:
    draft = web_world.recommendation()
    submitted = web_world.recommendation(state="submitted")
    with client_for(web_world) as anonymous:
        answers = [anonymous.get(f"/oeffentlich/empfehlungen/{ref}") for ref in
                   (submitted.number, draft.id, "XX-2026-999", submitted.id)]
    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert "Es gibt keine Empfehlung" in answers[0].text
