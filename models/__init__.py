"""SQLModel tables and the database session; importing this package registers every table."""

from models.base import UTCDateTime, utcnow
from models.forwarding import Forwarding, ForwardingToken, ImplementationReport, ReviewRound
from models.groups import Topic, WorkingGroup, WorkingGroupCreate
from models.meeting import Meeting
from models.outbox import MeetingAnnouncement, OutboxMessage, OutboxStatus
from models.people import Organisation, OrganisationCreate, Person, PersonCreate, RoleAssignment, Seat
from models.recommendation import (
    Recommendation,
    RecommendationAddressee,
    RecommendationCreate,
    RecommendationUpdate,
    Revision,
)
from models.transition_record import TransitionRecord

__all__ = [
    "Forwarding",
    "ForwardingToken",
    "ImplementationReport",
    "Meeting",
    "MeetingAnnouncement",
    "Organisation",
    "OutboxMessage",
    "OutboxStatus",
    "OrganisationCreate",
    "Person",
    "PersonCreate",
    "Recommendation",
    "RecommendationAddressee",
    "RecommendationCreate",
    "RecommendationUpdate",
    "ReviewRound",
    "Revision",
    "RoleAssignment",
    "Seat",
    "Topic",
    "TransitionRecord",
    "UTCDateTime",
    "WorkingGroup",
    "WorkingGroupCreate",
    "utcnow",
]
