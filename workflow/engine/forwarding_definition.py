"""The forwarding workflow as data: how one body's handling of one forwarded recommendation moves along.

Bodies have no account: they act through their personal link, which the engine sees as ``actor=None`` (the
system acting for the link's holder); the secretariat performs the same events for reports received by letter.
"""

from models.enums import Role
from models.forwarding import Forwarding
from models.forwarding import ForwardingState as F
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.rules import StateFacts, rule

SECRETARIAT = {Role.SECRETARIAT}
_OPEN = (F.SENT, F.ACKNOWLEDGED, F.REPORTING, F.REPORTED)

FORWARDING_RULES = (
    rule("send", F.PENDING, F.SENT, SECRETARIAT, label="Send to the body",
         description="The secretariat sends the recommendation and a personal link to the body."),
    rule("acknowledge", F.SENT, F.ACKNOWLEDGED, SECRETARIAT, label="Record the receipt",
         description="The body confirms receipt."),
    rule("report", _OPEN, F.REPORTING, SECRETARIAT, outcome=F.REPORTING, label="Enter the report",
         description="The body reports work not started or in progress."),
    rule("report", _OPEN, F.REPORTED, SECRETARIAT, outcome=F.REPORTED, label="Enter the report",
         description="The body reports a result: implemented, partially, not implemented, or not responsible."),
)

# How the pages name each state of a forwarding.
FORWARDING_STATES = {
    F.PENDING: StateFacts("Being sent"),
    F.SENT: StateFacts("Sent, not yet confirmed"),
    F.ACKNOWLEDGED: StateFacts("Receipt confirmed"),
    F.REPORTING: StateFacts("Implementation under way"),
    F.REPORTED: StateFacts("Result reported"),
}

FORWARDING_WORKFLOW = WorkflowDefinition(
    name="forwarding",
    subject_kind="forwarding",
    states=F,
    initial=F.PENDING,
    rules=FORWARDING_RULES,
    model=Forwarding,
    scope=lambda _forwarding: None,
    label=lambda forwarding: f"forwarding #{forwarding.id}",
    state_facts=FORWARDING_STATES,
)
