"""The meeting pages as each person sees them: the calendar, a meeting with agenda, attendance and votes, the
chair's vote screen, the ballot, written procedures, minutes and the calendar file."""

import re
from datetime import timedelta

from icalendar import Calendar
from sqlmodel import select

from models.meeting import Meeting
from models.strategy import AgendaItem, Attendance, Ballot, Choice, Vote
from tests.support.factories import World
from tests.support.meeting_web import (
    during,
    meeting_later,
    meeting_vote,
    procedure_vote,
    seated,
    snapshot,
    with_quorum,
)
from tests.support.strategy import scheduled
from tests.support.web import Clock, browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.strategy_group.votes import cast_ballot, close_due_votes, close_vote


def test_the_calendar_lists_meetings_and_procedures_and_warns_about_a_year_with_one_meeting(web_world: World) -> None:
    _procedure, _rec = procedure_vote(web_world, title="Sprachkurse")
    with browsers(web_world, Clock(during(web_world))) as cast:
        secretariat = cast["secretariat"].client.get("/meetings").text
        lead = cast["lead"].client.get("/meetings").text
        stranger = cast["stranger"].client.get("/meetings")
    assert web_world.meeting.title in secretariat and "Umlauf zu Sprachkurse" in secretariat
    assert "2026 hat 1 Strategiesitzung geplant; die Strategiegruppe tagt zwei- bis dreimal im Jahr." in secretariat
    assert "Antragsschluss" in secretariat and "Sitzung planen" in secretariat
    assert web_world.meeting.title in lead and "Sitzung planen" not in lead
    assert stranger.status_code == 403


def test_the_secretariat_plans_moves_and_cancels_a_meeting_through_its_forms(web_world: World) -> None:
    with browsers(web_world) as cast:
        secretariat = cast["secretariat"]
        planned = secretariat.post("/meetings", title="Herbstsitzung", day="2026-10-15", start="10:00", end="13:00",
                                   location="Stuttgart", online_url="", kind="meeting")
        assert planned.status_code == 303
        path = planned.headers["location"].removesuffix("#message")  # the page, scrolled to its message
        assert "Herbstsitzung" in secretariat.client.get(path).text
        assert secretariat.post(f"{path}/move", day="2026-10-22", start="14:00", end="",
                                confirmed="yes").status_code == 303
        assert secretariat.post(f"{path}/cancel").status_code == 422  # not without ticking the confirmation
        assert secretariat.post(f"{path}/cancel", confirmed="yes").status_code == 303
        page = secretariat.client.get(path).text
    with web_world.db.read() as s:
        meeting = s.exec(select(Meeting).where(Meeting.title == "Herbstsitzung")).one()
    assert meeting.status == "cancelled" and meeting.sequence == 2
    assert meeting.starts_at.astimezone(web_world.now.tzinfo).strftime("%d.%m. %H:%M") == "22.10. 14:00"
    assert "abgesagt" in page


def test_a_meeting_in_the_past_is_refused_in_german_and_nothing_is_planned(web_world: World) -> None:
    with browsers(web_world) as cast:
        before = snapshot(web_world)
        response = cast["secretariat"].post("/meetings", title="Zu spät", day="2026-01-05", start="10:00",
                                            location="Stuttgart", kind="meeting")
    assert response.status_code == 422
    assert "liegt in der Vergangenheit (05.01.2026 10:00)" in response.text
    assert "Es wurde nichts geändert." in response.text
    assert snapshot(web_world) == before


