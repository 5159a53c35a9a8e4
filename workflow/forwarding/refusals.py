"""Refusals of forwarding and review: sending a recommendation to bodies, their links and reports, the review.

Each member's comment names its parameters; the sentences are in ``web/wording/refusals/forwarding.py``.
"""

from workflow.engine.errors import RefusalCode


class ForwardingRefusal(RefusalCode):
    """Refusals of forwarding a recommendation to bodies, of the bodies' links and of their reports."""

    NO_FORWARDING = "forwarding.no_forwarding", "not_found"                  # forwarding
    NOT_FORWARDED_TO = "forwarding.not_forwarded_to"                        # label, body
    NOT_ADOPTED = "forwarding.not_adopted"                                  # label, state
    NO_REPORT = "forwarding.no_report", "not_found"                          # report
    NO_SUGGESTED_BODY = "forwarding.no_suggested_body"                      # report
    NO_LONGER_FORWARDABLE = "forwarding.no_longer_forwardable"              # label, state
    FORWARDED_ALREADY = "forwarding.forwarded_already"                      # label
    NO_ADDRESSEE = "forwarding.no_addressee"                                # label
    NO_BODY_CHOSEN = "forwarding.no_body_chosen"                            # (none)
    BODY_NAMED_TWICE = "forwarding.body_named_twice"                        # body
    BODY_HAS_IT = "forwarding.body_has_it"                                  # label, body
    REVOKE_SECRETARIAT_ONLY = "forwarding.revoke_secretariat_only", "not_permitted"    # name, email, forwarding
    REISSUE_SECRETARIAT_ONLY = "forwarding.reissue_secretariat_only", "not_permitted"  # name, email, forwarding
    ACKNOWLEDGE_SECRETARIAT_ONLY = "forwarding.acknowledge_secretariat_only", "not_permitted"  # name, email, body
    CONTACT_SECRETARIAT_ONLY = "forwarding.contact_secretariat_only", "not_permitted"  # name, email, body
    OVERVIEW_READERS_ONLY = "forwarding.overview_readers_only", "not_permitted"        # name, email
    LINK_NOT_VALID = "forwarding.link_not_valid", "not_found"               # (none: a link tells nothing more)
    REPORTS_CLOSED = "forwarding.reports_closed"                            # label, state
    REPORT_DATE_IN_FUTURE = "forwarding.report_date_in_future"              # date
    NO_ORGANISATION = "forwarding.no_organisation", "not_found"              # organisation
    BODY_NAMES_ITSELF = "forwarding.body_names_itself"                      # body


class ReviewRefusal(RefusalCode):
    """Refusals of the review: its meeting, its start and its conclusion."""

    PLAN_SECRETARIAT_ONLY = "forwarding.plan_review_secretariat_only", "not_permitted"  # name, email, label
    NO_MEETING = "forwarding.no_review_meeting_found", "not_found"          # meeting
    MEETING_CANCELLED = "forwarding.review_meeting_cancelled"               # meeting, title
    MEETING_TAKEN_PLACE = "forwarding.review_meeting_taken_place"           # meeting, title
    NO_ROUND = "forwarding.no_review_round"                                 # label
    ONLY_WHILE_FORWARDED = "forwarding.review_only_while_forwarded"         # label, state
    NO_DEFAULT_MEETING = "forwarding.no_default_review_meeting"             # (none)
    NO_MEETING_PLANNED = "forwarding.no_review_meeting_planned"             # label
    NOT_AN_OUTCOME = "forwarding.not_a_review_outcome"                      # outcome, outcomes
    NEEDS_NOTE = "forwarding.review_needs_note"                             # (none)
    EARLY_NEEDS_REASON = "forwarding.early_review_needs_reason"             # label
