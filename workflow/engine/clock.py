"""Time helpers: instants are UTC; days, deadlines and office hours are the network's local time.

Whole days and weeks are counted on the local calendar, never on UTC: "six weeks before a meeting at 10:00" is
10:00 local six calendar weeks earlier, whether or not summer time began or ended in between.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from config import get_settings


def require_aware(now: datetime) -> datetime:
    """Refuse naive datetimes, which would silently mean 'server local time'."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def local_date(now: datetime) -> date:
    """The calendar day in the network's time zone at instant ``now``."""
    return require_aware(now).astimezone(get_settings().tz).date()


def at_local(day: date, wall: time, tz: ZoneInfo | None = None) -> datetime:
    """The UTC instant of wall-clock time ``wall`` on local ``day`` (the network's zone unless ``tz`` is given).

    Declared for the two hours a year that are not one instant each: a time the spring change skips (02:30 on the
    last Sunday of March in Berlin) is read with the offset before the change, i.e. moved forward by the gap
    (03:30 summer time); a time the autumn change repeats (02:30 on the last Sunday of October) is its first
    occurrence (summer time).
    """
    zone = tz or get_settings().tz
    # fold=0 is exactly that rule in zoneinfo: the earlier offset for a repeated time, the pre-gap offset in a gap.
    return datetime.combine(day, wall.replace(tzinfo=None, fold=0), tzinfo=zone).astimezone(UTC)


def local_shift(moment: datetime, *, weeks: int = 0, days: int = 0, tz: ZoneInfo | None = None) -> datetime:
    """``moment`` moved by whole calendar ``weeks`` and ``days`` (negative: earlier) at the same local wall-clock
    time, as a UTC instant; a wall time the target day lacks or repeats is resolved as ``at_local`` declares."""
    zone = tz or get_settings().tz
    local = require_aware(moment).astimezone(zone)
    return at_local(local.date() + timedelta(weeks=weeks, days=days), local.time(), zone)


def system_now() -> datetime:
    """The current instant; only entry points (CLI, web, scheduler) call this."""
    return datetime.now(UTC)
