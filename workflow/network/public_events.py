"""Public events for the Fachöffentlichkeit (Fachtage, Informationsveranstaltungen) and their calendar entries (.ics);
a changed or cancelled entry keeps its UID and raises its SEQUENCE (meetings: notifications.compose)."""

from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from config import get_settings
from models.people import Person
from models.strategy import PublicEvent, PublicEventKind
from workflow.engine.clock import require_aware
from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.inputs import LINE, PARAGRAPH, bounded_text
from workflow.network.refusals import EventRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

_DEFAULT_LENGTH = timedelta(hours=3)


def add_event(
    session: Session, *, title: str, kind: PublicEventKind, starts_at: datetime, actor: Person, now: datetime,
    ends_at: datetime | None = None, location: str = "", description: str = "",
) -> PublicEvent:
    """Announce a public event; it must lie ahead and end after it starts."""
    now = require_aware(now)
    require_role(session, actor, SECRETARIAT_ONLY, Action.ANNOUNCE_PUBLIC_EVENTS, now)
    title, location = bounded_text("title", title, LINE), bounded_text("location", location, LINE)
    description = bounded_text("description", description, PARAGRAPH)
    if len(title.strip()) < 3:
        raise InvalidInput(EventRefusal.EVENT_TITLE_SHORT)
    if require_aware(starts_at) <= now:
        raise InvalidInput(EventRefusal.EVENT_IN_PAST, starts_at=starts_at)
    if ends_at is not None and require_aware(ends_at) <= starts_at:
        raise InvalidInput(EventRefusal.EVENT_ENDS_BEFORE_START)
    event = PublicEvent(title=title.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at,
                        location=location.strip(), description=description.strip(), created_at=now)
    session.add(event)
    return event


def find_event(session: Session, event_id: int) -> PublicEvent:
    """A public event by id."""
    event = session.get(PublicEvent, event_id)
    if event is None:
        raise NotFound(EventRefusal.NO_EVENT, id=event_id)
    return event


def cancel_event(session: Session, event_id: int, *, actor: Person, now: datetime) -> PublicEvent:
    """Cancel an event; its calendar entry becomes a cancellation."""
    require_role(session, actor, SECRETARIAT_ONLY, Action.CANCEL_PUBLIC_EVENTS, require_aware(now))
    event = find_event(session, event_id)
    if event.cancelled:
        raise InvalidInput(EventRefusal.EVENT_CANCELLED, id=event_id)
    event.cancelled = True
    event.sequence += 1
    session.add(event)
    return event


def public_events(session: Session, now: datetime | None = None) -> list[PublicEvent]:
    """Events not cancelled, soonest first; with ``now``, only those not yet over."""
    query = select(PublicEvent).where(col(PublicEvent.cancelled).is_(False)).order_by(col(PublicEvent.starts_at))
    events = list(session.exec(query).all())
    if now is None:
        return events
    return [e for e in events if (e.ends_at or e.starts_at + _DEFAULT_LENGTH) > require_aware(now)]


def _calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//recoflow//recoflow//EN")
    cal.add("version", "2.0")
    return cal


def _host() -> str:
    return get_settings().base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "recoflow"


def event_ics(event: PublicEvent, stamp: datetime) -> bytes:
    """The calendar entry of a public event (a cancellation once it is cancelled)."""
    cal = _calendar()
    cal.add("method", "CANCEL" if event.cancelled else "PUBLISH")
    entry = Event()
    entry.add("uid", f"event-{event.id}@{_host()}")
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at or event.starts_at + _DEFAULT_LENGTH)
    entry.add("summary", event.title)
    entry.add("location", event.location)
    entry.add("description", event.description)
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    cal.add_component(entry)
    return bytes(cal.to_ical())

