"""Every mutating route of the meeting, vote and ballot pages tried by every person of the cast (the stranger
included): only the permitted roles succeed, the others get 403 and nothing changes; a form without its token is
refused. The chair's screens and the procedure form are refused to everyone else as well."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from models.people import Person
from tests.support.factories import World
from tests.support.meeting_web import (
    during,
    meeting_begun,
    meeting_later,
    meeting_vote,
    procedure_vote,
    seated,
    snapshot,
    with_quorum,
)
from tests.support.strategy import scheduled
from tests.support.web import CAST, Clock, browsers

Form = dict[str, object]
SECRETARIAT, STEERING, SEATED = {"secretariat"}, {"secretariat", "chair"}, {"chair", "member", "deputy"}
# The seat each person of the cast votes for (the world's chair holds MIN-1, its member MIN-2, its deputy MIN-2's).
SEAT_OF = {"chair": "MIN-1", "member": "MIN-2", "deputy": "MIN-2"}


@dataclass(frozen=True)
class Case:
    """A mutating route, who may use it, and how to make a fresh target for one person's attempt."""

    name: str
    allowed: set[str]
    prepare: Callable[[World, dict[str, Person], str], tuple[str, Form]]


def _day(world: World, days: int) -> str:
    return (during(world) + timedelta(days=days)).astimezone(world.now.tzinfo).date().isoformat()


def _plan(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    return "/meetings", {"title": f"Sitzung von {who}", "day": _day(world, 30), "start": "10:00",
                         "location": "Stuttgart", "kind": "meeting"}


def _move(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    return f"/meetings/{meeting_later(world, 30).id}/move", {"day": _day(world, 45), "start": "14:00",
                                                             "confirmed": "yes"}


def _cancel(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    return f"/meetings/{meeting_later(world, 30).id}/cancel", {"confirmed": "yes"}


def _held(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    return f"/meetings/{meeting_begun(world).id}/held", {}


def _reorder(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    meeting = meeting_later(world, 30)
    scheduled(world, meeting)
    second = scheduled(world, meeting)
    return f"/meetings/{meeting.id}/agenda/{second.id}/position", {"position": "1"}


def _move_item(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    here, there = meeting_later(world, 30), meeting_later(world, 60)
    rec = scheduled(world, here)
    return f"/meetings/{here.id}/agenda/{rec.id}/move", {"to_meeting": str(there.id)}


def _attendance(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    # The world's meeting, an hour in: attendance is recorded from the meeting's day on.
    return (f"/meetings/{world.meeting.id}/attendance/IB-LK",
            {"attendance": f"present:{holders['IB-LK'].id}"})


def _open_vote(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    rec = scheduled(world, world.meeting)
    return f"/meetings/{world.meeting.id}/votes", {"recommendation_ids": [str(rec.id)], "rule": "default"}


def _close(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    vote, _rec = meeting_vote(world)
    with_quorum(world, vote, holders)
    return f"/votes/{vote.id}/close", {"outcome": "count", "confirmed": "yes"}


def _ballot(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    vote, _rec = procedure_vote(world)
    return f"/votes/{vote.id}/ballot", {"choice": "yes", "seat": SEAT_OF.get(who, "")}


def _procedure(world: World, holders: dict[str, Person], who: str) -> tuple[str, Form]:
    rec = world.recommendation(state="submitted")
    return "/procedures", {"title": f"Umlauf von {who}", "deadline_day": _day(world, 14), "deadline_time": "12:00",
                           "rule": "default", "recommendation_ids": [str(rec.id)]}


CASES = [
    Case("plan a meeting", SECRETARIAT, _plan),
    Case("move a meeting", SECRETARIAT, _move),
    Case("cancel a meeting", SECRETARIAT, _cancel),
    Case("record a meeting as held", SECRETARIAT, _held),
    Case("reorder the agenda", SECRETARIAT, _reorder),
    Case("move an agenda item", SECRETARIAT, _move_item),
    Case("record attendance", SECRETARIAT, _attendance),
    Case("open a vote", STEERING, _open_vote),
    Case("close a vote", STEERING, _close),
    Case("cast a ballot", SEATED, _ballot),
    Case("start a written procedure", SECRETARIAT, _procedure),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_only_the_permitted_roles_succeed_and_refusals_change_nothing(web_world: World, case: Case) -> None:
    holders = seated(web_world)
    outcomes: dict[str, int] = {}
    with browsers(web_world, Clock(during(web_world))) as cast:
        for name in CAST:
            path, data = case.prepare(web_world, holders, name)
            before = snapshot(web_world)
            outcomes[name] = cast[name].post(path, **data).status_code
            if name not in case.allowed:
                assert snapshot(web_world) == before, f"{name} changed something through '{case.name}'"
        path, data = case.prepare(web_world, holders, sorted(case.allowed)[0])
        before = snapshot(web_world)
        tokenless = cast[sorted(case.allowed)[0]].client.post(path, data=data)
        assert tokenless.status_code == 403 and snapshot(web_world) == before
    assert {n for n, status in outcomes.items() if status == 303} == case.allowed
    assert {status for n, status in outcomes.items() if n not in case.allowed} == {403}


def test_the_vote_screen_its_tally_and_the_procedure_form_are_for_their_roles_only(web_world: World) -> None:
    seated(web_world)
    vote, _rec = meeting_vote(web_world)
    screens = {f"/votes/{vote.id}": STEERING, f"/votes/{vote.id}/tally": STEERING, "/procedures/new": SECRETARIAT}
    readable = ["/meetings", f"/meetings/{web_world.meeting.id}", f"/meetings/{web_world.meeting.id}/minutes",
                f"/meetings/{web_world.meeting.id}.ics", "/ballots"]
    with browsers(web_world, Clock(during(web_world))) as cast:
        for path, allowed in screens.items():
            statuses = {name: cast[name].client.get(path).status_code for name in CAST}
            assert {n for n, s in statuses.items() if s == 200} == allowed, path
            assert {s for n, s in statuses.items() if n not in allowed} == {403}, path
        for path in readable:
            statuses = {name: cast[name].client.get(path).status_code for name in CAST}
            assert {n for n, s in statuses.items() if s != 200} == {"stranger"}, path
            assert statuses["stranger"] == 403, path
