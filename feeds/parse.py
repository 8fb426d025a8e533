"""Turning fetched bytes into feed entries: RSS/Atom through feedparser, JSON Feed by hand.

Following feedparser's own rule, parsing never raises for a bad feed: a broken feed yields
whatever entries could be read plus a ``problem`` string that the collector records. The
one exception is a feed that declares XML entities in a DOCTYPE: that is how
entity-expansion ("billion laughs") and external-entity attacks look, so such a feed is
refused before any XML parser sees it, and nothing of it is stored.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from feeds.normalize import clean_text, extract_hashtags, html_to_text
from feeds.problems import problem
from sejuk.timeutil import YEARS


@dataclass(frozen=True)
class FeedEntry:
    """One entry as the feed gave it, with text already reduced to plain text."""

    guid: str
    link: str | None
    title: str
    text: str
    published: datetime | None  # naive when the feed gave no zone
    author: str | None = None
    hashtags: tuple[str, ...] = ()
    #: Absolute http(s) links in the entry's body, in order: what a post shares.
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    entries: list[FeedEntry] = field(default_factory=list)
    title: str = ""
    format: str = ""
    problem: str | None = None
    refused: bool = False


class HostileFeed(Exception):
    """The document declares entities; it is refused unparsed."""


_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


def _prolog_text(content: bytes) -> str:
    """The start of the document as text, whatever its encoding, for the entity check."""
    head = content[:262144]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:64]:
        for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            try:
                return head.decode(encoding)
            except UnicodeDecodeError:
                continue
    return head.decode("latin-1")


def check_not_hostile(content: bytes) -> None:
    """Raise :class:`HostileFeed` when the XML declares entities in a DOCTYPE."""
    text = _prolog_text(content)
    if _DOCTYPE_SUBSET.search(text) and _ENTITY_DECL.search(text):
        raise HostileFeed(problem("hostile"))


def _is_json(content: bytes, content_type: str) -> bool:
    if "json" in content_type.lower():
        return True
    return content.lstrip()[:1] == b"{"


def parse_feed(content: bytes, headers: Mapping[str, str] | None = None,
               url: str | None = None) -> ParsedFeed:
    """Entries of an RSS 0.9x/1.0/2.0, Atom or JSON Feed document."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    if not content.strip():
        return ParsedFeed(problem=problem("empty"), refused=True)
    if _is_json(content, headers.get("content-type", "")):
        return parse_json_feed(content)
    try:
        check_not_hostile(content)
    except HostileFeed as exc:
        return ParsedFeed(problem=str(exc), refused=True)
    response_headers = {k: v for k, v in headers.items()
                        if k in {"content-type", "content-location", "content-language"}}
    if url:
        response_headers.setdefault("content-location", url)
    # No HTML sanitising or URI rewriting inside bodies: every body is reduced to plain
    # text by html_to_text (scripts and styles dropped) and escaped again on output, so
    # feedparser's second HTML pass over each body would be pure cost.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=response_headers,
                              sanitize_html=False, resolve_relative_uris=False)
    malformed = None
    if parsed.get("bozo"):
        malformed = problem("malformed", detail=_one_line(parsed.get("bozo_exception")))
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        return ParsedFeed(problem=problem("not_a_feed", reason=malformed or problem("no_entries")),
                          refused=True)
    entries = [e for e in (_from_feedparser(raw) for raw in parsed.entries) if e is not None]
    return ParsedFeed(entries=entries, title=clean_text(parsed.feed.get("title", "")),
                      format=version or "unknown", problem=malformed)


def _one_line(exc: object) -> str:
    text = str(exc) if exc is not None else "unknown problem"
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _entry_body(raw: Any) -> tuple[str, tuple[str, ...]]:
    candidates = [c.get("value", "") for c in raw.get("content", []) or []]
    candidates.append(raw.get("summary", "") or "")
    body = max(candidates, key=len) if candidates else ""
    return html_to_text(body), body_links(body)


_HREF = re.compile(r"""href\s*=\s*["'](https?://[^"'\s<>]+)["']""", re.IGNORECASE)


def body_links(markup: str) -> tuple[str, ...]:
    """Absolute http(s) links of an HTML body, first appearance first."""
    if "href" not in markup:
        return ()
    return tuple(dict.fromkeys(html.unescape(m) for m in _HREF.findall(markup)))


