"""What the strategy group's use cases refuse (meetings, attendance, agendas, votes, ballots, seats), as codes.

Each member names its parameters in a comment; the wording lives in ``web/wording/refusals/strategy_group.py``.
"""

from workflow.engine.errors import RefusalCode


class StrategyRefusal(RefusalCode):
    """Refusals of workflow/strategy_group and of the meeting and vote read models."""

    # who may act (``doing`` names the use case, e.g. "open votes"; the wording does not repeat it)
    ROLE_REQUIRED = "strategy_group.role_required", "not_permitted"         # name, email, doing, allowed
    # looking things up
    NO_MEETING = "strategy_group.no_meeting", "not_found"                   # meeting
    NO_VOTE = "strategy_group.no_vote", "not_found"                         # vote
    NO_SEAT_CODE = "strategy_group.no_seat_code", "not_found"               # seat, seats
    NO_TERM = "strategy_group.no_term", "not_found"                         # term
    # ballots
    NO_SEAT = "strategy_group.no_seat", "not_permitted"                     # name, email
    NOT_SEAT_OF = "strategy_group.not_seat_of", "not_permitted"             # name, seat
    SEVERAL_SEATS = "strategy_group.several_seats"                          # name, codes
    SEAT_NOT_ATTENDING = "strategy_group.seat_not_attending", "not_permitted"  # seat, meeting
    SEAT_PRESENT = "strategy_group.seat_present", "not_permitted"           # seat, who
    SEAT_PRESENT_BY_HOLDER = "strategy_group.seat_present_by_holder", "not_permitted"  # seat
    SEAT_REPRESENTED = "strategy_group.seat_represented", "not_permitted"   # seat, who
    SEAT_VOTED_BY_OTHER = "strategy_group.seat_voted_by_other"              # seat, who
    VOTE_CLOSED = "strategy_group.vote_closed"                              # vote, result
    BALLOT_DEADLINE_PASSED = "strategy_group.ballot_deadline_passed"        # vote
    # opening and closing votes
    MEETING_NOT_OPEN_FOR_VOTES = "strategy_group.meeting_not_open_for_votes"  # meeting, status
    MEETING_NOT_BEGUN = "strategy_group.meeting_not_begun"                  # meeting
    NO_QUORUM_TO_OPEN = "strategy_group.no_quorum_to_open"                  # meeting, attending, needed
    VOTE_DEADLINE_PASSED = "strategy_group.vote_deadline_passed"            # deadline
    SILENCE_IN_MEETING = "strategy_group.silence_in_meeting"                # (none)
    NO_DEADLINE_IN_MEETING = "strategy_group.no_deadline_in_meeting"        # (none)
    NOTHING_TO_VOTE_ON = "strategy_group.nothing_to_vote_on"                # (none)
    NOT_SCHEDULED = "strategy_group.not_scheduled"                          # label, state
    NOT_ON_THIS_AGENDA = "strategy_group.not_on_this_agenda"                # label, meeting
    RETURN_NEEDS_REASON = "strategy_group.return_needs_reason"              # (none)
    NO_QUORUM_TO_CLOSE = "strategy_group.no_quorum_to_close"                # vote, participants, total, needed
    RUNS_UNTIL_DEADLINE = "strategy_group.runs_until_deadline"              # vote, deadline, missing
    # the calendar
    MEETING_NEEDS_TITLE = "strategy_group.meeting_needs_title"              # (none)
    MEETING_IN_PAST = "strategy_group.meeting_in_past"                      # when
    DEADLINE_IN_PAST = "strategy_group.deadline_in_past"                    # when
    NEW_DATE_IN_PAST = "strategy_group.new_date_in_past"                    # when
    ENDS_BEFORE_START = "strategy_group.ends_before_start"                  # (none)
    MEETING_NEEDS_PLACE = "strategy_group.meeting_needs_place"              # (none)
    MEETING_NOT_CHANGEABLE = "strategy_group.meeting_not_changeable"        # meeting, status
    MEETING_BEGUN = "strategy_group.meeting_begun"                          # meeting
    MEETING_HAS_OPEN_VOTE = "strategy_group.meeting_has_open_vote"          # meeting
    MEETING_ALREADY = "strategy_group.meeting_already"                      # meeting, status
    MEETING_NOT_BEGUN_HELD = "strategy_group.meeting_not_begun_held"        # meeting
    # attendance
    NO_ATTENDANCE_IN_PROCEDURE = "strategy_group.no_attendance_in_procedure"  # title
    MEETING_CANCELLED_ATTENDANCE = "strategy_group.meeting_cancelled_attendance"  # meeting
    SEAT_WITHOUT_HOLDER = "strategy_group.seat_without_holder"              # seat
    SEAT_WITHOUT_DEPUTY = "strategy_group.seat_without_deputy"              # seat
    SEVERAL_HOLDERS = "strategy_group.several_holders"                      # seat
    SEVERAL_DEPUTIES = "strategy_group.several_deputies"                    # seat
    NOT_HOLDER_OF = "strategy_group.not_holder_of"                          # name, seat
    NOT_DEPUTY_OF = "strategy_group.not_deputy_of"                          # name, seat
    ATTENDANCE_LOCKED = "strategy_group.attendance_locked"                  # seat
    ATTENDANCE_TOO_EARLY = "strategy_group.attendance_too_early"            # meeting, day, starts_at
    ONLY_OWN_ATTENDANCE = "strategy_group.only_own_attendance", "not_permitted"  # name, seat
    NO_SEAT_TO_CHECK_IN = "strategy_group.no_seat_to_check_in", "not_permitted"  # name
    CHECK_IN_CLOSED = "strategy_group.check_in_closed"                      # meeting, status
    ATTENDANCE_TAKEN = "strategy_group.attendance_taken", "conflict"        # seat, who
    # the agenda
    POSITION_OUT_OF_RANGE = "strategy_group.position_out_of_range"          # position, last
    ITEM_NOT_SCHEDULED = "strategy_group.item_not_scheduled"                # label, state
    TARGET_NOT_AHEAD = "strategy_group.target_not_ahead"                    # meeting, status
    NOT_ON_AGENDA = "strategy_group.not_on_agenda", "not_found"             # label, meeting
    # written procedures
    PROCEDURE_ITEM_STATE = "strategy_group.procedure_item_state"            # label, state
    # seats and terms
    SEAT_ROLE_ONLY = "strategy_group.seat_role_only"                        # role
    SEAT_TAKEN = "strategy_group.seat_taken"                                # seat, holder, starts_on, ends_on
    SEAT_TAKEN_OPEN_END = "strategy_group.seat_taken_open_end"              # seat, holder, starts_on
    NO_OPEN_TERM = "strategy_group.no_open_term"                            # name, seat
    TERM_ENDED = "strategy_group.term_ended"                                # term, ended_on
    TERM_ENDS_BEFORE_START = "strategy_group.term_ends_before_start"        # (none)
