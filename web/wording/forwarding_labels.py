"""Words for the values of forwardings, reports and reviews as people read them (translated where shown)."""

from web.i18n import N_
from workflow.engine.forwarding_definition import FORWARDING_WORKFLOW

# A forwarding's states, named by its workflow's definition.
FORWARDING_STATES = {s.value: FORWARDING_WORKFLOW.state_label(s.value) for s in FORWARDING_WORKFLOW.states}

REPORT_STATUSES = {
    "not_started": N_("Not started"),
    # The same words as the recommendation's state "implementing", so a body page does not say it two ways.
    "in_progress": N_("Implementation under way"),
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
