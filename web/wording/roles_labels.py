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
DAY_REQUIRED = N_("Enter a date in the field “%(field)s”.")
DAY_INVALID = N_("Enter the field “%(field)s” as a date, such as 2027-06-30.")
CHOOSE_PERSON = N_("Choose the person from the list.")
NO_SUCH_TERM = N_("There is no such term.")
NOT_JSON = N_("The composition is not valid JSON (line %(line)s, column %(column)s); check brackets, quotes and "
              "commas.")

# Values of these refusals that are words, translated where they are shown.
VALUE_WORDS = {
    "open end": N_("open end"),
    "category": N_("category"),
    "seat": N_("seat"),
    **OFFICES,
}
