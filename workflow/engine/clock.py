"""Time helpers: instants are UTC; days and office hours are the network's local time."""

from datetime import UTC, date, datetime

from config import get_settings


def require_aware(now: datetime) -> datetime:
    """Refuse naive datetimes, which would silently mean 'server local time'."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def local_date(now: datetime) -> date:
    """The calendar day in the network's time zone at instant ``now``."""
    return require_aware(now).astimezone(get_settings().tz).date()


def system_now() -> datetime:
    """The current instant; only entry points (CLI, web, scheduler) call this."""
    return datetime.now(UTC)
