"""One calendar truth: the invitation mail's .ics and the page /meetings/{id}.ics of a meeting are the same entry,
with the meeting's real end (a meeting until 14:00 ends at 14:00 in both), the same UID and the same SEQUENCE."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlmodel import select

from models.enums import MeetingStatus
from models.meeting import Meeting
from models.outbox import OutboxMessage
from models.recommendation import Recommendation
from models.strategy import AgendaItem
from notifications.outbox.reminder_mail import materialise_due_reminders
from tests.support.factories import World
from tests.support.web import browsers, settings_for
from workflow.engine.clock import at_local
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.profile import effective_settings

BERLIN = ZoneInfo("Europe/Berlin")
# The world's meeting is on 19 April 2026; its invitation is due on Friday 3 April.
INVITATION_DAY = datetime(2026, 4, 3, 10, 0, tzinfo=BERLIN)


def _until_two(world: World, *, moved: bool = False) -> datetime:
    with unit_of_work(world.db) as session:
        meeting = session.get(Meeting, world.meeting.id)
        assert meeting is not None
        meeting.ends_at = at_local(meeting.starts_at.astimezone(BERLIN).date(), time(14, 0), BERLIN)
        if moved:
            # Moved twice before anyone was invited: calendars must still get the meeting's own SEQUENCE.
            meeting.status, meeting.sequence = MeetingStatus.MOVED, 2
        session.add(meeting)
        return meeting.ends_at


def _mailed_event(world: World) -> Event:
    with unit_of_work(world.db) as session:
        materialise_due_reminders(session, effective_settings(settings_for(world), world.db), INVITATION_DAY)
    with world.db.read() as session:
        invitation = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "invitation")).first()
    assert invitation is not None and invitation.attachments
    return _event(invitation.attachments[0]["content"])


def _page_event(world: World) -> Event:
    with browsers(world) as cast:
        answer = cast["member"].client.get(f"/meetings/{world.meeting.id}.ics")
    assert answer.status_code == 200
    return _event(answer.content)


def _event(ics: str | bytes) -> Event:
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    return event


def _fields(event: Event) -> dict[str, object]:
    return {name: event.decoded(name) for name in ("UID", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "LOCATION",
                                                   "STATUS", "URL")}


def test_a_meeting_until_14_00_ends_at_14_00_in_the_mail_and_on_the_page(web_world: World) -> None:
    ends_at = _until_two(web_world)
    mailed, page = _mailed_event(web_world), _page_event(web_world)
    assert mailed.decoded("DTEND") == page.decoded("DTEND") == ends_at
    assert mailed.decoded("DTEND").astimezone(BERLIN).time() == time(14, 0)
    assert _fields(mailed) == _fields(page)


def test_a_meeting_moved_before_its_invitation_has_the_same_sequence_in_the_mail_and_on_the_page(
        web_world: World) -> None:
    _until_two(web_world, moved=True)
    mailed, page = _mailed_event(web_world), _page_event(web_world)
    assert mailed.decoded("SEQUENCE") == page.decoded("SEQUENCE") == 2
    assert _fields(mailed) == _fields(page)


def _text(event: Event, name: str) -> str:
    value = event.decoded(name)
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _on_the_agenda(world: World, *titles: str) -> None:
    recs = [world.recommendation(state="scheduled", title=title) for title in titles]
    with unit_of_work(world.db) as session:
        for position, rec in enumerate(recs, start=1):
            row = session.get(Recommendation, rec.id)
            assert row is not None
            row.number = f"HE-2026-{position:03d}"
            session.add(row)
            session.add(AgendaItem(meeting_id=world.meeting.id or 0, recommendation_id=rec.id or 0,
                                   position=position))


def _invitation_to(world: World, address: str) -> Event:
    with unit_of_work(world.db) as session:
        materialise_due_reminders(session, effective_settings(settings_for(world), world.db), INVITATION_DAY)
    with world.db.read() as session:
        invitation = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "invitation",
                                                              OutboxMessage.to_address == address)).one()
    return _event(invitation.attachments[0]["content"])


def test_the_entry_describes_the_agenda_and_links_the_meeting_page_in_mail_and_page(web_world: World) -> None:
    _on_the_agenda(web_world, "Sprachmittlung in Behörden", "Integrationsbeiräte stärken – eine sehr lange "
                   "Überschrift, die ein Kalender über mehrere Zeilen falten muss")
    mailed, in_english = _invitation_to(web_world, "chair@example.org"), _invitation_to(web_world, "member@example.org")
    with browsers(web_world) as cast:
        page = _event(cast["secretariat"].client.get(f"/meetings/{web_world.meeting.id}.ics").content)
    description = _text(mailed, "DESCRIPTION")
    assert description.splitlines()[:3] == [
        "Tagesordnung:", "1. HE-2026-001 Sprachmittlung in Behörden",
        "2. HE-2026-002 Integrationsbeiräte stärken – eine sehr lange Überschrift, die ein Kalender über mehrere "
        "Zeilen falten muss"]
    url = f"{settings_for(web_world).base_url.rstrip('/')}/meetings/{web_world.meeting.id}"
    assert _text(mailed, "URL") == url and description.endswith(f"Sitzungsseite: {url}")
    assert _text(mailed, "LOCATION") == "Stuttgart"
    assert _text(page, "DESCRIPTION") == description
    assert _text(in_english, "DESCRIPTION").startswith("Agenda:\n1. HE-2026-001 Sprachmittlung in Behörden")


def test_an_online_meeting_without_a_place_is_located_at_its_link(web_world: World) -> None:
    with unit_of_work(web_world.db) as session:
        meeting = session.get(Meeting, web_world.meeting.id)
        assert meeting is not None
        meeting.location, meeting.online_url = "", "https://konferenz.example.org/strategiegruppe"
        session.add(meeting)
    page = _page_event(web_world)
    assert _text(page, "LOCATION") == "https://konferenz.example.org/strategiegruppe"
    assert "Join online: https://konferenz.example.org/strategiegruppe" in _text(page, "DESCRIPTION")
