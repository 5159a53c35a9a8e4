"""The states of the two default workflows; the values are what the database stores."""

from enum import StrEnum


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
