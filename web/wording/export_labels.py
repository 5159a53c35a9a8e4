"""The words of the secretariat's spreadsheet export, in the reader's language from the pages' own catalogs."""

from dataclasses import replace

from web.i18n import N_, Translator
from web.wording.directory_labels import KINDS
from web.wording.forwarding_labels import FORWARDING_STATES, REPORT_STATUSES
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.forwarding.export import ExportWords

HEADERS = {
    "recommendation_number": N_("Recommendation no."),
    "recommendation_title": N_("Title of the recommendation"),
    "recommendation_state": N_("State of the recommendation"),
    "body": N_("Body"),
    "body_kind": N_("Kind of body"),
    "body_email": N_("Email of the body"),
    "forwarding_id": N_("Forwarding no."),
    "status": N_("State of the forwarding"),
    "forwarded_at": N_("Forwarded on"),
    "acknowledged_at": N_("Receipt confirmed on"),
    "contact_name": N_("Contact person"),
    "contact_email": N_("Email of the contact person"),
    "contact_phone": N_("Phone of the contact person"),
    "reports": N_("Reports (count)"),
    "latest_status": N_("Latest reported status"),
    "latest_report_date": N_("Date of the latest report"),
    "suggested_body": N_("Body suggested instead"),
    "referred_by": N_("Referred by"),
    "review_round": N_("Review round"),
    "review_meeting": N_("Review meeting"),
    "review_meeting_at": N_("Review meeting on"),
    "report_due_at": N_("Report requested by"),
    "report_missing": N_("Report missing"),
    "overdue": N_("Overdue"),
    "link_valid_until": N_("Link valid until"),
}
SHEET_TITLE = N_("Forwardings")
YES, NO = N_("yes"), N_("no")


def export_words(language: str) -> ExportWords:
    """The export as ``language`` reads it: German with ``;`` and TT.MM.JJJJ (what German Excel opens as columns
    and dates), English with ``,`` and ISO 8601 days (YYYY-MM-DD)."""
    t = Translator(language)
    labels = {
        "recommendation_state": {s.value: t.gettext(RECOMMENDATION_WORKFLOW.state_label(s.value))
                                 for s in RECOMMENDATION_WORKFLOW.states},
        "status": {value: t.gettext(label) for value, label in FORWARDING_STATES.items()},
        "latest_status": {value: t.gettext(label) for value, label in REPORT_STATUSES.items()},
        "body_kind": {value: t.gettext(label) for value, label in KINDS.items()},
    }
    words = ExportWords(headers={key: t.gettext(h) for key, h in HEADERS.items()}, labels=labels,
                        yes=t.gettext(YES), no=t.gettext(NO), sheet_title=t.gettext(SHEET_TITLE))
    if language == "de":
        return words
    return replace(words, delimiter=",", day_format="%Y-%m-%d", instant_format="%Y-%m-%d %H:%M",
                   xlsx_day_format="YYYY-MM-DD", xlsx_instant_format="YYYY-MM-DD HH:MM")