def test_the_meeting_page_shows_agenda_attendance_and_votes_with_the_forms_of_each_role(web_world: World) -> None:
    seated(web_world)
    vote, rec = meeting_vote(web_world, title="Mehrsprachige Formulare")
    waiting = scheduled(web_world, web_world.meeting, title="Noch nicht abgestimmt")
    path = f"/meetings/{web_world.meeting.id}"
    with browsers(web_world, Clock(during(web_world))) as cast:
        pages = {name: cast[name].client.get(path).text for name in ("secretariat", "chair", "lead")}
    for text in pages.values():
        assert "Mehrsprachige Formulare" in text and waiting.title in text
        assert "vertreten durch Stellvertretung: Vertretung Vogel" in text
        assert f"Abstimmung über {rec.number}: Mehrsprachige Formulare" in text and "/calendar.ics" in text
    assert 'name="attendance"' in pages["secretariat"] and 'name="position"' in pages["secretariat"]
    assert "Abstimmung eröffnen" in pages["secretariat"] and "Abstimmung eröffnen" in pages["chair"]
    assert 'name="attendance"' not in pages["chair"] and 'name="position"' not in pages["chair"]
    assert "Abstimmung eröffnen" not in pages["lead"] and f'href="/votes/{vote.id}"' not in pages["lead"]
    assert "8 von 12 Sitzen sind anwesend oder vertreten; für eine Abstimmung braucht es 7." in pages["lead"]
    assert rec.state == "voting"


def test_the_secretariat_records_attendance_reorders_the_agenda_and_moves_an_item(web_world: World) -> None:
    seated(web_world)
    first = scheduled(web_world, web_world.meeting, title="Erste")
    second = scheduled(web_world, web_world.meeting, title="Zweite")
    later = meeting_later(web_world, 60)
    holders_page = f"/meetings/{web_world.meeting.id}"
    with browsers(web_world, Clock(during(web_world))) as cast:
        secretariat = cast["secretariat"]
        assert secretariat.post(f"{holders_page}/attendance/IB-LK", attendance="absent").status_code == 303
        assert secretariat.post(f"{holders_page}/agenda/{second.id}/position", position="1").status_code == 303
        assert secretariat.post(f"{holders_page}/agenda/{first.id}/move", to_meeting=str(later.id)).status_code == 303
    with web_world.db.read() as s:
        absent = s.exec(select(Attendance).where(Attendance.meeting_id == web_world.meeting.id,
                                                 Attendance.status == "absent")).all()
        items = s.exec(select(AgendaItem.meeting_id, AgendaItem.recommendation_id, AgendaItem.position)
                       .order_by(AgendaItem.meeting_id)).all()
    assert len(absent) == 1
    assert set(items) == {(web_world.meeting.id, second.id, 1), (later.id, first.id, 1)}


def test_a_deputy_casts_and_changes_a_ballot_on_the_ballot_page(web_world: World) -> None:
    seated(web_world)
    vote, _rec = meeting_vote(web_world, title="Beiräte stärken")
    with browsers(web_world, Clock(during(web_world))) as cast:
        deputy = cast["deputy"]
        page = deputy.client.get("/ballots").text
        assert "Beiräte stärken" in page and "Ihre Stimme für Sitz MIN-2 (als Stellvertretung)" in page
        first = deputy.post(f"/votes/{vote.id}/ballot", seat="MIN-2", choice="yes")
        assert first.status_code == 303
        assert "Ihre Stimme „Ja“ ist abgegeben." in deputy.client.get("/ballots").text
        changed = deputy.post(f"/votes/{vote.id}/ballot", seat="MIN-2", choice="no")
        after = deputy.client.get("/ballots").text
    assert changed.status_code == 303
    assert "Ihre Stimme ist geändert: „Nein“." in after
    assert re.search(r'value="no" required checked', after)
    with web_world.db.read() as s:
        [ballot] = s.exec(select(Ballot).where(Ballot.vote_id == vote.id)).all()
    assert (ballot.choice, ballot.person_id, ballot.changed_at is not None) == ("no", web_world.deputy.id, True)


