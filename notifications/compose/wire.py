"""A mail's bytes as they go on the wire, made once when it is queued: the sender adds its From line and the
personal link, and streams the rest as stored.

The email package takes 3–4 ms to build and serialise one multipart mail; this module writes the same structure
(text and HTML alternatives, text attachments) directly: headers encoded as RFC 2047 words where needed, bodies
7bit when they are plain short-lined ASCII and quoted-printable otherwise. A part that carries the personal link is
always quoted-printable with the placeholder on lines of its own (between soft line breaks), so that the link made
at send time replaces it without re-encoding the part (``with_personal_link``).
"""

import binascii
import hashlib
import json
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.charset import Charset
from email.header import Header
from email.utils import format_datetime, parseaddr
from functools import lru_cache
from typing import Any

from notifications.compose.mime import envelope_address
from notifications.compose.rendering import PERSONAL_LINK

CRLF = b"\r\n"
# The placeholder as it stands in a prepared mail: alone between two soft line breaks of a quoted-printable part.
_WIRE_LINK = b"=\r\n" + PERSONAL_LINK.encode("ascii") + b"=\r\n"
# Quoted-printable lines hold at most 76 characters, the soft break's "=" included.
_QP_LINE = 75
_UTF8 = Charset("utf-8")
# Stored bytes start with this many bytes of their content's digest.
DIGEST_BYTES = 16
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')


def _header_text(name: str, value: str) -> bytes:
    """``Name: value`` with RFC 2047 words for non-ASCII text, folded; a line break in the value is refused."""
    if "\r" in value or "\n" in value:
        raise ValueError(f"a {name} header may not contain a line break")
    if value.isascii() and len(value) + len(name) < 76:
        return f"{name}: {value}".encode("ascii") + CRLF
    encoded = Header(value, "us-ascii" if value.isascii() else "utf-8", header_name=name).encode(linesep="\r\n")
    return f"{name}: {encoded}".encode("ascii") + CRLF


def _to_header(name: str, wire_address: str) -> bytes:
    """The To line: the display name quoted or encoded, the address as on the envelope (a non-ASCII local part stays
    raw UTF-8, which only an SMTPUTF8 delivery carries)."""
    if "\r" in name or "\n" in name:
        raise ValueError("a To header may not contain a line break")
    if not name:
        return b"To: " + wire_address.encode("utf-8") + CRLF
    if not name.isascii():
        # One encoded word, as formataddr writes it: parsers put a space between the words of a split phrase.
        shown = _UTF8.header_encode(name)
    elif _SPECIALS.search(name):
        shown = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        shown = name
    return f"To: {shown} <".encode("ascii") + wire_address.encode("utf-8") + b">" + CRLF


@lru_cache(maxsize=16)
def from_header(sender: str) -> bytes:
    """The From line for ``sender`` ("Name <address>" or an address), encoded once per sender."""
    name, address = parseaddr(sender)
    if not address:
        return _header_text("From", sender.strip())
    return b"From: " + _to_header(name, address)[len(b"To: "):]


