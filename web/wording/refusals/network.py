"""Refusals of workflow/network (English message ids; German from refusals_network.po)."""

from web.i18n import N_
from workflow.engine.errors import RefusalCode
from workflow.network.refusals import (
    AccountRefusal,
    CompositionRefusal,
    DirectoryRefusal,
    EventRefusal,
    GroupRefusal,
    ImportRefusal,
    MembershipRefusal,
    OfficeRefusal,
    PrivacyRefusal,
    ProfileRefusal,
)

DIRECTORY: dict[RefusalCode, str] = {
    DirectoryRefusal.EMAIL_MISSING: N_("Enter an email address."),
    DirectoryRefusal.EMAIL_INVALID: N_("“%(email)s” is not a valid email address."),
    DirectoryRefusal.EMAIL_TAKEN: N_("A person with the email address %(email)s is registered already."),
    DirectoryRefusal.NO_PERSON: N_("No person is registered with the email address %(email)s."),
    DirectoryRefusal.NO_PERSON_ID: N_("There is no person with the number %(id)s."),
    DirectoryRefusal.PERSON_LEFT: N_("%(name)s has already left."),
    DirectoryRefusal.PERSON_ACTIVE: N_("%(name)s is active already."),
    DirectoryRefusal.PERSON_MERGED: N_("%(name)s was merged into another person; edit that person instead."),
    DirectoryRefusal.MERGE_INTO_SELF: N_("A person cannot be merged into themselves."),
    DirectoryRefusal.MERGE_INTO_INACTIVE: N_("%(name)s has left; merge into an active person."),
    DirectoryRefusal.LEAVING_IN_FUTURE: N_("A person leaves today or on a past day, not on %(day)s."),
    DirectoryRefusal.REASON_REQUIRED: N_("Please give a reason; the record keeps it."),
    DirectoryRefusal.LAST_SECRETARIAT_LEAVES: N_("%(name)s holds the last secretariat term in force, and someone must "
                                                 "be able to run the office: give another person the secretariat "
                                                 "role first."),
    DirectoryRefusal.NO_ORGANISATION: N_("There is no organisation “%(ref)s”."),
    DirectoryRefusal.NO_ORGANISATION_ID: N_("There is no organisation with the number %(id)s."),
    DirectoryRefusal.ORGANISATION_NAME_TAKEN: N_("An organisation named “%(name)s” exists already."),
    DirectoryRefusal.ORGANISATION_INACTIVE: N_("The organisation “%(name)s” is deactivated; choose an active one."),
    DirectoryRefusal.ORGANISATION_ACTIVE: N_("The organisation “%(name)s” is active already."),
    DirectoryRefusal.ORGANISATION_MERGED: N_("The organisation “%(name)s” was merged into another one; edit that one "
                                             "instead."),
    DirectoryRefusal.ORGANISATION_INTO_SELF: N_("An organisation cannot be merged into itself."),
    DirectoryRefusal.ORGANISATION_INTO_INACTIVE: N_("The organisation “%(name)s” is deactivated; merge into an active "
                                                    "one."),
    DirectoryRefusal.FIELD_INVALID: N_("Please check the field “%(field)s”."),
    DirectoryRefusal.ROLE_NEEDS_GROUP: N_("The role %(role)s is held for a working group: name the group."),
    DirectoryRefusal.ROLE_WITHOUT_GROUP: N_("The role %(role)s is not held for a working group; leave the group out."),
    DirectoryRefusal.ROLE_NEEDS_SEAT: N_("The role %(role)s is held for a seat of the strategy group: name the seat."),
    DirectoryRefusal.NO_WORKING_GROUP_ID: N_("There is no working group with the number %(id)s."),
    DirectoryRefusal.NO_SEAT_ID: N_("There is no seat with the number %(id)s."),
    DirectoryRefusal.ROLE_FOR_INACTIVE: N_("%(name)s has left the network; a person who has left cannot be given a "
                                           "role."),
}

