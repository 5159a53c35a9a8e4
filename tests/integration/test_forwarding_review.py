"""The review: its default meeting, the report due date, moving it, following up, and what is overdue."""

from datetime import timedelta

import pytest

from config import Settings
from models.enums import MeetingKind, MeetingStatus
from models.forwarding import ReportStatus
from tests.support.factories import World
from tests.support.forwarding import add_meeting, forwarded
from workflow.engine.errors import InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding import review_calendar
from workflow.forwarding.accountability import network_totals, public_summary, recommendation_overview
from workflow.forwarding.refusals import ReviewRefusal
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge_by_link, report_by_link
from workflow.forwarding.review import conclude_review, follow_up, review_agenda, set_review_meeting, start_review
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import ReminderKind, ReminderPolicy, plan_reminders

DAY = timedelta(days=1)


def _rounds(world: World, rec_id: int) -> list[dict]:
    with world.db.read() as s:
        return recommendation_overview(s, rec_id, world.now)["review_rounds"]


def test_the_default_review_is_the_first_strategy_meeting_six_months_after_forwarding(world: World) -> None:
    add_meeting(world, 150)                                                  # too early
    add_meeting(world, 190, kind=MeetingKind.WRITTEN_PROCEDURE)              # no meeting
    add_meeting(world, 195, status=MeetingStatus.CANCELLED)                  # cancelled
    chosen = add_meeting(world, 200)
    add_meeting(world, 300)
    rec, _links = forwarded(world)
    assert _rounds(world, rec.id or 0)[0]["meeting_id"] == chosen.id
    with world.db.read() as s:
        [row, _] = recommendation_overview(s, rec.id or 0, world.now)["forwardings"]
    assert row.report_due_at == chosen.starts_at - timedelta(weeks=6)


def test_without_a_meeting_far_enough_ahead_the_review_waits_for_one_to_be_named(world: World) -> None:
    rec, _links = forwarded(world)
    assert _rounds(world, rec.id or 0)[0]["meeting_id"] is None
    with pytest.raises(InvalidInput) as refused, unit_of_work(world.db) as s:
        start_review(s, rec.id or 0, world.secretariat, world.now)
    assert refused.value.code is ReviewRefusal.NO_MEETING_PLANNED
    assert refused.value.params["label"] == (rec.number or f"draft #{rec.id}")
    later = add_meeting(world, 250)
    with unit_of_work(world.db) as s:
        set_review_meeting(s, rec.id or 0, None, world.secretariat, world.now)
    assert _rounds(world, rec.id or 0)[0]["meeting_id"] == later.id


def test_the_secretariat_moves_the_review_to_another_meeting_and_others_may_not(world: World) -> None:
    rec, _links = forwarded(world)
    with unit_of_work(world.db) as s:
        set_review_meeting(s, rec.id or 0, world.meeting.id, world.secretariat, world.now)
    assert _rounds(world, rec.id or 0)[0]["meeting_id"] == world.meeting.id
    with pytest.raises(NotPermitted), unit_of_work(world.db) as s:
        set_review_meeting(s, rec.id or 0, None, world.member, world.now)


def test_a_report_missing_after_its_due_date_is_overdue_and_a_not_responsible_body_is_not(world: World) -> None:
    meeting = add_meeting(world, 200)
    rec, (district, city) = forwarded(world)
    with unit_of_work(world.db) as s:
        report_by_link(s, city.token, world.now + DAY, ReportInput(
            status=ReportStatus.NOT_RESPONSIBLE, text="Nicht zuständig.", suggested_body="Landesamt"))
    with unit_of_work(world.db) as s:
        acknowledge_by_link(s, district.token, world.now + DAY, ContactInput(name="Erika Muster"))
    after_due = meeting.starts_at - timedelta(weeks=6) + DAY
    with world.db.read() as s:
        before = recommendation_overview(s, rec.id or 0, after_due - 2 * DAY)
        overview = recommendation_overview(s, rec.id or 0, after_due)
        totals = network_totals(s, after_due)
    assert before["overdue"] == []
    assert overview["overdue"] == ["Landkreis Beispiel"]
    assert (overview["acknowledged"], overview["reported"]) == (2, 1)
    assert (totals["forwarded"], totals["forwardings"], totals["overdue"]) == (1, 2, 1)


