"""The reminder plan reads what is recorded: the agenda, attendance and ballots decide who is reminded of what,
and reading the facts takes the same few queries however many meetings, votes and ballots there are."""

from datetime import datetime, timedelta

from models.strategy import AttendanceStatus, Choice
from tests.support.factories import World
from tests.support.statements import counting
from tests.support.strategy import attend, meeting_ahead, scheduled
from workflow.engine.unit_of_work import unit_of_work
from workflow.reminders.facts import load_calendar_facts
from workflow.reminders.plan import PlannedReminder, ReminderKind, ReminderPolicy, plan_reminders
from workflow.strategy_group.agenda import reorder
from workflow.strategy_group.votes import cast_ballot, open_vote


def plan(world: World, kind: ReminderKind, at: datetime | None = None) -> list[PlannedReminder]:
    now = at or world.now
    with world.db.read() as session:
        facts = load_calendar_facts(session, now)
    return [r for r in plan_reminders(facts, ReminderPolicy(), now) if r.kind == kind]


def addresses(reminders: list[PlannedReminder]) -> list[str]:
    return sorted(r.recipient.address for r in reminders)


def test_the_invitation_carries_the_meetings_agenda_items_in_the_secretariats_order(world: World):
    meeting = meeting_ahead(world, 40)
    first = scheduled(world, meeting, "Erste Empfehlung")
    second = scheduled(world, meeting, "Zweite Empfehlung")
    with unit_of_work(world.db) as session:
        reorder(session, meeting.id or 0, second.number or "", 1, actor=world.secretariat, now=world.now)
    invitations = [r for r in plan(world, ReminderKind.INVITATION) if r.subject_ref == f"meeting:{meeting.id}"]
    assert addresses(invitations) == ["chair@example.org", "deputy@example.org", "member@example.org"]
    assert invitations[0].context["agenda"] == [{"number": second.number, "title": "Zweite Empfehlung"},
                                                {"number": first.number, "title": "Erste Empfehlung"}]


def test_the_meeting_reminder_skips_seats_whose_attendance_is_recorded(world: World):
    meeting = meeting_ahead(world, 40)
    reminders = [r for r in plan(world, ReminderKind.MEETING_REMINDER) if r.subject_ref == f"meeting:{meeting.id}"]
    assert addresses(reminders) == ["chair@example.org", "member@example.org"]  # holders; the deputy is not asked
    attend(world, meeting, ["MIN-2"], world.now, AttendanceStatus.REPRESENTED)  # the deputy comes for the member
    reminders = [r for r in plan(world, ReminderKind.MEETING_REMINDER) if r.subject_ref == f"meeting:{meeting.id}"]
    assert addresses(reminders) == ["chair@example.org"]


def written_procedure_with_an_open_vote(world: World) -> tuple[int, str]:
    procedure = meeting_ahead(world, 20, written=True, title="Umlaufverfahren")
    rec = scheduled(world, procedure, "Im Umlauf")
    with unit_of_work(world.db) as session:
        vote = open_vote(session, procedure.id or 0, [rec.number or ""], actor=world.chair, now=world.now)
    return vote.id or 0, rec.number or ""


def test_a_vote_reminder_goes_only_to_seats_that_have_not_voted(world: World):
    vote_id, number = written_procedure_with_an_open_vote(world)
    reminders = plan(world, ReminderKind.VOTE_REMINDER)
    assert addresses(reminders) == ["chair@example.org", "member@example.org"]
    assert reminders[0].context["items"] == [{"number": number, "title": "Im Umlauf"}]
    with unit_of_work(world.db) as session:
        cast_ballot(session, vote_id, Choice.YES, actor=world.chair, now=world.now)
    assert addresses(plan(world, ReminderKind.VOTE_REMINDER)) == ["member@example.org"]


def test_a_seat_whose_deputy_voted_gets_no_vote_reminder_for_its_holder(world: World):
    vote_id, _number = written_procedure_with_an_open_vote(world)
    with unit_of_work(world.db) as session:
        cast_ballot(session, vote_id, Choice.NO, actor=world.deputy, now=world.now)
    assert addresses(plan(world, ReminderKind.VOTE_REMINDER)) == ["chair@example.org"]



def queries_to_load(world: World) -> int:
    with world.db.read() as session, counting(world) as statements:
        load_calendar_facts(session, world.now)
    return len(statements)


def test_reading_the_facts_takes_one_query_each_however_much_is_recorded(world: World):
    written_procedure_with_an_open_vote(world)
    before = queries_to_load(world)
    for days in (30, 50, 70):
        meeting = meeting_ahead(world, days)
        scheduled(world, meeting)
        attend(world, meeting, ["MIN-1"], world.now)
    vote_id, _number = written_procedure_with_an_open_vote(world)
    with unit_of_work(world.db) as session:
        cast_ballot(session, vote_id, Choice.YES, actor=world.member, now=world.now + timedelta(minutes=1))
    assert queries_to_load(world) == before
