"""Optional full text for news feeds that carry only a summary.

Many local news sites put two lines in their feed and the story on the page. For sources
marked ``full_text`` the collector fetches the page of each *new* entry whose text is
short, with the same client and limits as the feed (timeouts, deadline, size cap,
redirects, http/https only), and keeps the page's main text when it is longer.

The extraction is deliberately small (stdlib ``HTMLParser``): paragraphs inside
``<article>`` (or ``<main>``) when the page has one, otherwise every substantial
paragraph outside navigation, headers, footers, asides and forms. It needs no model and
no extra package (trafilatura would pull in eleven more), and what it returns is plain
text, normalised like any feed text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from html.parser import HTMLParser

import httpx

from feeds.fetch import fetch
from feeds.normalize import clean_text
from feeds.parse import FeedEntry
from sejuk.settings import CollectorSettings

#: Entries whose feed text is shorter than this are fetched for the full text.
SUMMARY_CHARS = 600
#: At most this many pages per source and run: a feed of 500 new entries must not turn
#: one poll into 500 page loads.
MAX_PAGES = 10
_MIN_PARAGRAPH = 40
_SKIP = {"nav", "header", "footer", "aside", "form", "script", "style", "noscript",
         "template", "svg", "iframe", "figure", "button", "select"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col",
         "embed", "param", "track"}


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip = 0
        self.main = 0
        self.current: list[str] | None = None
        self.in_main: list[str] = []
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag in _SKIP:
            self.skip += 1
        elif tag in {"article", "main"}:
            self.main += 1
        elif tag == "p" and not self.skip:
            self._close()
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in _SKIP:
                self.skip = max(0, self.skip - 1)
            elif open_tag in {"article", "main"}:
                self.main = max(0, self.main - 1)
            elif open_tag == "p":
                self._close()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skip:
            self.current.append(data)

    def _close(self) -> None:
        if self.current is None:
            return
        text = clean_text(" ".join(self.current))
        self.current = None
        if len(text) >= _MIN_PARAGRAPH or (text and self.main):
            (self.in_main if self.main else self.outside).append(text)


def extract_main_text(markup: str) -> str:
    """The page's main text: article paragraphs, else substantial paragraphs."""
    parser = _Paragraphs()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:  # pragma: no cover - HTMLParser on pathological input
        return ""
    parser._close()
    paragraphs = parser.in_main or parser.outside
    return "\n".join(paragraphs)


def with_full_text(client: httpx.Client, entries: Sequence[FeedEntry],
                   settings: CollectorSettings, known_guids: set[str]) -> list[FeedEntry]:
    """``entries`` with short texts replaced by their page's main text where it is longer.

    Only entries not stored yet are fetched (``known_guids`` holds the stored ones), at
    most :data:`MAX_PAGES`; a page that fails to load leaves the summary in place.
    """
    out: list[FeedEntry] = []
    budget = MAX_PAGES
    for entry in entries:
        if (budget and entry.link and entry.guid not in known_guids
                and len(entry.text) < SUMMARY_CHARS):
            budget -= 1
            result = fetch(client, entry.link, settings)
            if result.ok and "html" in result.headers.get("content-type", "text/html"):
                text = extract_main_text(_decode(result.content, result.headers))
                if len(text) > len(entry.text):
                    entry = dataclasses.replace(entry, text=text)
        out.append(entry)
    return out


def _decode(content: bytes, headers: dict[str, str]) -> str:
    content_type = headers.get("content-type", "")
    charset = "utf-8"
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'") or charset
    try:
        return content.decode(charset, errors="replace")
    except LookupError:
        return content.decode("utf-8", errors="replace")
