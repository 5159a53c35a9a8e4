"""Words for meetings, votes and ballots as people read them, in the reader's language (message ids are English;
German comes from the catalog); the strategy group's refusals are worded in web/wording/refusals/strategy_group.py."""


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

def role_names(allowed: tuple[str, ...], translate: Translator) -> str:
    """The roles as words joined by 'or', e.g. 'Vorsitz oder Geschäftsstelle'."""
    names = [translate.gettext(ROLES[r]) for r in allowed if r in ROLES]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {translate.gettext('or')} {names[-1]}"

# The dates derived from a meeting's date that a move shifts (the move preview's lines, in its order).
SHIFTED_DATES = {
    "submission_deadline": N_("Submission deadline"),
    "report_due": N_("Reports of the bodies due"),
    "call_for_recommendations": N_("Call for recommendations to the working groups"),
    "deadline_near": N_("Reminder of the submission deadline"),
    "invitation": N_("Invitation with calendar entry"),
    "meeting_reminder": N_("Reminder of the meeting"),
}
