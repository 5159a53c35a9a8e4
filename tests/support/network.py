"""Test data for the network's structure and the secretariat's office: held meetings, topics, mails, events."""

from datetime import timedelta

from sqlmodel import select

from models.enums import MeetingKind, MeetingStatus
from models.groups import Topic, WorkingGroup, WorkingGroupCreate
from models.meeting import Meeting
from models.outbox import OutboxMessage, OutboxStatus
from models.strategy import PublicEvent, PublicEventKind
from notifications.compose.kinds import MessageKind
from notifications.outbox.queue import enqueue
from tests.support.factories import World
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.public_events import add_event
from workflow.network.topics_and_goals import add_goal, add_topic, convene_group
from workflow.reminders.plan import Recipient


def held_meeting(world: World, days_ago: int = 20, title: str = "Frühjahrssitzung") -> Meeting:
    """A strategy meeting that took place ``days_ago`` days before the world's now (written directly: the
    calendar's services refuse to plan the past)."""
    with unit_of_work(world.db) as s:
        meeting = Meeting(title=title, kind=MeetingKind.MEETING, starts_at=world.now - timedelta(days=days_ago),
                          location="Stuttgart", status=MeetingStatus.HELD)
        s.add(meeting)
        s.commit()
        s.refresh(meeting)
        return meeting


def topic_with_goal(world: World, meeting: Meeting, title: str = "Teilhabe") -> Topic:
    """A topic set by ``meeting`` with one strategic goal."""
    with unit_of_work(world.db) as s:
        topic = add_topic(s, title, "Politische Teilhabe stärken", meeting_id=meeting.id, actor=world.secretariat,
                          now=world.now)
        add_goal(s, str(topic.id), f"Ziel zu {title}", "Mehr Beiräte", meeting_id=meeting.id,
                 actor=world.secretariat, now=world.now)
        return topic


def convened_group(world: World, meeting: Meeting, name: str, topic: Topic | None = None, *,
                   staffed: bool = True) -> WorkingGroup:
    """A working group convened by a decision of ``meeting``; ``staffed``: with the world's lead and member."""
    people = {"lead_id": world.lead.id, "member_ids": [world.wg_member.id or 0]} if staffed else {}
    with unit_of_work(world.db) as s:
        return convene_group(s, WorkingGroupCreate(name=name, mandate="Empfehlungen zur Teilhabe erarbeiten",
                                                   planned_member_count=8, topic_id=topic.id if topic else None),
                             meeting_id=meeting.id or 0, actor=world.secretariat, now=world.now,
                             **people)  # type: ignore[arg-type]


def mail(world: World, *, status: OutboxStatus = OutboxStatus.QUEUED, name: str = "Leitung Lange",
         address: str = "lead@example.org", error: str = "", key: str | None = None) -> int:
    """A test mail in the outbox with ``status`` (and the server's answer for failed ones); returns its id."""
    dedupe = key or f"test|{address}|{status}|{name}"
    with unit_of_work(world.db) as s:
        enqueue(s, kind=MessageKind.TEST, recipient=Recipient(address, name), context={"link": "/"},
                dedupe_key=dedupe, now=world.now)
    with unit_of_work(world.db) as s:
        message = s.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe)).one()
        message.status, message.last_error = status, error
        message.attempts = 3 if status == OutboxStatus.FAILED else 0
        s.add(message)
        s.commit()
        return message.id or 0


def fachtag(world: World, title: str = "Fachtag Integration vor Ort", days: int = 30) -> PublicEvent:
    """A public event ``days`` ahead, announced by the secretariat."""
    with unit_of_work(world.db) as s:
        return add_event(s, title=title, kind=PublicEventKind.FACHTAG, starts_at=world.now + timedelta(days=days),
                         ends_at=world.now + timedelta(days=days, hours=6), location="Neues Schloss, Stuttgart",
                         description="Austausch für die Fachöffentlichkeit", actor=world.secretariat, now=world.now)
