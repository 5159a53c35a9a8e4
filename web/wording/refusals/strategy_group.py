"""Refusals of workflow/strategy_group (English message ids; German from refusals_strategy_group.po)."""

from web.i18n import N_
from workflow.engine.errors import RefusalCode
from workflow.strategy_group.refusals import StrategyRefusal
from workflow.strategy_group.seat_holders import Action

REFUSALS: dict[RefusalCode, str] = {
    StrategyRefusal.ROLE_REQUIRED: N_("Only %(roles)s may %(doing)s."),
    StrategyRefusal.NO_MEETING: N_("There is no meeting %(meeting)s."),
    StrategyRefusal.NO_VOTE: N_("There is no vote %(vote)s."),
    StrategyRefusal.NO_SEAT_CODE: N_("There is no seat '%(seat)s'; the seats are %(seats)s."),
    StrategyRefusal.NO_TERM: N_("There is no seat term with id %(term)s."),
    StrategyRefusal.NO_SEAT: N_("You hold no seat of the strategy group and are no deputy; only seat holders and "
                                "their deputies vote."),
    StrategyRefusal.NOT_SEAT_OF: N_("You are neither holder nor deputy of seat %(seat)s."),
    StrategyRefusal.SEVERAL_SEATS: N_("You sit for several seats (%(codes)s); choose the seat you vote for."),
    StrategyRefusal.SEAT_NOT_ATTENDING: N_("Seat %(seat)s is not recorded as present or represented at this meeting; "
                                           "in a meeting only present or represented seats vote."),
    StrategyRefusal.SEAT_PRESENT: N_("Seat %(seat)s is present at this meeting through %(who)s; only they vote for "
                                     "it."),
    StrategyRefusal.SEAT_PRESENT_BY_HOLDER: N_("Seat %(seat)s is present at this meeting through its holder; only "
                                               "they vote for it."),
    StrategyRefusal.SEAT_REPRESENTED: N_("Seat %(seat)s is represented at this meeting by %(who)s; only they vote "
                                         "for it."),
    StrategyRefusal.SEAT_VOTED_BY_OTHER: N_("Seat %(seat)s has voted already, through %(who)s; a seat votes once, by "
                                            "its holder or its deputy, never both."),
    StrategyRefusal.VOTE_CLOSED: N_("This vote is closed (%(result)s); its ballots and its result can no longer "
                                    "change."),
    StrategyRefusal.BALLOT_DEADLINE_PASSED: N_("The deadline of this vote has passed; no more ballots are accepted."),
    StrategyRefusal.MEETING_NOT_OPEN_FOR_VOTES: N_("This meeting is %(status)s; votes open only in meetings not yet "
                                                   "closed."),
    StrategyRefusal.MEETING_NOT_BEGUN: N_("The meeting has not begun yet; its votes open once it has."),
    StrategyRefusal.NO_QUORUM_TO_OPEN: N_("Only %(attending)s seats are present or represented; a vote needs a "
                                          "quorum of %(needed)s. Record the attendance first."),
    StrategyRefusal.VOTE_DEADLINE_PASSED: N_("The deadline %(deadline)s has passed; choose a later deadline."),
    StrategyRefusal.SILENCE_IN_MEETING: N_("The silence procedure runs as a written procedure; choose another rule "
                                           "in a meeting."),
    StrategyRefusal.NO_DEADLINE_IN_MEETING: N_("A vote in a meeting has no deadline."),
    StrategyRefusal.NOTHING_TO_VOTE_ON: N_("Choose at least one recommendation to vote on."),
    StrategyRefusal.NOT_SCHEDULED: N_("%(label)s is not scheduled; only scheduled recommendations can be put to the "
                                      "vote."),
    StrategyRefusal.NOT_ON_THIS_AGENDA: N_("%(label)s is not on the agenda of this meeting; move it there first."),
    StrategyRefusal.RETURN_NEEDS_REASON: N_("Say why the strategy group returns it for revision."),
    StrategyRefusal.NO_QUORUM_TO_CLOSE: N_("The vote has no quorum yet: %(participants)s of %(total)s seats voted, "
                                           "%(needed)s are needed. Wait for more ballots, or return the "
                                           "recommendations for revision."),
    StrategyRefusal.RUNS_UNTIL_DEADLINE: N_("The vote runs until %(deadline)s and closes then on its own; "
                                            "%(missing)s occupied seats have not voted yet."),
    StrategyRefusal.MEETING_NEEDS_TITLE: N_("Give the meeting a title."),
    StrategyRefusal.MEETING_IN_PAST: N_("The meeting lies in the past (%(when)s); choose a time after now."),
    StrategyRefusal.DEADLINE_IN_PAST: N_("The deadline lies in the past (%(when)s); choose a time after now."),
    StrategyRefusal.NEW_DATE_IN_PAST: N_("The new date lies in the past (%(when)s); choose a time after now."),
    StrategyRefusal.ENDS_BEFORE_START: N_("A meeting cannot end before it starts; choose an end after the start."),
    StrategyRefusal.MEETING_NEEDS_PLACE: N_("Give a place or an online link for the meeting."),
    StrategyRefusal.MEETING_NOT_CHANGEABLE: N_("This meeting is %(status)s; only planned or moved meetings can "
                                               "change."),
    StrategyRefusal.MEETING_BEGUN: N_("This meeting has already begun; it can no longer be moved or cancelled."),
    StrategyRefusal.MEETING_HAS_OPEN_VOTE: N_("This meeting has an open vote; close it before cancelling the meeting."),
    StrategyRefusal.MEETING_ALREADY: N_("This meeting is %(status)s already."),
    StrategyRefusal.MEETING_NOT_BEGUN_HELD: N_("This meeting has not begun yet; it can be recorded as held once it "
                                               "has."),
    StrategyRefusal.NO_ATTENDANCE_IN_PROCEDURE: N_("A written procedure has no attendance; every seat may vote."),
    StrategyRefusal.MEETING_CANCELLED_ATTENDANCE: N_("This meeting is cancelled; nobody attends it."),
    StrategyRefusal.SEAT_WITHOUT_HOLDER: N_("Seat %(seat)s has no holder today, so it cannot be recorded as present."),
    StrategyRefusal.SEAT_WITHOUT_DEPUTY: N_("Seat %(seat)s has no deputy today, so it cannot be recorded as "
                                            "represented."),
    StrategyRefusal.SEVERAL_HOLDERS: N_("Seat %(seat)s has several holders; choose who attended."),
    StrategyRefusal.SEVERAL_DEPUTIES: N_("Seat %(seat)s has several deputies; choose who attended."),
    StrategyRefusal.NOT_HOLDER_OF: N_("%(name)s is not a holder of seat %(seat)s."),
    StrategyRefusal.NOT_DEPUTY_OF: N_("%(name)s is not a deputy of seat %(seat)s."),
    StrategyRefusal.ATTENDANCE_LOCKED: N_("Seat %(seat)s has voted in an open vote of this meeting; its attendance "
                                          "can change only after that vote is closed."),
    StrategyRefusal.ATTENDANCE_TOO_EARLY: N_("Attendance is recorded from the meeting's day on; this meeting begins "
                                             "%(starts_at)s."),
    StrategyRefusal.ONLY_OWN_ATTENDANCE: N_("You can record only your own attendance, at a seat you hold or deputise; "
                                            "the secretariat records seat %(seat)s."),
    StrategyRefusal.NO_SEAT_TO_CHECK_IN: N_("You hold no seat of the strategy group and are no deputy; there is no "
                                            "seat to check in for."),
    StrategyRefusal.CHECK_IN_CLOSED: N_("This meeting is %(status)s; checking in is possible only until it is "
                                        "recorded as held. The secretariat can still correct the attendance."),
    StrategyRefusal.ATTENDANCE_TAKEN: N_("Seat %(seat)s is already recorded as attended by %(who)s; the "
                                         "secretariat can correct this."),
    StrategyRefusal.POSITION_OUT_OF_RANGE: N_("Position %(position)s is not on the agenda; choose 1 to %(last)s."),
    StrategyRefusal.ITEM_NOT_SCHEDULED: N_("%(label)s is not scheduled; only scheduled items can move to another "
                                           "meeting."),
    StrategyRefusal.TARGET_NOT_AHEAD: N_("The chosen meeting is %(status)s or has begun; choose a meeting ahead."),
    StrategyRefusal.NOT_ON_AGENDA: N_("%(label)s is not on the agenda of this meeting."),
    StrategyRefusal.PROCEDURE_ITEM_STATE: N_("%(label)s is neither submitted nor scheduled; a written procedure "
                                             "decides submitted or scheduled recommendations."),
    StrategyRefusal.SEAT_ROLE_ONLY: N_("A seat is held by its holder or by a deputy, not as %(role)s."),
    StrategyRefusal.SEAT_TAKEN: N_("Seat %(seat)s is held by %(holder)s from %(starts_on)s until %(ends_on)s; end "
                                   "that term first."),
    StrategyRefusal.SEAT_TAKEN_OPEN_END: N_("Seat %(seat)s is held by %(holder)s from %(starts_on)s until open end; "
                                            "end that term first."),
    StrategyRefusal.NO_OPEN_TERM: N_("%(name)s has no open term in seat %(seat)s."),
    StrategyRefusal.TERM_ENDED: N_("The term %(term)s has ended already, on %(ended_on)s."),
    StrategyRefusal.TERM_ENDS_BEFORE_START: N_("A term cannot end before it starts."),
}

