"""Refusals of workflow/forwarding (English message ids; German from refusals_forwarding.po)."""

from web.i18n import N_
from workflow.engine.errors import RefusalCode
from workflow.forwarding.refusals import ForwardingRefusal as F
from workflow.forwarding.refusals import ReviewRefusal as V

REFUSALS: dict[RefusalCode, str] = {
    # forwarding to bodies
    F.NO_FORWARDING: N_("There is no forwarding %(forwarding)s."),
    F.NOT_FORWARDED_TO: N_("%(label)s was not forwarded to “%(body)s”; forward it there first."),
    F.NOT_ADOPTED: N_("%(label)s is %(state)s; only adopted recommendations can be forwarded (and forwarded ones "
                      "onward to further bodies)."),
    F.NO_REPORT: N_("There is no report %(report)s."),
    F.NO_SUGGESTED_BODY: N_("Report %(report)s names no registered body to forward to; register the body first and "
                            "forward the recommendation to it."),
    F.NO_LONGER_FORWARDABLE: N_("%(label)s is %(state)s; it can no longer be forwarded."),
    F.FORWARDED_ALREADY: N_("%(label)s is forwarded already; name the further bodies to forward it to."),
    F.NO_ADDRESSEE: N_("%(label)s proposes no addressee; name the responsible bodies."),
    F.NO_BODY_CHOSEN: N_("Check at least one responsible body to forward the recommendation to."),
    F.BODY_NAMED_TWICE: N_("“%(body)s” is named twice; name each body once."),
    F.BODY_HAS_IT: N_("%(label)s was already forwarded to “%(body)s”; a body receives it once (a new link can be "
                      "sent to it)."),
    F.REVOKE_SECRETARIAT_ONLY: N_("%(name)s <%(email)s> may not revoke the links of forwarding %(forwarding)s: only "
                                  "the secretariat may."),
    F.REISSUE_SECRETARIAT_ONLY: N_("%(name)s <%(email)s> may not reissue the link of forwarding %(forwarding)s: "
                                   "only the secretariat may."),
    F.ACKNOWLEDGE_SECRETARIAT_ONLY: N_("%(name)s <%(email)s> may not acknowledge receipt for “%(body)s”: only the "
                                       "secretariat may."),
    F.CONTACT_SECRETARIAT_ONLY: N_("%(name)s <%(email)s> may not name the contact person of “%(body)s”: only the "
                                   "secretariat may."),
    F.OVERVIEW_READERS_ONLY: N_("%(name)s <%(email)s> may not read the forwardings overview: only the secretariat "
                                "and the chair may."),
    F.LINK_NOT_VALID: N_("This link is not valid (any more). If a newer email from the network reached you, please "
                         "use the link in it; otherwise please ask the secretariat of the network for a new one."),
    # the bodies' reports
    F.REPORTS_CLOSED: N_("%(label)s is %(state)s; reports on it are no longer taken."),
    F.REPORT_DATE_IN_FUTURE: N_("The report date %(date)s lies in the future; give the date of the report."),
    F.NO_ORGANISATION: N_("There is no organisation with id %(organisation)s."),
    F.BODY_NAMES_ITSELF: N_("“%(body)s” cannot name itself as the body responsible instead."),
    # the review
    V.PLAN_SECRETARIAT_ONLY: N_("%(name)s <%(email)s> may not plan the review of %(label)s: only the secretariat "
                                "may."),
    V.NO_MEETING: N_("There is no meeting %(meeting)s."),
    V.MEETING_CANCELLED: N_("Meeting %(meeting)s (“%(title)s”) is cancelled; choose another meeting."),
    V.MEETING_TAKEN_PLACE: N_("Meeting %(meeting)s (“%(title)s”) has already taken place; choose a later meeting."),
    V.NO_ROUND: N_("%(label)s has no review round; forward it first."),
    V.ONLY_WHILE_FORWARDED: N_("%(label)s is %(state)s; the review meeting can be changed only while it is "
                               "forwarded."),
    V.NO_DEFAULT_MEETING: N_("No strategy meeting is planned six months or more after forwarding; plan one, or name "
                             "a meeting for the review."),
    V.NO_MEETING_PLANNED: N_("No review meeting is planned for %(label)s; name one."),
    V.NOT_AN_OUTCOME: N_("“%(outcome)s” is not a review outcome; use one of %(outcomes)s."),
    V.NEEDS_NOTE: N_("Give a note on the review's outcome."),
    V.EARLY_NEEDS_REASON: N_("Bringing the review of %(label)s forward before its meeting needs a reason."),
}
