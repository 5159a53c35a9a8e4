"""The number of SQL statements of the meeting pages is pinned and does not grow with the meetings, agenda items,
votes and ballots they show."""


from models.strategy import Choice
from tests.support.factories import World
from tests.support.meeting_web import PRESENT, during, meeting_later, meeting_vote, procedure_vote, seated
from tests.support.statements import counting
from tests.support.strategy import scheduled
from tests.support.web import Clock, browsers
from workflow.engine.unit_of_work import unit_of_work
from workflow.strategy_group.votes import cast_ballot

# Statements per page: 2 resolve the session's person and roles, the rest are the page's own.
PINNED = {"meeting": 11, "ballots": 9, "vote": 9, "calendar": 5}


def _grow(world: World, holders: dict, n: int) -> int:
    """Add ``n`` agenda items, ``n`` meeting votes with ballots, ``n`` written procedures and ``n`` meetings ahead;
    returns the id of a meeting vote."""
    last = 0
    for i in range(n):
        scheduled(world, world.meeting, title=f"Wartet {i}")
        vote, _rec = meeting_vote(world, title=f"Abgestimmt {i}")
        procedure, _rec = procedure_vote(world, title=f"Umlauf {i}")
        meeting_later(world, 30 + i)
        for code in PRESENT[: 2 + i % 5]:
            with unit_of_work(world.db) as s:
                cast_ballot(s, vote.id or 0, Choice.YES, actor=holders[code], now=during(world))
                cast_ballot(s, procedure.id or 0, Choice.NO, actor=holders[code], now=during(world))
        last = vote.id or 0
    return last


def _counts(world: World, vote_id: int) -> dict[str, int]:
    pages = {"meeting": ("secretariat", f"/meetings/{world.meeting.id}"), "ballots": ("deputy", "/ballots"),
             "vote": ("chair", f"/votes/{vote_id}"), "calendar": ("lead", "/meetings")}
    counts = {}
    with browsers(world, Clock(during(world))) as cast:
        for key, (who, path) in pages.items():
            with counting(world) as statements:
                assert cast[who].client.get(path).status_code == 200
            counts[key] = len(statements)
    return counts


def test_the_meeting_pages_run_a_pinned_number_of_queries_however_much_they_show(web_world: World) -> None:
    holders = seated(web_world)
    small = _counts(web_world, _grow(web_world, holders, 1))
    large = _counts(web_world, _grow(web_world, holders, 12))
    assert small == large == PINNED
