"""Every message kind renders in German and English, escaped, on the layout that names the network."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from jinja2 import UndefinedError

from notifications.compose.calendar import MeetingEntry, meeting_ics, meeting_uid
from notifications.compose.kinds import MessageKind
from notifications.compose.rendering import MessageRenderer
from notifications.compose.samples import sample_context
from workflow.reminders.plan import ReminderKind

NETWORK = "Netzwerk Integration Baden-Württemberg"
renderer = MessageRenderer(NETWORK, "https://recoflow.example.org/", ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", list(MessageKind))
def test_every_kind_renders_subject_text_and_html_naming_the_network_and_linking_back(kind, lang):
    message = renderer.render(kind, lang, sample_context(kind))
    assert message.subject and "\n" not in message.subject
    assert NETWORK in message.text and NETWORK in message.html
    assert "https://recoflow.example.org/" in message.text
    assert 'href="https://recoflow.example.org/' in message.html
    assert message.html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in message.html


def test_german_is_the_default_voice_and_english_is_available():
    context = sample_context(MessageKind.INVITATION)
    german = renderer.render(MessageKind.INVITATION, "de", context)
    english = renderer.render(MessageKind.INVITATION, "en", context)
    assert german.subject.startswith("Einladung") and "Guten Tag Dr. Felix Hartmann" in german.text
    assert english.subject.startswith("Invitation") and "Dear Dr. Felix Hartmann" in english.text
    # 08:00 UTC in April is 10:00 in Stuttgart.
    assert "Dienstag, 21. April 2026, 10:00 Uhr" in german.text
    assert "Tuesday, 21 April 2026, 10:00" in english.text


def test_values_are_escaped_in_html_but_not_in_plain_text():
    context = {**sample_context(MessageKind.VOTE_RESULT), "title": "Kita & Schule <jetzt>"}
    message = renderer.render(MessageKind.VOTE_RESULT, "de", context)
    assert "Kita &amp; Schule &lt;jetzt&gt;" in message.html
    assert "Kita & Schule <jetzt>" in message.text


def test_a_missing_value_refuses_to_render_instead_of_leaving_a_gap():
    context = sample_context(MessageKind.REPORT_DUE)
    del context["due_date"]
    with pytest.raises(UndefinedError):
        renderer.render(MessageKind.REPORT_DUE, "de", context)


def test_every_planned_reminder_kind_is_a_message_kind():
    assert {k.value for k in ReminderKind} <= {k.value for k in MessageKind}


def _entry(**changes):
    values = dict(meeting_id=4, title="4. Sitzung", starts_at=datetime(2026, 4, 21, 8, tzinfo=UTC),
                  location="Stuttgart", online_url="", link="/meetings/4", sequence=0)
    return MeetingEntry(**{**values, **changes})


def _event(entry):
    attachment = meeting_ics(entry, organizer="Geschäftsstelle <gs@example.org>", network_name=NETWORK,
                             base_url="https://recoflow.example.org", now=datetime(2026, 4, 1, tzinfo=UTC))
    calendar = Calendar.from_ical(attachment.content)
    return calendar, next(iter(calendar.walk("VEVENT"))), attachment


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence_and_a_cancel_says_cancel():
    cal1, first, _ = _event(_entry())
    _cal2, moved, _ = _event(_entry(starts_at=datetime(2026, 4, 28, 8, tzinfo=UTC), sequence=1))
    cal3, cancelled, attachment = _event(_entry(sequence=2, cancelled=True))
    assert first["UID"] == moved["UID"] == cancelled["UID"] == meeting_uid(4, "https://recoflow.example.org")
    assert (first["SEQUENCE"], moved["SEQUENCE"], cancelled["SEQUENCE"]) == (0, 1, 2)
    assert moved.decoded("DTSTART") - first.decoded("DTSTART") == timedelta(days=7)
    assert (str(cal1["METHOD"]), str(cal3["METHOD"])) == ("REQUEST", "CANCEL")
    assert str(cancelled["STATUS"]) == "CANCELLED" and attachment.content_type == "text/calendar; method=CANCEL"
    assert str(first["URL"]) == "https://recoflow.example.org/meetings/4"
