"""The default workflows as data: the recommendation's life and the working group's life."""

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
)
from workflow.engine.machine import WorkflowDefinition, rule
from workflow.engine.states import RecommendationState as R
from workflow.engine.states import WorkingGroupState as W
from workflow.recommendations.numbering import assign_number

# The group's lead and, standing in for them, its deputy lead.
LEAD = {Role.WG_LEAD, Role.WG_DEPUTY_LEAD}
SECRETARIAT = {Role.SECRETARIAT}
CHAIR_OR_SECRETARIAT = {Role.CHAIR, Role.SECRETARIAT}

RECOMMENDATION_RULES = (
    rule("submit", R.DRAFT, R.SUBMITTED, LEAD, rationale_given, addressee_proposed, group_not_concluded,
         description="The working-group lead hands the draft to the strategy group."),
    rule("return", (R.SUBMITTED, R.SCHEDULED), R.DRAFT, SECRETARIAT, comment_given,
         description="The secretariat sends it back to the working group for revision."),
    rule("return", R.VOTING, R.DRAFT, CHAIR_OR_SECRETARIAT, comment_given,
         description="The strategy group returns it for revision instead of deciding."),
    rule("schedule", R.SUBMITTED, R.SCHEDULED, SECRETARIAT, meeting_ahead,
         description="The secretariat puts it on a meeting's agenda or a written procedure."),
    rule("reschedule", R.SCHEDULED, R.SCHEDULED, SECRETARIAT, meeting_ahead, not_on_that_agenda,
         description="The secretariat moves it to another meeting's agenda (or a written procedure)."),
    rule("open_vote", R.SCHEDULED, R.VOTING, CHAIR_OR_SECRETARIAT,
         description="Ballots open."),
    rule("close_vote", R.VOTING, R.ADOPTED, CHAIR_OR_SECRETARIAT, outcome=R.ADOPTED,
         description="The voting rule is met: adopted."),
    rule("close_vote", R.VOTING, R.REJECTED, CHAIR_OR_SECRETARIAT, outcome=R.REJECTED,
         description="The voting rule is not met: rejected."),
    rule("forward", R.ADOPTED, R.FORWARDED, SECRETARIAT, forwardings_prepared,
         description="The secretariat sends it to the responsible bodies (through 'recoflow forward')."),
    rule("start_review", R.FORWARDED, R.UNDER_REVIEW, SECRETARIAT,
         description="The implementation reports go on a meeting's agenda for review."),
    rule("conclude_review", R.UNDER_REVIEW, R.IMPLEMENTED, CHAIR_OR_SECRETARIAT, outcome=R.IMPLEMENTED,
         description="The review finds it implemented."),
    rule("conclude_review", R.UNDER_REVIEW, R.PARTIALLY_IMPLEMENTED, CHAIR_OR_SECRETARIAT,
         outcome=R.PARTIALLY_IMPLEMENTED, description="The review finds it partially implemented."),
    rule("conclude_review", R.UNDER_REVIEW, R.NOT_IMPLEMENTED, CHAIR_OR_SECRETARIAT,
         outcome=R.NOT_IMPLEMENTED, description="The review finds it not implemented."),
    rule("follow_up", R.UNDER_REVIEW, R.FORWARDED, CHAIR_OR_SECRETARIAT, comment_given,
         description="Another round of reports, reviewed at a later meeting."),
    rule("withdraw", (R.DRAFT, R.SUBMITTED, R.SCHEDULED), R.WITHDRAWN, LEAD, comment_given,
         description="The working group withdraws it."),
)

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
)

WORKING_GROUP_RULES = (
    rule("activate", W.CONVENED, W.ACTIVE, SECRETARIAT, lead_and_members_named,
         description="The group has its lead and members and starts work."),
    rule("conclude", (W.CONVENED, W.ACTIVE), W.CONCLUDED, CHAIR_OR_SECRETARIAT, comment_given,
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
)

WORKFLOWS = {wf.name: wf for wf in (RECOMMENDATION_WORKFLOW, WORKING_GROUP_WORKFLOW, FORWARDING_WORKFLOW)}

# Events only a use case fires, because they change more than the subject's state (forwarding creates the
# bodies' forwardings and links): generic firing is refused by their guard, and pages offer no plain button.
SERVICE_ONLY_EVENTS = frozenset({"forward"})

RECOMMENDATION_WORKFLOW.on("submit", assign_number)

# Use cases that react to transitions register their effects when imported. They are imported here, at the
# bottom, so that every entry point (CLI, web, scheduler, tests) gets the same behaviour.

from workflow.forwarding.review_effects import conclude_round, follow_up_round, open_first_round, start_round  # noqa: E402

RECOMMENDATION_WORKFLOW.on("forward", open_first_round)
RECOMMENDATION_WORKFLOW.on("start_review", start_round)
RECOMMENDATION_WORKFLOW.on("conclude_review", conclude_round)
RECOMMENDATION_WORKFLOW.on("follow_up", follow_up_round)

from workflow.strategy_group.agenda_effects import (  # noqa: E402
    add_to_agenda,
    decided_only_by_its_vote,
    drop_from_agenda,
    move_on_agenda,
)

RECOMMENDATION_WORKFLOW.on("schedule", add_to_agenda)
RECOMMENDATION_WORKFLOW.on("reschedule", move_on_agenda)
RECOMMENDATION_WORKFLOW.on("close_vote", decided_only_by_its_vote)
RECOMMENDATION_WORKFLOW.on("return", decided_only_by_its_vote)
RECOMMENDATION_WORKFLOW.on("return", drop_from_agenda)
RECOMMENDATION_WORKFLOW.on("withdraw", drop_from_agenda)

from notifications.outbox.reactions import decision_notice  # noqa: E402

RECOMMENDATION_WORKFLOW.on("close_vote", decision_notice)
