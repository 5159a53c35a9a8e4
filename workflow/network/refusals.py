"""Refusals of the network's use cases, as codes with their values (worded in ``web/wording/refusals/network.py``).

One enum per area of the room: the directory (people, organisations, roles), the network's profile and first start,
accounts, working groups and topics, public events, memberships, offices, the composition, and imports (the
import's own refusals and the codes of the rows its report refuses). Each member's comment names its values.
"""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from workflow.engine.errors import InvalidInput, RefusalCode


class DirectoryRefusal(RefusalCode):
    """People, organisations and the roles people hold."""

    EMAIL_MISSING = "network.email_missing"
    EMAIL_INVALID = "network.email_invalid"                               # email, reason, field
    EMAIL_TAKEN = "network.email_taken"                                   # email
    NO_PERSON = "network.no_person", "not_found"                          # email
    NO_PERSON_ID = "network.no_person_id", "not_found"                    # id
    PERSON_LEFT = "network.person_left"                                   # name, email
    PERSON_ACTIVE = "network.person_active"                               # name, email
    PERSON_MERGED = "network.person_merged"                               # name, email
    MERGE_INTO_SELF = "network.merge_into_self"
    MERGE_INTO_INACTIVE = "network.merge_into_inactive"                   # name, email
    LEAVING_IN_FUTURE = "network.leaving_in_future"                       # day
    REASON_REQUIRED = "network.reason_required"
    LAST_SECRETARIAT_LEAVES = "network.last_secretariat_leaves"           # name
    NO_ORGANISATION = "network.no_organisation", "not_found"              # ref
    NO_ORGANISATION_ID = "network.no_organisation_id", "not_found"        # id
    ORGANISATION_NAME_TAKEN = "network.organisation_name_taken"           # name
    ORGANISATION_INACTIVE = "network.organisation_inactive"               # name
    ORGANISATION_ACTIVE = "network.organisation_active"                   # name
    ORGANISATION_MERGED = "network.organisation_merged"                   # name
    ORGANISATION_INTO_SELF = "network.organisation_into_self"
    ORGANISATION_INTO_INACTIVE = "network.organisation_into_inactive"     # name
    FIELD_INVALID = "network.field_invalid"                               # field, reason
    ROLE_NEEDS_GROUP = "network.role_needs_group"                         # role
    ROLE_WITHOUT_GROUP = "network.role_without_group"                     # role
    ROLE_NEEDS_SEAT = "network.role_needs_seat"                           # role
    NO_WORKING_GROUP_ID = "network.no_working_group_id", "not_found"      # id
    NO_SEAT_ID = "network.no_seat_id", "not_found"                        # id
    ROLE_FOR_INACTIVE = "network.role_for_inactive"                       # name


class PrivacyRefusal(RefusalCode):
    """Erasing a person (DSGVO Art. 17)."""

    ERASED_ALREADY = "network.erased_already", "conflict"                 # name
    ERASE_LAST_SECRETARIAT = "network.erase_last_secretariat"             # name


class ProfileRefusal(RefusalCode):
    """The network's profile, its legal pages and its first start."""

    NAME_LENGTH = "network.name_length"                                   # field, length
    SHORT_NAME_LENGTH = "network.short_name_length"                       # field, length
    TOO_LONG = "network.too_long"                                         # field, limit, length
    TIMEZONE_UNKNOWN = "network.timezone_unknown"                         # field, timezone
    LANGUAGES_INVALID = "network.languages_invalid"                       # field, languages
    PREFIX_INVALID = "network.prefix_invalid"                             # field, prefix
    PROFILE_CHANGED = "network.profile_changed", "conflict"               # current, expected
    LEGAL_TEXT_UNKNOWN = "network.legal_text_unknown", "not_found"        # which, known
    LEGAL_TEXT_TOO_LONG = "network.legal_text_too_long"                   # field, limit, length
    TEXT_HAS_NUL = "network.text_has_nul"                                 # field
    SECRETARIAT_EXISTS = "network.secretariat_exists", "not_permitted"    # emails
    ADMIN_NAME_LENGTH = "network.admin_name_length"                       # field
    SETUP_CODE_WRONG = "network.setup_code_wrong", "not_permitted"        # field
    PASSWORDS_DIFFER = "network.passwords_differ"                         # field


