"""Rendering emails from templates: subject, plain text and HTML, in the recipient's language. No sending here."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from models.enums import Language
from notifications.compose.kinds import MessageKind

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Stands for a body's personal link in a stored mail: only the token's hash may be stored, so the link is
# issued when the mail is sent and put in its place then.
PERSONAL_LINK = "[[personal-link]]"

_WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


@dataclass(frozen=True)
class Attachment:
    """A file attached to an email (text content, e.g. a calendar entry)."""

    filename: str
    content_type: str
    content: str

    def as_dict(self) -> dict[str, str]:
        """The attachment as stored in the outbox row."""
        return {"filename": self.filename, "content_type": self.content_type, "content": self.content}


@dataclass(frozen=True)
class RenderedMessage:
    """An email's content, ready to be stored in the outbox."""

    kind: MessageKind
    language: Language
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = field(default=())


class MessageRenderer:
    """Renders every message kind on the shared layout that names the network and links back to the web app."""

    def __init__(self, network_name: str, base_url: str, tz: ZoneInfo, network_genitive: str = "") -> None:
        self.network_name = network_name
        self.network_genitive = network_genitive.strip()
        self.base_url = base_url.rstrip("/")
        self.tz = tz
        loader = FileSystemLoader(str(TEMPLATES))
        # Two environments over the same files: the HTML one escapes every value, the text one leaves it as is.
        self._html = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                                 lstrip_blocks=True)
        self._text = Environment(loader=loader, autoescape=False, undefined=StrictUndefined, trim_blocks=True,
                                 lstrip_blocks=True, keep_trailing_newline=True)
        for env in (self._html, self._text):
            env.filters["when"] = self._format_when
            env.filters["day"] = self._format_day

    def url(self, path: str) -> str:
        """An absolute link into the web app."""
        if path.startswith(("http://", "https://", PERSONAL_LINK)):
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    def render(self, kind: MessageKind, language: Language | str, context: Mapping[str, Any],
               attachments: tuple[Attachment, ...] = ()) -> RenderedMessage:
        """Render one message; a missing context value raises instead of leaving a gap in the mail."""
        lang = Language(language)
        values = {**context, "lang": lang.value, "network_name": self.network_name,
                  "network_genitive": self.network_genitive if lang is Language.DE else "",
                  "link": self.url(str(context.get("link", "/")))}
        name = f"{lang.value}/{kind.value}.jinja"
        subject = " ".join(self._block(self._text.get_template(name), "subject", values).split())
        text_body = self._block(self._text.get_template(name), "text", values).strip()
        html_body = self._block(self._html.get_template(name), "html", values).strip()
        layout_values = {**values, "subject": subject}
        text = self._text.get_template(f"{lang.value}/layout.txt").render(**layout_values, content=text_body)
        html = self._html.get_template(f"{lang.value}/layout.html").render(**layout_values,
                                                                           content=Markup(html_body))
        return RenderedMessage(kind, lang, subject, text.strip() + "\n", html, attachments)

    @staticmethod
    def _block(template: Template, block: str, values: Mapping[str, Any]) -> str:
        return "".join(template.blocks[block](template.new_context(dict(values))))

    def _format_when(self, value: datetime, lang: str) -> str:
        local = value.astimezone(self.tz)
        weekday, month = _WEEKDAYS[lang][local.weekday()], _MONTHS[lang][local.month - 1]
        if lang == "de":
            return f"{weekday}, {local.day}. {month} {local.year}, {local:%H:%M} Uhr"
        return f"{weekday}, {local.day} {month} {local.year}, {local:%H:%M}"

    def _format_day(self, value: date | datetime, lang: str) -> str:
        day = value.astimezone(self.tz).date() if isinstance(value, datetime) else value
        month = _MONTHS[lang][day.month - 1]
        return f"{day.day}. {month} {day.year}" if lang == "de" else f"{day.day} {month} {day.year}"
