"""What the command line adds to a refusal: the command or option that helps (the sentence itself comes from the
one wording table, ``web/wording/refusals``)."""

from notifications.outbox.refusals import OutboxRefusal
from web.i18n import Translator
from web.wording.guard_labels import word_reason
from web.wording.refusals import english
from workflow.engine.errors import EngineRefusal, GuardFailed, Reason, RecoflowError
from workflow.forwarding.refusals import ForwardingRefusal, ReviewRefusal
from workflow.network.refusals import (
    AccountRefusal,
    DirectoryRefusal,
    EventRefusal,
    GroupRefusal,
    PrivacyRefusal,
    ProfileRefusal,
)
from workflow.recommendations.refusals import RecommendationRefusal
from workflow.strategy_group.refusals import StrategyRefusal

# code → a sentence naming the command or option that helps.
HINTS: dict[str, str] = {
    EngineRefusal.NO_SUBJECT: "'recoflow rec list' lists the recommendations.",
    EngineRefusal.TAKES_NO_OUTCOME: "Leave --outcome out.",
    EngineRefusal.NEEDS_OUTCOME: "Give it with --outcome.",
    EngineRefusal.NO_GRAPHVIZ: "Install the Debian package 'graphviz' (make demo does), or use --format mermaid.",
    EngineRefusal.STALE_VERSION: "Show it again ('recoflow rec show') and repeat the command.",
    # forwarding, reports and the review
    ForwardingRefusal.NO_FORWARDING: "'recoflow forwardings list' shows them.",
    ForwardingRefusal.NOT_FORWARDED_TO: "Forward it with 'recoflow forward'.",
    ForwardingRefusal.NO_REPORT: "'recoflow report list REC' shows them.",
    ForwardingRefusal.NO_SUGGESTED_BODY: "Register the body ('recoflow people orgs') and use "
                                         "'recoflow forward REC --to BODY'.",
    ForwardingRefusal.FORWARDED_ALREADY: "Name them with --to.",
    ForwardingRefusal.NO_ADDRESSEE: "Name them with --to.",
    ForwardingRefusal.BODY_HAS_IT: "'recoflow forwardings reissue' sends a new link.",
    ReviewRefusal.NO_DEFAULT_MEETING: "Name a meeting with --meeting ID.",
    ReviewRefusal.NO_MEETING_PLANNED: "Name one with --meeting ID.",
    ReviewRefusal.NEEDS_NOTE: "Give it with --note.",
    ReviewRefusal.EARLY_NEEDS_REASON: "Give it with --reason TEXT.",
    # API tokens
    AccountRefusal.NO_API_TOKEN: "'recoflow tokens list' shows them.",
    AccountRefusal.TOKEN_DAYS: "Give another --days.",
    # erasure
    PrivacyRefusal.ERASE_LAST_SECRETARIAT: "'recoflow roles assign' gives another person the secretariat first.",
    # the outbox
    OutboxRefusal.NO_MAIL: "'recoflow mail outbox' lists them.",
    # recommendations
    RecommendationRefusal.NO_RECOMMENDATION: "'recoflow rec list' shows them.",
    RecommendationRefusal.NO_ATTACHMENT: "'recoflow attachments REF' lists them with their ids.",
    # the strategy group
    StrategyRefusal.NO_MEETING: "'recoflow meetings list' shows them.",
    StrategyRefusal.NO_VOTE: "'recoflow meetings minutes MEETING' lists a meeting's votes.",
    StrategyRefusal.SEVERAL_SEATS: "Name the seat with --seat.",
    StrategyRefusal.NO_QUORUM_TO_OPEN: "Record the attendance with 'recoflow meetings attendance'.",
    StrategyRefusal.VOTE_DEADLINE_PASSED: "Give a later --deadline.",
    StrategyRefusal.NO_DEADLINE_IN_MEETING: "Leave --deadline out.",
    StrategyRefusal.RETURN_NEEDS_REASON: "Give the reason with --comment.",
    StrategyRefusal.NO_QUORUM_TO_CLOSE: "Close it with --return to send it back for revision.",
    StrategyRefusal.MEETING_NEEDS_PLACE: "Give --location or --online-url.",
    StrategyRefusal.ATTENDANCE_TOO_EARLY: "Record it on the meeting's day; 'recoflow meetings list' shows the date.",
    StrategyRefusal.ONLY_OWN_ATTENDANCE: "Record only your own seat (--person left out), or ask the secretariat.",
    StrategyRefusal.ATTENDANCE_TAKEN: "The secretariat corrects it with 'recoflow meetings attendance --as'.",
    StrategyRefusal.SEVERAL_HOLDERS: "Name who attended with --person EMAIL.",
    StrategyRefusal.SEVERAL_DEPUTIES: "Name who attended with --person EMAIL.",
    # the network
    DirectoryRefusal.NO_PERSON: "'recoflow people list' shows who is registered.",
    DirectoryRefusal.NO_ORGANISATION: "'recoflow orgs list' shows them.",
    GroupRefusal.NO_WORKING_GROUP: "'recoflow groups list' shows them.",
    GroupRefusal.NO_TOPIC: "'recoflow topics list' shows them.",
    EventRefusal.NO_EVENT: "'recoflow events list' shows them.",
    ProfileRefusal.PROFILE_CHANGED: "Show the profile again ('recoflow network show') and repeat the command.",
}


# A guard's reason code → the command or option that helps (placeholders: the reason's parameters).
GUARD_HINTS: dict[str, str] = {
    "comment_missing": "Give it with --comment.",
    "rationale_missing": "Add one with 'recoflow rec edit REC --rationale'.",
    "addressee_missing": "Propose one with 'recoflow rec edit REC --addressee BODY'.",
    "meeting_missing": "Name it with --meeting ID ('recoflow meetings list' shows them).",
    "meeting_unknown": "'recoflow meetings list' shows them.",
    "forward_through_service": "Forward it with 'recoflow forward %(recommendation)s --to BODY' (without --to: to "
                               "its proposed addressees).",
    "group_without_lead": "Name one with 'recoflow groups lead'.",
    "group_without_members": "Add one with 'recoflow groups join'.",
    "review_meeting_ahead": "To start it before that day, bring it forward with --early --reason TEXT.",
    "decided_by_open_vote": "Close it with 'recoflow vote close %(vote)s' (with --return to send it back for "
                            "revision).",
}
_ENGLISH = Translator("en")


def reason_text(reason: Reason) -> str:
    """A guard's reason as the command line prints it: the English sentence and the command that helps."""
    text = word_reason(reason, _ENGLISH, for_pages=False)
    hint = GUARD_HINTS.get(reason.code)
    return f"{text} {hint % reason.parameters}" if hint else text


def error_line(error: RecoflowError) -> str:
    """The refusal as the command line prints it: the English sentence and, where one helps, the command."""
    if isinstance(error, GuardFailed):
        return english(error, reason=reason_text)
    hint = HINTS.get(error.code)
    text = english(error)
    return f"{text} {hint}" if hint else text