def test_refused_ballots_are_explained_in_german_and_change_nothing(web_world: World) -> None:
    holders = seated(web_world)
    procedure, _rec = procedure_vote(web_world, title="Umlauf")
    closed, _closed_rec = meeting_vote(web_world, title="Schon entschieden")
    with_quorum(web_world, closed, holders)
    with unit_of_work(web_world.db) as s:
        close_vote(s, closed.id or 0, actor=web_world.chair, now=during(web_world))
    with unit_of_work(web_world.db) as s:
        cast_ballot(s, procedure.id or 0, Choice.YES, actor=web_world.deputy, now=during(web_world))
    with browsers(web_world, Clock(during(web_world))) as cast:
        cast["member"].post("/language", lang="de", next="/ballots")
        before = snapshot(web_world)
        stranger = cast["stranger"].post(f"/votes/{procedure.id}/ballot", seat="MIN-2", choice="no")
        lead = cast["lead"].post(f"/votes/{procedure.id}/ballot", seat="", choice="no")
        holder = cast["member"].post(f"/votes/{procedure.id}/ballot", seat="MIN-2", choice="no")
        late = cast["chair"].post(f"/votes/{closed.id}/ballot", seat="MIN-1", choice="no")
        after = snapshot(web_world)
        member_page = cast["member"].client.get("/ballots").text
    assert stranger.status_code == 403 and lead.status_code == 403
    assert "Sie haben keinen Sitz in der Strategiegruppe und sind keine Stellvertretung" in lead.text
    assert holder.status_code == 422
    assert "Sitz MIN-2 hat bereits abgestimmt, durch Vertretung Vogel" in holder.text
    assert late.status_code == 422 and "Diese Abstimmung ist geschlossen (angenommen)" in late.text
    assert "Es wurde nichts geändert." in holder.text
    assert after == before
    assert "Sitz MIN-2 hat bereits abgestimmt" in member_page


def test_the_chair_opens_a_vote_follows_the_tally_and_closing_adopts(web_world: World) -> None:
    holders = seated(web_world)
    rec = scheduled(web_world, web_world.meeting, title="Sprachmittlung")
    with browsers(web_world, Clock(during(web_world))) as cast:
        chair = cast["chair"]
        opened = chair.post(f"/meetings/{web_world.meeting.id}/votes", recommendation_ids=[str(rec.id)],
                            rule="default")
        assert opened.status_code == 303
        screen = opened.headers["location"].removesuffix("#message")  # the vote screen, scrolled to its message
        vote_id = int(screen.rsplit("/", 1)[1])
        before = chair.client.get(f"{screen}/tally").json()
        with_quorum(web_world, Vote(id=vote_id), holders)
        tally = chair.client.get(f"{screen}/tally").json()
        page = chair.client.get(screen).text
        closed = chair.post(f"{screen}/close", outcome="count", comment="", confirmed="yes")
        result = chair.client.get(screen).text
        member_tally = cast["member"].client.get(f"{screen}/tally")
    assert (before["yes"], before["not_voted"], before["quorum_met"]) == (0, 8, False)
    assert (tally["yes"], tally["no"], tally["not_voted"], tally["quorum_met"]) == (7, 0, 1, True)
    assert tally["adopted_if_closed_now"] is True
    assert 'src="/static/vote-tally.js"' in page and "Stand aktualisieren" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "no inline script (the CSP forbids it)"
    assert closed.status_code == 303 and "angenommen" in result
    assert web_world.reload(rec).state == "adopted"
    assert member_tally.status_code == 403


