"""Words of the network's profile pages: the legal pages and the language choices (the refusals are worded in
``web/wording/refusals/network.py``)."""

from web.i18n import N_

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
