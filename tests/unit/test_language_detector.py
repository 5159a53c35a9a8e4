"""The crawl's language detector: an English sentence is found, German text and proper names are not taken for one."""

import pytest

from tests.support.crawl import german_findings, read_page, reads_english, url_pattern


@pytest.mark.parametrize("text", [
    "HE-2026-006 was changed by someone else (version 6, you saw 5)",
    "There is no meeting 7 ('recoflow meetings list' shows them)",
    "more yes than no",
    "Only the secretariat may do this.",
])
def test_an_english_sentence_is_found(text: str) -> None:
    assert reads_english(text)


@pytest.mark.parametrize("text", [
    "Was ist zu tun, wenn die Frist abgelaufen ist?",
    "Bürgermeisterin Anja Korte, Stadt Ulm – Integrationsbeauftragte/r",
    "Not- und Krisenhilfe für Geflüchtete: was das Land fördert",
    "Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg",
    "Schreiben an the.best.of@example.org und https://example.org/to/the/only/page",
    "Landeszentrale für politische Bildung Baden-Württemberg (info@lpb.example.org)",
])
def test_german_text_names_and_addresses_are_not_taken_for_english(text: str) -> None:
    assert not reads_english(text)


def test_a_message_id_shown_untranslated_is_found_and_the_language_switch_is_not() -> None:
    page = read_page('<html lang="de"><body><p>Hallo <strong>Welt</strong></p><button>Save</button>'
                     '<form method="post"><button lang="en">English</button></form></body></html>')
    assert page.blocks == ("Hallo Welt", "Save")
    assert [f.text for f in german_findings("public", "/", page)] == ["Save"]


def test_a_url_pattern_replaces_ids_numbers_and_tokens() -> None:
    assert url_pattern("/recommendations/HE-2026-006") == "/recommendations/{id}"
    assert url_pattern("/meetings/4/minutes") == "/meetings/{id}/minutes"
    assert url_pattern("/outbox?status=queued") == "/outbox?status"
    assert url_pattern("/stelle/zLtuds3PnkzNAMPIwQnyd48iDINBLeWEdiL3tsxY7Vo") == "/stelle/{id}"
