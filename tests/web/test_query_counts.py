"""The number of SQL statements a page runs is pinned and does not grow with the data it shows."""

from datetime import timedelta

from models.recommendation import RecommendationUpdate
from tests.support.factories import World
from tests.support.statements import counting
from tests.support.web import browsers, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.recommendations.lifecycle import edit_recommendation, fire

# Statements per page for the secretariat: 2 resolve the session's person and roles, the rest are the page's own.
# "/": how many recommendations are decided, one page of them and the public events ahead. "/tasks" reads the
# network's composition for its check, and the forwardings without receipt and with overdue reports (the meetings
# whose reports are due, each queue's first ten, their facts once for both).
# "detail": 2 of them are the agendas and the votes the recommendation is on (where it stands), 2 its attachments and
# their record (who attached and removed which file).
PINNED = {"/tasks": 19, "/recommendations": 5, "detail": 15, "/": 3}



def _grow(world: World, n: int) -> int:
    """Add ``n`` recommendations, each with an edit, two in three submitted; return a submitted one's id."""
    last = 0
    for i in range(n):
        rec = world.recommendation(group=world.group if i % 2 else world.other_group)
        lead = world.lead if i % 2 else world.other_lead
        with unit_of_work(world.db) as session:
            edit_recommendation(session, rec.id or 0, RecommendationUpdate(text=f"Fassung {i}"), lead,
                                world.now - timedelta(hours=1), comment="überarbeitet")
            if i % 3:
                fire(session, rec.id or 0, "submit", actor=lead, now=world.now, comment="fertig")
                last = rec.id or 0
    return last


def _counts(world: World, detail_id: int) -> dict[str, int]:
    counts = {}
    with browsers(world) as cast, client_for(world) as anonymous:
        secretariat = cast["secretariat"].client
        for key, path in (("/tasks", "/tasks"), ("/recommendations", "/recommendations"),
                          ("detail", f"/recommendations/{detail_id}")):
            with counting(world) as statements:
                assert secretariat.get(path).status_code == 200
            counts[key] = len(statements)
        with counting(world) as statements:
            assert anonymous.get("/").status_code == 200
        counts["/"] = len(statements)
    return counts


def test_each_page_runs_a_pinned_number_of_queries_however_much_data_there_is(web_world: World) -> None:
    small = _counts(web_world, _grow(web_world, 2))
    large = _counts(web_world, _grow(web_world, 25))
    assert small == large == PINNED
