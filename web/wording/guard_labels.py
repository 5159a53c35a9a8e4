"""The guards' sentences as the pages say them: in the reader's language, pointing to the page's own forms
rather than to command-line options."""

from collections.abc import Iterable

from web.i18n import N_, Translator

REASONS = {
    "comment_missing": N_("Give a reason in the comment."),
    "rationale_missing": N_("The recommendation has no rationale yet; add one with “Edit the draft”."),
    "addressee_missing": N_("Propose at least one responsible body as addressee (with “Edit the draft”)."),
    "group_concluded": N_("The working group %(group)s is concluded and can no longer submit recommendations."),
    "meeting_missing": N_("Choose the meeting or written procedure to put it on."),
    "meeting_unknown": N_("The chosen meeting does not exist; choose another one."),
    "meeting_cancelled": N_("The meeting “%(title)s” is cancelled; choose another meeting."),
    "meeting_past": N_("The meeting “%(title)s” has already taken place; choose a later meeting."),
    "forward_through_service": N_("Forward it with the form “Forward to the responsible bodies”: it creates each "
                                  "body's forwarding and personal link."),
    "already_on_that_agenda": N_("It is on the agenda of that meeting already; choose another meeting."),
    "group_without_lead": N_("The working group has no lead yet; name its lead under “Members”."),
    "decided_by_open_vote": N_("Vote %(vote)s on it is open: the vote decides it. Close the vote on the meeting's "
                               "page."),
    "group_without_members": N_("The working group has no member besides its lead yet; add at least one member "
                                "under “Members”."),
}


def word_reason(reason: str, translate: Translator) -> str:
    """One guard's sentence in the reader's language (the guard's own sentence when there is no wording)."""
    code = getattr(reason, "code", None)
    if code not in REASONS:
        return str(reason)
    return translate.gettext(REASONS[code], **getattr(reason, "values", {}))


def word_reasons(reasons: Iterable[str], translate: Translator) -> str:
    """Several guards' sentences as one paragraph."""
    return " ".join(word_reason(r, translate) for r in reasons)
