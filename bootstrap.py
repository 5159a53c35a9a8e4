"""The one wiring of reactions: what follows a transition or a domain event, registered in one place.

Every entry point calls ``bootstrap()`` once (``web.create_app``, the CLI's main group, the scheduler; the demo
loads through the CLI); tests get the same registry from a fixture that removes it afterwards. The domain's own
effects (numbering, the agenda, review rounds) come first: they keep the rows consistent, so firing without them
is refused (``workflow.engine.reactions.NotWired``) rather than done half. The mails into the outbox follow.
"""

from notifications.outbox.reactions import decision_notice, forwarding_mail, password_link_mail
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW as RECOMMENDATION
from workflow.engine.reactions import Reactions, install
from workflow.forwarding.forwardings import ForwardingLinkIssued
from workflow.forwarding.review_effects import conclude_round, follow_up_round, open_first_round, start_round
from workflow.network.accounts import PasswordLinkIssued
from workflow.recommendations.numbering import assign_number
from workflow.strategy_group.agenda import roll_over_cancelled
from workflow.strategy_group.agenda_effects import (
    add_to_agenda,
    decided_only_by_its_vote,
    drop_from_agenda,
    move_on_agenda,
)
from workflow.strategy_group.meetings import MeetingCancelled


def register_domain_effects(reactions: Reactions) -> None:
    """The effects that keep the domain's rows consistent: they run in every entry point."""
    on = reactions.on_transition
    on(RECOMMENDATION, "submit", "recommendations.assign_number", assign_number)
    on(RECOMMENDATION, "forward", "review.open_first_round", open_first_round)
    on(RECOMMENDATION, "start_review", "review.start_round", start_round)
    on(RECOMMENDATION, "conclude_review", "review.conclude_round", conclude_round)
    on(RECOMMENDATION, "follow_up", "review.follow_up_round", follow_up_round)
    on(RECOMMENDATION, "schedule", "agenda.add_to_agenda", add_to_agenda)
    on(RECOMMENDATION, "reschedule", "agenda.move_on_agenda", move_on_agenda)
    on(RECOMMENDATION, "close_vote", "agenda.close_vote_decided_only_by_its_vote", decided_only_by_its_vote)
    on(RECOMMENDATION, "return", "agenda.return_decided_only_by_its_vote", decided_only_by_its_vote)
    on(RECOMMENDATION, "return", "agenda.drop_returned", drop_from_agenda)
    on(RECOMMENDATION, "withdraw", "agenda.drop_withdrawn", drop_from_agenda)
    reactions.on_event(MeetingCancelled, "agenda.roll_over_cancelled_meeting", roll_over_cancelled)


def register_mails(reactions: Reactions) -> None:
    """The mails a change puts into the outbox, in the change's own transaction."""
    reactions.on_transition(RECOMMENDATION, "close_vote", "mail.decision_notice", decision_notice)
    reactions.on_event(ForwardingLinkIssued, "mail.forwarding_link", forwarding_mail)
    reactions.on_event(PasswordLinkIssued, "mail.password_link", password_link_mail)


def all_reactions(*, mails: bool = True) -> Reactions:
    """Every reaction, in the order it runs; ``mails=False`` leaves the outbox alone (links are only shown)."""
    reactions = Reactions()
    register_domain_effects(reactions)
    if mails:
        register_mails(reactions)
    return reactions


def bootstrap() -> Reactions:
    """Register every reaction and install the registry for this process; returns it."""
    reactions = all_reactions()
    install(reactions)
    return reactions
