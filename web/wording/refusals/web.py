"""Refusals of the web application itself (a signed-in account or an API token whose person is gone), declared and
worded here because no service raises them (English message ids; German from refusals.po)."""

from web.i18n import N_
from workflow.engine.errors import RefusalCode


class WebRefusal(RefusalCode):
    """What the pages and the API refuse before any service is asked."""

    ACCOUNT_GONE = "web.account_gone", "not_found"            # (the signed-in person was removed)
    TOKEN_PERSON_GONE = "web.token_person_gone", "not_found"  # (the API token's person was removed)
    IF_MATCH_MALFORMED = "web.if_match_malformed"            # value (an If-Match header that names no version)
    IF_MATCH_STALE = "web.if_match_stale", "precondition_failed"  # label, version, seen (If-Match of an older one)
    CURSOR_MALFORMED = "web.cursor_malformed"                # value (a list's cursor this API never gave)


class FormRefusal(RefusalCode):
    """What a page's form refuses before any service is asked: a field that is not filled in as the form asks."""

    CONFIRM_IRREVERSIBLE = "web.confirm_irreversible"       # event, workflow
    DATE_AND_TIME = "web.date_and_time"                     # field (a message id: the field's label)
    DAY_REQUIRED = "web.day_required"                       # field
    DAY_INVALID = "web.day_invalid"                         # field
    DAY = "web.day"                                         # (a day of a membership)
    PLANNED_END = "web.planned_end"                         # (the planned end of a working group)
    CHOOSE_PERSON = "web.choose_person"                     # (an office's or a seat's person)
    CHOOSE_MEMBER = "web.choose_member"                     # (a working group's member, from the directory)
    CHOOSE_ROLE = "web.choose_role"                         # (lead, deputy lead or member)
    CONFIRM_MEMBERSHIP_END = "web.confirm_membership_end"
    CONFIRM_TOKEN_REVOKE = "web.confirm_token_revoke"       # (the box before an API token is revoked)
    CONFIRM_MEETING_CANCEL = "web.confirm_meeting_cancel"   # (the box before a meeting is cancelled)
    CONFIRM_ERASURE = "web.confirm_erasure"                 # (the box before a person is erased)
    CONFIRM_LINK_REVOKE = "web.confirm_link_revoke"         # (the box before a body's personal link is revoked)
    CHOOSE_ATTENDANCE = "web.choose_attendance"
    CHOOSE_BALLOT = "web.choose_ballot"
    CHOOSE_MEETING = "web.choose_meeting"
    CHOOSE_TOPIC = "web.choose_topic"
    CHECK_FIELDS = "web.check_fields"                       # fields (message ids: the fields' labels)
    NOT_JSON = "web.not_json"                               # line, column


REFUSALS: dict[RefusalCode, str] = {
    WebRefusal.ACCOUNT_GONE: N_("Your account no longer exists; sign in again."),
    WebRefusal.TOKEN_PERSON_GONE: N_("The person this API token belongs to no longer exists; ask the secretariat for a "
                                     "new token."),
    WebRefusal.IF_MATCH_MALFORMED: N_("If-Match must carry the version you saw, e.g. \"3\" (you sent %(value)s)."),
    WebRefusal.IF_MATCH_STALE: N_("%(label)s was changed meanwhile: it is at version %(version)s, If-Match names "
                                  "version %(seen)s. Read it again and send its new ETag."),
    WebRefusal.CURSOR_MALFORMED: N_("The cursor %(value)s was not given out by this list; start again without a "
                                    "cursor and follow the 'next' links."),
    FormRefusal.CONFIRM_IRREVERSIBLE: N_("“%(event)s” cannot be undone: tick “I confirm” on its form to go ahead."),
    FormRefusal.DATE_AND_TIME: N_("Enter the %(field)s as a date and a time, e.g. 18.06.2026 and 10:00."),
    FormRefusal.DAY_REQUIRED: N_("Enter a date in the field “%(field)s”."),
    FormRefusal.DAY_INVALID: N_("Enter the field “%(field)s” as a date, such as 2027-06-30."),
    FormRefusal.DAY: N_("Enter the day as a date, such as 2026-04-01."),
    FormRefusal.PLANNED_END: N_("Enter the planned end as a date, such as 2027-06-30."),
    FormRefusal.CHOOSE_PERSON: N_("Choose the person from the list."),
    FormRefusal.CHOOSE_MEMBER: N_("Choose a person from the directory (enter the name or the email address and pick "
                                  "from the list)."),
    FormRefusal.CHOOSE_ROLE: N_("Choose the role from the list: lead, deputy lead or member."),
    FormRefusal.CONFIRM_MEMBERSHIP_END: N_("Confirm that the membership ends."),
    FormRefusal.CONFIRM_TOKEN_REVOKE: N_("Tick the box to confirm that the API token is revoked; this cannot be "
                                         "undone."),
    FormRefusal.CONFIRM_MEETING_CANCEL: N_("Cancelling a meeting cannot be undone: tick the box that names its "
                                           "consequences to go ahead."),
    FormRefusal.CONFIRM_ERASURE: N_("An erasure cannot be undone: tick the box on its form to go ahead."),
    FormRefusal.CONFIRM_LINK_REVOKE: N_("Revoking a link cannot be undone: tick the box on its form to go ahead."),
    FormRefusal.CHOOSE_ATTENDANCE: N_("Choose present, represented by deputy or absent."),
    FormRefusal.CHOOSE_BALLOT: N_("Choose yes, no or abstain."),
    FormRefusal.CHOOSE_MEETING: N_("Choose the meeting or written procedure from the list."),
    FormRefusal.CHOOSE_TOPIC: N_("Choose the topic from the list."),
    FormRefusal.CHECK_FIELDS: N_("Check these fields of the form: %(fields)s."),
    FormRefusal.NOT_JSON: N_("The composition is not valid JSON (line %(line)s, column %(column)s); check brackets, "
                             "quotes and commas."),
}