# What an office allows (the ``doing`` of a refusal for lack of one).
ACTIONS: dict[str, str] = {
    Action.ANNOUNCE_PUBLIC_EVENTS: N_("announce public events"),
    Action.APPOINT_STRATEGY_GROUP_MEMBERS: N_("appoint strategy-group members"),
    Action.ASSIGN_OFFICES: N_("assign offices"),
    Action.BUILD_AGENDAS: N_("build agendas"),
    Action.CANCEL_MEETINGS: N_("cancel meetings"),
    Action.CANCEL_PUBLIC_EVENTS: N_("cancel public events"),
    Action.CLOSE_VOTES: N_("close votes"),
    Action.CONVENE_WORKING_GROUPS: N_("convene working groups"),
    Action.DEACTIVATE_ORGANISATIONS: N_("deactivate organisations"),
    Action.DEACTIVATE_PEOPLE: N_("deactivate people"),
    Action.EDIT_ORGANISATIONS: N_("edit organisations"),
    Action.ERASE_PEOPLE: N_("erase people"),
    Action.EXPORT_PERSONAL_DATA: N_("export personal data"),
    Action.EDIT_PEOPLE: N_("edit people"),
    Action.EDIT_THE_NETWORK_LEGAL_PAGES: N_("edit the network's legal pages"),
    Action.EDIT_THE_NETWORK_PROFILE: N_("edit the network's profile"),
    Action.END_OFFICES: N_("end offices"),
    Action.END_TERMS: N_("end terms"),
    Action.IMPORT_LISTS: N_("import lists"),
    Action.INVITE_PEOPLE_TO_SIGN_IN: N_("invite people to sign in"),
    Action.KEEP_THE_DIRECTORY: N_("keep the directory"),
    Action.MERGE_ORGANISATIONS: N_("merge organisations"),
    Action.MERGE_PEOPLE: N_("merge people"),
    Action.MOVE_AGENDA_ITEMS: N_("move agenda items"),
    Action.MOVE_MEETINGS: N_("move meetings"),
    Action.OPEN_VOTES: N_("open votes"),
    Action.PLAN_MEETINGS: N_("plan meetings"),
    Action.REACTIVATE_ORGANISATIONS: N_("reactivate organisations"),
    Action.REACTIVATE_PEOPLE: N_("reactivate people"),
    Action.RECORD_ATTENDANCE: N_("record attendance"),
    Action.RECORD_MEETINGS_AS_HELD: N_("record meetings as held"),
    Action.REGISTER_ORGANISATIONS: N_("register organisations"),
    Action.REGISTER_PEOPLE: N_("register people"),
    Action.REORDER_AGENDAS: N_("reorder agendas"),
    Action.SEE_THE_OFFICES_TERMS: N_("see the offices' terms"),
    Action.SET_STRATEGIC_GOALS: N_("set strategic goals"),
    Action.SET_THE_STRATEGY_GROUP_COMPOSITION: N_("set the strategy group's composition"),
    Action.SET_TOPICS: N_("set topics"),
    Action.START_WRITTEN_PROCEDURES: N_("start written procedures"),
    Action.FOLLOW_VOTES: N_("follow votes"),
    Action.READ_MAILS_IN_THE_OUTBOX: N_("read mails in the outbox"),
    Action.SEE_THE_OFFICES: N_("see the offices"),
    Action.SEE_THE_OUTBOX: N_("see the outbox"),
    Action.SEE_THE_REMINDER_PLAN: N_("see the reminder plan"),
    Action.SEND_MAILS_AGAIN: N_("send mails again"),
}
