"""The strategy group's composition is the network's setting: the check, the quorum and the each-category rule
count the configured seats and categories; the default gives exactly the twelve seats of Baden-Württemberg."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.enums import Role
from models.network import NetworkProfile
from models.people import PersonCreate, Seat
from models.strategy import Choice, VoteRule
from tests.support.factories import World
from tests.support.roles import FIVE_SEATS
from tests.support.strategy import attend, scheduled
from web.wording.refusals import english
from workflow.engine.errors import InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.composition import composition_of, configured_seats, set_composition
from workflow.network.directory import add_person
from workflow.network.records import changes_of
from workflow.network.refusals import CompositionRefusal
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import all_seats
from workflow.strategy_group.seats import DEFAULT_SEATS, composition_report
from workflow.strategy_group.votes import cast_ballot, close_vote, open_vote

DAY = date(2026, 3, 10)


def _five_seats(world: World) -> dict[str, object]:
    """Set the 5-seat composition and give each new seat a holder; returns holders by seat code."""
    with unit_of_work(world.db) as s:
        set_composition(s, FIVE_SEATS, actor=world.secretariat, now=world.now, comment="Satzung 2026")
    holders: dict[str, object] = {"MIN-1": world.chair, "MIN-2": world.member}
    for code in ("K-GEM", "K-STA", "K-KRS"):
        with unit_of_work(world.db) as s:
            person = add_person(s, PersonCreate(name=f"Sitz {code}", email=f"{code.lower()}@example.org"))
        from workflow.strategy_group.seats import appoint
        with unit_of_work(world.db) as s:
            appoint(s, code, person, Role.STRATEGY_MEMBER, date(2026, 1, 1), actor=world.secretariat,
                    now=world.now)
        holders[code] = person
    return holders


def test_the_default_composition_is_the_twelve_seats_in_four_categories_as_before(world: World) -> None:
    with world.db.read() as s:
        composition = composition_of(s)
        report = composition_report(s, DAY)
        seats = [(seat.code, seat.category, seat.subkind, seat.label) for seat in all_seats(s)]
    assert composition.is_default and len(composition.categories) == 4
    assert seats == [(c, k.value, sk.value, label) for c, k, sk, label in DEFAULT_SEATS]
    assert report.breaches == [] and report.notices == []
    assert len(report.vacancies) == 10


def test_a_composition_of_five_seats_in_two_categories_is_what_the_check_reports_against(world: World) -> None:
    _five_seats(world)
    with world.db.read() as s:
        report = composition_report(s, DAY)
        configured = [seat.code for seat in configured_seats(s)]
        kept = {seat.code for seat in s.exec(select(Seat)).all()}
        profile = s.get(NetworkProfile, 1)
        [record] = changes_of(s, "network", 1)
    assert configured == ["MIN-1", "MIN-2", "K-GEM", "K-STA", "K-KRS"]
    assert {"MIN-3", "KLV-GT", "IB-LK"} <= kept  # seats with or without history are never deleted
    assert report.vacancies == [] and report.breaches == []
    assert "Seat KLV-GT (Gemeindetag Baden-Württemberg) is no longer part of the composition; its history stays." \
        in report.notices
    assert profile is not None and profile.composition is not None
    assert (record.action, record.actor_id, record.comment) == ("set_composition", world.secretariat.id,
                                                                "Satzung 2026")


def test_a_vote_under_five_seats_needs_three_for_the_quorum_and_a_yes_from_each_of_two_categories(
        world: World) -> None:
    holders = _five_seats(world)
    rec = scheduled(world, world.meeting)
    during = world.meeting.starts_at + timedelta(hours=1)
    attend(world, world.meeting, ["MIN-1", "MIN-2"], during)
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during,
                  rule=VoteRule.EACH_CATEGORY)
    assert refused.value.code is StrategyRefusal.NO_QUORUM_TO_OPEN and refused.value.params["needed"] == 3
    attend(world, world.meeting, ["K-GEM"], during)
    with unit_of_work(world.db) as s:
        vote = open_vote(s, world.meeting.id or 0, [str(rec.id)], actor=world.chair, now=during,
                         rule=VoteRule.EACH_CATEGORY)
    for code, choice in (("MIN-1", Choice.YES), ("MIN-2", Choice.YES), ("K-GEM", Choice.ABSTAIN)):
        with unit_of_work(world.db) as s:
            cast_ballot(s, vote.id or 0, choice, actor=holders[code], now=during)  # type: ignore[arg-type]
    with unit_of_work(world.db) as s:
        closed = close_vote(s, vote.id or 0, actor=world.chair, now=during)
    assert closed.result == "rejected"
    assert world.reload(rec).state != "adopted"


def test_removing_a_seat_with_an_open_term_is_refused_and_changes_nothing(world: World) -> None:
    smaller = [{"code": "land", "label": "Land", "seats": [{"code": "MIN-1", "label": "Ministerium"}]}]
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        set_composition(s, smaller, actor=world.secretariat, now=world.now)
    assert refused.value.code is CompositionRefusal.SEAT_IN_USE and refused.value.params["ref"] == "MIN-2"
    assert refused.value.params["names"] == ("Mitglied Maier", "Vertretung Vogel")
    assert "Seat MIN-2 has an open term (Mitglied Maier, Vertretung Vogel)" in english(refused.value)
    with world.db.read() as s:
        assert composition_of(s).is_default
        assert changes_of(s, "network", 1) == []


@pytest.mark.parametrize(("composition", "code"), [
    ([], CompositionRefusal.EMPTY),
    ({"nope": 1}, CompositionRefusal.NOT_A_LIST),
    ([{"code": "a", "label": "A", "seats": []}], CompositionRefusal.CATEGORY_WITHOUT_SEATS),
    ([{"code": "a", "label": "", "seats": [{"code": "S1", "label": "x"}]}], CompositionRefusal.LABEL_MISSING),
    ([{"code": "a", "label": "A", "seats": [{"code": "S1", "label": "x"}, {"code": "s1", "label": "y"}]}],
     CompositionRefusal.CODE_TWICE),
    ([{"code": "a", "label": "A", "seats": [{"code": "S1", "label": "x"}]},
      {"code": "a", "label": "B", "seats": [{"code": "S2", "label": "y"}]}], CompositionRefusal.CODE_TWICE),
    ([{"code": "a b", "label": "A", "seats": [{"code": "S1", "label": "x"}]}], CompositionRefusal.CODE_INVALID),
])
def test_a_composition_with_duplicate_codes_no_seats_or_empty_labels_is_refused(
        world: World, composition: object, code: CompositionRefusal) -> None:
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        set_composition(s, composition, actor=world.secretariat, now=world.now)
    assert refused.value.code is code


def test_only_the_secretariat_sets_the_composition(world: World) -> None:
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        set_composition(s, FIVE_SEATS, actor=world.chair, now=world.now)
