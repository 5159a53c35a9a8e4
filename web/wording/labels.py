"""Words for the workflow's values as people read them (translated where shown)."""

from models.enums import Role
from web.i18n import N_
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.rules import StateFacts

# The workflows' states and events are named by their own definitions (workflow/engine/definitions.py): every
# rule carries its label, so a new event or state has its words where it is declared.


def state_label(state: str, workflow: WorkflowDefinition = RECOMMENDATION_WORKFLOW) -> str:
    """The message id naming ``state`` of ``workflow`` (a recommendation's, unless told)."""
    return workflow.state_label(state)


def event_label(event: str, workflow: WorkflowDefinition = RECOMMENDATION_WORKFLOW) -> str:
    """The message id naming ``event`` of ``workflow`` (a recommendation's, unless told)."""
    return workflow.event_label(event)


# What an irreversible event does that cannot be taken back, said on its confirmation (English message ids).
EVENT_CONSEQUENCES = {
    "withdraw": N_("Withdrawing is final: the recommendation leaves the procedure for good and cannot be submitted "
                   "again; a new draft would have to start over."),
    "close_vote": N_("Closing ends the vote for every seat: no ballot can be cast or changed afterwards."),
    "forward": N_("The ticked bodies each receive the recommendation and a personal link at once; a forwarding "
                  "cannot be called back."),
    "conclude_review": N_("The outcome is final: the bodies are asked for no further reports."),
    "conclude": N_("A concluded working group drafts, submits and changes nothing more."),
}


def event_consequence(event: str) -> str:
    """The message id saying what an irreversible ``event`` does for good, or "" when there is nothing to add."""
    return EVENT_CONSEQUENCES.get(event, "")


def state_facts(state: str, workflow: WorkflowDefinition = RECOMMENDATION_WORKFLOW) -> StateFacts:
    """What the pages may test of ``state`` (final, editable, awaiting forwarding, …) instead of its value."""
    return workflow.state(state)


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
