"""The words the OParl endpoint writes into its objects (message ids are English; OParl clients read the network's
default language, German by default, from the catalog ``oparl.po``)."""

from web.i18n import N_

PAPER_TYPE = N_("Recommendation")
NETWORK = N_("Network")
STRATEGY_GROUP = N_("Strategy group")
# OParl's own vocabulary of organisation types ("Gremium", "Institution").
COMMITTEE = N_("Committee")
INSTITUTION = N_("Institution")
WORKING_GROUP = N_("Working group")
WRITTEN_PROCEDURE = N_("Written procedure")
# What a consultation of a recommendation at a meeting is for.
ROLES = {"decision": N_("Deliberation and decision"), "review": N_("Review of the implementation")}
REVIEW_ITEM = N_("Review of the implementation: %(number)s %(title)s")
# What the vote at the meeting led to (the state the recommendation moved to).
OUTCOMES = {"adopted": N_("Adopted"), "rejected": N_("Rejected"), "draft": N_("Returned for revision")}
FILE_NAME = N_("Recommendation %(number)s (public page)")
