"""Only sensible steps with sensible defaults: a form asking for a meeting preselects the next one whose
Antragsschluss is still ahead (never a running written procedure, never the meeting an item is already on), and every
irreversible step names what will happen and goes ahead only once confirmed."""

import re
from datetime import timedelta

from sqlmodel import select

from models.enums import MeetingKind
from models.meeting import Meeting
from models.strategy import AgendaItem, Vote
from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded
from tests.support.meeting_web import during, meeting_later, meeting_vote, seated
from tests.support.strategy import scheduled
from tests.support.web import Clock, browsers, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.review import set_review_meeting
from workflow.recommendations.lifecycle import fire
from workflow.strategy_group.written_procedures import start_written_procedure

_OPTION = re.compile(r'<option value="(\d*)"( selected)?>([^<]*)</option>')


def _options(page: str, select_id: str) -> list[tuple[str, bool, str]]:
    """The options of one select: (value, preselected, text)."""
    match = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', page, re.S)
    assert match, f"no select {select_id}"
    return [(value, bool(chosen), text) for value, chosen, text in _OPTION.findall(match.group(1))]


def _preselected(page: str, select_id: str) -> str:
    [value] = [value for value, chosen, _text in _options(page, select_id) if chosen] or [""]
    return value


def _status(world: World, meeting: Meeting) -> str:
    with world.db.read() as s:
        return s.exec(select(Meeting.status).where(Meeting.id == meeting.id)).one()


def _running_procedure(world: World, days: int = 14) -> Meeting:
    """A written procedure whose vote is open, with its deadline ``days`` ahead (the soonest date of all)."""
    rec = world.recommendation(title="Im Umlauf")
    with unit_of_work(world.db) as s:
        fire(s, rec.id or 0, "submit", actor=world.lead, now=world.now)
    with unit_of_work(world.db) as s:
        vote = start_written_procedure(s, title="Umlauf Sprachkurse", deadline=world.now + timedelta(days=days),
                                       refs=[str(rec.id)], actor=world.secretariat, now=world.now)
    with world.db.read() as s:
        meeting = s.get(Meeting, vote.meeting_id)
        assert meeting is not None and meeting.kind == MeetingKind.WRITTEN_PROCEDURE
        return meeting


def test_putting_on_an_agenda_preselects_the_next_meeting_whose_submission_deadline_is_ahead(
        web_world: World) -> None:
    procedure = _running_procedure(web_world)  # the soonest date, but its vote is running
    later = add_meeting(web_world, 60, title="Sommersitzung")  # Antragsschluss in 18 days
    rec = web_world.recommendation(title="Ankommen")
    with unit_of_work(web_world.db) as s:
        fire(s, rec.id or 0, "submit", actor=web_world.lead, now=web_world.now)
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get(f"/recommendations/{rec.id}").text
    options = _options(page, "meeting-schedule")
    # The world's meeting is 40 days ahead: its Antragsschluss (six weeks before) has passed, so it is offered only.
    assert [value for value, _chosen, _text in options] == [str(procedure.id), str(web_world.meeting.id),
                                                            str(later.id)]
    assert _preselected(page, "meeting-schedule") == str(later.id)
    assert "Umlauf Sprachkurse" in options[0][2] and "Abstimmung läuft" in options[0][2]
    assert "Antragsschluss" in options[2][2]


def test_without_a_meeting_whose_deadline_is_ahead_the_form_asks_to_choose(web_world: World) -> None:
    _running_procedure(web_world)
    rec = web_world.recommendation()
    with unit_of_work(web_world.db) as s:
        fire(s, rec.id or 0, "submit", actor=web_world.lead, now=web_world.now)
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get(f"/recommendations/{rec.id}").text
    assert _options(page, "meeting-schedule")[0] == ("", True, "Bitte wählen")


