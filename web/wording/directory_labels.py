"""Words for the directory's pages: roles, kinds, record actions (the refusals are worded in
``web/wording/refusals/network.py``)."""

from web.i18n import N_

ROLES = {
    "secretariat": N_("Secretariat"),
    "chair": N_("Chair"),
    "strategy_member": N_("Member of the strategy group"),
    "deputy": N_("Deputy member of the strategy group"),
    "wg_lead": N_("Lead of a working group"),
    "wg_deputy_lead": N_("Deputy lead of a working group"),
    "wg_member": N_("Member of a working group"),
}

KINDS = {
    "ministry": N_("Ministry"),
    "municipal_association": N_("Municipal umbrella association"),
    "district": N_("District"),
    "city": N_("City"),
    "municipality": N_("Municipality"),
    "other": N_("Other body"),
}

ACTIONS = {
    "create": N_("Registered"),
    "update": N_("Changed"),
    "deactivate": N_("Deactivated"),
    "reactivate": N_("Reactivated"),
    "merge_into": N_("Merged into another entry"),
    "merge_from": N_("Took over a duplicate"),
    "end": N_("Ended"),
    "invite": N_("Invited to set a password"),
    "import": N_("Imported"),
    "erase": N_("Erased (Art. 17 GDPR)"),
}

LANGUAGES = {"de": N_("German"), "en": N_("English")}

STATUSES = {"active": N_("Active"), "left": N_("Left or deactivated"), "all": N_("All")}
