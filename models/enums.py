"""Vocabularies shared by tables and rules; values are what the database stores."""

from enum import StrEnum


class OrganisationKind(StrEnum):
    """What kind of institution an organisation is."""

    MINISTRY = "ministry"
    MUNICIPAL_ASSOCIATION = "municipal_association"
    DISTRICT = "district"
    CITY = "city"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class Role(StrEnum):
    """A role a person holds; working-group roles are held *for one group*."""

    SECRETARIAT = "secretariat"
    CHAIR = "chair"
    STRATEGY_MEMBER = "strategy_member"
    DEPUTY = "deputy"
    WG_LEAD = "wg_lead"
    WG_DEPUTY_LEAD = "wg_deputy_lead"
    WG_MEMBER = "wg_member"


# Roles whose assignment names a working group; a transition allowing them means "of this subject's group".
GROUP_SCOPED_ROLES = frozenset({Role.WG_LEAD, Role.WG_DEPUTY_LEAD, Role.WG_MEMBER})
# Roles whose assignment names a seat of the strategy group.
SEAT_ROLES = frozenset({Role.STRATEGY_MEMBER, Role.DEPUTY})


class SeatCategory(StrEnum):
    """The four groups of ordinary seats in the strategy group."""

    MINISTRY = "ministry"
    MUNICIPAL_ASSOCIATION = "municipal_association"
    ADMINISTRATION_HEAD = "administration_head"
    INTEGRATION_COMMISSIONER = "integration_commissioner"


class SeatSubkind(StrEnum):
    """Which association or which level of local government a seat stands for."""

    NONE = "none"
    GEMEINDETAG = "gemeindetag"
    STAEDTETAG = "staedtetag"
    LANDKREISTAG = "landkreistag"
    GEMEINDE = "gemeinde"
    STADT = "stadt"
    LANDKREIS = "landkreis"


class Language(StrEnum):
    """Languages of the user interface and of emails."""

    DE = "de"
    EN = "en"


class MeetingKind(StrEnum):
    """A session of the strategy group, or a written procedure between sessions."""

    MEETING = "meeting"
    WRITTEN_PROCEDURE = "written_procedure"


class MeetingStatus(StrEnum):
    """Where a meeting stands in the calendar."""

    PLANNED = "planned"
    HELD = "held"
    MOVED = "moved"
    CANCELLED = "cancelled"


class RecommendationState(StrEnum):
    """Where a recommendation stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    SCHEDULED = "scheduled"
    VOTING = "voting"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    FORWARDED = "forwarded"
    UNDER_REVIEW = "under_review"
    IMPLEMENTED = "implemented"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    NOT_IMPLEMENTED = "not_implemented"
    WITHDRAWN = "withdrawn"


class WorkingGroupState(StrEnum):
    """Where a working group stands."""

    CONVENED = "convened"
    ACTIVE = "active"
    CONCLUDED = "concluded"
