"""Words for meetings, votes and ballots as people read them, and the strategy group's refusals as sentences in
the reader's language (message ids are English; German comes from the catalog)."""


from web.i18n import N_, Translator
from web.wording.labels import ROLES

MEETING_STATUS = {"planned": N_("planned"), "moved": N_("moved"), "held": N_("held"), "cancelled": N_("cancelled")}
MEETING_KIND = {"meeting": N_("Strategy meeting"), "written_procedure": N_("Written procedure")}
ATTENDANCE = {"present": N_("present"), "represented": N_("represented by deputy"), "absent": N_("absent")}
RULES = {
    "default": N_("Simple majority (more yes than no, quorum of more than half the seats)"),
    "two_thirds": N_("Two-thirds majority (quorum of more than half the seats)"),
    "each_category": N_("Majority with at least one yes from each seat category"),
    "silence": N_("Silence procedure (adopted unless someone votes no)"),
}
RESULTS = {"adopted": N_("adopted"), "rejected": N_("rejected"), "returned": N_("returned for revision")}
CHOICES = {"yes": N_("Yes"), "no": N_("No"), "abstain": N_("Abstain")}
VOTE_STATUS = {"open": N_("open"), "closed": N_("closed")}

# The pages' wording of each refusal of ``workflow.engine.refusals`` (no command-line hints).
REFUSALS = {
    "role_required": N_("You may not do this: only %(roles)s may."),
    "no_seat": N_("You hold no seat of the strategy group and are no deputy; only seat holders and their deputies "
                  "vote."),
    "not_seat_of": N_("You are neither holder nor deputy of seat %(seat)s."),
    "several_seats": N_("You sit for several seats (%(codes)s); choose the seat you vote for."),
    "seat_not_attending": N_("Seat %(seat)s is not recorded as present or represented at this meeting; in a meeting "
                             "only present or represented seats vote."),
    "seat_present": N_("Seat %(seat)s is present at this meeting through %(who)s; only they vote for it."),
    "seat_represented": N_("Seat %(seat)s is represented at this meeting by %(who)s; only they vote for it."),
    "seat_voted_by_other": N_("Seat %(seat)s has voted already, through %(who)s; a seat votes once, by its holder "
                              "or its deputy, never both."),
    "vote_closed": N_("This vote is closed (%(result)s); its ballots and its result can no longer change."),
    "ballot_deadline_passed": N_("The deadline of this vote has passed; no more ballots are accepted."),
    "meeting_not_open_for_votes": N_("This meeting is %(status)s; votes open only in meetings not yet closed."),
    "meeting_not_begun": N_("The meeting has not begun yet; its votes open once it has."),
    "no_quorum_to_open": N_("Only %(attending)s seats are present or represented; a vote needs a quorum of "
                            "%(needed)s. Record the attendance first."),
    "vote_deadline_passed": N_("The deadline %(deadline)s has passed; choose a later deadline."),
    "nothing_to_vote_on": N_("Choose at least one recommendation to vote on."),
    "not_scheduled": N_("%(label)s is not scheduled; only scheduled recommendations can be put to the vote."),
    "not_on_this_agenda": N_("%(label)s is not on the agenda of this meeting; move it there first."),
    "return_needs_reason": N_("Say why the strategy group returns it for revision."),
    "no_quorum_to_close": N_("The vote has no quorum yet: %(participants)s of %(total)s seats voted, %(needed)s are "
                             "needed. Wait for more ballots, or return the recommendations for revision."),
    "runs_until_deadline": N_("The vote runs until %(deadline)s and closes then on its own; %(missing)s occupied "
                              "seats have not voted yet."),
    "meeting_needs_title": N_("Give the meeting a title."),
    "time_in_past": N_("The %(what)s lies in the past (%(when)s); choose a time after now."),
    "ends_before_start": N_("A meeting cannot end before it starts; choose an end after the start."),
    "meeting_needs_place": N_("Give a place or an online link for the meeting."),
    "meeting_not_changeable": N_("This meeting is %(status)s; only planned or moved meetings can change."),
    "meeting_begun": N_("This meeting has already begun; it can no longer be moved or cancelled."),
    "meeting_has_open_vote": N_("This meeting has an open vote; close it before cancelling the meeting."),
    "meeting_already": N_("This meeting is %(status)s already."),
    "meeting_not_begun_held": N_("This meeting has not begun yet; it can be recorded as held once it has."),
    "no_attendance_in_procedure": N_("A written procedure has no attendance; every seat may vote."),
    "meeting_cancelled_attendance": N_("This meeting is cancelled; nobody attends it."),
    "seat_without_holder": N_("Seat %(seat)s has no holder today, so it cannot be recorded as present."),
    "seat_without_deputy": N_("Seat %(seat)s has no deputy today, so it cannot be recorded as represented."),
    "several_holders": N_("Seat %(seat)s has several holders; choose who attended."),
    "several_deputies": N_("Seat %(seat)s has several deputies; choose who attended."),
    "not_holder_of": N_("%(name)s is not a holder of seat %(seat)s."),
    "not_deputy_of": N_("%(name)s is not a deputy of seat %(seat)s."),
    "attendance_locked": N_("Seat %(seat)s has voted in an open vote of this meeting; its attendance can change "
                            "only after that vote is closed."),
    "position_out_of_range": N_("Position %(position)s is not on the agenda; choose 1 to %(last)s."),
    "item_not_scheduled": N_("%(label)s is not scheduled; only scheduled items can move to another meeting."),
    "target_not_ahead": N_("The chosen meeting is %(status)s or has begun; choose a meeting ahead."),
    "not_on_agenda": N_("%(label)s is not on the agenda of this meeting."),
    "procedure_item_state": N_("%(label)s is neither submitted nor scheduled; a written procedure decides submitted "
                               "or scheduled recommendations."),
}


def role_names(allowed: tuple[str, ...], translate: Translator) -> str:
    """The roles as words joined by 'or', e.g. 'Vorsitz oder Geschäftsstelle'."""
    names = [translate.gettext(ROLES[r]) for r in allowed if r in ROLES]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {translate.gettext('or')} {names[-1]}"
