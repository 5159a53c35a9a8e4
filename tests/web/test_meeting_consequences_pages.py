"""On the pages: moving a meeting shows its consequences first and changes nothing until confirmed; members check in
themselves on the meeting's day ('Ich bin anwesend'), beside the secretariat's attendance form."""

import html
from datetime import timedelta

from sqlmodel import select

from models.meeting import Meeting
from models.strategy import Attendance
from tests.integration.test_meeting_consequences import _reviewed_at
from tests.support.factories import World
from tests.support.meeting_web import during
from tests.support.strategy import fill_seats, meeting_ahead
from tests.support.web import Clock, browsers


def _day(world: World, days: int) -> str:
    return (world.now + timedelta(days=days)).date().isoformat()


def test_moving_earlier_previews_the_deadline_in_the_past_and_the_overdue_report_before_anything_changes(
        web_world: World) -> None:
    meeting = meeting_ahead(web_world, 60)
    _rec, owing = _reviewed_at(web_world, meeting)
    with browsers(web_world, cast=["secretariat"]) as cast:
        secretariat = cast["secretariat"]
        answer = secretariat.post(f"/meetings/{meeting.id}/move", day=_day(web_world, 30), start="10:00", end="")
        assert answer.status_code == 200
        text = html.unescape(answer.text)
        assert "Antragsschluss" in text and "läge in der Vergangenheit" in text
        assert f"{owing}: Bericht zu NI-2026-007" in text
        assert "Verschieben bestätigen" in text and 'name="confirmed"' in text
        with web_world.db.read() as s:
            assert s.get(Meeting, meeting.id).sequence == 0  # type: ignore[union-attr]
        confirmed = secretariat.post(f"/meetings/{meeting.id}/move", day=_day(web_world, 30), start="10:00",
                                     end="", confirmed="yes")
        assert confirmed.status_code == 303
    with web_world.db.read() as s:
        moved = s.get(Meeting, meeting.id)
        assert moved is not None and moved.status == "moved"
        assert moved.starts_at.astimezone(web_world.now.tzinfo).date().isoformat() == _day(web_world, 30)


def test_the_cancellation_page_names_its_consequences_and_needs_the_box(web_world: World) -> None:
    meeting = meeting_ahead(web_world, 60, title="Sommersitzung")
    with browsers(web_world, cast=["secretariat", "member"]) as cast:
        page = cast["secretariat"].client.get(f"/meetings/{meeting.id}/cancel")
        text = html.unescape(page.text)
        assert page.status_code == 200 and "Tagesordnungspunkte, die verschoben werden" in text
        assert "Eine Einladung wurde noch nicht versandt; daher wird auch keine Absage versandt." in text
        assert cast["member"].client.get(f"/meetings/{meeting.id}/cancel").status_code == 403
        assert cast["secretariat"].post(f"/meetings/{meeting.id}/cancel").status_code == 422


def test_a_member_checks_in_on_the_day_and_the_secretariat_sees_it(web_world: World) -> None:
    fill_seats(web_world)
    path = f"/meetings/{web_world.meeting.id}"
    clock = Clock(web_world.meeting.starts_at - timedelta(days=1))  # the day before: signed in till the meeting
    with browsers(web_world, clock, cast=["secretariat", "member", "deputy"]) as cast:
        member = cast["member"]  # reads English; the deputy of the same seat reads German
        before = html.unescape(cast["deputy"].client.get(path).text)
        assert "Ich bin anwesend" in before and "Sie können sich ab dem Sitzungstag" in before
        early = member.post(f"{path}/check-in", present="yes")
        assert early.status_code == 422
        assert "Attendance is recorded from the meeting's day on" in html.unescape(early.text)

        clock.now = during(web_world)
        checked_in = member.post(f"{path}/check-in", present="yes")
        assert checked_in.status_code == 303 and checked_in.headers["location"].startswith(path)
        mine = member.client.get(path).text
        assert "I am not present after all" in mine and "You are recorded as present for seat MIN-2." in mine
        assert "selbst gemeldet" in cast["secretariat"].client.get(path).text
        # Nobody but the secretariat records another person: the deputy cannot record the member's seat.
        other = cast["deputy"].post(f"{path}/attendance/MIN-3", attendance="absent")
        assert other.status_code == 403
        assert member.post(f"{path}/check-in", present="no").status_code == 303
    with web_world.db.read() as s:
        rows = s.exec(select(Attendance.status).where(Attendance.meeting_id == web_world.meeting.id)).all()
    assert rows == ["absent"]
