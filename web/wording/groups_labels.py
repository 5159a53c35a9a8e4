"""Words of the working groups' membership pages: the roles in a group (message ids in English, German from
``locale/de/LC_MESSAGES/groups.po``; the refusals are worded in ``web/wording/refusals/network.py``)."""

from web.i18n import N_

GROUP_ROLES = {
    "wg_lead": N_("Lead"),
    "wg_deputy_lead": N_("Deputy lead"),
    "wg_member": N_("Member of the group"),
}