def _entry_date(raw: Mapping[str, Any]) -> datetime | None:
    """The entry's time, keeping it naive when the feed gave no zone (the collector then
    applies the source's own zone, WIB/WITA/WIT, instead of feedparser's UTC guess)."""
    # dict.get, not feedparser's: its "updated" falls back on "published" with a
    # DeprecationWarning, read here once "published" was found unusable (year 9999)
    for key in ("published", "updated", "created", "dc_date"):
        value = dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)
        if value:
            parsed = parse_datetime(str(value))
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed"):
        struct = dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)
        if struct:
            try:
                moment = plausible(datetime.fromtimestamp(calendar.timegm(struct), UTC))
            except (OverflowError, OSError, ValueError):
                moment = None
            if moment is not None:  # else the next key may still hold a usable time
                return moment
    return None


def outside_years(value: str) -> bool:
    """Whether ``value`` reads as a date whose year is outside :data:`YEARS` (so a refusal
    can say so, not that it is no date)."""
    match = re.match(r"\s*(\d{4})-\d{2}-\d{2}", value) or re.search(r"\b\d{1,2} \w{3} (\d{4})\b",
                                                                value)
    return bool(match) and not YEARS[0] <= int(match.group(1)) <= YEARS[1]


def plausible(moment: datetime | None) -> datetime | None:
    """``moment``, or None when its year is outside :data:`YEARS` (the entry then counts
    as undated, as one without any time: the rest of the feed is stored)."""
    if moment is None or not YEARS[0] <= moment.year <= YEARS[1]:
        return None
    return moment


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_datetime(value: str) -> datetime | None:
    """RFC 822 or ISO 8601/RFC 3339 text to a datetime (naive if no zone was given); None
    for text that is no time, or one outside :data:`YEARS` (:func:`outside_years` tells
    the two apart for a message)."""
    value = value.strip()
    if not value:
        return None
    if _ISO.match(value):
        try:
            return plausible(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return None
    try:
        parsed = plausible(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is not None and value.rstrip().endswith("-0000"):
        # RFC 2822: "-0000" means the zone is unknown.
        return parsed.replace(tzinfo=None)
    return parsed


def _from_feedparser(raw: Any) -> FeedEntry | None:
    link = raw.get("link") or None
    title = html_to_text(raw.get("title", "") or "")
    text, links = _entry_body(raw)
    if not (title or text):
        return None
    guid = raw.get("id") or link or ""
    if not guid:
        guid = "content:" + hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    tags = [t.get("term", "") for t in raw.get("tags", []) or []]
    hashtags = [t.lstrip("#").lower() for t in tags if t]
    hashtags += [h for h in extract_hashtags(f"{title} {text}") if h not in hashtags]
    author = raw.get("author") or (raw.get("author_detail") or {}).get("name") or None
    return FeedEntry(guid=str(guid), link=link, title=title, text=text,
                     published=_entry_date(raw), author=author, hashtags=tuple(hashtags),
                     links=links)


def parse_json_feed(content: bytes) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which feedparser lacks."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return ParsedFeed(problem=problem("not_json", detail=_one_line(exc)), refused=True)
    except RecursionError:  # hostile nesting ([[[[... thousands deep)
        return ParsedFeed(problem=problem("json_too_deep"), refused=True)
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/1"
    ):
        return ParsedFeed(problem=problem("not_json_feed"), refused=True)
    items = data.get("items")
    if not isinstance(items, list):
        return ParsedFeed(problem=problem("no_items"), refused=True)
    entries: list[FeedEntry] = []
    skipped = 0
    for raw in items:
        entry = _from_json_item(raw)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    version = str(data["version"]).rsplit("/", 1)[-1]
    return ParsedFeed(entries=entries, title=clean_text(str(data.get("title", ""))),
                      format=f"json{version.replace('.', '')}",
                      problem=problem("items_skipped", n=skipped) if skipped else None)


def _from_json_item(raw: object) -> FeedEntry | None:
    if not isinstance(raw, dict) or raw.get("id") in (None, ""):
        return None
    title = html_to_text(str(raw.get("title") or ""))
    links: tuple[str, ...] = ()
    if raw.get("content_html"):
        text = html_to_text(str(raw["content_html"]))
        links = body_links(str(raw["content_html"]))
    else:
        text = clean_text(str(raw.get("content_text") or raw.get("summary") or ""))
    if not (title or text):
        return None
    authors = raw.get("authors") or ([raw["author"]] if isinstance(raw.get("author"), dict) else [])
    author = next((str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")),
                  None)
    tags = [str(t).lstrip("#").lower() for t in raw.get("tags") or [] if t]
    tags += [h for h in extract_hashtags(f"{title} {text}") if h not in tags]
    published = parse_datetime(str(raw.get("date_published") or raw.get("date_modified") or ""))
    link = raw.get("url") or raw.get("external_url")
    return FeedEntry(guid=str(raw["id"]), link=str(link) if link else None, title=title,
                     text=text, published=published, author=author, hashtags=tuple(tags),
                     links=links)
