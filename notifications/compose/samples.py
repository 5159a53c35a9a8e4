"""Demo-like content for every message kind: what ``recoflow mail preview`` renders."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from notifications.compose.calendar import MeetingEntry
from notifications.compose.kinds import MessageKind

_MEETING_START = datetime(2026, 4, 21, 8, 0, tzinfo=UTC)
_MEETING = {"meeting_title": "4. Sitzung der Strategiegruppe", "meeting_start": _MEETING_START,
            "location": "Ministerium für Soziales, Gesundheit und Integration, Stuttgart", "online_url": ""}
_RECOMMENDATION = {"number": "HE-2026-004", "title": "Kommunale Integrationsbeiräte stärken"}
_BODY = {"body_name": "Städtetag Baden-Württemberg", **_RECOMMENDATION}


def sample_context(kind: MessageKind) -> dict[str, Any]:
    """A complete template context for ``kind`` with plausible demo values (fictional people)."""
    person = {"recipient_name": "Dr. Felix Hartmann"}
    group = {"group_name": "Demokratiebildung und politische Partizipation"}
    deadline = date(2026, 3, 10)
    contexts: dict[MessageKind, dict[str, Any]] = {
        MessageKind.CALL_FOR_RECOMMENDATIONS: {**_MEETING, **group, "deadline": deadline, "link": "/groups/1"},
        MessageKind.DEADLINE_NEAR: {**_MEETING, **group, "deadline": deadline, "link": "/groups/1",
                                    "drafts": ["Jugendbeteiligung junger Menschen mit Einwanderungsgeschichte"]},
        MessageKind.INVITATION: {**_MEETING, "updated": False, "link": "/meetings/4",
                                 "agenda": [_RECOMMENDATION, {"number": "HE-2026-005",
                                                              "title": "Politische Bildung in Integrationskursen"}]},
        MessageKind.MEETING_REMINDER: {**_MEETING, "link": "/meetings/4"},
        MessageKind.VOTE_REMINDER: {"procedure_title": "Umlaufverfahren Ehrenamtsschulungen",
                                    "deadline": _MEETING_START - timedelta(days=30), "link": "/meetings/6",
                                    "items": [{"number": "HE-2026-013",
                                               "title": "Schulungen für Ehrenamtliche in der Demokratiebildung"}]},
        MessageKind.VOTE_RESULT: {**_RECOMMENDATION, "outcome": "adopted", "link": "/recommendations/9"},
        MessageKind.FORWARDING: {**_BODY, "text": "Kommunen mit mehr als 20.000 Einwohnern richten "
                                 "Integrationsbeiräte mit Rede- und Antragsrecht ein.",
                                 "report_due": date(2026, 10, 1), "link": "/f/beispiel-link"},
        MessageKind.REPORT_DUE: {**_BODY, "due_date": date(2026, 10, 1), "link": "/f/beispiel-link"},
        MessageKind.REPORT_OVERDUE: {**_BODY, "due_date": date(2026, 10, 1), "link": "/f/beispiel-link"},
        MessageKind.MEETING_CANCELLED: {**_MEETING, "link": "/meetings/4"},
        MessageKind.PASSWORD_LINK: {"valid_days": 7, "link": "/set-password/beispiel-link"},
        MessageKind.TEST: {"link": "/"},
    }
    return {**person, **contexts[kind]}


def sample_meeting_entry(kind: MessageKind) -> MeetingEntry | None:
    """The calendar entry a kind carries in the preview (invitations and cancellations)."""
    if kind not in (MessageKind.INVITATION, MessageKind.MEETING_CANCELLED):
        return None
    return MeetingEntry(meeting_id=4, title=str(_MEETING["meeting_title"]), starts_at=_MEETING_START,
                        location=str(_MEETING["location"]), online_url="", link="/meetings/4",
                        sequence=1 if kind is MessageKind.MEETING_CANCELLED else 0,
                        cancelled=kind is MessageKind.MEETING_CANCELLED,
                        agenda=tuple((str(i["number"]), str(i["title"]))
                                     for i in sample_context(MessageKind.INVITATION)["agenda"]))
