"""The kinds of email the network sends; each has one template per language."""

from enum import StrEnum


class MessageKind(StrEnum):
    """One kind of email; the value names its template ``templates/<lang>/<value>.jinja``."""

    CALL_FOR_RECOMMENDATIONS = "call_for_recommendations"
    DEADLINE_NEAR = "deadline_near"
    INVITATION = "invitation"
    MEETING_REMINDER = "meeting_reminder"
    VOTE_REMINDER = "vote_reminder"
    VOTE_RESULT = "vote_result"
    FORWARDING = "forwarding"
    REPORT_DUE = "report_due"
    REPORT_OVERDUE = "report_overdue"
    MEETING_CANCELLED = "meeting_cancelled"
    PASSWORD_LINK = "password_link"
    TEST = "test"