def _lines(text: str) -> bytes:
    """``text`` in UTF-8 with CRLF line ends, ending with one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", "\r\n").encode("utf-8")


def _qp(data: bytes) -> bytes:
    """``data`` (CRLF lines) quoted-printable with CRLF line ends, soft ones included (binascii writes a bare LF
    for those when the data holds no line end of its own)."""
    encoded = binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)
    return encoded if encoded.count(b"\n") == encoded.count(b"\r\n") else (
        encoded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def _body(text: str) -> tuple[str, bytes]:
    """The transfer encoding and encoded body of one text part."""
    if PERSONAL_LINK in text:
        # Each segment encoded on its own; the placeholder kept whole between soft line breaks.
        segments = _lines(text)[:-2].split(PERSONAL_LINK.encode("ascii"))
        return "quoted-printable", _WIRE_LINK.join(_qp(s) for s in segments) + CRLF
    data = _lines(text)
    if data.isascii() and all(len(line) <= 78 for line in data.split(CRLF)):
        return "7bit", data
    return "quoted-printable", _qp(data)


def _part(content_type: str, text: str, extra: Sequence[bytes] = ()) -> bytes:
    encoding, body = _body(text)
    return b"".join((f"Content-Type: {content_type}\r\n".encode("ascii"), *extra,
                     f"Content-Transfer-Encoding: {encoding}\r\n\r\n".encode("ascii"), body))


def _multipart(subtype: str, parts: Sequence[bytes]) -> tuple[bytes, bytes]:
    """The Content-Type line and body of a multipart holding ``parts``."""
    boundary = f"=_recoflow_{secrets.token_hex(12)}"
    head = f'Content-Type: multipart/{subtype};\r\n boundary="{boundary}"\r\n'.encode("ascii")
    delimiter = f"--{boundary}\r\n".encode("ascii")
    # The line end before a delimiter belongs to the delimiter (RFC 2046), not to the part: each part keeps its own.
    body = b"".join(delimiter + part + CRLF for part in parts) + f"--{boundary}--\r\n".encode("ascii")
    return head, body


def _attachment(attachment: Mapping[str, Any]) -> bytes:
    maintype, _, rest = str(attachment["content_type"]).partition("/")
    if maintype != "text":
        raise ValueError(f"only text attachments are supported, not {attachment['content_type']}")
    subtype, _, params = rest.partition(";")
    values = dict(p.strip().split("=", 1) for p in params.split(";") if "=" in p)
    values.pop("charset", None)
    extra = "".join(f'; {key}="{value.strip(chr(34))}"' for key, value in values.items())
    filename = str(attachment["filename"])
    if not filename.isascii() or '"' in filename or "\n" in filename:
        raise ValueError(f"an attachment's file name must be plain ASCII: {filename!r}")
    disposition = f'Content-Disposition: attachment; filename="{filename}"\r\n'.encode("ascii")
    return _part(f'text/{subtype.strip()}; charset="utf-8"{extra}', str(attachment["content"]), (disposition,))


@dataclass(frozen=True)
class MailContent:
    """What a mail is made of, as its outbox row holds it."""

    to_address: str
    to_name: str
    subject: str
    message_id: str
    created_at: datetime
    kind: str
    language: str
    body_text: str
    body_html: str
    attachments: Sequence[Mapping[str, Any]] = ()

    def digest(self) -> bytes:
        """A fingerprint of everything the bytes are made from: stored bytes whose row changed are made anew."""
        fields = (self.to_address, self.to_name, self.subject, self.message_id, _date(self.created_at), self.kind,
                  self.language, self.body_text, self.body_html,
                  json.dumps(list(self.attachments), sort_keys=True, ensure_ascii=False))
        return hashlib.blake2b("\x00".join(fields).encode("utf-8", "surrogatepass"), digest_size=DIGEST_BYTES).digest()


def _date(instant: datetime) -> str:
    # In UTC, as the row reads back from the database, whatever zone the instant was queued in.
    return format_datetime(instant.astimezone(UTC))


def _mail(content: MailContent) -> bytes:
    wire_address, _needs_smtputf8 = envelope_address(content.to_address)
    alternatives = (_part('text/plain; charset="utf-8"', content.body_text),
                    _part('text/html; charset="utf-8"', content.body_html))
    content_type, body = _multipart("alternative", alternatives)
    if content.attachments:
        inner = content_type + CRLF + body
        content_type, body = _multipart("mixed", (inner, *(_attachment(a) for a in content.attachments)))
    head = b"".join((
        _to_header(content.to_name, wire_address), _header_text("Subject", content.subject),
        f"Message-ID: {content.message_id}\r\nDate: {_date(content.created_at)}\r\n"
        f"Auto-Submitted: auto-generated\r\nX-Recoflow-Kind: {content.kind}\r\n"
        f"Content-Language: {content.language}\r\nMIME-Version: 1.0\r\n".encode("ascii"),
        content_type))
    return head + CRLF + body


def prepare_mail(content: MailContent) -> bytes:
    """What the outbox stores: the content's digest, then the whole mail but its From line as it goes on the wire
    (CRLF), the personal link still a placeholder.

    Raises UnusableAddress for an address no mail can go to, ValueError for what no mail can carry.
    """
    return content.digest() + _mail(content)


def prepared_mail(content: MailContent, stored: bytes | None) -> bytes:
    """The mail's bytes but its From line: those stored if they were made from this very content, else made now."""
    if stored is not None and stored[:DIGEST_BYTES] == content.digest():
        return stored[DIGEST_BYTES:]
    return _mail(content)


def _qp_link(link: str) -> bytes:
    """``link`` quoted-printable on lines of at most 76 characters, each ending in a soft line break."""
    lines, line = [], ""
    for char in link:
        token = "=3D" if char == "=" else char if 32 < ord(char) < 127 else "".join(
            f"={b:02X}" for b in char.encode("utf-8"))
        if len(line) + len(token) > _QP_LINE:
            lines.append(line)
            line = ""
        line += token
    lines.append(line)
    return b"=\r\n" + "".join(f"{part}=\r\n" for part in lines).encode("ascii")


def with_personal_link(prepared: bytes, link: str | None) -> bytes:
    """The prepared mail with ``link`` in place of its placeholder, in every part that carries it."""
    if link is None or _WIRE_LINK not in prepared:
        return prepared
    return prepared.replace(_WIRE_LINK, _qp_link(link))


def wire_bytes(prepared: bytes, sender: str, link: str | None = None) -> bytes:
    """The mail as handed to the server: its From line, then the prepared rest with the personal link put in."""
    return from_header(sender) + with_personal_link(prepared, link)
