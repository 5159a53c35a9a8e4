"""SQLModel tables and the database session; importing this package registers every table."""

from models.accounts import ApiToken, Credential, LoginThrottle, PasswordLink, WebSession
from models.attachment import Attachment
from models.base import UTCDateTime, utcnow
from models.forwarding import Forwarding, ForwardingToken, ImplementationReport, ReviewRound
from models.groups import Topic, WorkingGroup, WorkingGroupCreate
from models.meeting import Meeting
from models.network import ChangeRecord, NetworkProfile
from models.outbox import MeetingAnnouncement, OutboxMessage, OutboxStatus
from models.people import Organisation, OrganisationCreate, Person, PersonCreate, RoleAssignment, Seat
from models.privacy import PrivacyErasure
from models.recommendation import (
    Recommendation,
    RecommendationAddressee,
    RecommendationCreate,
    RecommendationUpdate,
    Revision,
)
from models.strategy import (
    AgendaItem,
    Attendance,
    Ballot,
    Decision,
    PublicEvent,
    StrategicGoal,
    Vote,
    VoteItem,
)
from models.transition_record import TransitionRecord

__all__ = [
    "AgendaItem",
    "ApiToken",
    "Attachment",
    "Attendance",
    "Ballot",
    "ChangeRecord",
    "Credential",
    "Decision",
    "Forwarding",
    "ForwardingToken",
    "ImplementationReport",
    "LoginThrottle",
    "Meeting",
    "MeetingAnnouncement",
    "NetworkProfile",
    "Organisation",
    "OrganisationCreate",
    "OutboxMessage",
    "OutboxStatus",
    "PasswordLink",
    "Person",
    "PersonCreate",
    "PrivacyErasure",
    "PublicEvent",
    "Recommendation",
    "RecommendationAddressee",
    "RecommendationCreate",
    "RecommendationUpdate",
    "ReviewRound",
    "Revision",
    "RoleAssignment",
    "Seat",
    "StrategicGoal",
    "Topic",
    "TransitionRecord",
    "UTCDateTime",
    "Vote",
    "VoteItem",
    "WebSession",
    "WorkingGroup",
    "WorkingGroupCreate",
    "utcnow",
]