class AccountRefusal(RefusalCode):
    """Passwords, signing in, set-password links and API tokens."""

    PASSWORD_TOO_SHORT = "network.password_too_short"                     # min
    PASSWORD_TOO_LONG = "network.password_too_long"                       # max
    PASSWORD_IS_EMAIL = "network.password_is_email"
    SIGN_IN_REFUSED = "network.sign_in_refused", "not_permitted"
    SIGN_IN_LOCKED = "network.sign_in_locked", "not_permitted"            # until
    INVITE_INACTIVE = "network.invite_inactive"                           # name, email
    LINK_UNKNOWN = "network.link_unknown", "not_found"
    LINK_WITHOUT_PERSON = "network.link_without_person", "not_found"
    TOKEN_NAME_LENGTH = "network.token_name_length"                       # max
    TOKEN_DAYS = "network.token_days"                                     # min, max
    NO_API_TOKEN = "network.no_api_token", "not_found"                    # id


class GroupRefusal(RefusalCode):
    """Working groups, topics and goals, and the decisions that set them."""

    NO_WORKING_GROUP = "network.no_working_group", "not_found"            # ref
    MAY_NOT_CONVENE = "network.may_not_convene", "not_permitted"          # name, email
    GROUP_NAME_TAKEN = "network.group_name_taken"                         # name
    NO_TOPIC = "network.no_topic", "not_found"                            # ref
    NO_TOPIC_ID = "network.no_topic_id", "not_found"                      # id
    TOPIC_TITLE_SHORT = "network.topic_title_short"
    TOPIC_TITLE_TAKEN = "network.topic_title_taken"                       # title
    GOAL_TITLE_SHORT = "network.goal_title_short"
    DECIDING_MEETING_CANCELLED = "network.deciding_meeting_cancelled"     # meeting
    DECIDING_MEETING_AHEAD = "network.deciding_meeting_ahead"             # meeting
    DECISION_NEEDS_MEETING = "network.decision_needs_meeting"             # event, workflow


class EventRefusal(RefusalCode):
    """Public events (Fachtage and the like)."""

    EVENT_TITLE_SHORT = "network.event_title_short"
    EVENT_IN_PAST = "network.event_in_past"                               # starts_at
    EVENT_ENDS_BEFORE_START = "network.event_ends_before_start"
    NO_EVENT = "network.no_event", "not_found"                            # id
    EVENT_CANCELLED = "network.event_cancelled"                           # id


class MembershipRefusal(RefusalCode):
    """Who belongs to a working group, and in which role."""

    MEMBER_NOT_FOUND = "network.member_not_found", "not_found"            # person
    NOT_A_GROUP_ROLE = "network.not_a_group_role"                         # role
    MAY_NOT_CHANGE_MEMBERS = "network.may_not_change_members", "not_permitted"  # name, email, group
    MAY_NOT_CHANGE_LEAD = "network.may_not_change_lead", "not_permitted"  # name, email, group
    GROUP_CONCLUDED = "network.group_concluded"                           # group
    MEMBER_INACTIVE = "network.member_inactive"                           # name, email
    ALREADY_IN_GROUP = "network.already_in_group"                         # name, role, group, since
    LEAD_TAKEN = "network.lead_taken"                                     # group, name
    DEPUTY_LEAD_TAKEN = "network.deputy_lead_taken"                       # group, name
    NOT_IN_GROUP = "network.not_in_group"                                 # name, group, day
    STARTS_LATER = "network.starts_later"                                 # name, group, since
    SAME_LEAD = "network.same_lead"                                       # name, role, group


