"""The counting rules agree with a straightforward count written independently, over random ballots and rules."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.enums import SeatCategory
from models.strategy import Choice, VoteRule
from workflow.strategy_group.seats import DEFAULT_SEATS
from workflow.strategy_group.voting_rules import count, quorum_size

SEATS = {code: category for code, category, _kind, _label in DEFAULT_SEATS}


def straightforward(rule: str, ballots: dict[str, str], seats: dict[str, SeatCategory]) -> bool:
    """Adopted or not, counted by hand the way the rules are written in the domain brief."""
    yes = no = voted = 0
    for choice in ballots.values():
        voted += 1
        if choice == "yes":
            yes += 1
        elif choice == "no":
            no += 1
    if rule == "silence":
        return no == 0
    if not voted * 2 > len(seats):
        return False
    if rule == "two_thirds":
        return yes > 0 and yes / (yes + no) >= 2 / 3 - 1e-12
    if rule == "each_category":
        for category in set(seats.values()):
            if not any(seats[s] == category and c == "yes" for s, c in ballots.items()):
                return False
    return yes > no


ballots_strategy = st.dictionaries(st.sampled_from(sorted(SEATS)), st.sampled_from(list(Choice)), max_size=12)


@given(rule=st.sampled_from(list(VoteRule)), ballots=ballots_strategy)
def test_every_rule_agrees_with_a_count_by_hand(rule: VoteRule, ballots: dict[str, Choice]) -> None:
    result = count(rule, ballots, SEATS)
    assert result.adopted == straightforward(rule.value, {k: v.value for k, v in ballots.items()}, SEATS)
    assert result.tally.participants == len(ballots)


@given(ballots=ballots_strategy, absent=st.sets(st.sampled_from(sorted(SEATS))))
def test_seats_that_did_not_vote_change_only_the_quorum(ballots: dict[str, Choice], absent: set[str]) -> None:
    present = {s: c for s, c in ballots.items() if s not in absent}
    result = count(VoteRule.DEFAULT, present, SEATS)
    assert result.quorum_met == (len(present) >= 7)


def test_the_quorum_of_twelve_seats_is_seven() -> None:
    assert quorum_size(12) == 7
    six = dict.fromkeys(list(SEATS)[:6], Choice.YES)
    assert not count(VoteRule.DEFAULT, six, SEATS).quorum_met
    seven = dict.fromkeys(list(SEATS)[:7], Choice.YES)
    assert count(VoteRule.DEFAULT, seven, SEATS).adopted


def test_a_tie_is_not_adopted() -> None:
    codes = list(SEATS)
    ballots = {**dict.fromkeys(codes[:4], Choice.YES), **dict.fromkeys(codes[4:8], Choice.NO)}
    result = count(VoteRule.DEFAULT, ballots, SEATS)
    assert result.quorum_met and not result.adopted


def test_a_majority_with_no_yes_from_the_commissioners_fails_the_category_rule() -> None:
    ballots = {c: (Choice.NO if SEATS[c] == SeatCategory.INTEGRATION_COMMISSIONER else Choice.YES) for c in SEATS}
    result = count(VoteRule.EACH_CATEGORY, ballots, SEATS)
    assert not result.adopted
    assert "integration_commissioner" in result.reason


def test_one_objection_stops_a_silence_procedure_and_none_adopts_it() -> None:
    assert count(VoteRule.SILENCE, {}, SEATS).adopted
    assert not count(VoteRule.SILENCE, {"MIN-1": Choice.NO}, SEATS).adopted


def test_eight_yes_against_four_no_is_exactly_two_thirds() -> None:
    codes = list(SEATS)
    ballots = {**dict.fromkeys(codes[:8], Choice.YES), **dict.fromkeys(codes[8:], Choice.NO)}
    assert count(VoteRule.TWO_THIRDS, ballots, SEATS).adopted
    ballots[codes[0]] = Choice.NO
    assert not count(VoteRule.TWO_THIRDS, ballots, SEATS).adopted


def test_a_ballot_for_an_unknown_seat_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="do not exist"):
        count(VoteRule.DEFAULT, {"XX": Choice.YES}, SEATS)
