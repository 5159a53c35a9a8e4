"""Crawling the pages as a reader would and finding text in the wrong language.

A page's visible text is cut into text nodes (every run of text between two block-level tags; inline tags such as
``<a>`` or ``<strong>`` stay inside their sentence). A text node reads English when it holds two or more English
function words as whole words, one of them no German word as well (German shares ``was`` and ``Not``), and it
is an untranslated message when it equals a message id whose German text differs. On an English page the mirror
check flags a text node that equals a German translation.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

import httpx

from web.i18n import read_catalog

ENGLISH_FUNCTION_WORDS = frozenset((
    "the", "and", "is", "are", "was", "were", "of", "to", "only", "with", "not", "has", "have", "may", "this",
    "there", "be", "been", "would", "should", "can", "cannot", "for", "from", "by", "than", "no", "yet",
))
# Addresses, links and codes are no sentences: their parts must not count as words.
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|/\S*|\b[\w-]+\.(?:ics|csv|json|svg|xlsx|txt)\b")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_SPACE = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")

_INLINE = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
    "small", "span", "strong", "sub", "sup", "time", "u", "var", "label", "wbr", "br",
))
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
))
# Form fields hold data to edit (a composition as JSON), not the page's own words.
_HIDDEN = frozenset(("script", "style", "template", "title", "head", "textarea"))
_VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class _TextNodes(HTMLParser):
    """The visible text of a page, as block texts and as the raw pieces between any two tags; and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.pieces: list[str] = []
        self.links: list[str] = []
        self._buffer: list[str] = []
        self._hidden = 0
        # Elements that declare a language of their own (the language switch's "English"): not the page's text.
        self._foreign: list[str] = []

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._buffer)).strip()
        if text:
            self.blocks.append(text)
        self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._foreign or (values.get("lang") and tag != "html"):
            if tag not in _VOID:
                self._foreign.append(tag)
            return
        if tag in _HIDDEN:
            self._hidden += tag not in _VOID
            return
        if tag not in _INLINE:
            self._flush()
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "form" and (values.get("method") or "get").lower() == "get" and values.get("action"):
            self.links.append(values["action"] or "")
        if values.get("type") == "hidden" or values.get("hidden") is not None:
            return
        for name in _VISIBLE_ATTRIBUTES:
            if values.get(name):
                self.pieces.append(_SPACE.sub(" ", values[name] or "").strip())
                self.blocks.append(_SPACE.sub(" ", values[name] or "").strip())
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.pieces.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._foreign:
            if tag == self._foreign[-1]:
                self._foreign.pop()
            return
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if tag not in _INLINE:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._hidden or self._foreign:
            return
        self._buffer.append(data)
        piece = _SPACE.sub(" ", data).strip()
        if piece:
            self.pieces.append(piece)

    def close(self) -> None:
        super().close()
        self._flush()


@dataclass(frozen=True)
class Page:
    """What a reader sees of one page: its text nodes and where its links lead."""

    blocks: tuple[str, ...]
    pieces: tuple[str, ...]
    links: tuple[str, ...]


def read_page(html: str) -> Page:
    """The text nodes and links of an HTML page."""
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return Page(tuple(parser.blocks), tuple(parser.pieces), tuple(parser.links))


def english_words(text: str) -> list[str]:
    """The English function words of ``text``, as whole words (addresses and links left out)."""
    return [w for w in _WORD.findall(_NOT_WORDS.sub(" ", text)) if w.lower() in ENGLISH_FUNCTION_WORDS]


# English function words that are German words as well ("was" = what, "Not" = need): they count only beside
# an English word German does not have.
_GERMAN_TOO = frozenset(("was", "Was", "Not"))


def reads_english(text: str) -> bool:
    """Whether a text node is an English sentence: two or more English function words, one of them no German word."""
    words = english_words(text)
    return len(words) >= 2 and any(w not in _GERMAN_TOO for w in words)


@dataclass(frozen=True)
class _Messages:
    """Texts of one catalog side: exact texts, and patterns for those with placeholders."""

    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    def find(self, text: str) -> bool:
        return text in self.exact or any(p.fullmatch(text) for p in self.patterns)


