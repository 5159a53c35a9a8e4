"""Words of the offices' and the composition's pages, and the values their refusals name (German from the catalog
``web/locale/de/LC_MESSAGES/roles.po``; the refusals are worded in ``web/wording/refusals/network.py``)."""

from web.i18n import N_

OFFICES = {
    "secretariat": N_("Secretariat"),
    "chair": N_("Chair"),
}

STATUSES = {
    "current": N_("in office"),
    "future": N_("ahead"),
    "past": N_("ended"),
}

# Form fields named in the pages' own refusals.
FIELD_FROM = N_("From")
FIELD_UNTIL = N_("Until")
FIELD_LAST_DAY = N_("Last day of the term")

# Values of these refusals that are words, translated where they are shown.
VALUE_WORDS = {
    "open end": N_("open end"),
    "category": N_("category"),
    "seat": N_("seat"),
    **OFFICES,
}