def test_moving_an_item_neither_offers_its_own_meeting_nor_preselects_a_running_procedure(web_world: World) -> None:
    _running_procedure(web_world)
    later = add_meeting(web_world, 60, title="Sommersitzung")
    rec = scheduled(web_world, web_world.meeting, title="Verschieben")
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"].client
        rec_page = secretariat.get(f"/recommendations/{rec.id}").text
        meeting_page = secretariat.get(f"/meetings/{web_world.meeting.id}").text
    offered = [value for value, _chosen, _text in _options(rec_page, "meeting-reschedule")]
    assert str(web_world.meeting.id) not in offered and str(later.id) in offered
    assert _preselected(rec_page, "meeting-reschedule") == str(later.id)
    moved_to = [value for value, _chosen, _text in _options(meeting_page, f"target-{rec.id}")]
    assert str(web_world.meeting.id) not in moved_to
    assert _preselected(meeting_page, f"target-{rec.id}") == str(later.id)


def test_starting_the_review_preselects_the_review_meeting_the_calendar_names(web_world: World) -> None:
    _running_procedure(web_world)
    add_meeting(web_world, 60, title="Sommersitzung")
    review = add_meeting(web_world, 200, title="Herbstsitzung")
    rec, _links = forwarded(web_world)
    with unit_of_work(web_world.db) as s:
        set_review_meeting(s, rec.id or 0, review.id, web_world.secretariat, web_world.now)
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get(f"/recommendations/{rec.id}").text
    assert _preselected(page, "start-meeting") == str(review.id)


def test_closing_a_vote_names_the_seats_still_to_vote_and_the_result_it_would_give_now(web_world: World) -> None:
    seated(web_world)
    vote, rec = meeting_vote(web_world, title="Schließen")
    with browsers(web_world, Clock(during(web_world))) as cast:
        chair = cast["chair"]
        page = chair.client.get(f"/votes/{vote.id}").text
        unconfirmed = chair.post(f"/votes/{vote.id}/close", outcome="count")
    # Eight seats are present or represented, none has voted: closing now would reject it.
    assert "8 von 12 Sitzen haben noch nicht abgestimmt." in page
    assert "Nach der Abstimmungsregel ergäbe sich jetzt: abgelehnt." in page
    assert "Danach kann keine Stimme mehr abgegeben oder geändert werden." in page
    assert re.search(r'<button type="submit" class="danger">Abstimmung schließen</button>', page)
    assert unconfirmed.status_code == 422
    assert "„Abstimmung schließen“ kann nicht rückgängig gemacht werden" in unconfirmed.text
    with web_world.db.read() as s:
        assert s.exec(select(Vote.status).where(Vote.id == vote.id)).one() == "open"
    assert web_world.reload(rec).state == "voting"


def test_cancelling_a_meeting_names_the_items_that_move_and_needs_the_confirmation(web_world: World) -> None:
    first = scheduled(web_world, web_world.meeting, title="Erster Punkt")
    scheduled(web_world, web_world.meeting, title="Zweiter Punkt")
    nxt = meeting_later(web_world, 60, title="Nächste Sitzung")
    path = f"/meetings/{web_world.meeting.id}"
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"]
        page = secretariat.client.get(path).text
        unconfirmed = secretariat.post(f"{path}/cancel")
        planned = _status(web_world, web_world.meeting)
        confirmed = secretariat.post(f"{path}/cancel", confirmed="yes")
    day = nxt.starts_at.astimezone(web_world.now.tzinfo).strftime("%d.%m.%Y")
    assert f"2 vorgesehene Tagesordnungspunkte werden auf „Nächste Sitzung“ am {day} verschoben." in page
    assert "Die Eingeladenen erhalten eine Absage" in page
    assert 'id="confirm-cancel-meeting" name="confirmed" value="yes" required' in page
    assert unconfirmed.status_code == 422 and "Das Absagen einer Sitzung kann nicht rückgängig gemacht" \
        in unconfirmed.text
    assert planned == "planned"
    assert confirmed.status_code == 303 and _status(web_world, web_world.meeting) == "cancelled"
    with web_world.db.read() as s:
        moved_to = s.exec(select(AgendaItem.meeting_id).where(AgendaItem.recommendation_id == first.id)).all()
    assert moved_to == [nxt.id]