PROFILE: dict[RefusalCode, str] = {
    ProfileRefusal.NAME_LENGTH: N_("The network's name must have 3 to 200 characters."),
    ProfileRefusal.SHORT_NAME_LENGTH: N_("The short name may have at most 50 characters."),
    ProfileRefusal.TOO_LONG: N_("This field may have at most %(limit)s characters (it has %(length)s)."),
    ProfileRefusal.TIMEZONE_UNKNOWN: N_("“%(timezone)s” is not a known time zone; use a name such as Europe/Berlin."),
    ProfileRefusal.LANGUAGES_INVALID: N_("Choose the languages the network offers, the default language first."),
    ProfileRefusal.PREFIX_INVALID: N_("The number prefix may have 1 to 10 characters: capital letters A–Z, digits or "
                                      "hyphens."),
    ProfileRefusal.PROFILE_CHANGED: N_("Someone else saved the profile meanwhile; nothing was saved. Reload the page "
                                       "and make your change again."),
    ProfileRefusal.LEGAL_TEXT_UNKNOWN: N_("There is no such legal page."),
    ProfileRefusal.LEGAL_TEXT_TOO_LONG: N_("The text may have at most %(limit)s characters (it has %(length)s)."),
    ProfileRefusal.TEXT_HAS_NUL: N_("The text contains a character that cannot be saved; remove it."),
    ProfileRefusal.SECRETARIAT_EXISTS: N_("The network has a secretariat already (%(emails)s); the first start is "
                                          "over."),
    ProfileRefusal.ADMIN_NAME_LENGTH: N_("Enter the name (2 to 200 characters)."),
    ProfileRefusal.SETUP_CODE_WRONG: N_("The setup code is wrong or expired. Print a new one on the server with the "
                                        "command that creates the database."),
    ProfileRefusal.PASSWORDS_DIFFER: N_("The two passwords differ; type the same password twice."),
}

ACCOUNTS: dict[RefusalCode, str] = {
    AccountRefusal.PASSWORD_TOO_SHORT: N_("The password is too short: use at least %(min)s characters."),
    AccountRefusal.PASSWORD_TOO_LONG: N_("The password is too long: use at most %(max)s characters."),
    AccountRefusal.PASSWORD_IS_EMAIL: N_("The password must not be your email address; choose another one."),
    AccountRefusal.SIGN_IN_REFUSED: N_("The email or the password is wrong; check both, or ask the secretariat for a "
                                       "set-password link."),
    AccountRefusal.SIGN_IN_LOCKED: N_("Too many failed sign-ins: wait until the lock ends, or ask the secretariat "
                                      "for a new set-password link."),
    AccountRefusal.INVITE_INACTIVE: N_("%(name)s <%(email)s> is deactivated; reactivate the person first."),
    AccountRefusal.LINK_UNKNOWN: N_("This set-password link is unknown, used or expired; ask the secretariat for a "
                                    "new one."),
    AccountRefusal.LINK_WITHOUT_PERSON: N_("This set-password link belongs to no active person; ask the "
                                           "secretariat."),
    AccountRefusal.TOKEN_NAME_LENGTH: N_("Name the token (1 to %(max)s characters), e.g. after the integration that "
                                         "uses it."),
    AccountRefusal.TOKEN_DAYS: N_("A token lives from %(min)s to %(max)s days."),
    AccountRefusal.NO_API_TOKEN: N_("There is no API token %(id)s of yours."),
}

GROUPS: dict[RefusalCode, str] = {
    GroupRefusal.NO_WORKING_GROUP: N_("There is no working group “%(ref)s”."),
    GroupRefusal.MAY_NOT_CONVENE: N_("%(name)s may not convene working groups: only the chair or the secretariat "
                                     "may."),
    GroupRefusal.GROUP_NAME_TAKEN: N_("A working group named “%(name)s” exists already."),
    GroupRefusal.NO_TOPIC: N_("There is no topic “%(ref)s”."),
    GroupRefusal.NO_TOPIC_ID: N_("There is no topic with the number %(id)s."),
    GroupRefusal.TOPIC_TITLE_SHORT: N_("Give the topic a title of at least three characters."),
    GroupRefusal.TOPIC_TITLE_TAKEN: N_("A topic named “%(title)s” exists already."),
    GroupRefusal.GOAL_TITLE_SHORT: N_("Give the goal a title of at least three characters."),
    GroupRefusal.DECIDING_MEETING_CANCELLED: N_("Meeting %(meeting)s is cancelled; it decided nothing."),
    GroupRefusal.DECIDING_MEETING_AHEAD: N_("Meeting %(meeting)s has not taken place yet; record its decisions once "
                                            "it has."),
    GroupRefusal.DECISION_NEEDS_MEETING: N_("Name the meeting or written procedure that decided the step "
                                            "“%(event)s” for the working group."),
}