def _messages(texts: Iterable[str]) -> _Messages:
    exact, patterns = set(), []
    for text in texts:
        text = _SPACE.sub(" ", text).strip()
        if not text:
            continue
        if _PLACEHOLDER.search(text):
            parts = _PLACEHOLDER.split(text)
            literal = [re.escape(p) for i, p in enumerate(parts) if i % 2 == 0]
            # A pattern needs two literal words around its placeholders, or it matches too much.
            if len(_WORD.findall(" ".join(parts[::2]))) >= 2:
                patterns.append(re.compile(".+?".join(literal)))
        else:
            exact.add(text.replace("%%", "%"))
    return _Messages(frozenset(exact), tuple(patterns))


def _translated_pairs() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for message in read_catalog("de"):
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        pairs.extend((i, t) for i, t in zip(ids, strings, strict=False) if t and t.strip() != i.strip())
    return pairs


@cache
def translated_message_ids() -> _Messages:
    """The message ids that have a German text different from themselves."""
    return _messages(i for i, _ in _translated_pairs())


@cache
def german_only_texts() -> _Messages:
    """The German texts of the catalog that are no English message id as well."""
    english = {i for i, _ in _translated_pairs()}
    return _messages(s for _, s in _translated_pairs() if s not in english)


@dataclass(frozen=True)
class Finding:
    """Text in the wrong language on one page, as one reader saw it."""

    role: str
    url: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"[{self.role}] {self.url} ({self.kind}): {self.text}"


def german_findings(role: str, url: str, page: Page) -> list[Finding]:
    """English sentences and untranslated message ids on a page that should read German."""
    found = []
    for block in dict.fromkeys(page.blocks):
        if reads_english(block):
            found.append(Finding(role, url, "English sentence", block))
    for piece in dict.fromkeys((*page.pieces, *page.blocks)):
        if translated_message_ids().find(piece) and not reads_english(piece):
            found.append(Finding(role, url, "untranslated message id", piece))
    return found


def english_findings(role: str, url: str, page: Page) -> list[Finding]:
    """German translations shown on a page that should read English."""
    return [Finding(role, url, "German text on an English page", piece)
            for piece in dict.fromkeys((*page.pieces, *page.blocks)) if german_only_texts().find(piece)]


_ID_SEGMENT = re.compile(r"^(\d+|[A-Z]{1,5}-\d{4}-\d{3}|[A-Za-z0-9_-]{30,})$")


def url_pattern(url: str) -> str:
    """The kind of page a URL shows: ids, numbers and tokens in its path replaced, its query keys kept."""
    parts = urlsplit(url)
    path = "/".join("{id}" if _ID_SEGMENT.match(segment) else segment for segment in parts.path.split("/"))
    path = re.sub(r"\d+(?=\.\w+$)", "{id}", path)
    keys = sorted({key for key, _ in parse_qsl(parts.query)})
    return path + ("?" + "&".join(keys) if keys else "")


# Files and downloads are not pages: calendars, exports, PDFs, raw mails, the person's data, attachments.
_SKIPPED = re.compile(r"^/(api|static)(/|$)|\.(ics|csv|json|svg|xlsx|txt|eml|pdf)$|^/outbox/\d+/raw"
                      r"|^/account/personal-data$|/(anlagen|attachments)/\d+$")


@dataclass
class Crawl:
    """A breadth-first walk over the pages one reader can reach, one page of each kind."""

    role: str
    fetch: Callable[[str], httpx.Response]
    check: Callable[[str, str, Page], list[Finding]]
    max_pages: int = 100
    pages: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    _patterns: set[str] = field(default_factory=set)

    def run(self, starts: Iterable[str], kinds: Iterable[str] = ()) -> None:
        """Walk from ``starts`` (pages reached by no link, such as forms behind buttons, may be among them);
        ``kinds`` are pages shown although a page of the same URL pattern was seen (one per state, say)."""
        starts, kinds = list(starts), list(kinds)
        queue = [*kinds, *starts]
        explicit = {*kinds, *starts}
        seen: set[str] = set()
        while queue and len(self.pages) < self.max_pages:
            url = urldefrag(queue.pop(0)).url
            pattern = url_pattern(url)
            if url in seen or (pattern in self._patterns and url not in explicit) or not url.startswith("/") \
                    or _SKIPPED.search(urlsplit(url).path):
                continue
            seen.add(url)
            self._patterns.add(pattern)
            response = self.fetch(url)
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            self.pages.append(url)
            page = read_page(response.text)
            self.findings.extend(self.check(self.role, url, page))
            queue.extend(link for link in page.links if link.startswith("/") and not link.startswith("//"))
