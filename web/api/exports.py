"""Exports in the JSON API, as the pages offer them: every forwarding as CSV (for German Excel), XLSX and JSON for
the secretariat and the chair, a meeting's calendar entry (ICS) and its minutes as PDF for everyone inside the
network, each with its media type and a file name."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from notifications.compose.calendar import meeting_entry, meeting_ics
from web.api.tokens import Caller
from web.deps import Now, ReadSession, UnitOfWorkRoute, web_state
from web.documents import Language, PdfVariant, Variant, document_setting, minutes_pdf, pdf_response
from web.wording.export_labels import export_words
from workflow.forwarding.export import export_csv, export_json, export_xlsx
from workflow.queries.accountability_views import require_overview_reader
from workflow.strategy_group.meetings import find_meeting

router = APIRouter(route_class=UnitOfWorkRoute, tags=["exports"])
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ExportLanguage = Annotated[Literal["de", "en"], Query(description="de: ';' and TT.MM.JJJJ; en: ',' and ISO days")]


def _file(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
                  "description": description}}


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@router.get("/exports/forwardings.csv", response_class=Response, summary="Every forwarding as CSV",
            responses=_file("text/csv", "One row per forwarding, UTF-8 with a byte order mark"))
def forwardings_csv(caller: Caller, session: ReadSession, now: Now, lang: ExportLanguage = "de") -> Response:
    """Every forwarding as a CSV row (the same export as the overview's and 'recoflow export csv')."""
    require_overview_reader(caller.person, caller.standing)
    return _download(export_csv(session, now, export_words(lang)).encode("utf-8"), "text/csv; charset=utf-8",
                     "weiterleitungen.csv")


@router.get("/exports/forwardings.xlsx", response_class=Response, summary="Every forwarding as XLSX",
            responses=_file(XLSX_TYPE, "An Excel workbook, one row per forwarding"))
def forwardings_xlsx(caller: Caller, session: ReadSession, now: Now, lang: ExportLanguage = "de") -> Response:
    """Every forwarding as an Excel workbook (the same export as 'recoflow export xlsx')."""
    require_overview_reader(caller.person, caller.standing)
    return _download(export_xlsx(session, now, export_words(lang)), XLSX_TYPE, "weiterleitungen.xlsx")


@router.get("/exports/forwardings.json", response_class=Response, summary="The network's figures as JSON",
            responses={200: {"content": {"application/json": {"schema": {"type": "object", "properties": {
                "generated_at": {"type": "string", "format": "date-time"},
                "network": {"type": "object", "description": "The totals of the overview"},
                "recommendations": {"type": "array", "items": {"type": "object"}}}}}},
                "description": "The network's figures and every forwarded recommendation"}})
def forwardings_json(caller: Caller, session: ReadSession, now: Now) -> Response:
    """The network's figures and every forwarded recommendation (the same export as 'recoflow export json')."""
    require_overview_reader(caller.person, caller.standing)
    return _download(export_json(session, now).encode("utf-8"), "application/json", "weiterleitungen.json")


@router.get("/meetings/{meeting_id}/calendar.ics", response_class=Response, summary="A meeting's calendar entry",
            responses=_file("text/calendar", "The meeting as iCalendar (a cancellation once it is cancelled)"))
def meeting_calendar(request: Request, meeting_id: int, caller: Caller, session: ReadSession, now: Now,
                     lang: Language = "") -> Response:
    """The same entry the invitation mail attaches: the meeting's real end and its SEQUENCE."""
    settings = web_state(request).settings
    ics = meeting_ics(meeting_entry(session, find_meeting(session, meeting_id)), organizer=settings.smtp_from,
                      network_name=settings.network_name, base_url=settings.base_url, now=now,
                      language=lang or settings.language)
    return Response(ics.content.encode("utf-8"), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="sitzung-{meeting_id}.ics"'})


@router.get("/meetings/{meeting_id}/minutes.pdf", response_class=Response, summary="A meeting's minutes as PDF",
            responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                             "description": "The minutes as PDF/UA (PDF/A-2a with variant=archiv)"}})
def meeting_minutes(request: Request, meeting_id: int, caller: Caller, session: ReadSession,
                    variant: Variant = PdfVariant.UA, lang: Language = "") -> Response:
    """A meeting's minutes: attendance, every decision with its tally, the named ballots (as its page's PDF)."""
    return pdf_response(*minutes_pdf(session, meeting_id, document_setting(request, lang, reader=False), variant))
