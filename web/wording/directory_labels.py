"""Words for the directory's pages: the directory's refusals as the pages say them, roles, kinds, record actions."""

from web.i18n import N_

# The directory's refusals (``workflow.network.directory_refusals``), without command-line hints.
REFUSALS = {
    "email_missing": N_("Enter an email address."),
    "email_invalid": N_("“%(email)s” is not a valid email address."),
    "email_taken": N_("A person with the email address %(email)s is registered already."),
    "no_person": N_("No person is registered with the email address %(email)s."),
    "no_person_id": N_("There is no person with the number %(id)s."),
    "person_left": N_("%(name)s has already left."),
    "person_active": N_("%(name)s is active already."),
    "person_merged": N_("%(name)s was merged into another person; edit that person instead."),
    "merge_into_self": N_("A person cannot be merged into themselves."),
    "merge_into_inactive": N_("%(name)s has left; merge into an active person."),
    "leaving_in_future": N_("A person leaves today or on a past day, not on %(day)s."),
    "reason_required": N_("Please give a reason; the record keeps it."),
    "last_secretariat_leaves": N_("%(name)s holds the last secretariat term in force, and someone must be able to "
                                  "run the office: give another person the secretariat role first."),
    "no_organisation": N_("There is no organisation “%(ref)s”."),
    "no_organisation_id": N_("There is no organisation with the number %(id)s."),
    "organisation_name_taken": N_("An organisation named “%(name)s” exists already."),
    "organisation_inactive": N_("The organisation “%(name)s” is deactivated; choose an active one."),
    "organisation_active": N_("The organisation “%(name)s” is active already."),
    "organisation_merged": N_("The organisation “%(name)s” was merged into another one; edit that one instead."),
    "organisation_into_self": N_("An organisation cannot be merged into itself."),
    "organisation_into_inactive": N_("The organisation “%(name)s” is deactivated; merge into an active one."),
    "field_invalid": N_("Please check the field “%(field)s”."),
}

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
}

LANGUAGES = {"de": N_("German"), "en": N_("English")}

STATUSES = {"active": N_("Active"), "left": N_("Left or deactivated"), "all": N_("All")}
