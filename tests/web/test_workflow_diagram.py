"""The workflow diagram reads in the reader's language at a readable size, and says the same in words."""

import re

from tests.support.web import TestClient, form_token

# The page's main column is 70rem (1,120 px) wide less its padding, 1,072 px. An image w pt wide (4/3 px each) is
# scaled by min(1, 1072 / (w * 4/3)), so its 14 pt text shows at 14 * 1072 / w px or more: 14 px up to 1,072 pt.
MAX_WIDTH_PT = 1072


def _size(svg: str) -> tuple[float, set[float]]:
    width = re.search(r'<svg width="([\d.]+)pt"', svg)
    assert width, svg[:300]
    return float(width.group(1)), {float(f) for f in re.findall(r'font-size="([\d.]+)"', svg)}


def test_the_diagram_names_states_and_steps_in_german_and_in_english_on_request(client: TestClient) -> None:
    german = client.get("/workflow.svg").text
    page = client.get("/workflow").text
    client.post("/language", data={"csrf_token": form_token(client, "/workflow"), "lang": "en", "next": "/"})
    english = client.get("/workflow.svg").text
    texts = set(re.findall(r"<text[^>]*>([^<]*)</text>", german))
    assert {"Entwurf", "Eingereicht", "In Überprüfung", "Einreichen"} <= texts
    assert "draft" not in texts and "under_review" not in texts
    assert {"Draft", "Under review", "Submit"} <= set(re.findall(r"<text[^>]*>([^<]*)</text>", english))
    width, sizes = _size(german)
    assert width <= MAX_WIDTH_PT and min(sizes) >= 14
    # The text alternative: every state with the steps leading on from it.
    assert 'aria-describedby="diagram-steps"' in page
    assert "<li><strong>Entwurf</strong>: Einreichen → Eingereicht; Zurückziehen → Zurückgezogen</li>" in page
    assert "<li><strong>Abgelehnt</strong>: kein weiterer Schritt</li>" in page
