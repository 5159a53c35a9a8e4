"""The demo network's profile: the Netzwerk Integration Baden-Württemberg, with short demo legal texts."""

from datetime import datetime

from sqlmodel import Session

from models.network import PROFILE_ID, NetworkProfile

DEMO_PROFILE = {
    "name": "Netzwerk Integration Baden-Württemberg",
    "short_name": "NIBW",
    "address": "Geschäftsstelle Netzwerk Integration\nc/o Ministerium für Soziales, Gesundheit und Integration\n"
               "Else-Josenhans-Straße 6\n70173 Stuttgart",
    "contact_email": "geschaeftsstelle@sm.example.org",
    "contact_phone": "+49 711 123-0",
    "website": "https://netzwerk-integration.example.org",
    "timezone": "Europe/Berlin",
    "languages": "de,en",
    "number_prefix": "HE",
    "imprint": "Netzwerk Integration Baden-Württemberg – Demo\n\nVerantwortlich: Geschäftsstelle Netzwerk "
               "Integration, Else-Josenhans-Straße 6, 70173 Stuttgart\nE-Mail: geschaeftsstelle@sm.example.org\n\n"
               "Dies ist eine Demonstration mit erfundenen Personen und Daten.",
    "privacy_policy": "Datenschutzerklärung (Demo)\n\nDiese Demo verarbeitet nur erfundene Daten. Angemeldete "
                      "Personen: Name, E-Mail-Adresse und ihre Rollen im Netzwerk, um die Abläufe der "
                      "Empfehlungen abzubilden. Ein Sitzungs-Cookie hält die Anmeldung.\n\nFragen an: "
                      "geschaeftsstelle@sm.example.org",
    "accessibility_statement": "Erklärung zur Barrierefreiheit (Demo)\n\nDiese Anwendung soll die WCAG 2.1 "
                               "(Stufe AA) erfüllen. Barrieren melden Sie bitte der Geschäftsstelle: "
                               "geschaeftsstelle@sm.example.org\n\nSchlichtungsstelle: "
                               "https://www.schlichtungsstelle-bgg.de",
}


def write_demo_profile(session: Session, now: datetime) -> NetworkProfile:
    """Give the demo database the demo network's profile (made or overwritten)."""
    profile = session.get(NetworkProfile, PROFILE_ID) or NetworkProfile(id=PROFILE_ID, name="")
    for field, value in DEMO_PROFILE.items():
        setattr(profile, field, value)
    profile.updated_at = now
    session.add(profile)
    return profile
