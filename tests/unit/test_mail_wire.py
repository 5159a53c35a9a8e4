"""A mail's wire bytes, made once when it is queued: they read as the email package composes the same row, and the
personal link made at send time goes whole into both parts, with umlauts and long lines around it."""

import email
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default

from models.enums import Language
from models.outbox import OutboxMessage
from notifications.compose.mime import to_email
from notifications.compose.rendering import PERSONAL_LINK
from notifications.compose.wire import DIGEST_BYTES, MailContent, prepare_mail, prepared_mail, wire_bytes

SENDER = "Geschäftsstelle Netzwerk <gs@example.org>"
LINK = "https://recoflow.example.org/stellen/zugang/" + "Ab9_-" * 20 + "?sprache=de&x=1"
LONG = "Die Geschäftsstelle bittet um Rückmeldung zur Umsetzung der Empfehlung „Übergänge gestalten“ " * 4
TEXT = f"Sehr geehrte Frau Müller,\n\n{LONG}\n\nIhr persönlicher Zugang: {PERSONAL_LINK}\n{PERSONAL_LINK}"
HTML = (f'<p>Sehr geehrte Frau Müller,</p><p>{LONG}</p><p><a href="{PERSONAL_LINK}">Zugang öffnen</a> '
        f"({PERSONAL_LINK})</p>")
CALENDAR = "BEGIN:VCALENDAR\r\nSUMMARY:2. Sitzung der Strategiegruppe – Straße\r\nEND:VCALENDAR\r\n"


def _row(**changes: object) -> OutboxMessage:
    values: dict[str, object] = dict(
        id=1, dedupe_key="k", kind="forwarding", to_address="stelle@kreis-rt.example.org",
        to_name="Jugendamt Reutlingen, Abteilung „Übergänge“", language=Language.DE,
        subject="Weiterleitung der Empfehlung HE-2026-009: Übergänge gestalten – bitte berichten Sie bis zum Herbst",
        body_text=TEXT, body_html=HTML, message_id="<abc@example.org>",
        attachments=[{"filename": "sitzung.ics", "content_type": "text/calendar; method=REQUEST",
                      "content": CALENDAR}],
        next_attempt_at=datetime(2027, 1, 4, 8, tzinfo=UTC), created_at=datetime(2027, 1, 4, 8, tzinfo=UTC))
    values.update(changes)
    return OutboxMessage(**values)


def _content(row: OutboxMessage) -> MailContent:
    return MailContent(row.to_address, row.to_name, row.subject, row.message_id, row.created_at, row.kind,
                       row.language.value, row.body_text, row.body_html, row.attachments)


def _parse(data: bytes, *, utf8: bool = False) -> EmailMessage:
    parsed = (email.message_from_string(data.decode("utf-8"), policy=default) if utf8
              else email.message_from_bytes(data, policy=default))
    assert isinstance(parsed, EmailMessage)
    return parsed


def _text(message: EmailMessage, kind: str) -> str:
    part = message.get_body((kind,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def test_the_bytes_made_when_queued_read_as_the_email_package_composes_the_same_row() -> None:
    row = _row()
    ours = _parse(wire_bytes(prepared_mail(_content(row), prepare_mail(_content(row))), SENDER, LINK))
    theirs = _parse(to_email(row, SENDER, LINK).as_bytes())
    for header in ("From", "To", "Subject", "Message-ID", "Date", "Auto-Submitted", "X-Recoflow-Kind",
                   "Content-Language"):
        assert str(ours[header]) == str(theirs[header]), header
    assert _text(ours, "plain") == _text(theirs, "plain")
    assert _text(ours, "html") == _text(theirs, "html")
    [ours_ics], [their_ics] = list(ours.iter_attachments()), list(theirs.iter_attachments())
    assert (ours_ics.get_filename(), ours_ics.get_content_type(), ours_ics.get_param("method")) == (
        their_ics.get_filename(), their_ics.get_content_type(), their_ics.get_param("method"))
    # On the wire both end their lines in CRLF, as iCalendar wants them.
    assert ours_ics.get_content().replace("\r\n", "\n") == their_ics.get_content().replace("\r\n", "\n")
    assert ours_ics.get_content() == CALENDAR


def test_the_personal_link_goes_whole_into_both_parts_on_lines_a_mail_server_accepts() -> None:
    data = wire_bytes(prepare_mail(_content(_row()))[DIGEST_BYTES:], SENDER, LINK)
    message = _parse(data)
    assert _text(message, "plain") == TEXT.replace(PERSONAL_LINK, LINK) + "\n"
    assert _text(message, "html") == HTML.replace(PERSONAL_LINK, LINK) + "\n"
    assert PERSONAL_LINK.encode() not in data and data.isascii()
    body = data.split(b"\r\n\r\n", 1)[1]
    assert b"\n" not in body.replace(b"\r\n", b"") and max(len(line) for line in body.split(b"\r\n")) <= 78


def test_a_mail_without_a_link_is_sent_as_it_was_made() -> None:
    row = _row(body_text="Guten Tag,\nbis bald.\n", body_html="<p>Guten Tag</p>", attachments=[])
    prepared = prepare_mail(_content(row))
    assert wire_bytes(prepared_mail(_content(row), prepared), SENDER).endswith(prepared[DIGEST_BYTES:])
    assert _text(_parse(wire_bytes(prepared[DIGEST_BYTES:], SENDER)), "plain") == "Guten Tag,\nbis bald.\n"


def test_bytes_made_from_other_content_are_not_sent_but_made_anew() -> None:
    stored = prepare_mail(_content(_row()))
    changed = _row(subject="Neuer Betreff", attachments=[])
    message = _parse(wire_bytes(prepared_mail(_content(changed), stored), SENDER, LINK))
    assert message["Subject"] == "Neuer Betreff" and list(message.iter_attachments()) == []


def test_an_umlaut_before_the_at_stays_raw_for_a_server_offering_smtputf8() -> None:
    row = _row(to_address="thomas.brückner@straße.example.org", to_name="Thomas Brückner")
    message = _parse(wire_bytes(prepared_mail(_content(row), None), SENDER, LINK), utf8=True)
    assert message["To"].addresses[0].addr_spec == "thomas.brückner@xn--strae-oqa.example.org"
    assert message["To"].addresses[0].display_name == "Thomas Brückner"
