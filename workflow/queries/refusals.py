"""Refusals of the read models: who may see which recommendations (sentences in
``web/wording/refusals/recommendations.py``)."""

from workflow.engine.errors import RefusalCode


class BrowsingRefusal(RefusalCode):
    """Refusals of reading the network's internal pages and recommendations."""

    NO_ROLE = "recommendations.no_role", "not_permitted"                             # name
    DRAFT_OF_OTHER_GROUP = "recommendations.draft_of_other_group", "not_permitted"   # (none)
