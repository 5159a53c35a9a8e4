"""A review starts at its review meeting, from that meeting's day on; before that day the secretariat may bring
it forward explicitly, with a reason the history keeps and shows."""

from datetime import timedelta

import pytest
from click.testing import CliRunner

from cli import main
from cli.hints import error_line
from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded
from workflow.engine.errors import GuardFailed, InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.refusals import ReviewRefusal
from workflow.forwarding.review import reviews_brought_forward, set_review_meeting, start_review
from workflow.queries.recommendation_views import recommendation_history


def _planned(world: World, days: float = 200):
    rec, _links = forwarded(world)
    meeting = add_meeting(world, days, title="Herbstsitzung")
    with unit_of_work(world.db) as s:
        set_review_meeting(s, rec.id or 0, meeting.id, world.secretariat, world.now)
    return rec, meeting


def test_before_its_meeting_day_the_review_is_refused_with_the_day_from_which_it_can_start(world: World) -> None:
    rec, meeting = _planned(world)
    day_before = meeting.starts_at - timedelta(days=1)
    with pytest.raises(GuardFailed) as refused, unit_of_work(world.db) as s:
        start_review(s, rec.id or 0, world.secretariat, day_before)
    [reason] = refused.value.reasons
    assert reason.code == "review_meeting_ahead"
    assert reason.parameters == {"meeting": meeting.id, "title": meeting.title,
                                 "day": meeting.starts_at.astimezone(world.now.tzinfo).date()}
    assert error_line(refused.value).endswith("bring it forward with --early --reason TEXT.")
    assert world.reload(rec).state == "forwarded"
    # On the meeting's day, before it begins, the review starts; nothing records an override.
    morning = meeting.starts_at.astimezone(world.now.tzinfo).replace(hour=7, minute=0)
    with unit_of_work(world.db) as s:
        fired = start_review(s, rec.id or 0, world.secretariat, morning)
        assert reviews_brought_forward(s, rec.id or 0) == {}
    assert fired.to_state == "under_review"


def test_the_secretariat_brings_a_review_forward_with_a_reason_the_history_shows(world: World) -> None:
    rec, meeting = _planned(world)
    with pytest.raises(InvalidInput) as no_reason, unit_of_work(world.db) as s:
        start_review(s, rec.id or 0, world.secretariat, world.now, comment=" ", early=True)
    with unit_of_work(world.db) as s:
        fired = start_review(s, rec.id or 0, world.secretariat, world.now, comment="Alle Stellen haben berichtet.",
                             early=True)
    with world.db.read() as s:
        [entry] = [h for h in recommendation_history(s, rec.id or 0) if h.event == "start_review"]
    assert no_reason.value.code is ReviewRefusal.EARLY_NEEDS_REASON
    assert (fired.to_state, fired.meeting_id) == ("under_review", meeting.id)
    assert entry.brought_forward and entry.comment == "Alle Stellen haben berichtet."
    assert entry.actor is not None and entry.actor.email == world.secretariat.email


def test_only_the_secretariat_may_bring_a_review_forward(world: World) -> None:
    rec, _meeting = _planned(world)
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        start_review(s, rec.id or 0, world.chair, world.now, comment="Eilt.", early=True)
    assert world.reload(rec).state == "forwarded"


def test_the_command_line_brings_a_review_forward_with_early_and_reason(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    rec, _meeting = _planned(world)
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner, now = CliRunner(), world.now.isoformat()
    refused = runner.invoke(main, ["--now", now, "review", "start", str(rec.id), "--as", world.secretariat.email])
    started = runner.invoke(main, ["--now", now, "review", "start", str(rec.id), "--early", "--reason",
                                   "Alle Stellen haben berichtet.", "--as", world.secretariat.email])
    assert refused.exit_code != 0 and "The review starts at its meeting “Herbstsitzung" in refused.output
    assert "--early --reason TEXT" in refused.output
    assert started.exit_code == 0 and "under_review" in started.output
