"""Words of the offices' and the composition's pages, and the page wordings of their refusals (German from the
catalog ``web/locale/de/LC_MESSAGES/roles.po``)."""

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

# The refusals of workflow.network.roles, worded for the pages.
REFUSALS = {
    "not_an_office": N_("%(role)s is not an office with terms; the offices are the secretariat and the chair."),
    "person_not_found": N_("There is no person with the number %(person)s."),
    "person_inactive": N_("%(name)s has left the network; a person who has left cannot be given an office."),
    "ends_before_start": N_("A term cannot end before it starts (%(starts_on)s)."),
    "overlapping_term": N_("%(name)s already holds the office “%(role)s” from %(starts_on)s until %(until)s; terms of "
                           "the same person in the same office cannot overlap."),
    "chair_taken": N_("%(name)s holds the chair from %(starts_on)s until %(until)s. The network has one chair at a "
                      "time: end that term on %(end_by)s or earlier first."),
    "term_not_found": N_("There is no secretariat or chair term with the number %(term)s."),
    "no_open_term": N_("%(name)s holds no open term in the office “%(role)s”."),
    "term_over": N_("The term of %(name)s ended already on %(ends_on)s."),
    "last_secretariat": N_("%(name)s holds the last secretariat term in force, and someone must be able to run the "
                           "office. First give another person a secretariat term from %(day)s."),
}

# The refusals of workflow.network.composition, worded for the pages.
COMPOSITION_REFUSALS = {
    "composition_not_a_list": N_("The composition is a list of seat categories, each with a code, a label and its "
                                 "seats."),
    "composition_empty": N_("The composition needs at least one seat."),
    "category_without_seats": N_("The category %(category)s has no seats; give it at least one."),
    "code_missing": N_("Each %(what)s needs a code (at most %(max)s letters, digits, “-” or “_”)."),
    "code_invalid": N_("The code “%(ref)s” of a %(what)s may have at most %(max)s letters, digits, “-” or “_”."),
    "label_missing": N_("The %(what)s %(ref)s needs a label."),
    "label_too_long": N_("The label of the %(what)s %(ref)s is longer than %(max)s characters."),
    "code_twice": N_("The %(what)s code %(ref)s is given twice; codes are unique."),
    "seat_in_use": N_("Seat %(ref)s has an open term (%(names)s); end the term before removing the seat."),
}

# Values of these refusals that are words, translated where they are shown.
VALUE_WORDS = {
    "open end": N_("open end"),
    "category": N_("category"),
    "seat": N_("seat"),
    **OFFICES,
}