def test_cancelling_the_last_meeting_says_its_items_fall_off_the_agenda(web_world: World) -> None:
    scheduled(web_world, web_world.meeting, title="Ohne Folgesitzung")
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get(f"/meetings/{web_world.meeting.id}").text
    assert "1 vorgesehener Tagesordnungspunkt entfällt: Nach dieser Sitzung ist keine weitere geplant" in page


def test_withdrawing_says_it_is_final_and_is_not_styled_as_the_main_button(web_world: World) -> None:
    rec = web_world.recommendation(state="submitted")
    with browsers(web_world) as cast:
        page = cast["lead"].client.get(f"/recommendations/{rec.id}").text
    assert "Das Zurückziehen ist endgültig" in page
    assert '<button type="submit" class="danger">Zurückziehen</button>' in page


def test_forwarding_names_the_proposed_bodies_on_its_confirmation(web_world: World) -> None:
    rec = web_world.recommendation(state="adopted")
    with browsers(web_world) as cast:
        page = cast["secretariat"].client.get(f"/recommendations/{rec.id}").text
    names = ", ".join(sorted(b.name for b in web_world.bodies))
    assert "Die angekreuzten Stellen erhalten die Empfehlung sofort" in page
    proposed = re.search(r"Vorgeschlagen: ([^<]*)\.", page)
    assert proposed and ", ".join(sorted(proposed.group(1).split(", "))) == names


def test_revoking_a_link_needs_the_confirmation_and_the_link_works_until_then(web_world: World) -> None:
    rec, [link, _other] = forwarded(web_world)
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"]
        page = secretariat.client.get(f"/recommendations/{rec.id}").text
        unconfirmed = secretariat.post(f"/forwardings/{link.forwarding_id}/revoke")
        with client_for(web_world) as anonymous:
            still = anonymous.get(f"/stelle/{link.token}").status_code
        confirmed = secretariat.post(f"/forwardings/{link.forwarding_id}/revoke", confirmed="yes")
        with client_for(web_world) as anonymous:
            gone = anonymous.get(f"/stelle/{link.token}").status_code
    assert f'id="confirm-revoke-{link.forwarding_id}"' in page and "funktioniert ab sofort nicht mehr" in page
    assert unconfirmed.status_code == 422 and "Das Widerrufen eines Links" in unconfirmed.text
    assert (still, confirmed.status_code, gone) == (200, 303, 404)


def test_before_the_meeting_opening_a_vote_and_recording_attendance_are_shown_disabled_with_their_date(
        web_world: World) -> None:
    holders = seated(web_world)
    scheduled(web_world, web_world.meeting, title="Noch nicht abstimmbar")
    path = f"/meetings/{web_world.meeting.id}"
    with browsers(web_world) as cast:
        before = cast["secretariat"].client.get(path).text
    with browsers(web_world, Clock(during(web_world))) as cast:
        on_the_day = cast["secretariat"].client.get(path).text
    starts = web_world.meeting.starts_at.astimezone(web_world.now.tzinfo)
    assert ("Noch nicht möglich: Eine Abstimmung wird eröffnet, sobald die Sitzung begonnen hat, ab "
            f"{starts.strftime('%d.%m.%Y %H:%M')}.") in before
    assert '<button type="submit" disabled aria-describedby="vote-from">Abstimmung eröffnen</button>' in before
    assert f"Noch nicht möglich: Die Anwesenheit wird ab dem Sitzungstag erfasst, dem {starts:%d.%m.%Y}." in before
    assert before.count('disabled aria-describedby="attendance-from"') == len(holders)
    assert 'id="vote-from"' not in on_the_day and 'id="attendance-from"' not in on_the_day
    assert "Abstimmung eröffnen</button>" in on_the_day
