"""Words for the values the network's structure and the secretariat's pages show (translated where shown)."""

from typing import Any

from web.i18n import N_, Translator
from workflow.engine.definitions import WORKING_GROUP_WORKFLOW

# The working group's states and events, named by its workflow's definition.
GROUP_STATES = {s.value: WORKING_GROUP_WORKFLOW.state_label(s.value) for s in WORKING_GROUP_WORKFLOW.states}
GROUP_EVENTS = {e: WORKING_GROUP_WORKFLOW.event_label(e) for e in WORKING_GROUP_WORKFLOW.events}

DECISIONS = {
    "convene_group": N_("Convened"),
    "conclude_group": N_("Concluded"),
}

SEAT_CATEGORIES = {
    "ministry": N_("Ministry"),
    "municipal_association": N_("Municipal umbrella associations"),
    "administration_head": N_("Heads of municipal administration"),
    "integration_commissioner": N_("Integration commissioners"),
}

SEAT_SUBKINDS = {
    "none": N_("no association or level"),
    "gemeindetag": N_("Gemeindetag"),
    "staedtetag": N_("Städtetag"),
    "landkreistag": N_("Landkreistag"),
    "gemeinde": N_("municipality"),
    "stadt": N_("city"),
    "landkreis": N_("district"),
}

# The composition check's sentences; the same texts as ``seats.FINDINGS`` (a test keeps them equal).
FINDINGS = {
    "vacant": N_("Seat %(code)s (%(label)s) is vacant."),
    "several_holders": N_("Seat %(code)s has %(n)s holders at once (%(names)s); a seat has one holder."),
    "holder_and_deputy": N_("%(name)s is holder and deputy of seat %(code)s at once."),
    "category_size": N_("The category %(category)s has %(found)s seats; the rule gives it %(wanted)s."),
    "category_kinds": N_("The seats of the category %(category)s stand for %(found)s; the rule wants one each for "
                         "%(wanted)s."),
    "ministry_kinds": N_("Ministry seats stand for no association or level (%(found)s given)."),
    "unknown_category": N_("Seat %(code)s has the unknown category %(category)s."),
    "several_seats": N_("%(name)s holds %(n)s seats (%(codes)s); a person holds one seat."),
    "seat_missing": N_("Seat %(code)s (%(label)s) of the composition does not exist yet."),
    "seat_not_configured": N_("Seat %(code)s (%(label)s) is no longer part of the composition but %(names)s still "
                              "sit in it."),
    "seat_retired": N_("Seat %(code)s (%(label)s) is no longer part of the composition; its history stays."),
}

OUTBOX_STATUSES = {
    "queued": N_("Queued"),
    "sending": N_("Being sent"),
    "sent": N_("Sent"),
    "failed": N_("Failed"),
    "skipped": N_("Skipped"),
}

MAIL_KINDS = {
    "call_for_recommendations": N_("Call for recommendations"),
    "deadline_near": N_("Submission deadline is near"),
    "invitation": N_("Invitation"),
    "meeting_reminder": N_("Meeting reminder"),
    "vote_reminder": N_("Please vote"),
    "vote_result": N_("Result of the vote"),
    "forwarding": N_("Recommendation forwarded"),
    "report_due": N_("Implementation report due"),
    "report_overdue": N_("Implementation report overdue"),
    "meeting_cancelled": N_("Meeting cancelled"),
    "test": N_("Test mail"),
}

EVENT_KINDS = {
    "fachtag": N_("Fachtag"),
    "informationsveranstaltung": N_("Information event"),
}

MEETING_KINDS = {
    "meeting": N_("Meeting"),
    "written_procedure": N_("Written procedure"),
}


def finding_sentence(finding: Any, translate: Translator) -> str:
    """A finding of the composition check as a sentence in the translator's language."""
    _ = translate.gettext
    values = {}
    for key, value in finding.values.items():
        if key == "category":
            value = _(SEAT_CATEGORIES.get(value, value))
        elif key in ("found", "wanted") and isinstance(value, tuple):
            value = ", ".join(_(SEAT_SUBKINDS.get(str(v), str(v))) for v in value)
        elif isinstance(value, tuple):
            value = ", ".join(value)
        values[key] = value
    return _(FINDINGS[finding.code], **values)
