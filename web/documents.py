"""Accessible PDFs of a recommendation and of a meeting's minutes: the pages' Jinja2 templates and wording, printed
by WeasyPrint as PDF/UA-1 for reading (tagged, with language, title and headings) or PDF/A-2a for archiving (the
archive standard's accessible level: tagged as well)."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response
from sqlmodel import Session
from weasyprint import HTML

from models.recommendation import Recommendation
from web.deps import web_state
from web.i18n import LANGUAGES, Translator
from web.templating import environment, language_of
from web.wording import forwarding_labels, labels, meeting_labels, timeline_labels
from workflow.queries.documents import Audience, recommendation_document
from workflow.queries.vote_views import minutes_record

_FORMATS = {"de": "%d.%m.%Y %H:%M", "en": "%Y-%m-%d %H:%M"}
_DAY_FORMATS = {"de": "%d.%m.%Y", "en": "%Y-%m-%d"}


class PdfVariant(StrEnum):
    """Which standard the file claims: ``ua`` for reading (the default), ``archiv`` for the archive."""

    UA = "ua"
    ARCHIVE = "archiv"


_WEASYPRINT_VARIANTS = {PdfVariant.UA: "pdf/ua-1", PdfVariant.ARCHIVE: "pdf/a-2a"}
# The query parameters of every PDF route.
Variant = Annotated[PdfVariant, Query(description="ua: PDF/UA-1 for reading; archiv: PDF/A-2a for the archive")]
Language = Annotated[str, Query(pattern="^(de|en)?$", description="de or en; the reader's language without it")]


@dataclass(frozen=True)
class DocumentSetting:
    """What every document says besides its content: in which language, for which network, in which time zone."""

    language: str
    network_name: str
    tz: tzinfo


def document_html(template: str, setting: DocumentSetting, **context: Any) -> str:
    """The HTML of a document: ``template`` (under templates/documents/) with the pages' words and formats."""
    translate = Translator(setting.language)

    def when(value: datetime | None, day_only: bool = False) -> str:
        if value is None:
            return "–"
        formats = _DAY_FORMATS if day_only else _FORMATS
        return value.astimezone(setting.tz).strftime(formats[translate.language])

    def when_day(value: date) -> str:
        return value.strftime(_DAY_FORMATS[translate.language])

    common = {"_": translate.gettext, "ngettext": translate.ngettext, "lang": translate.language,
              "labels": labels, "meeting_labels": meeting_labels, "tlabels": timeline_labels,
              "flabels": forwarding_labels, "network_name": setting.network_name, "when": when,
              "when_day": when_day}
    return environment.get_template(f"documents/{template}").render({**common, **context})


def pdf_of(html: str, variant: PdfVariant = PdfVariant.UA) -> bytes:
    """The PDF of a document's HTML in ``variant``: tagged, its language and title set, its fonts embedded."""
    pdf: bytes = HTML(string=html).write_pdf(pdf_variant=_WEASYPRINT_VARIANTS[variant])
    return pdf


def pdf_filename(name: str) -> str:
    """A file name for ``Content-Disposition`` that every browser keeps: ASCII letters, digits, '-', '_' and '.'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return (re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.") or "dokument") + ".pdf"


def pdf_headers(filename: str) -> dict[str, str]:
    """Shown in the browser, saved under ``filename``, never sniffed as anything else."""
    return {"Content-Disposition": f'inline; filename="{filename}"', "X-Content-Type-Options": "nosniff"}


def recommendation_pdf(session: Session, rec: Recommendation, audience: Audience, setting: DocumentSetting,
                       variant: PdfVariant = PdfVariant.UA) -> tuple[bytes, str]:
    """The recommendation's document for ``audience`` as a PDF, and its file name (its number, e.g. HE-2026-004)."""
    document = recommendation_document(session, rec, audience)
    html = document_html("recommendation.html", setting, doc=document)
    return pdf_of(html, variant), pdf_filename(rec.number or f"entwurf-{rec.id}")


def minutes_pdf(session: Session, meeting_id: int, setting: DocumentSetting,
                variant: PdfVariant = PdfVariant.UA) -> tuple[bytes, str]:
    """A meeting's minutes as a PDF, and its file name."""
    html = document_html("minutes.html", setting, record=minutes_record(session, meeting_id))
    return pdf_of(html, variant), pdf_filename(f"protokoll-sitzung-{meeting_id}")


def document_setting(request: Request, lang: str = "", reader: bool = True) -> DocumentSetting:
    """The language (asked for, else the reader's or, for the API, the network's), the network's name and time
    zone of a document."""
    settings = web_state(request).settings
    fallback = language_of(request) if reader else settings.language
    return DocumentSetting(language=lang if lang in LANGUAGES else fallback, network_name=settings.network_name,
                           tz=settings.tz)


def pdf_response(pdf: bytes, filename: str) -> Response:
    """A PDF shown in the browser under ``filename``."""
    return Response(pdf, media_type="application/pdf", headers=pdf_headers(filename))