class OfficeRefusal(RefusalCode):
    """Terms of the offices: the secretariat and the chair."""

    NOT_AN_OFFICE = "network.not_an_office"                               # role
    OFFICE_FOR_INACTIVE = "network.office_for_inactive"                   # name
    TERM_ENDS_BEFORE_START = "network.term_ends_before_start"             # starts_on
    OVERLAPPING_TERM = "network.overlapping_term"                         # name, role, starts_on, until
    CHAIR_TAKEN = "network.chair_taken"                                   # name, starts_on, until, end_by
    NO_TERM = "network.no_term", "not_found"                              # term
    NO_OPEN_TERM = "network.no_open_term"                                 # name, role
    TERM_OVER = "network.term_over"                                       # term, name, ends_on
    LAST_SECRETARIAT = "network.last_secretariat"                         # name, day


class CompositionRefusal(RefusalCode):
    """The strategy group's composition: categories and seats."""

    NOT_A_LIST = "network.composition_not_a_list"
    EMPTY = "network.composition_empty"
    CATEGORY_WITHOUT_SEATS = "network.category_without_seats"             # category
    CODE_MISSING = "network.composition_code_missing"                     # what, max
    CODE_INVALID = "network.composition_code_invalid"                     # ref, what, max
    LABEL_MISSING = "network.composition_label_missing"                   # what, ref
    LABEL_TOO_LONG = "network.composition_label_too_long"                 # what, ref, max
    CODE_TWICE = "network.composition_code_twice"                         # what, ref
    SEAT_IN_USE = "network.seat_in_use"                                   # ref, names


class ImportRefusal(RefusalCode):
    """An import: the file as a whole, its header line and its cells. The rows' refusals are data of the report
    (``Problem``), known there by their row code (``row_code``: the name after ``network.import_``)."""

    # the file as a whole
    UNKNOWN_KIND = "network.import_unknown_kind"                          # kind, kinds
    FILE_EMPTY = "network.import_file_empty"
    FILE_TOO_LARGE = "network.import_file_too_large"                      # limit
    FILE_UNREADABLE = "network.import_file_unreadable"
    OLD_EXCEL = "network.import_old_excel"
    NO_ROWS = "network.import_no_rows"
    # the header line
    UNKNOWN_COLUMN = "network.import_unknown_column"                      # column, known
    MISSING_COLUMN = "network.import_missing_column"                      # column
    DUPLICATE_COLUMN = "network.import_duplicate_column"                  # column
    # the cells
    REQUIRED = "network.import_required"
    TOO_LONG = "network.import_too_long"                                  # limit
    BAD_CHARACTER = "network.import_bad_character"
    BAD_EMAIL = "network.import_bad_email"                                # value
    BAD_KIND = "network.import_bad_kind"                                  # value, kinds
    BAD_LANGUAGE = "network.import_bad_language"                          # value, languages
    BAD_DATE = "network.import_bad_date"                                  # value
    BAD_NUMBER = "network.import_bad_number"                              # value, low, high
    DUPLICATE_IN_FILE = "network.import_duplicate_in_file"                # value, first
    UNKNOWN_ORGANISATION = "network.import_unknown_organisation"          # value
    ORGANISATION_INACTIVE = "network.import_organisation_inactive"        # value
    PERSON_INACTIVE = "network.import_person_inactive"                    # value
    UNKNOWN_PERSON = "network.import_unknown_person"                      # value
    UNKNOWN_TOPIC = "network.import_unknown_topic"                        # value
    NAMED_TWICE = "network.import_named_twice"                            # value
    LEAD_DIFFERS = "network.import_lead_differs"                          # current, role
    HOLDS_OTHER_ROLE = "network.import_holds_other_role"                  # value, role
    GROUP_CONCLUDED = "network.import_group_concluded"

    @property
    def row_code(self) -> str:
        """The code a report names the refusal by (``bad_email``), as it did before codes had a room."""
        return self.value.removeprefix("network.import_")


Model = TypeVar("Model", bound=BaseModel)


def checked(model: type[Model], **values: Any) -> Model:
    """``model`` built from ``values``; a bad value is refused naming its field (the first one, as forms show)."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "value"
        raise InvalidInput(DirectoryRefusal.FIELD_INVALID, field=field, reason=first["msg"]) from None
