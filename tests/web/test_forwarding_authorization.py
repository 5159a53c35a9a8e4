"""Every mutating route of the forwarding and review pages, tried by every person of the cast: only the
secretariat succeeds (and the chair where the transition table names it); refusals and forms without their
CSRF token change nothing; the body's forms take nobody's session for a link."""

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from models.forwarding import ImplementationReport, ReportStatus
from tests.support.factories import World
from tests.support.forwarding import forwarded, third_body
from tests.support.link_pages import snapshot
from tests.support.web import CAST, Browser
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.reports import ReportInput, report_by_link
from workflow.forwarding.review import start_review

_names = itertools.count(1)
SECRETARIAT = frozenset({"secretariat"})
# conclude_review and follow_up: "chair or secretariat" in the transition table.
CHAIR_OR_SECRETARIAT = frozenset({"secretariat", "chair"})


@pytest.fixture
def web_world(module_web_world: World) -> World:
    """Every case prepares its own recommendation and compares only its snapshot: one cast serves the module."""
    return module_web_world


@dataclass(frozen=True)
class Route:
    """A mutating route, who may use it, and how to prepare one fresh case: (recommendation id, path, form)."""

    name: str
    allowed: frozenset[str]
    prepare: Callable[[World], tuple[int, str, dict[str, object]]]


def _forwarding(world: World, tail: str, **form: object) -> tuple[int, str, dict[str, object]]:
    rec, [link, _other] = forwarded(world)
    return rec.id or 0, f"/forwardings/{link.forwarding_id}/{tail}", form


def _review(world: World, tail: str, started: bool, **form: object) -> tuple[int, str, dict[str, object]]:
    rec, _links = forwarded(world)
    if started:
        with unit_of_work(world.db) as session:
            start_review(session, rec.id or 0, world.secretariat, world.now, world.meeting.id,
                         "Die Berichte liegen vor.", early=True)  # before its meeting: brought forward
    return rec.id or 0, f"/recommendations/{rec.id}/review/{tail}", form


def _forward(world: World) -> tuple[int, str, dict[str, object]]:
    rec = world.recommendation(state="adopted")
    return rec.id or 0, f"/recommendations/{rec.id}/forward", {"body_ids": [world.bodies[0].id], "confirmed": "yes"}


def _forward_further(world: World) -> tuple[int, str, dict[str, object]]:
    rec, _links = forwarded(world)
    further = third_body(world, f"Gemeinde Weiterort {next(_names)}")
    return rec.id or 0, f"/recommendations/{rec.id}/forward", {"body_ids": [further.id], "confirmed": "yes"}


def _forward_onward(world: World) -> tuple[int, str, dict[str, object]]:
    rec, [link, _other] = forwarded(world)
    instead = third_body(world, f"Gemeinde Anderswo {next(_names)}")
    with unit_of_work(world.db) as session:
        report: ImplementationReport = report_by_link(session, link.token, world.now, ReportInput(
            status=ReportStatus.NOT_RESPONSIBLE, text="Nicht wir.", suggested_organisation_id=instead.id))
    return rec.id or 0, f"/reports/{report.id}/forward-onward", {}


ROUTES = [
    Route("forward", SECRETARIAT, _forward),
    Route("forward-further", SECRETARIAT, _forward_further),
    Route("forward-onward", SECRETARIAT, _forward_onward),
    Route("revoke", SECRETARIAT, lambda w: _forwarding(w, "revoke", confirmed="yes")),
    Route("reissue", SECRETARIAT, lambda w: _forwarding(w, "reissue")),
    Route("acknowledge-letter", SECRETARIAT, lambda w: _forwarding(w, "acknowledge", contact_name="Jonas Jansen")),
    Route("contact-letter", SECRETARIAT, lambda w: _forwarding(w, "contact", contact_name="Jonas Jansen")),
    Route("report-letter", SECRETARIAT, lambda w: _forwarding(w, "reports", status="in_progress",
                                                              text="Laut Brief in Arbeit.")),
    Route("review-plan", SECRETARIAT, lambda w: _review(w, "plan", False, meeting_id=str(w.meeting.id))),
    # Before its meeting's day a review starts only brought forward, with a reason (the secretariat's override).
    Route("review-start", SECRETARIAT, lambda w: _review(w, "start", False, meeting_id=str(w.meeting.id), early="yes",
                                                         reason="Die Berichte liegen früh vor.")),
    Route("review-conclude", CHAIR_OR_SECRETARIAT, lambda w: _review(w, "conclude", True, outcome="implemented",
                                                                     note="Umgesetzt.", confirmed="yes")),
    Route("review-follow-up", CHAIR_OR_SECRETARIAT, lambda w: _review(w, "follow-up", True,
                                                                      note="Neue Berichte nötig.")),
]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_only_the_permitted_people_change_anything_through_the_route(web_world: World, signed_in: dict[str, Browser],
                                                                     route: Route) -> None:
    outcomes = {}
    rec_id, path, form = route.prepare(web_world)
    before = snapshot(web_world, rec_id)
    without_token = signed_in["secretariat"].client.post(path, data=form)
    assert without_token.status_code == 403 and snapshot(web_world, rec_id) == before
    for name, browser in signed_in.items():
        rec_id, path, form = route.prepare(web_world)
        before = snapshot(web_world, rec_id)
        response = browser.post(path, **form)
        outcomes[name] = response.status_code
        changed = snapshot(web_world, rec_id) != before
        assert changed == (name in route.allowed), (name, response.status_code)
    assert set(outcomes) == set(CAST)
    assert {n for n, s in outcomes.items() if s in (200, 303)} == route.allowed
    assert {s for n, s in outcomes.items() if n not in route.allowed} == {403}


def test_a_signed_in_session_does_not_open_a_bodys_forms(web_world: World, signed_in: dict[str, Browser]) -> None:
    rec, [link, _other] = forwarded(web_world)
    before = snapshot(web_world, rec.id or 0)
    outcomes = {name: browser.post(f"/stelle/{link.token}/acknowledge").status_code
                for name, browser in signed_in.items()}
    # Each person sends the token of their own session, which is not the token of the link's form.
    assert set(outcomes.values()) == {403}
    assert snapshot(web_world, rec.id or 0) == before
