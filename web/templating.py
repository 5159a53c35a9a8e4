"""Server-rendered pages: one Jinja2 environment (autoescaped, strict) and the context every page gets."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from web.deps import Viewer, web_state
from web.i18n import LANGUAGES, Translator, pick_language
from web.security import CSRF_FIELD, csrf_token
from web.wording import labels
from web.wording.guard_labels import word_reasons

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html"], default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

_FORMATS = {"de": "%d.%m.%Y %H:%M", "en": "%Y-%m-%d %H:%M"}
_DAY_FORMATS = {"de": "%d.%m.%Y", "en": "%Y-%m-%d"}


def language_of(request: Request) -> str:
    """The language of this request: chosen in the session, else the person's, else the deployment's."""
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    return pick_language(request.session.get("lang"), viewer.person.language if viewer else None,
                         web_state(request).settings.language)


def translator(request: Request) -> Translator:
    """The translator of this request's language."""
    return Translator(language_of(request))


def flash(request: Request, message: str, kind: str = "info") -> None:
    """Show ``message`` (already translated) on the next page."""
    request.session.setdefault("flash", []).append({"kind": kind, "text": message})


def _pop_flashes(request: Request) -> list[dict[str, str]]:
    flashes: list[dict[str, str]] = request.session.pop("flash", [])
    return flashes


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the common context: translations, the viewer, the form token, messages."""
    state = web_state(request)
    translate = translator(request)
    tz = state.settings.tz

    def when(value: datetime | None, day_only: bool = False) -> str:
        if value is None:
            return "–"
        formats = _DAY_FORMATS if day_only else _FORMATS
        return value.astimezone(tz).strftime(formats[translate.language])

    common = {
        "request": request,
        "_": translate.gettext,
        "ngettext": translate.ngettext,
        "lang": translate.language,
        "languages": LANGUAGES,
        "viewer": getattr(request.state, "viewer", None),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "flashes": _pop_flashes(request),
        "labels": labels,
        "network_name": state.settings.network_name,
        "footer": state.footer,
        "when": when,
        "reasons": lambda items: word_reasons(items, translate),
        "path": request.url.path,
    }
    html = environment.get_template(template).render({**common, **context})
    return HTMLResponse(html, status_code=status_code)


def when_in(request: Request) -> Callable[[datetime], str]:
    """A formatter of instants as the reader's language writes them, in the network's time zone."""
    tz = web_state(request).settings.tz
    pattern = "%d.%m.%Y %H:%M" if translator(request).language == "de" else "%Y-%m-%d %H:%M"
    return lambda value: value.astimezone(tz).strftime(pattern)
