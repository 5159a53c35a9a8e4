"""Calendar entries (.ics) for meetings: one stable UID per meeting, SEQUENCE rising with each change.

``meeting_ics`` is the one maker of a meeting's .ics: the invitation's attachment and the page /meetings/{id}.ics
both come from it, with the meeting's real end and its own SEQUENCE (the meeting's change counter), so a calendar
holding either agrees with the other."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vCalAddress, vText
from sqlmodel import Session

from models.enums import MeetingStatus
from models.meeting import Meeting
from notifications.compose.rendering import Attachment
from workflow.strategy_group.agenda import agenda_items

ICS_FILENAME = "einladung.ics"
# A meeting planned without an end lasts this long in calendars.
DEFAULT_LENGTH = timedelta(hours=3)
# The few words of an entry's description, in the reader's language (calendars show it as plain text).
_WORDS = {
    "de": {"agenda": "Tagesordnung", "online": "Online-Teilnahme", "page": "Sitzungsseite"},
    "en": {"agenda": "Agenda", "online": "Join online", "page": "Meeting page"},
}


@dataclass(frozen=True)
class MeetingEntry:
    """What a calendar needs to know about a meeting."""

    meeting_id: int
    title: str
    starts_at: datetime
    location: str
    online_url: str
    link: str
    sequence: int
    cancelled: bool = False
    ends_at: datetime | None = None
    # The agenda in its order: each recommendation's number (empty before it has one) and title.
    agenda: tuple[tuple[str, str], ...] = ()

    @property
    def end(self) -> datetime:
        """The meeting's end as planned, else ``DEFAULT_LENGTH`` after its start."""
        return self.ends_at or self.starts_at + DEFAULT_LENGTH


def meeting_entry(session: Session, meeting: Meeting) -> MeetingEntry:
    """The calendar entry of a meeting as it stands: its end, its SEQUENCE, cancelled or not, its agenda."""
    assert meeting.id is not None
    agenda = tuple((rec.number or "", rec.title) for _item, rec in agenda_items(session, meeting.id))
    return MeetingEntry(meeting.id, meeting.title, meeting.starts_at, meeting.location, meeting.online_url,
                        f"/meetings/{meeting.id}", meeting.sequence,
                        cancelled=meeting.status == MeetingStatus.CANCELLED, ends_at=meeting.ends_at, agenda=agenda)


def entry_description(entry: MeetingEntry, link: str, language: str = "de") -> str:
    """The entry's DESCRIPTION: the numbered agenda (number and title), the online link, the meeting's page."""
    words = _WORDS.get(language, _WORDS["de"])
    lines: list[str] = []
    if entry.agenda:
        lines.append(f"{words['agenda']}:")
        lines += [f"{n}. " + " ".join(x for x in item if x) for n, item in enumerate(entry.agenda, start=1)]
        lines.append("")
    if entry.online_url:
        lines.append(f"{words['online']}: {entry.online_url}")
    lines.append(f"{words['page']}: {link}")
    return "\n".join(lines)


def meeting_uid(meeting_id: int, base_url: str) -> str:
    """The UID that identifies one meeting in every calendar, across moves and cancellation."""
    host = urlsplit(base_url).hostname or "recoflow.invalid"
    return f"meeting-{meeting_id}@{host}"


def meeting_ics(entry: MeetingEntry, *, organizer: str, network_name: str, base_url: str,
                now: datetime, language: str = "de") -> Attachment:
    """A REQUEST (or, for a cancelled meeting, a CANCEL) calendar object for one meeting: LOCATION is its place,
    or its online link when it has no place; URL its page; DESCRIPTION its agenda and links."""
    link = entry.link if entry.link.startswith(("http://", "https://")) else \
        f"{base_url.rstrip('/')}/{entry.link.lstrip('/')}"
    cal = Calendar()
    cal.add("prodid", "-//recoflow//recoflow//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if entry.cancelled else "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(entry.meeting_id, base_url))
    event.add("sequence", entry.sequence)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", entry.starts_at.astimezone(UTC))
    event.add("dtend", entry.end.astimezone(UTC))
    event.add("summary", f"{entry.title} ({network_name})")
    location = entry.location or entry.online_url
    if location:
        event.add("location", location)
    event.add("description", entry_description(entry, link, language))
    event.add("url", link)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    address = vCalAddress(f"mailto:{_address_only(organizer)}")
    address.params["cn"] = vText(network_name)
    event.add("organizer", address)
    cal.add_component(event)
    method = "CANCEL" if entry.cancelled else "REQUEST"
    return Attachment(ICS_FILENAME, f"text/calendar; method={method}", cal.to_ical().decode("utf-8"))


def _address_only(sender: str) -> str:
    # "Name <a@b>" -> "a@b": calendars want the bare address.
    return sender.rsplit("<", 1)[-1].rstrip(">").strip()