EVENTS: dict[RefusalCode, str] = {
    EventRefusal.EVENT_TITLE_SHORT: N_("Give the event a title of at least three characters."),
    EventRefusal.EVENT_IN_PAST: N_("The event would start in the past (%(starts_at)s); give a later time."),
    EventRefusal.EVENT_ENDS_BEFORE_START: N_("An event cannot end before it starts."),
    EventRefusal.NO_EVENT: N_("There is no event %(id)s."),
    EventRefusal.EVENT_CANCELLED: N_("Event %(id)s is cancelled already."),
}

MEMBERSHIPS: dict[RefusalCode, str] = {
    MembershipRefusal.MEMBER_NOT_FOUND: N_("The chosen person is not in the directory; choose a person from the "
                                           "list."),
    MembershipRefusal.NOT_A_GROUP_ROLE: N_("Choose the role from the list: lead, deputy lead or member."),
    MembershipRefusal.MAY_NOT_CHANGE_MEMBERS: N_("%(name)s may not change the members of the working group "
                                                 "“%(group)s”: only the secretariat, the chair, or the group's lead "
                                                 "for its ordinary members may."),
    MembershipRefusal.MAY_NOT_CHANGE_LEAD: N_("%(name)s may not change the lead of the working group “%(group)s”: only "
                                              "the secretariat or the chair may."),
    MembershipRefusal.GROUP_CONCLUDED: N_("The working group “%(group)s” is concluded; its members no longer change."),
    MembershipRefusal.MEMBER_INACTIVE: N_("%(name)s is no longer active and cannot join a working group."),
    MembershipRefusal.ALREADY_IN_GROUP: N_("%(name)s belongs to the working group “%(group)s” already (since "
                                           "%(since)s); a person holds one role in a group at a time."),
    MembershipRefusal.LEAD_TAKEN: N_("The working group “%(group)s” has a lead already (%(name)s); use “Change the "
                                     "lead” instead."),
    MembershipRefusal.DEPUTY_LEAD_TAKEN: N_("The working group “%(group)s” has a deputy lead already (%(name)s); use "
                                            "“Change the lead” with “deputy lead” instead."),
    MembershipRefusal.NOT_IN_GROUP: N_("%(name)s does not belong to the working group “%(group)s” on %(day)s."),
    MembershipRefusal.STARTS_LATER: N_("%(name)s joins the working group “%(group)s” only on %(since)s; a membership "
                                       "cannot end before it starts."),
    MembershipRefusal.SAME_LEAD: N_("%(name)s already holds this role in the working group “%(group)s”."),
}

OFFICES: dict[RefusalCode, str] = {
    OfficeRefusal.NOT_AN_OFFICE: N_("%(role)s is not an office with terms; the offices are the secretariat and the "
                                    "chair."),
    OfficeRefusal.OFFICE_FOR_INACTIVE: N_("%(name)s has left the network; a person who has left cannot be given an "
                                          "office."),
    OfficeRefusal.TERM_ENDS_BEFORE_START: N_("A term cannot end before it starts (%(starts_on)s)."),
    OfficeRefusal.OVERLAPPING_TERM: N_("%(name)s already holds the office “%(role)s” from %(starts_on)s until "
                                       "%(until)s; terms of the same person in the same office cannot overlap."),
    OfficeRefusal.CHAIR_TAKEN: N_("%(name)s holds the chair from %(starts_on)s until %(until)s. The network has one "
                                  "chair at a time: end that term on %(end_by)s or earlier first."),
    OfficeRefusal.NO_TERM: N_("There is no secretariat or chair term with the number %(term)s."),
    OfficeRefusal.NO_OPEN_TERM: N_("%(name)s holds no open term in the office “%(role)s”."),
    OfficeRefusal.TERM_OVER: N_("The term of %(name)s ended already on %(ends_on)s."),
    OfficeRefusal.LAST_SECRETARIAT: N_("%(name)s holds the last secretariat term in force, and someone must be able to "
                                       "run the office. First give another person a secretariat term from %(day)s."),
}

COMPOSITION: dict[RefusalCode, str] = {
    CompositionRefusal.NOT_A_LIST: N_("The composition is a list of seat categories, each with a code, a label and "
                                      "its seats."),
    CompositionRefusal.EMPTY: N_("The composition needs at least one seat."),
    CompositionRefusal.CATEGORY_WITHOUT_SEATS: N_("The category %(category)s has no seats; give it at least one."),
    CompositionRefusal.CODE_MISSING: N_("Each %(what)s needs a code (at most %(max)s letters, digits, “-” or “_”)."),
    CompositionRefusal.CODE_INVALID: N_("The code “%(ref)s” of a %(what)s may have at most %(max)s letters, digits, "
                                        "“-” or “_”."),
    CompositionRefusal.LABEL_MISSING: N_("The %(what)s %(ref)s needs a label."),
    CompositionRefusal.LABEL_TOO_LONG: N_("The label of the %(what)s %(ref)s is longer than %(max)s characters."),
    CompositionRefusal.CODE_TWICE: N_("The %(what)s code %(ref)s is given twice; codes are unique."),
    CompositionRefusal.SEAT_IN_USE: N_("Seat %(ref)s has an open term (%(names)s); end the term before removing the "
                                       "seat."),
}

