"""Every mutating route tried by every person of the cast: only the roles the rules name succeed."""


import pytest

from models.enums import Role
from tests.support.factories import World
from tests.support.web import CAST, Browser, Clock, browsers
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW, SERVICE_ONLY_EVENTS

# The roles each person of the cast holds for the world's main working group.
ROLES = {
    "secretariat": {Role.SECRETARIAT}, "chair": {Role.CHAIR, Role.STRATEGY_MEMBER}, "member": {Role.STRATEGY_MEMBER},
    "deputy": {Role.DEPUTY}, "lead": {Role.WG_LEAD}, "deputy_lead": {Role.WG_DEPUTY_LEAD},
    "wg_member": {Role.WG_MEMBER}, "other_lead": set(), "stranger": set(),
}
AUTHORS = {"secretariat", "lead", "deputy_lead", "wg_member"}


def _allowed(roles: frozenset[Role]) -> set[str]:
    return {name for name in CAST if ROLES[name] & roles}


@pytest.fixture
def web_world(module_web_world: World) -> World:
    """Every test makes its own recommendations and counts only its own answers: one cast serves the module."""
    return module_web_world


PLAIN_RULES = [r for r in RECOMMENDATION_WORKFLOW.rules if r.event not in SERVICE_ONLY_EVENTS]
SERVICE_RULES = [r for r in RECOMMENDATION_WORKFLOW.rules if r.event in SERVICE_ONLY_EVENTS]


@pytest.mark.parametrize("rule", PLAIN_RULES, ids=lambda r: f"{r.event}-{r.dest}")
def test_only_the_roles_of_a_rule_can_fire_it_through_the_page(web_world: World, signed_in: dict[str, Browser],
                                                               rule) -> None:
    if rule.event == "start_review":  # a review starts from its meeting's day on: the cast signs in on that day
        with browsers(web_world, Clock(web_world.meeting.starts_at)) as on_the_day:
            _only_the_roles_of_the_rule_succeed(web_world, on_the_day, rule)
    else:
        _only_the_roles_of_the_rule_succeed(web_world, signed_in, rule)


def _only_the_roles_of_the_rule_succeed(web_world: World, signed_in: dict[str, Browser], rule) -> None:
    outcomes = {}
    for name, browser in signed_in.items():
        rec = web_world.recommendation(state=rule.sources[0])
        response = browser.post(f"/recommendations/{rec.id}/events/{rule.event}", comment="Begründung",
                                outcome=rule.outcome or "", meeting_id=str(web_world.meeting.id), confirmed="yes")
        outcomes[name] = response.status_code
        assert web_world.reload(rec).state == (rule.dest if response.status_code == 303 else rule.sources[0])
    assert {n for n, s in outcomes.items() if s == 303} == _allowed(rule.roles)
    assert {s for n, s in outcomes.items() if n not in _allowed(rule.roles)} == {403}


@pytest.mark.parametrize("rule", SERVICE_RULES, ids=lambda r: f"{r.event}-{r.dest}")
def test_a_service_only_rule_is_refused_through_the_generic_route_for_everyone(
        web_world: World, signed_in: dict[str, Browser], rule) -> None:
    outcomes = {}
    for name, browser in signed_in.items():
        rec = web_world.recommendation(state=rule.sources[0])
        response = browser.post(f"/recommendations/{rec.id}/events/{rule.event}", comment="Begründung",
                                outcome=rule.outcome or "", meeting_id=str(web_world.meeting.id), confirmed="yes")
        outcomes[name] = response.status_code
        if name in _allowed(rule.roles):
            assert "mit dem Formular „An die zuständigen Stellen weiterleiten“" in response.text
        assert web_world.reload(rec).state == rule.sources[0]
    assert {n for n, s in outcomes.items() if s == 409} == _allowed(rule.roles)
    assert {s for n, s in outcomes.items() if n not in _allowed(rule.roles)} == {403}


def test_only_authors_of_the_group_and_the_secretariat_can_start_a_draft(web_world: World,
                                                                         signed_in: dict[str, Browser]) -> None:
    outcomes = {name: browser.post("/recommendations/new", title=f"Entwurf von {name}", text="Text",
                                   rationale="", working_group_id=str(web_world.group.id)).status_code
                for name, browser in signed_in.items()}
    assert {n for n, s in outcomes.items() if s == 303} == AUTHORS
    assert {s for n, s in outcomes.items() if n not in AUTHORS} == {403}


def test_only_authors_of_the_group_and_the_secretariat_can_edit_a_draft(web_world: World,
                                                                        signed_in: dict[str, Browser]) -> None:
    rec = web_world.recommendation()
    outcomes = {}
    for name, browser in signed_in.items():
        current = web_world.reload(rec)
        outcomes[name] = browser.post(f"/recommendations/{rec.id}/edit", title=current.title,
                                      text=f"Neuer Text von {name}", rationale=current.rationale,
                                      version=str(current.version)).status_code
    assert {n for n, s in outcomes.items() if s == 303} == AUTHORS
    assert {s for n, s in outcomes.items() if n not in AUTHORS} == {403}
