"""Page wordings of the refusals about the network's profile and its first start (family "network")."""

from web.i18n import N_

REFUSALS = {
    "name_length": N_("The network's name must have 3 to 200 characters."),
    "short_name_length": N_("The short name may have at most 50 characters."),
    "too_long": N_("This field may have at most %(limit)s characters (it has %(length)s)."),
    "email_invalid": N_("“%(email)s” is not a valid email address."),
    "timezone_unknown": N_("“%(timezone)s” is not a known time zone; use a name such as Europe/Berlin."),
    "languages_invalid": N_("Choose the languages the network offers, the default language first."),
    "prefix_invalid": N_("The number prefix may have 1 to 10 characters: capital letters A–Z, digits or "
                         "hyphens."),
    "version_stale": N_("Someone else saved the profile meanwhile; nothing was saved. Reload the page and make "
                        "your change again."),
    "legal_text_unknown": N_("There is no such legal page."),
    "legal_text_too_long": N_("The text may have at most %(limit)s characters (it has %(length)s)."),
    "text_has_nul": N_("The text contains a character that cannot be saved; remove it."),
    "secretariat_exists": N_("The network has a secretariat already; the first start is over."),
    "admin_name_length": N_("Enter the name (2 to 200 characters)."),
    "admin_email_invalid": N_("“%(email)s” is not a valid email address."),
    "setup_code_wrong": N_("The setup code is wrong or expired. Print a new one on the server with the "
                           "command that creates the database."),
    "passwords_differ": N_("The two passwords differ; type the same password twice."),
}

# The legal pages: the address of the public page, the profile field, and the page's title.
LEGAL_PAGES = {
    "imprint": ("/impressum", "imprint", N_("Imprint")),
    "privacy": ("/datenschutz", "privacy_policy", N_("Privacy policy")),
    "accessibility": ("/barrierefreiheit", "accessibility_statement", N_("Accessibility statement")),
}

LANGUAGE_CHOICES = {
    "de,en": N_("German and English (German by default)"),
    "en,de": N_("English and German (English by default)"),
    "de": N_("German only"),
    "en": N_("English only"),
}
