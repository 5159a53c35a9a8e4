"""No page lets the browser check an email address: Chromium and Firefox refuse an address with an umlaut in its
local part (thomas.brückner@…) in an ``<input type="email">``, which the directory accepts; the server checks."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"


def test_no_template_has_an_email_input_the_browser_would_refuse_an_umlaut_address_in() -> None:
    found = [f"{path.name}:{number}" for path in sorted(TEMPLATES.glob("*.html"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if 'type="email"' in line]
    assert found == []
