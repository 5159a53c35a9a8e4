"""What the meeting and vote routes share: the acting person, refusals worded for the reader, and the dates and
times of forms read in the network's time zone."""

from datetime import date, datetime, time
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from web.deps import web_state
from web.errors import error_page, status_of
from web.templating import render, translator, when_in
from web.wording import meeting_labels
from web.wording.refusals import explain
from web.wording.refusals.web import FormRefusal
from workflow.engine.errors import InvalidInput, RecoflowError


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a meeting or vote page: the common context, the words of meetings and votes, the time zone."""
    return render(request, template, status_code, meeting_labels=meeting_labels,
                  tz=web_state(request).settings.tz, **context)



def worded(request: Request, error: RecoflowError) -> str:
    """A refusal as a sentence in the reader's language."""
    return explain(error, translator(request), when_in(request))


def refused(request: Request, error: RecoflowError) -> Response:
    """The page that says, in the reader's language, why nothing was changed."""
    status, title = status_of(error)
    _ = translator(request).gettext
    return error_page(request, status, title, worded(request, error), _("Nothing was changed."))


def local_time(request: Request, day: str, clock: str, what: str) -> datetime:
    """A date (YYYY-MM-DD) and a time (HH:MM) from a form, in the network's time zone."""
    _ = translator(request).gettext
    try:
        parsed_day = date.fromisoformat(day.strip())
        parsed_time = time.fromisoformat(clock.strip() or "00:00")
    except ValueError as exc:
        raise InvalidInput(FormRefusal.DATE_AND_TIME, field=what) from exc
    return datetime.combine(parsed_day, parsed_time, tzinfo=web_state(request).settings.tz)


def optional_local_time(request: Request, day: str, clock: str, what: str) -> datetime | None:
    """Like ``local_time``, or None when the time is left empty (the day of ``day`` is then used)."""
    if not clock.strip():
        return None
    return local_time(request, day, clock, what)


def form_ids(values: list[str] | None) -> list[int]:
    """The numbers among checkbox values (anything else is ignored)."""
    return [int(v) for v in values or [] if v.strip().isdigit()]
