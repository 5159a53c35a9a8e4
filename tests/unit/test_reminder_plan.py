"""The reminder plan as pure functions: who gets what when, in office hours, across summer-time changes."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from workflow.reminders.plan import (
    AgendaItem,
    Announcement,
    CalendarFacts,
    GroupFacts,
    MeetingFacts,
    Recipient,
    ReminderKind,
    ReminderPolicy,
    ReportFacts,
    plan_reminders,
)
from workflow.reminders.seats import OpenVote, SeatFacts

BERLIN = ZoneInfo("Europe/Berlin")
POLICY = ReminderPolicy()
LEAD = Recipient("lead@example.org", "Leitung", person_id=1)
MEMBER = Recipient("member@example.org", "Mitglied", "en", person_id=2)
SECRETARIAT = Recipient("gs@example.org", "Geschäftsstelle", person_id=3)
BODY = Recipient("stadt@example.org", "Stadt Beispiel", organisation_id=9)
HOLDER = Recipient("holder@example.org", "Inhaberin", person_id=4)
DEPUTY = Recipient("deputy@example.org", "Stellvertretung", person_id=5)
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN)
ITEM = AgendaItem("HE-2026-001", "Empfehlung")


def meeting(start: datetime, **changes) -> MeetingFacts:
    base = MeetingFacts(id=1, title="Sitzung", kind="meeting", starts_at=start, status="planned",
                        agenda=(ITEM,), seats=(SeatFacts("MIN-1", (MEMBER,)),))
    return replace(base, **changes)


def facts(*meetings: MeetingFacts, drafts: tuple[str, ...] = ("Entwurf",), reports=()) -> CalendarFacts:
    group = GroupFacts(id=5, name="AG", active=True, leads=(LEAD,), drafts=drafts)
    return CalendarFacts(meetings=meetings, groups=(group,), reports=reports, secretariat=(SECRETARIAT,))


def local(reminder) -> datetime:
    return reminder.send_at.astimezone(BERLIN)


def by_kind(plan) -> dict[ReminderKind, list]:
    result: dict[ReminderKind, list] = {}
    for r in plan:
        result.setdefault(r.kind, []).append(r)
    return result


def test_a_meeting_yields_the_calendar_of_domain_md_to_the_right_people():
    start = datetime(2026, 6, 16, 10, 0, tzinfo=BERLIN)  # a Tuesday
    plan = by_kind(plan_reminders(facts(meeting(start)), POLICY, NOW))
    assert [local(r).date().isoformat() for r in plan[ReminderKind.CALL_FOR_RECOMMENDATIONS]] == ["2026-04-21"]
    assert [local(r).date().isoformat() for r in plan[ReminderKind.DEADLINE_NEAR]] == ["2026-05-01"]
    assert [local(r).date().isoformat() for r in plan[ReminderKind.INVITATION]] == ["2026-06-02"]
    assert [local(r).date().isoformat() for r in plan[ReminderKind.MEETING_REMINDER]] == ["2026-06-12"]  # Sun→Fri
    assert [r.recipient for r in plan[ReminderKind.CALL_FOR_RECOMMENDATIONS]] == [LEAD]
    assert [r.recipient for r in plan[ReminderKind.INVITATION]] == [MEMBER]
    assert plan[ReminderKind.DEADLINE_NEAR][0].context["drafts"] == ["Entwurf"]


def test_reminders_in_the_weeks_of_the_summer_time_changes_land_at_nine_local_time():
    # 29 March 2026 and 25 October 2026 are the change-over Sundays; meetings two days later.
    for start in (datetime(2026, 3, 31, 10, 0, tzinfo=BERLIN), datetime(2026, 10, 27, 10, 0, tzinfo=BERLIN),
                  datetime(2026, 4, 14, 10, 0, tzinfo=BERLIN), datetime(2026, 11, 10, 10, 0, tzinfo=BERLIN)):
        plan = plan_reminders(facts(meeting(start)), POLICY, start - timedelta(days=200))
        assert plan
        for reminder in plan:
            assert local(reminder).time() == time(9, 0), (reminder.kind, local(reminder))
            assert local(reminder).weekday() < 5
    spring = plan_reminders(facts(meeting(datetime(2026, 4, 14, 10, tzinfo=BERLIN))), POLICY, NOW)
    invitation = next(r for r in spring if r.kind == ReminderKind.INVITATION)
    # Planned across the change: 09:00 CET one side, 09:00 CEST the other, never 08:00 or 10:00.
    assert invitation.send_at == datetime(2026, 3, 31, 7, 0, tzinfo=UTC)


def test_a_moved_meeting_moves_its_reminders_and_keeps_no_stale_one():
    before = plan_reminders(facts(meeting(datetime(2026, 6, 16, 10, tzinfo=BERLIN))), POLICY, NOW)
    after = plan_reminders(facts(meeting(datetime(2026, 6, 30, 10, tzinfo=BERLIN))), POLICY, NOW)
    assert {r.send_at + timedelta(days=14) for r in before} == {r.send_at for r in after}
    assert not {r.dedupe_key for r in before if r.kind != ReminderKind.INVITATION} & {r.dedupe_key for r in after}


def test_a_meeting_moved_after_its_invitation_sends_an_update_now_with_the_next_sequence():
    old = datetime(2026, 1, 20, 10, tzinfo=BERLIN)
    moved = meeting(old + timedelta(days=7), announced=Announcement(0, old))
    invitation = next(r for r in plan_reminders(facts(moved), POLICY, NOW) if r.kind == ReminderKind.INVITATION)
    assert invitation.send_at == NOW and invitation.calendar == (1, 1) and invitation.context["updated"] is True


def test_a_cancelled_meeting_yields_only_a_cancel_to_those_invited_and_nothing_if_never_announced():
    start = datetime(2026, 1, 20, 10, tzinfo=BERLIN)
    announced = meeting(start, status="cancelled", announced=Announcement(0, start))
    plan = plan_reminders(facts(announced), POLICY, NOW)
    assert [(r.kind, r.recipient, r.calendar) for r in plan] == [(ReminderKind.MEETING_CANCELLED, MEMBER, (1, 1))]
    assert plan_reminders(facts(meeting(start, status="cancelled")), POLICY, NOW) == []
    done = meeting(start, status="cancelled", announced=Announcement(1, start, cancelled=True))
    assert plan_reminders(facts(done), POLICY, NOW) == []


def test_a_group_without_drafts_gets_no_deadline_reminder_and_members_who_confirmed_no_meeting_reminder():
    start = datetime(2026, 6, 16, 10, tzinfo=BERLIN)
    confirmed = (SeatFacts("MIN-1", (MEMBER,), attendance="present"),)
    plan = by_kind(plan_reminders(facts(meeting(start, seats=confirmed), drafts=()), POLICY, NOW))
    assert ReminderKind.DEADLINE_NEAR not in plan and ReminderKind.MEETING_REMINDER not in plan
    assert [r.recipient for r in plan[ReminderKind.INVITATION]] == [MEMBER]


def test_the_meeting_reminder_goes_to_holders_of_seats_without_recorded_attendance_and_deputies_of_vacant_ones():
    start = datetime(2026, 6, 16, 10, tzinfo=BERLIN)
    seats = (SeatFacts("MIN-1", (MEMBER,), (DEPUTY,)),  # nothing recorded: its holder is asked
             SeatFacts("MIN-2", (SECRETARIAT,), attendance="absent"),  # sent apologies: nobody
             SeatFacts("MIN-3", (LEAD,), (HOLDER,), attendance="represented"),  # the deputy comes: nobody
             SeatFacts("KLV-GT", (), (HOLDER,)))  # vacant: its deputy is asked
    plan = by_kind(plan_reminders(facts(meeting(start, seats=seats)), POLICY, NOW))
    assert [r.recipient for r in plan[ReminderKind.MEETING_REMINDER]] == [MEMBER, HOLDER]
    assert {r.recipient for r in plan[ReminderKind.INVITATION]} == {MEMBER, SECRETARIAT, LEAD, DEPUTY, HOLDER}


def test_an_invitation_lists_the_agenda_items_in_their_order():
    start = datetime(2026, 6, 16, 10, tzinfo=BERLIN)
    agenda = (AgendaItem("HE-2026-009", "Zweite"), AgendaItem("HE-2026-002", "Erste"))
    plan = by_kind(plan_reminders(facts(meeting(start, agenda=agenda)), POLICY, NOW))
    [invitation] = plan[ReminderKind.INVITATION]
    assert invitation.context["agenda"] == [{"number": "HE-2026-009", "title": "Zweite"},
                                            {"number": "HE-2026-002", "title": "Erste"}]


def procedure(deadline: datetime, seats: tuple[SeatFacts, ...], *votes: OpenVote) -> MeetingFacts:
    return meeting(deadline, kind="written_procedure", seats=seats, votes=votes)


def test_a_written_procedure_reminds_only_seats_that_have_not_voted():
    deadline = datetime(2026, 2, 6, 12, tzinfo=BERLIN)
    seats = (SeatFacts("MIN-1", (MEMBER,), (DEPUTY,)), SeatFacts("MIN-2", (LEAD,)))
    vote = OpenVote(7, deadline, (ITEM,), voted=frozenset({"MIN-2"}))
    [reminder] = plan_reminders(facts(procedure(deadline, seats, vote)), POLICY, NOW)
    assert reminder.kind == ReminderKind.VOTE_REMINDER and reminder.recipient == MEMBER
    assert local(reminder).date().isoformat() == "2026-02-03"
    assert reminder.context["items"] == [{"number": "HE-2026-001", "title": "Empfehlung"}]


def test_a_seat_whose_deputy_voted_is_not_reminded_and_a_vacant_or_absent_holders_seat_reminds_its_deputies():
    deadline = datetime(2026, 2, 6, 12, tzinfo=BERLIN)
    other = Recipient("other@example.org", "Andere Stellvertretung", person_id=6)
    seats = (SeatFacts("MIN-1", (MEMBER,), (DEPUTY,)),  # the deputy voted for the seat: done
             SeatFacts("MIN-2", (), (HOLDER,)),  # vacant: the deputy votes
             SeatFacts("MIN-3", (LEAD,), (other,), attendance="absent"))  # holder recorded absent: the deputy
    vote = OpenVote(7, deadline, (ITEM,), voted=frozenset({"MIN-1"}))
    plan = plan_reminders(facts(procedure(deadline, seats, vote)), POLICY, NOW)
    assert [r.recipient for r in plan] == [HOLDER, other]


def test_a_person_missing_ballots_in_two_votes_gets_one_reminder_listing_only_the_open_items():
    deadline = datetime(2026, 2, 6, 12, tzinfo=BERLIN)
    second = AgendaItem("HE-2026-002", "Zweite")
    third = AgendaItem("HE-2026-003", "Dritte")
    seats = (SeatFacts("MIN-1", (MEMBER,)),)
    votes = (OpenVote(7, deadline, (ITEM,), frozenset({"MIN-1"})), OpenVote(8, deadline, (second,)),
             OpenVote(9, deadline, (third,)))
    [reminder] = plan_reminders(facts(procedure(deadline, seats, *votes)), POLICY, NOW)
    assert [i["number"] for i in reminder.context["items"]] == ["HE-2026-002", "HE-2026-003"]


def test_a_written_procedure_without_an_open_vote_or_past_its_deadline_reminds_nobody():
    deadline = datetime(2026, 2, 6, 12, tzinfo=BERLIN)
    seats = (SeatFacts("MIN-1", (MEMBER,)),)
    assert plan_reminders(facts(procedure(deadline, seats)), POLICY, NOW) == []
    early = OpenVote(7, NOW - timedelta(hours=1), (ITEM,))
    assert plan_reminders(facts(procedure(deadline, seats, early)), POLICY, NOW) == []


def test_a_moved_meeting_is_planned_at_its_new_time():
    start = datetime(2026, 6, 16, 10, tzinfo=BERLIN)
    plan = by_kind(plan_reminders(facts(meeting(start, status="moved")), POLICY, NOW))
    assert [local(r).date().isoformat() for r in plan[ReminderKind.INVITATION]] == ["2026-06-02"]


def test_report_reminders_go_to_bodies_still_missing_a_report_with_a_copy_of_the_overdue_one_to_the_secretariat():
    review = datetime(2026, 11, 17, 10, tzinfo=BERLIN)
    missing = ReportFacts("forwarding:4", "HE-2026-001", "Empfehlung", BODY, review, report_missing=True)
    plan = plan_reminders(facts(reports=(missing,)), POLICY, NOW)
    assert [(r.kind, r.recipient) for r in plan] == [(ReminderKind.REPORT_DUE, BODY),
                                                     (ReminderKind.REPORT_OVERDUE, BODY),
                                                     (ReminderKind.REPORT_OVERDUE, SECRETARIAT)]
    assert local(plan[0]).date().isoformat() == "2026-10-06"
    assert local(plan[1]).date().isoformat() == "2026-10-13"
    reported = replace(missing, report_missing=False)
    assert plan_reminders(facts(reports=(reported,)), POLICY, NOW) == []


def test_the_same_reminder_has_the_same_key_and_different_recipients_different_keys():
    start = datetime(2026, 6, 16, 10, tzinfo=BERLIN)
    seats = (SeatFacts("MIN-1", (MEMBER,)), SeatFacts("MIN-2", (SECRETARIAT,)))
    first = plan_reminders(facts(meeting(start, seats=seats)), POLICY, NOW)
    again = plan_reminders(facts(meeting(start, seats=seats)), POLICY, NOW + timedelta(days=3))
    assert [r.dedupe_key for r in first] == [r.dedupe_key for r in again]
    assert len({r.dedupe_key for r in first}) == len(first)