IMPORTS: dict[RefusalCode, str] = {
    ImportRefusal.UNKNOWN_KIND: N_("There is no list of “%(kind)s” to import; the lists are %(kinds)s."),
    ImportRefusal.FILE_EMPTY: N_("The file is empty."),
    ImportRefusal.FILE_TOO_LARGE: N_("The file is larger than %(limit)s MB; split it into several files."),
    ImportRefusal.FILE_UNREADABLE: N_("The file can be read neither as CSV nor as an XLSX workbook."),
    ImportRefusal.OLD_EXCEL: N_("The file is an old Excel workbook (.xls); save it as XLSX or CSV and import that."),
    ImportRefusal.NO_ROWS: N_("The file has a header line but no rows below it."),
    ImportRefusal.UNKNOWN_COLUMN: N_("The column “%(column)s” is not one of this list's columns (%(known)s)."),
    ImportRefusal.MISSING_COLUMN: N_("The column “%(column)s” is missing; this list needs it."),
    ImportRefusal.DUPLICATE_COLUMN: N_("The column “%(column)s” appears twice."),
    ImportRefusal.REQUIRED: N_("This field must not be empty."),
    ImportRefusal.TOO_LONG: N_("The text is longer than %(limit)s characters."),
    ImportRefusal.BAD_CHARACTER: N_("The text contains a control character that cannot be stored."),
    ImportRefusal.BAD_EMAIL: N_("“%(value)s” is not a valid email address."),
    ImportRefusal.BAD_KIND: N_("“%(value)s” is not a kind of organisation; use one of %(kinds)s."),
    ImportRefusal.BAD_LANGUAGE: N_("“%(value)s” is not a language of the network; use one of %(languages)s."),
    ImportRefusal.BAD_DATE: N_("“%(value)s” is not a date; write it as 31.12.2027 or 2027-12-31."),
    ImportRefusal.BAD_NUMBER: N_("“%(value)s” is not a whole number from %(low)s to %(high)s."),
    ImportRefusal.DUPLICATE_IN_FILE: N_("“%(value)s” is in line %(first)s of this file already."),
    ImportRefusal.UNKNOWN_ORGANISATION: N_("There is no organisation named “%(value)s”; import the organisations "
                                           "first."),
    ImportRefusal.ORGANISATION_INACTIVE: N_("The organisation “%(value)s” has been deactivated or merged into "
                                            "another."),
    ImportRefusal.PERSON_INACTIVE: N_("The person with the email address %(value)s has left or was merged into "
                                      "another; reactivate them before importing them again."),
    ImportRefusal.UNKNOWN_PERSON: N_("No person is registered with the email address %(value)s; import the people "
                                     "first."),
    ImportRefusal.UNKNOWN_TOPIC: N_("There is no topic “%(value)s”."),
    ImportRefusal.NAMED_TWICE: N_("%(value)s is named more than once for this working group; a person is its lead, "
                                  "its deputy lead or a member."),
    ImportRefusal.LEAD_DIFFERS: N_("The working group has %(current)s as its %(role)s; a change of lead is made on "
                                   "the group's page, not by an import."),
    ImportRefusal.HOLDS_OTHER_ROLE: N_("%(value)s is %(role)s of this working group already."),
    ImportRefusal.GROUP_CONCLUDED: N_("The working group is concluded; nobody can join it any more."),
}

PRIVACY: dict[RefusalCode, str] = {
    PrivacyRefusal.ERASED_ALREADY: N_("%(name)s was erased already; the record names them by this pseudonym."),
    PrivacyRefusal.ERASE_LAST_SECRETARIAT: N_("%(name)s holds the last secretariat term in force, and someone must be "
                                              "able to run the office after the erasure: give another person the "
                                              "secretariat role first, then erase."),
}

REFUSALS: dict[RefusalCode, str] = {
    **DIRECTORY, **PROFILE, **ACCOUNTS, **GROUPS, **EVENTS, **MEMBERSHIPS, **OFFICES, **COMPOSITION, **IMPORTS,
    **PRIVACY,
}
