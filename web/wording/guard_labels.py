"""The guards' reasons in words: one neutral sentence per reason code (English message id, German from the
catalog) for every channel, and what the pages add to point to their own forms. The command line adds its
commands from ``cli/hints.py``; the API gives the code, its parameters and the English sentence."""

from collections.abc import Iterable
from datetime import date

from web.i18n import N_, Translator
from workflow.engine.guards import Reason

REASONS = {
    "comment_missing": N_("Give a reason in the comment."),
    "rationale_missing": N_("The recommendation has no rationale yet."),
    "addressee_missing": N_("Propose at least one responsible body as addressee."),
    "group_concluded": N_("The working group %(group)s is concluded and can no longer submit recommendations."),
    "meeting_missing": N_("Choose the meeting or written procedure to put it on."),
    "meeting_unknown": N_("The chosen meeting does not exist; choose another one."),
    "meeting_cancelled": N_("The meeting “%(title)s” is cancelled; choose another meeting."),
    "meeting_past": N_("The meeting “%(title)s” has already taken place; choose a later meeting."),
    "forward_through_service": N_("Forwarding creates each body's forwarding and personal link, which the plain "
                                  "step cannot."),
    "already_on_that_agenda": N_("It is on the agenda of that meeting already; choose another meeting."),
    "group_without_lead": N_("The working group has no lead yet."),
    "decided_by_open_vote": N_("Vote %(vote)s on it is open: the vote decides it."),
    "group_without_members": N_("The working group has no member besides its lead yet."),
    "review_meeting_ahead": N_("The review starts at its meeting “%(title)s”, from %(day)s on."),
}

# What the pages add: the page's own form that helps.
PAGE_HINTS = {
    "rationale_missing": N_("Add one with “Edit the draft”."),
    "addressee_missing": N_("Use “Edit the draft”."),
    "forward_through_service": N_("Forward it with the form “Forward to the responsible bodies”."),
    "group_without_lead": N_("Name its lead under “Members”."),
    "decided_by_open_vote": N_("Close the vote on the meeting's page."),
    "group_without_members": N_("Add at least one member under “Members”."),
    "review_meeting_ahead": N_("To start it earlier, bring it forward below with a reason."),
}


def _day(value: date, language: str) -> str:
    """A day as the reader writes it (a guard's reason carries days as dates)."""
    return value.strftime("%d.%m.%Y") if language == "de" else value.isoformat()


def word_reason(reason: Reason, translate: Translator, *, for_pages: bool = True) -> str:
    """One guard's reason in the reader's language; on the pages with the form that helps."""
    text = translate.gettext(REASONS[reason.code], **{key: _day(value, translate.language) if isinstance(value, date)
                                                     else value for key, value in reason.parameters.items()})
    if for_pages and reason.code in PAGE_HINTS:
        text = f"{text} {translate.gettext(PAGE_HINTS[reason.code])}"
    return text


def word_reasons(reasons: Iterable[Reason], translate: Translator, *, for_pages: bool = True) -> str:
    """Several guards' reasons as one paragraph."""
    return " ".join(word_reason(r, translate, for_pages=for_pages) for r in reasons)
