"""The default workflows as data: the recommendation's life and the working group's life.

Rules and guards only: which effects and mails follow a transition is wired in one place, ``bootstrap.py``.
"""

from models.enums import Role
from models.groups import WorkingGroup
from models.recommendation import Recommendation
from workflow.engine.forwarding_definition import FORWARDING_WORKFLOW
from workflow.engine.guards import (
    addressee_proposed,
    comment_given,
    forwardings_prepared,
    group_not_concluded,
    lead_and_members_named,
    meeting_ahead,
    not_on_that_agenda,
    rationale_given,
    review_meeting_reached,
)
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.rules import Ask, StateFacts, rule
from workflow.engine.states import RecommendationState as R
from workflow.engine.states import WorkingGroupState as W

# The group's lead and, standing in for them, its deputy lead.
LEAD = {Role.WG_LEAD, Role.WG_DEPUTY_LEAD}
SECRETARIAT = {Role.SECRETARIAT}
CHAIR_OR_SECRETARIAT = {Role.CHAIR, Role.SECRETARIAT}

RECOMMENDATION_RULES = (
    rule("submit", R.DRAFT, R.SUBMITTED, LEAD, rationale_given, addressee_proposed, group_not_concluded,
         label="Submit", description="The working-group lead hands the draft to the strategy group."),
    rule("return", (R.SUBMITTED, R.SCHEDULED), R.DRAFT, SECRETARIAT, comment_given,
         label="Return for revision", asks={Ask.COMMENT},
         description="The secretariat sends it back to the working group for revision."),
    rule("return", R.VOTING, R.DRAFT, CHAIR_OR_SECRETARIAT, comment_given,
         label="Return for revision", asks={Ask.COMMENT},
         description="The strategy group returns it for revision instead of deciding."),
    rule("schedule", R.SUBMITTED, R.SCHEDULED, SECRETARIAT, meeting_ahead,
         label="Put on an agenda", asks={Ask.MEETING},
         description="The secretariat puts it on a meeting's agenda or a written procedure."),
    rule("reschedule", R.SCHEDULED, R.SCHEDULED, SECRETARIAT, meeting_ahead, not_on_that_agenda,
         label="Move to another meeting", asks={Ask.MEETING},
         description="The secretariat moves it to another meeting's agenda (or a written procedure)."),
    rule("open_vote", R.SCHEDULED, R.VOTING, CHAIR_OR_SECRETARIAT,
         label="Open the vote", description="Ballots open."),
    rule("close_vote", R.VOTING, R.ADOPTED, CHAIR_OR_SECRETARIAT, outcome=R.ADOPTED,
         label="Close the vote", irreversible=True, description="The voting rule is met: adopted."),
    rule("close_vote", R.VOTING, R.REJECTED, CHAIR_OR_SECRETARIAT, outcome=R.REJECTED,
         label="Close the vote", irreversible=True, description="The voting rule is not met: rejected."),
    # Forwarding creates each body's forwarding and personal link: only the forwarding service fires it.
    rule("forward", R.ADOPTED, R.FORWARDED, SECRETARIAT, forwardings_prepared,
         label="Forward to the responsible bodies", service_only=True, irreversible=True,
         description="The secretariat sends it to the responsible bodies, each with its own personal link."),
    # The review's events have the review service's forms (meeting, note); fired plainly they work as well.
    rule("start_review", R.FORWARDED, R.UNDER_REVIEW, SECRETARIAT, review_meeting_reached,
         label="Start the review", own_form=True,
         description="The implementation reports go on a meeting's agenda for review."),
    rule("conclude_review", R.UNDER_REVIEW, R.IMPLEMENTED, CHAIR_OR_SECRETARIAT, outcome=R.IMPLEMENTED,
         label="Conclude the review", own_form=True, irreversible=True,
         description="The review finds it implemented."),
    rule("conclude_review", R.UNDER_REVIEW, R.PARTIALLY_IMPLEMENTED, CHAIR_OR_SECRETARIAT,
         outcome=R.PARTIALLY_IMPLEMENTED, label="Conclude the review", own_form=True, irreversible=True,
         description="The review finds it partially implemented."),
    rule("conclude_review", R.UNDER_REVIEW, R.NOT_IMPLEMENTED, CHAIR_OR_SECRETARIAT, outcome=R.NOT_IMPLEMENTED,
         label="Conclude the review", own_form=True, irreversible=True,
         description="The review finds it not implemented."),
    rule("follow_up", R.UNDER_REVIEW, R.FORWARDED, CHAIR_OR_SECRETARIAT, comment_given,
         label="Ask for another round of reports", own_form=True, asks={Ask.COMMENT},
         description="Another round of reports, reviewed at a later meeting."),
    rule("withdraw", (R.DRAFT, R.SUBMITTED, R.SCHEDULED), R.WITHDRAWN, LEAD, comment_given,
         label="Withdraw", asks={Ask.COMMENT}, irreversible=True,
         description="The working group withdraws it."),
)

