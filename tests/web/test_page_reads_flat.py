"""The busiest pages read the same statements and a bounded number of rows at 100 and at 10,000 recommendations."""

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import col

from bootstrap import all_reactions
from models.db import Database
from models.forwarding import Forwarding
from models.meeting import Meeting
from tests.conftest import NOW
from tests.support.bulk import add_recommendations
from tests.support.factories import World, build_world
from tests.support.statements import reading
from tests.support.web import Clock, browsers, client_for, give_passwords
from workflow.engine.reactions import installed_for
from workflow.forwarding.accountability import forwarding_rows
from workflow.forwarding.forwardings import forwardings_of
from workflow.queries.forwarding_queues import forwarding_queues

SIZES = (100, 10_000)
# Rows a page may fetch whatever the data: a page of 50 lines, the dashboard's first ten of each list, one
# recommendation with its few forwardings, revisions and records; the session, roles and wording come on top.
MOST_ROWS = {"/tasks": 150, "/recommendations": 120, "detail": 120, "/": 120}


def _world_of(size: int, folder: Path, template: Path) -> World:
    database = Database(f"sqlite:///{folder / f'recoflow-{size}.db'}", sqlite_synchronous="NORMAL")
    database.engine.dispose()
    folder.joinpath(f"recoflow-{size}.db").write_bytes(template.read_bytes())
    with installed_for(all_reactions()):
        world = build_world(database, NOW)
    give_passwords(world)
    with database.engine.begin() as conn:  # a meeting long past: its review rounds' reports are overdue
        conn.execute(Meeting.__table__.insert(), [{  # type: ignore[attr-defined]
            "title": "Strategiegruppe Frühjahr 2025", "kind": "meeting", "starts_at": NOW - timedelta(days=300),
            "location": "Stuttgart", "online_url": "", "status": "held", "sequence": 0,
            "created_at": NOW - timedelta(days=400)}])
    add_recommendations(database, size, start=NOW - timedelta(days=900))
    return world


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[dict[int, World]]:
    folder = tmp_path_factory.mktemp("flat")
    built = {size: _world_of(size, folder, sqlite_template) for size in SIZES}
    yield built
    for world in built.values():
        world.db.dispose()


def _reads(world: World) -> dict[str, tuple[int, int]]:
    """Statements and rows of each page: the secretariat's dashboard, list and a forwarded recommendation with
    the most bodies, and the public list."""
    with world.db.engine.connect() as conn:
        rec = col(Forwarding.recommendation_id)
        busiest = conn.execute(sa.select(rec).group_by(rec).order_by(sa.func.count().desc(), rec).limit(1)).scalar()
    figures = {}
    with browsers(world, Clock(world.now), cast=["secretariat"]) as cast, client_for(world) as anonymous:
        secretariat = cast["secretariat"].client
        for key, client, path in (("/tasks", secretariat, "/tasks"),
                                  ("/recommendations", secretariat, "/recommendations?page=2"),
                                  ("detail", secretariat, f"/recommendations/{busiest}"), ("/", anonymous, "/")):
            with reading(world.db) as reads:
                assert client.get(path).status_code == 200
            figures[key] = (len(reads.statements), reads.rows)
    return figures


def test_pages_read_the_same_statements_and_a_bounded_number_of_rows_at_100_and_10000(
        worlds: dict[int, World]) -> None:
    small, large = (_reads(worlds[size]) for size in SIZES)
    assert {page: statements for page, (statements, _) in small.items()} == \
        {page: statements for page, (statements, _) in large.items()}
    for page, most in MOST_ROWS.items():
        assert small[page][1] <= most and large[page][1] <= most, (page, small[page], large[page])


def test_the_dashboard_lists_the_first_unanswered_and_overdue_forwardings_of_the_whole_network(
        worlds: dict[int, World]) -> None:
    world = worlds[SIZES[-1]]
    with world.db.read() as session:
        everything = forwarding_rows(session, world.now, forwardings_of(session))
        unanswered, overdue = forwarding_queues(session, world.now, 10)
    assert [r.forwarding_id for r in unanswered] == \
        [r.forwarding_id for r in everything if r.acknowledged_at is None and r.status == "sent"][:10]
    assert [r.forwarding_id for r in overdue] == [r.forwarding_id for r in everything if r.overdue][:10]
    assert len(overdue) == 10


def test_the_public_list_shows_a_page_at_a_time_with_links_that_work_without_javascript(
        worlds: dict[int, World]) -> None:
    with client_for(worlds[SIZES[-1]]) as anonymous:
        first, second = anonymous.get("/").text, anonymous.get("/?page=2").text
    assert 'href="?page=2" rel="next">Nächste Seite</a>' in first and "Seite 1 von" in first
    assert 'href="?page=1" rel="prev">Vorige Seite</a>' in second and "Seite 2 von" in second
    assert first.count('<article class="card">') == second.count('<article class="card">') == 20