def test_the_secretariat_starts_a_written_procedure_that_every_seat_may_vote_in(web_world: World) -> None:
    fill = seated(web_world)
    rec = web_world.recommendation(state="submitted", title="Anerkennung beschleunigen")
    with browsers(web_world, Clock(during(web_world))) as cast:
        form = cast["secretariat"].client.get("/procedures/new").text
        assert "Anerkennung beschleunigen" in form
        started = cast["secretariat"].post("/procedures", title="Umlauf Juni", deadline_day="2026-04-30",
                                           deadline_time="12:00", rule="default",
                                           recommendation_ids=[str(rec.id)])
        assert started.status_code == 303
        procedure_page = cast["secretariat"].client.get(started.headers["location"]).text
        member_page = cast["member"].client.get("/ballots").text
        chair_page = cast["chair"].client.get("/ballots").text
    assert "Umlaufverfahren" in procedure_page and "Anwesenheit" not in procedure_page
    assert "MIN-2" in member_page and "Cast my ballot" in member_page
    assert "Stimme abgeben" in chair_page
    with web_world.db.read() as s:
        vote = s.exec(select(Vote)).one()
    for code in list(fill)[:7]:
        with unit_of_work(web_world.db) as s:
            cast_ballot(s, vote.id or 0, Choice.YES, actor=fill[code], now=during(web_world))
    with unit_of_work(web_world.db) as s:
        close_due_votes(s, vote.deadline + timedelta(minutes=1))
    with browsers(web_world, Clock(during(web_world) + timedelta(days=30))) as cast:
        result = cast["lead"].client.get(started.headers["location"]).text
    assert "angenommen" in result and "Ja: 7, Nein: 0, Enthaltungen: 0" in result


def test_the_minutes_show_each_decision_with_its_tally_and_the_named_ballots(web_world: World) -> None:
    holders = seated(web_world)
    vote, _rec = meeting_vote(web_world, title="Beteiligung vor Ort")
    with_quorum(web_world, vote, holders, Choice.NO)
    with browsers(web_world, Clock(during(web_world))) as cast:
        cast["chair"].post(f"/votes/{vote.id}/close", outcome="count", confirmed="yes")
        minutes = cast["lead"].client.get(f"/meetings/{web_world.meeting.id}/minutes").text
    assert "Protokoll" in minutes and "Beteiligung vor Ort" in minutes
    assert "abgelehnt" in minutes and "Ja: 0, Nein: 7, Enthaltungen: 0" in minutes
    assert "Vertretung Vogel" in minutes and "Vorsitz Vogt" in minutes


def test_the_calendar_file_is_a_calendar_entry_of_the_meeting(web_world: World) -> None:
    with browsers(web_world) as cast:
        short = cast["member"].client.get(f"/meetings/{web_world.meeting.id}.ics")
        long = cast["member"].client.get(f"/meetings/{web_world.meeting.id}/calendar.ics")
        anonymous = cast["stranger"].client.get(f"/meetings/{web_world.meeting.id}.ics")
    assert short.status_code == long.status_code == 200 and short.content == long.content
    assert short.headers["content-type"].startswith("text/calendar")
    [event] = Calendar.from_ical(short.content).walk("VEVENT")
    assert str(event["summary"]).startswith(web_world.meeting.title)  # "Title (network name)", as in the mail
    assert event.decoded("dtstart") == web_world.meeting.starts_at
    assert anonymous.status_code == 403


def test_markup_in_titles_is_shown_as_text_on_every_meeting_page(web_world: World) -> None:
    evil = '<script>alert("x")</script>'
    seated(web_world)
    with unit_of_work(web_world.db) as s:
        meeting = s.get(Meeting, web_world.meeting.id)
        assert meeting is not None
        meeting.title = f"Sitzung {evil}"
        s.add(meeting)
        s.commit()
    vote, _rec = meeting_vote(web_world, title=f"Empfehlung {evil}")
    paths = ["/meetings", f"/meetings/{web_world.meeting.id}", f"/votes/{vote.id}", "/ballots",
             f"/meetings/{web_world.meeting.id}/minutes"]
    with browsers(web_world, Clock(during(web_world))) as cast:
        pages = {p: cast["chair"].client.get(p).text for p in paths}
    for path, text in pages.items():
        assert evil not in text, path
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text, path


def test_english_is_available_for_people_who_chose_it(web_world: World) -> None:
    with browsers(web_world) as cast:
        page = cast["member"].client.get("/meetings").text
    assert "Meetings and written procedures" in page and "Submission deadline" in page
