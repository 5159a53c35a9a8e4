"""The status timeline is read off the transition table: its stages, the day each was reached, and where a
recommendation that left the path (rejected, withdrawn) or went back (returned for revision) stands."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from workflow.engine.states import RecommendationState as R
from workflow.queries.status_timeline import main_path, timeline_stages

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _at(days: int) -> datetime:
    return T0 + timedelta(days=days)


def test_the_stages_run_from_draft_to_the_outcomes_of_the_review() -> None:
    assert main_path() == ((R.DRAFT,), (R.SUBMITTED,), (R.SCHEDULED,), (R.VOTING,), (R.ADOPTED,), (R.FORWARDED,),
                           (R.UNDER_REVIEW,), (R.IMPLEMENTED, R.PARTIALLY_IMPLEMENTED, R.NOT_IMPLEMENTED))


def test_each_stage_reached_carries_its_day_and_only_the_current_one_is_marked() -> None:
    moves = [(R.DRAFT, R.SUBMITTED, _at(1)), (R.SUBMITTED, R.SCHEDULED, _at(2)), (R.SCHEDULED, R.SCHEDULED, _at(3))]
    stages = timeline_stages(R.SCHEDULED, T0, moves)
    assert [s.reached_at for s in stages[:3]] == [T0, _at(1), _at(2)]  # moving the meeting keeps the day reached
    assert [s.current for s in stages] == [False, False, True, False, False, False, False, False]
    assert stages[-1].state is None and all(s.reached_at is None for s in stages[3:])


def test_a_return_for_revision_clears_the_stages_after_the_draft() -> None:
    moves = [(R.DRAFT, R.SUBMITTED, _at(1)), (R.SUBMITTED, R.DRAFT, _at(2)), (R.DRAFT, R.SUBMITTED, _at(5))]
    stages = timeline_stages(R.SUBMITTED, T0, moves)
    assert stages[0].reached_at == _at(2) and stages[1].reached_at == _at(5) and stages[1].current


def test_a_rejected_recommendation_ends_in_its_own_stage_after_the_vote() -> None:
    moves = [(R.DRAFT, R.SUBMITTED, _at(1)), (R.SUBMITTED, R.SCHEDULED, _at(2)), (R.SCHEDULED, R.VOTING, _at(9)),
             (R.VOTING, R.REJECTED, _at(9))]
    stages = timeline_stages(R.REJECTED, T0, moves)
    assert [s.state for s in stages] == [R.DRAFT, R.SUBMITTED, R.SCHEDULED, R.VOTING, R.REJECTED]
    assert stages[-1].current and stages[-1].reached_at == _at(9)


def test_the_review_stage_is_named_for_the_outcome_reached() -> None:
    path = [R.DRAFT, R.SUBMITTED, R.SCHEDULED, R.VOTING, R.ADOPTED, R.FORWARDED, R.UNDER_REVIEW,
            R.PARTIALLY_IMPLEMENTED]
    moves = [(a, b, _at(i)) for i, (a, b) in enumerate(pairwise(path), start=1)]
    stages = timeline_stages(R.PARTIALLY_IMPLEMENTED, T0, moves)
    assert stages[-1].state == R.PARTIALLY_IMPLEMENTED and stages[-1].current
    assert all(s.reached_at is not None for s in stages)
