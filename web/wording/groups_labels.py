"""Words of the working groups' membership pages: the roles in a group and the refusals of the memberships service
as the pages say them (message ids in English, German from ``locale/de/LC_MESSAGES/groups.po``)."""

from web.i18n import N_

GROUP_ROLES = {
    "wg_lead": N_("Lead"),
    "wg_deputy_lead": N_("Deputy lead"),
    "wg_member": N_("Member of the group"),
}

# The refusals of ``workflow.network.memberships`` (family "memberships"), by code.
REFUSALS = {
    "group_not_found": N_("There is no working group with the number %(group)s."),
    "person_not_found": N_("The chosen person is not in the directory; choose a person from the list."),
    "not_a_group_role": N_("Choose the role from the list: lead, deputy lead or member."),
    "may_not_change_members": N_("%(name)s may not change the members of the working group “%(group)s”: only the "
                                 "secretariat, the chair, or the group's lead for its ordinary members may."),
    "may_not_change_lead": N_("%(name)s may not change the lead of the working group “%(group)s”: only the "
                              "secretariat or the chair may."),
    "group_concluded": N_("The working group “%(group)s” is concluded; its members no longer change."),
    "person_inactive": N_("%(name)s is no longer active and cannot join a working group."),
    "already_in_group": N_("%(name)s belongs to the working group “%(group)s” already (since %(since)s); a person "
                           "holds one role in a group at a time."),
    "lead_taken": N_("The working group “%(group)s” has a lead already (%(name)s); use “Change the lead” instead."),
    "deputy_lead_taken": N_("The working group “%(group)s” has a deputy lead already (%(name)s); use “Change the "
                            "lead” with “deputy lead” instead."),
    "not_in_group": N_("%(name)s does not belong to the working group “%(group)s” on %(day)s."),
    "starts_later": N_("%(name)s joins the working group “%(group)s” only on %(since)s; a membership cannot end "
                       "before it starts."),
    "same_lead": N_("%(name)s already holds this role in the working group “%(group)s”."),
}