def test_a_follow_up_opens_a_new_round_where_only_new_reports_count(world: World) -> None:
    first, second = add_meeting(world, 200), add_meeting(world, 400)
    rec, (district, city) = forwarded(world)
    for link in (district, city):
        with unit_of_work(world.db) as s:
            report_by_link(s, link.token, world.now + 10 * DAY,
                           ReportInput(status=ReportStatus.IN_PROGRESS, text="Begonnen."))
    with unit_of_work(world.db) as s:
        start_review(s, rec.id or 0, world.secretariat, world.now + 150 * DAY,  # brought forward: 50 days early
                     comment="Die Berichte liegen vor.", early=True)
    with unit_of_work(world.db) as s:   # arrives after the review started: not in this round's snapshot
        report_by_link(s, district.token, world.now + 160 * DAY,
                       ReportInput(status=ReportStatus.IMPLEMENTED, text="Fertig."))
    with world.db.read() as s:
        agenda = review_agenda(s, first.id or 0)
    assert [r["status"] for r in agenda[0]["reports"]] == ["in_progress", "in_progress"]
    with pytest.raises(InvalidInput) as no_note, unit_of_work(world.db) as s:
        conclude_review(s, rec.id or 0, "implemented", " ", world.chair, world.now + 200 * DAY)
    assert no_note.value.code is ReviewRefusal.NEEDS_NOTE
    with unit_of_work(world.db) as s:
        follow_up(s, rec.id or 0, "Nochmals berichten.", world.chair, world.now + 200 * DAY, second.id)
    rounds = _rounds(world, rec.id or 0)
    assert [(r["number"], r["meeting_id"], r["outcome"]) for r in rounds] == [
        (1, first.id, "follow_up"), (2, second.id, None)]
    with world.db.read() as s:
        rows = {r.body: r for r in recommendation_overview(s, rec.id or 0, world.now + 400 * DAY)["forwardings"]}
    assert rows["Stadt Beispiel"].report_missing and rows["Stadt Beispiel"].overdue
    assert not rows["Landkreis Beispiel"].report_missing   # its report came after the first review started
    assert world.reload(rec).state == "forwarded"


def test_the_public_summary_names_institutions_but_no_person(world: World) -> None:
    _rec, (district, _city) = forwarded(world)
    with unit_of_work(world.db) as s:
        acknowledge_by_link(s, district.token, world.now, ContactInput(name="Erika Muster",
                                                                        email="erika.muster@example.org"))
    with world.db.read() as s:
        summary = public_summary(s)
    [item] = summary
    assert {b["name"] for b in item["bodies"]} == {"Landkreis Beispiel", "Stadt Beispiel"}
    text = repr(summary)
    for personal in ("Erika", "muster", "@", world.secretariat.name, world.lead.name):
        assert personal not in text


@pytest.mark.parametrize("days_before", [42, 28])
def test_one_setting_dates_the_report_due_in_the_overview_and_in_the_bodies_reminders(
        world: World, days_before: int, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(report_due_days_before_review=days_before)
    monkeypatch.setattr(review_calendar, "get_settings", lambda: settings)
    review = add_meeting(world, 203)  # a Tuesday, as are the due days: no weekend moves a mail to the Friday
    rec, _links = forwarded(world)
    with world.db.read() as s:
        rows = recommendation_overview(s, rec.id or 0, world.now)["forwardings"]
        plan = plan_reminders(load_calendar_facts(s, world.now), ReminderPolicy.from_settings(settings), world.now)
    due_day = (review.starts_at - timedelta(days=days_before)).astimezone(settings.tz).date()
    assert {row.report_due_at.astimezone(settings.tz).date() for row in rows} == {due_day}
    requests = [r for r in plan if r.kind == ReminderKind.REPORT_DUE]
    assert len(requests) == 2 and {r.context["due_date"] for r in requests} == {due_day}
    assert {r.send_at.astimezone(settings.tz).date() for r in requests} == {due_day}
    overdue = [r for r in plan if r.kind == ReminderKind.REPORT_OVERDUE]
    assert {r.send_at.astimezone(settings.tz).date() for r in overdue} == {due_day + 7 * DAY}
