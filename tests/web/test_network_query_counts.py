"""The working groups, the strategy group and the outbox run a pinned number of SQL statements, however much
data they show."""

from datetime import date

from models.enums import Role
from models.outbox import OutboxStatus
from models.people import PersonCreate
from models.recommendation import RecommendationCreate
from tests.support.factories import World
from tests.support.network import convened_group, held_meeting, mail, topic_with_goal
from tests.support.statements import counting
from tests.support.strategy import fill_seats
from tests.support.web import browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import add_person, assign_role
from workflow.recommendations.lifecycle import create_recommendation

# Statements per page for the secretariat: 2 resolve the session's person and roles, the rest are the page's own
# (on /working-groups one of them lists the directory's people for the convening form; the strategy group's page
# also reads the configured composition and, for its forms, the people to appoint).
PINNED = {"/working-groups": 8, "/strategy-group": 6, "/outbox": 4}


def _grow(world: World, n: int, offset: int) -> None:
    """Add ``n`` groups with a lead, a member and a recommendation, ``n`` mails, topics, and deputies."""
    meeting = held_meeting(world)
    topic = topic_with_goal(world, meeting, title=f"Thema {offset}")
    for i in range(offset, offset + n):
        group = convened_group(world, meeting, f"AG Nummer {i}", topic, staffed=False)
        with unit_of_work(world.db) as s:
            for role in (Role.WG_MEMBER, Role.WG_LEAD):
                person = add_person(s, PersonCreate(name=f"Person {role} {i}", email=f"p{i}-{role}@example.org"))
                assign_role(s, person, role, date(2020, 1, 1), working_group_id=group.id)
            create_recommendation(s, RecommendationCreate(title=f"Empfehlung {i}", text="Text", rationale="",
                                                          working_group_id=group.id or 0), person, world.now)
        mail(world, status=OutboxStatus.FAILED if i % 2 else OutboxStatus.SENT, name=f"Person {i}",
             address=f"p{i}@example.org", error="550")


def _counts(world: World) -> dict[str, int]:
    counts = {}
    with browsers(world) as cast:
        for path in PINNED:
            with counting(world) as statements:
                assert cast["secretariat"].client.get(path).status_code == 200
            counts[path] = len(statements)
    return counts


def test_these_pages_run_a_pinned_number_of_queries_however_much_data_there_is(web_world: World) -> None:
    _grow(web_world, 2, 0)
    small = _counts(web_world)
    fill_seats(web_world)
    _grow(web_world, 20, 100)
    large = _counts(web_world)
    assert small == large == PINNED
