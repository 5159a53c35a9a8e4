"""'Meine Aufgaben' shows each role what to do next: ballots, open votes and the agenda, deadlines, checks."""

from datetime import timedelta

from sqlmodel import select

from models.outbox import OutboxMessage, OutboxStatus
from models.strategy import Choice
from tests.support.factories import World
from tests.support.forwarding import forwarded
from tests.support.strategy import fill_seats, meeting_ahead, scheduled
from tests.support.web import browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.strategy_group.meetings import submission_deadline
from workflow.strategy_group.votes import cast_ballot
from workflow.strategy_group.written_procedures import start_written_procedure


def _written_procedure(world: World, title: str) -> int:
    rec = world.recommendation(state="submitted", title=title)
    with unit_of_work(world.db) as s:
        vote = start_written_procedure(s, title="Umlaufverfahren Januar", deadline=world.now + timedelta(days=7),
                                       refs=[str(rec.id)], actor=world.secretariat, now=world.now)
    return vote.id or 0


def test_a_member_sees_the_ballot_still_to_cast_until_it_is_cast(web_world: World) -> None:
    fill_seats(web_world)
    vote_id = _written_procedure(web_world, "Dolmetschpool für Behörden")
    with browsers(web_world) as cast:
        before = cast["member"].client.get("/tasks").text
        with unit_of_work(web_world.db) as s:
            cast_ballot(s, vote_id, Choice.YES, actor=web_world.member, now=web_world.now)
        after = cast["member"].client.get("/tasks").text
        lead = cast["lead"].client.get("/tasks").text
    # The member reads the pages in English, their preferred language; the lead in German.
    assert "Ballots to cast" in before and "Dolmetschpool für Behörden" in before and 'href="/ballots"' in before
    assert "Ballots to cast" not in after
    assert "Abzugebende Stimmen" not in lead and "Dolmetschpool" not in lead


def test_the_chair_sees_the_open_vote_with_its_ballots_and_the_next_agenda(web_world: World) -> None:
    fill_seats(web_world)
    vote_id = _written_procedure(web_world, "Beratung vor Ort")
    on_agenda = scheduled(web_world, web_world.meeting, title="Welcome-Center stärken")
    with unit_of_work(web_world.db) as s:
        cast_ballot(s, vote_id, Choice.NO, actor=web_world.member, now=web_world.now)
    with browsers(web_world) as cast:
        chair = cast["chair"].client.get("/tasks").text
        member = cast["member"].client.get("/tasks").text
    assert "Offene Abstimmungen" in chair and f'href="/votes/{vote_id}"' in chair and "bisher 1 Stimme" in chair
    assert "Tagesordnung der nächsten Sitzung" in chair and on_agenda.title in chair
    assert "Open votes" not in member


def test_the_lead_sees_the_next_submission_deadline_still_ahead(web_world: World) -> None:
    # The world's meeting in 40 days has its deadline behind it; the next one is the meeting after.
    later = meeting_ahead(web_world, 100, title="Sommersitzung")
    assert submission_deadline(web_world.meeting) < web_world.now < submission_deadline(later)
    deadline = submission_deadline(later).astimezone(web_world.now.tzinfo)
    with browsers(web_world) as cast:
        lead = cast["lead"].client.get("/tasks").text
    assert "Einreichungsfrist für ihre Tagesordnung" in lead
    assert deadline.strftime("%d.%m.%Y") in lead


def test_the_secretariat_sees_unacknowledged_forwardings_failed_mails_and_the_composition_check(
        web_world: World) -> None:
    rec, _links = forwarded(web_world)
    with unit_of_work(web_world.db) as s:
        mail = s.exec(select(OutboxMessage)).first()
        assert mail is not None, "forwarding queues a mail"
        mail.status = OutboxStatus.FAILED
        s.add(mail)
        s.commit()
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"].client.get("/tasks").text
        chair = cast["chair"].client.get("/tasks").text
    assert "Noch nicht bestätigt" in secretariat and (rec.number or "") in secretariat
    assert "1 E-Mail konnte nicht zugestellt werden" in secretariat and 'href="/outbox?status=failed"' in secretariat
    # The world fills only two of the twelve seats: the check reports the vacancies.
    assert "Die Prüfung der Zusammensetzung hat" in secretariat and 'href="/strategy-group"' in secretariat
    assert "Noch nicht bestätigt" not in chair and "Übersicht aller Weiterleitungen" not in chair


def test_long_queues_show_their_first_items_and_link_to_all(web_world: World) -> None:
    for i in range(12):
        web_world.recommendation(state="submitted", title=f"Eingereicht {i}")
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get("/tasks").text
    assert "(12)" in page and 'href="/recommendations?state=submitted"' in page and "Alle 12 anzeigen" in page
    assert page.count("Eingereicht ") == 10
