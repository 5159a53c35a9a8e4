"""Words for the workflow's values as people read them (translated where shown)."""

from models.enums import Role
from web.i18n import N_

STATES = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "scheduled": N_("Scheduled"),
    "voting": N_("Voting"),
    "adopted": N_("Adopted"),
    "rejected": N_("Rejected"),
    "forwarded": N_("Forwarded"),
    "under_review": N_("Under review"),
    "implemented": N_("Implemented"),
    "partially_implemented": N_("Partially implemented"),
    "not_implemented": N_("Not implemented"),
    "withdrawn": N_("Withdrawn"),
}

EVENTS = {
    "submit": N_("Submit"),
    "return": N_("Return for revision"),
    "schedule": N_("Put on an agenda"),
    "reschedule": N_("Move to another meeting"),
    "open_vote": N_("Open the vote"),
    "close_vote": N_("Close the vote"),
    "forward": N_("Forward to the responsible bodies"),
    "start_review": N_("Start the review"),
    "conclude_review": N_("Conclude the review"),
    "follow_up": N_("Ask for another round of reports"),
    "withdraw": N_("Withdraw"),
}

ROLES = {
    Role.SECRETARIAT.value: N_("Secretariat"),
    Role.CHAIR.value: N_("Chair"),
    Role.STRATEGY_MEMBER.value: N_("Strategy group member"),
    Role.DEPUTY.value: N_("Deputy"),
    Role.WG_LEAD.value: N_("Working group lead"),
    Role.WG_DEPUTY_LEAD.value: N_("Deputy working group lead"),
    Role.WG_MEMBER.value: N_("Working group member"),
}

TASKS = {
    "drafts_to_submit": N_("Drafts of your working group to submit"),
    "submitted_to_schedule": N_("Submitted recommendations to check and schedule"),
    "adopted_to_forward": N_("Adopted recommendations to forward"),
    "scheduled_to_open": N_("Scheduled recommendations whose vote can open"),
    "voting_to_close": N_("Votes to close"),
}