# How the pages name each state, and the facts they test instead of comparing state values.
RECOMMENDATION_STATES = {
    R.DRAFT: StateFacts("Draft", editable=True),
    R.SUBMITTED: StateFacts("Submitted"),
    R.SCHEDULED: StateFacts("Scheduled", movable=True),
    R.VOTING: StateFacts("Voting"),
    R.ADOPTED: StateFacts("Adopted", awaiting_forwarding=True),
    R.REJECTED: StateFacts("Rejected"),
    R.FORWARDED: StateFacts("Forwarded", reports_open=True, review_plannable=True),
    R.UNDER_REVIEW: StateFacts("Under review", reports_open=True),
    R.IMPLEMENTED: StateFacts("Implemented"),
    R.PARTIALLY_IMPLEMENTED: StateFacts("Partially implemented"),
    R.NOT_IMPLEMENTED: StateFacts("Not implemented"),
    R.WITHDRAWN: StateFacts("Withdrawn"),
}

RECOMMENDATION_WORKFLOW = WorkflowDefinition(
    name="recommendation",
    subject_kind="recommendation",
    states=R,
    initial=R.DRAFT,
    rules=RECOMMENDATION_RULES,
    model=Recommendation,
    scope=lambda rec: rec.working_group_id,
    label=lambda rec: rec.number or f"draft #{rec.id}",
    final=(R.REJECTED, R.IMPLEMENTED, R.PARTIALLY_IMPLEMENTED, R.NOT_IMPLEMENTED, R.WITHDRAWN),
    state_facts=RECOMMENDATION_STATES,
)

WORKING_GROUP_RULES = (
    rule("activate", W.CONVENED, W.ACTIVE, SECRETARIAT, lead_and_members_named,
         label="Start work", description="The group has its lead and members and starts work."),
    # A decision of the strategy group: it names the meeting that took it and goes into its minutes.
    rule("conclude", (W.CONVENED, W.ACTIVE), W.CONCLUDED, CHAIR_OR_SECRETARIAT, comment_given,
         label="Conclude the working group", asks={Ask.COMMENT, Ask.MEETING}, irreversible=True,
         description="The strategy group closes the group."),
)

WORKING_GROUP_WORKFLOW = WorkflowDefinition(
    name="working_group",
    subject_kind="working_group",
    states=W,
    initial=W.CONVENED,
    rules=WORKING_GROUP_RULES,
    model=WorkingGroup,
    scope=lambda group: group.id,
    label=lambda group: f"working group '{group.name}'",
    final=(W.CONCLUDED,),
    state_facts={W.CONVENED: StateFacts("Convened"), W.ACTIVE: StateFacts("Active"),
                 W.CONCLUDED: StateFacts("Concluded")},
)

WORKFLOWS = {wf.name: wf for wf in (RECOMMENDATION_WORKFLOW, WORKING_GROUP_WORKFLOW, FORWARDING_WORKFLOW)}

# Events only a use case fires, because they change more than the subject's state (forwarding creates the
# bodies' forwardings and links): generic firing is refused by their guard, and pages offer no plain button.
SERVICE_ONLY_EVENTS = RECOMMENDATION_WORKFLOW.service_only_events
