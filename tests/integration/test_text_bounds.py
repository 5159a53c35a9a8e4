"""Free texts of the strategy group's topics and goals and of public events are bounded by the services: too long
is refused by name with its limit and nothing is written (on PostgreSQL a title longer than its column was a
server error before)."""

from datetime import timedelta

import pytest
from sqlmodel import select

from models.groups import Topic
from models.strategy import PublicEvent, PublicEventKind, StrategicGoal
from tests.support.factories import World
from workflow.engine.errors import EngineRefusal, InvalidInput
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.public_events import add_event
from workflow.network.topics_and_goals import add_goal, add_topic


def _count(world: World, model: type) -> int:
    with world.db.read() as s:
        return len(s.exec(select(model)).all())


def test_an_over_long_topic_goal_or_event_is_refused_by_name_and_nothing_is_written(world: World) -> None:
    with pytest.raises(InvalidInput) as topic, unit_of_work(world.db) as s:
        add_topic(s, "T" * 201, "", meeting_id=None, actor=world.chair, now=world.now)
    assert topic.value.code is EngineRefusal.TEXT_TOO_LONG
    assert topic.value.params == {"field": "title", "limit": 200, "length": 201}
    with unit_of_work(world.db) as s:
        add_topic(s, "Sprache", "", meeting_id=None, actor=world.chair, now=world.now)
    with pytest.raises(InvalidInput) as goal, unit_of_work(world.db) as s:
        add_goal(s, "Sprache", "Ziel", "x" * 10_001, meeting_id=None, actor=world.chair, now=world.now)
    assert goal.value.params == {"field": "description", "limit": 10_000, "length": 10_001}
    with pytest.raises(InvalidInput) as event, unit_of_work(world.db) as s:
        add_event(s, title="Fachtag", kind=PublicEventKind.FACHTAG, starts_at=world.now + timedelta(days=30),
                  actor=world.secretariat, now=world.now, location="Ort " * 100)
    assert event.value.params["field"] == "location" and event.value.params["limit"] == 300
    assert (_count(world, Topic), _count(world, StrategicGoal), _count(world, PublicEvent)) == (1, 0, 0)
