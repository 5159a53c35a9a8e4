"""The one registry of reactions: registered by name, run in the order registered, wired by bootstrap."""

import pytest

from bootstrap import all_reactions
from notifications.outbox.reactions import decision_notice
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.reactions import NotWired, Reactions, install, installed, installed_for
from workflow.network.accounts import PasswordLinkIssued
from workflow.strategy_group.agenda_effects import decided_only_by_its_vote


def test_reactions_run_in_the_order_registered() -> None:
    reactions, ran = Reactions(), []
    reactions.on_transition(RECOMMENDATION_WORKFLOW, "submit", "first", lambda _ctx, _rule: ran.append("first"))
    reactions.on_transition(RECOMMENDATION_WORKFLOW, "submit", "second", lambda _ctx, _rule: ran.append("second"))
    for effect in reactions.to_transition("recommendation", "submit"):
        effect(None, None)  # type: ignore[arg-type]
    assert ran == ["first", "second"]
    assert reactions.to_transition("recommendation", "withdraw") == ()


def test_a_domain_event_reaches_every_reaction_to_its_type_and_says_how_many_ran() -> None:
    reactions, seen = Reactions(), []
    reactions.on_event(PasswordLinkIssued, "remember", lambda _session, event: seen.append(event.url))
    event = PasswordLinkIssued(person=None, url="https://example.org/set-password/x", now=None)  # type: ignore[arg-type]
    assert reactions.publish(None, event) == 1  # type: ignore[arg-type]
    assert seen == ["https://example.org/set-password/x"]
    assert reactions.publish(None, object()) == 0  # type: ignore[arg-type]


def test_a_reaction_name_is_registered_once_and_an_unknown_event_is_refused() -> None:
    reactions = Reactions()
    reactions.on_transition(RECOMMENDATION_WORKFLOW, "submit", "numbering", lambda _ctx, _rule: None)
    with pytest.raises(ValueError, match="registered already"):
        reactions.on_transition(RECOMMENDATION_WORKFLOW, "withdraw", "numbering", lambda _ctx, _rule: None)
    with pytest.raises(ValueError, match="no event 'archive'"):
        reactions.on_transition(RECOMMENDATION_WORKFLOW, "archive", "archiving", lambda _ctx, _rule: None)


def test_bootstrap_registers_the_domain_effects_before_the_mails() -> None:
    names = [reaction.name for reaction in all_reactions().listing()]
    assert names.index("agenda.close_vote_decided_only_by_its_vote") < names.index("mail.decision_notice")
    assert all_reactions().to_transition("recommendation", "close_vote") == (decided_only_by_its_vote, decision_notice)
    assert {"recommendations.assign_number", "review.open_first_round", "agenda.add_to_agenda",
            "agenda.roll_over_cancelled_meeting"} <= set(names)
    assert {"mail.decision_notice", "mail.forwarding_link", "mail.password_link"} <= set(names)


def test_without_the_mails_the_domain_effects_stay_and_no_mail_is_wired() -> None:
    names = [reaction.name for reaction in all_reactions(mails=False).listing()]
    assert "recommendations.assign_number" in names
    assert not [name for name in names if name.startswith("mail.")]


def test_installing_for_a_block_puts_back_what_was_installed_before(reactions: Reactions) -> None:
    other = Reactions()
    with installed_for(other):
        assert installed() is other
    assert installed() is reactions


def test_without_an_installed_registry_nothing_may_fire(reactions: Reactions) -> None:
    previous = install(None)
    try:
        with pytest.raises(NotWired, match=r"bootstrap\.bootstrap\(\)"):
            installed()
    finally:
        install(previous)
