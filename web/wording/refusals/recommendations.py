"""Refusals of workflow/recommendations and of reading them (English message ids; German from
refusals_recommendations.po)."""

from web.i18n import N_
from workflow.engine.errors import RefusalCode
from workflow.queries.refusals import BrowsingRefusal

REFUSALS: dict[RefusalCode, str] = {
    BrowsingRefusal.NO_ROLE: N_("%(name)s holds no role in the network and may only see the public pages; ask the "
                                "secretariat for access."),
    BrowsingRefusal.DRAFT_OF_OTHER_GROUP: N_("This draft belongs to another working group; it becomes visible once "
                                             "submitted."),
}
