"""Refusals of workflow/recommendations and of reading them (English message ids; German from
refusals_recommendations.po)."""

from web.i18n import N_
from workflow.engine.errors import RefusalCode
from workflow.queries.refusals import BrowsingRefusal
from workflow.recommendations.refusals import RecommendationRefusal

REFUSALS: dict[RefusalCode, str] = {
    BrowsingRefusal.NO_ROLE: N_("%(name)s holds no role in the network and may only see the public pages; ask the "
                                "secretariat for access."),
    BrowsingRefusal.DRAFT_OF_OTHER_GROUP: N_("This draft belongs to another working group; it becomes visible once "
                                             "submitted."),
    RecommendationRefusal.NO_RECOMMENDATION: N_("There is no recommendation '%(ref)s'; use its id or its number such "
                                                "as HE-2026-007."),
    RecommendationRefusal.NO_ORGANISATION: N_("There is no organisation with id %(ids)s."),
    RecommendationRefusal.NO_WORKING_GROUP: N_("There is no working group with id %(group)s."),
    RecommendationRefusal.GROUP_CONCLUDED: N_("The working group '%(group)s' is concluded; it cannot start new "
                                              "recommendations."),
    RecommendationRefusal.NOT_AUTHOR: N_("%(name)s <%(email)s> may not write or edit recommendations of '%(group)s': "
                                         "only its members, its lead and deputy lead or the secretariat may."),
    RecommendationRefusal.ONLY_DRAFTS_EDITABLE: N_("%(label)s is %(state)s; only drafts can be edited (the "
                                                   "secretariat can return it to draft for revision)."),
    RecommendationRefusal.NOTHING_TO_SAVE: N_("Nothing to save: the edit does not change %(label)s."),
    RecommendationRefusal.ATTACHMENT_TYPE: N_("“%(name)s” is not a file that can be attached: allowed are "
                                              "%(kinds)s, recognised by their content, not by their name."),
    RecommendationRefusal.ATTACHMENT_TOO_LARGE: N_("The file is too large: a file may have at most "
                                                   "%(limit_mb)s MB."),
    RecommendationRefusal.ATTACHMENT_EMPTY: N_("“%(name)s” is empty; please choose the file again."),
    RecommendationRefusal.ATTACHMENT_TWICE: N_("“%(name)s” is already attached to %(label)s."),
    RecommendationRefusal.ATTACHMENTS_FROZEN: N_("%(label)s is %(state)s; files can be attached and removed only "
                                                 "while it is a draft."),
    RecommendationRefusal.NO_ATTACHMENT: N_("%(ref)s has no attachment %(attachment)s."),
}
