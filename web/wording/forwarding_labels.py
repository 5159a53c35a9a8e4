"""Words for the values of forwardings, reports and reviews as people read them (translated where shown)."""

from web.i18n import N_

FORWARDING_STATES = {
    "pending": N_("Being sent"),
    "sent": N_("Sent, not yet confirmed"),
    "acknowledged": N_("Receipt confirmed"),
    "reporting": N_("Implementation under way"),
    "reported": N_("Result reported"),
}

REPORT_STATUSES = {
    "not_started": N_("Not started"),
    "in_progress": N_("In progress"),
    "implemented": N_("Implemented"),
    "partially_implemented": N_("Partially implemented"),
    "not_implemented": N_("Not implemented"),
    "not_responsible": N_("Not responsible"),
}

REVIEW_OUTCOMES = {
    "implemented": N_("Implemented"),
    "partially_implemented": N_("Partially implemented"),
    "not_implemented": N_("Not implemented"),
    "follow_up": N_("Another round of reports"),
}
