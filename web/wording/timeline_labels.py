"""Words of the status timeline: each next step the calendar expects, plain or with its meeting (or written
procedure) and day. Keyed by the event that leads on (``report``: the bodies' reports fall due)."""

from web.i18n import N_

# The final stage before its outcome is known (the review's outcomes are named once one is reached).
REVIEWED = N_("Reviewed")

NEXT_STEPS = {
    "submit": {"plain": N_("Next step: the working group submits the recommendation to the strategy group.")},
    "schedule": {"plain": N_("Next step: the secretariat puts it on the agenda of a meeting or a written "
                             "procedure.")},
    "open_vote": {
        "plain": N_("Next step: the vote, once the recommendation is on an agenda."),
        "meeting": N_("Next step: the vote in the meeting “%(title)s” on %(day)s."),
        "procedure": N_("Next step: the vote in the written procedure “%(title)s” until %(day)s."),
    },
    "close_vote": {
        "plain": N_("Next step: the result of the vote."),
        "meeting": N_("Next step: the result of the vote in the meeting “%(title)s” on %(day)s."),
        "procedure": N_("Next step: the result of the written procedure “%(title)s”; ballots until %(day)s."),
    },
    "forward": {"plain": N_("Next step: the secretariat forwards it to the responsible bodies.")},
    "report": {"plain": N_("The responsible bodies' reports are due on %(day)s.")},
    "start_review": {
        "plain": N_("Next step: the review of its implementation; its meeting is not set yet."),
        "meeting": N_("Next step: the review of its implementation in the meeting “%(title)s” on %(day)s."),
        "procedure": N_("Next step: the review of its implementation in the written procedure “%(title)s” "
                        "until %(day)s."),
    },
    "conclude_review": {
        "plain": N_("Next step: the conclusion of the review."),
        "meeting": N_("Next step: the conclusion of the review in the meeting “%(title)s” on %(day)s."),
        "procedure": N_("Next step: the conclusion of the review in the written procedure “%(title)s” "
                        "until %(day)s."),
    },
}


def next_step_variant(meeting: str | None, written: bool) -> str:
    """Which wording of a step: with its meeting, its written procedure, or plain."""
    return "plain" if meeting is None else ("procedure" if written else "meeting")
