"""Every mutating route of the network's and the secretariat's pages tried by every person of the cast: only the
roles the services name succeed, the others get 403 and nothing changes; a form without its token is refused."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import select

from models.enums import Role
from models.groups import Topic, WorkingGroup
from models.outbox import OutboxMessage, OutboxStatus
from models.strategy import StrategicGoal
from tests.support.factories import World
from tests.support.network import convened_group, held_meeting, mail, topic_with_goal
from tests.support.web import CAST, browsers, client_for, form_token
from workflow.engine.definitions import WORKING_GROUP_WORKFLOW
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, STEERING_ROLES

# The roles each person of the cast holds outside the world's working groups (the groups tried here are new).
ROLES = {
    "secretariat": {Role.SECRETARIAT}, "chair": {Role.CHAIR, Role.STRATEGY_MEMBER}, "member": {Role.STRATEGY_MEMBER},
    "deputy": {Role.DEPUTY}, "lead": set(), "deputy_lead": set(), "wg_member": set(), "other_lead": set(),
    "stranger": set(),
}


@dataclass
class Attempt:
    """One form sent to a route, and how to tell whether it changed anything."""

    path: str
    data: dict[str, str]
    changed: Callable[[], bool]


def _group_state(world: World, group_id: int) -> str:
    with world.db.read() as s:
        group = s.get(WorkingGroup, group_id)
        assert group is not None
        return group.state


def _exists(world: World, model: type, **where: str) -> bool:
    with world.db.read() as s:
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return s.exec(query).first() is not None


def convene(world: World, who: str) -> Attempt:
    meeting = held_meeting(world)
    name = f"AG von {who}"
    return Attempt("/working-groups", {"name": name, "mandate": "Auftrag", "planned_member_count": "5",
                                       "meeting_id": str(meeting.id)},
                   lambda: _exists(world, WorkingGroup, name=name))


def group_event(event: str) -> Callable[[World, str], Attempt]:
    def attempt(world: World, who: str) -> Attempt:
        meeting = held_meeting(world)
        group = convened_group(world, meeting, f"AG {event} {who}")
        return Attempt(f"/working-groups/{group.id}/events/{event}",
                       {"comment": "Auftrag erfüllt", "meeting_id": str(meeting.id), "confirmed": "yes"},
                       lambda: _group_state(world, group.id or 0) != "convened")
    return attempt


def new_topic(world: World, who: str) -> Attempt:
    title = f"Thema von {who}"
    return Attempt("/topics", {"title": title, "description": "", "meeting_id": ""},
                   lambda: _exists(world, Topic, title=title))


def new_goal(world: World, who: str) -> Attempt:
    topic = topic_with_goal(world, held_meeting(world), title=f"Thema für {who}")
    title = f"Ziel von {who}"
    return Attempt("/topics/goals", {"topic_id": str(topic.id), "title": title, "meeting_id": ""},
                   lambda: _exists(world, StrategicGoal, title=title))


def retry(world: World, who: str) -> Attempt:
    mail_id = mail(world, status=OutboxStatus.FAILED, name=who, address=f"{who}@example.org")

    def changed() -> bool:
        with world.db.read() as s:
            row = s.get(OutboxMessage, mail_id)
            return row is not None and row.status != OutboxStatus.FAILED

    return Attempt(f"/outbox/{mail_id}/retry", {}, changed)


def _event_roles(event: str) -> frozenset[Role]:
    return frozenset(role for r in WORKING_GROUP_WORKFLOW.rules if r.event == event for role in r.roles)


ROUTES = {
    "convene": (convene, STEERING_ROLES),
    "activate": (group_event("activate"), _event_roles("activate")),
    "conclude": (group_event("conclude"), _event_roles("conclude")),
    "topic": (new_topic, STEERING_ROLES),
    "goal": (new_goal, STEERING_ROLES),
    "retry": (retry, SECRETARIAT_ONLY),
}


@pytest.mark.parametrize("route", list(ROUTES))
def test_only_the_permitted_roles_succeed_and_the_others_change_nothing(web_world: World, route: str) -> None:
    prepare, allowed_roles = ROUTES[route]
    allowed = {name for name in CAST if ROLES[name] & allowed_roles}
    outcomes = {}
    with browsers(web_world) as cast:
        for name, browser in cast.items():
            attempt = prepare(web_world, name)
            outcomes[name] = browser.post(attempt.path, **attempt.data).status_code
            assert attempt.changed() == (name in allowed), name
    assert allowed and {n for n, s in outcomes.items() if s == 303} == allowed
    assert {s for n, s in outcomes.items() if n not in allowed} == {403}


@pytest.mark.parametrize("route", list(ROUTES))
def test_a_form_without_its_token_is_refused_and_changes_nothing(web_world: World, route: str) -> None:
    prepare, _roles = ROUTES[route]
    with browsers(web_world) as cast, client_for(web_world) as anonymous:
        secretariat = cast["secretariat"].client
        attempt = prepare(web_world, "secretariat")
        without = secretariat.post(attempt.path, data=attempt.data)
        wrong = secretariat.post(attempt.path, data={**attempt.data, "csrf_token": form_token(anonymous, "/")})
        signed_out = anonymous.post(attempt.path, data={**attempt.data, "csrf_token": form_token(anonymous, "/")})
    assert (without.status_code, wrong.status_code) == (403, 403)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")
    assert not attempt.changed()
