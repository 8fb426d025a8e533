"""Render demo entries as the feed formats real sources publish.

Why: the demo and the integration tests must exercise the *real* collector, so the
fixture server has to serve the same shapes of document the web does -- RSS 2.0
(WordPress-style, with ``content:encoded``), RSS 1.0/RDF, Atom 1.0, JSON Feed 1.1, a
Mastodon hashtag feed and an RSS-Bridge Telegram feed. Pure functions: entries in,
``(body bytes, content type)`` out.

Safety: XML is built with :mod:`xml.etree.ElementTree`, which escapes every text node
and attribute, and social text is HTML-escaped before it is wrapped in markup, just as
Mastodon and RSS-Bridge do. Nothing is ever concatenated into XML unescaped, so the
hostile fixture (``<script>`` and a ``javascript:`` link) arrives at the collector as
inert text inside escaped HTML.

Dates: aware datetimes are rendered with their offset (RFC 822 for RSS 2.0, W3C/RFC 3339
elsewhere). A *naive* ``published`` -- only the ``losaripos`` entries designed for the
source-zone rule -- is rendered without any zone ("Wed, 20 Nov 2024 09:15:00"), so the
collector must fall back to the source's zone (feedparser itself gives up on such a
date and leaves ``published_parsed`` empty). The other formats would render a naive
value as ISO 8601 without an offset, but no fixture entry needs that.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from datetime import datetime
from email.utils import format_datetime

from sejuk.demo.content import DemoEntry, DemoSource, source_zone

__all__ = ["CONTENT_TYPES", "render_feed"]

CONTENT_TYPES: dict[str, str] = {
    "rss2": "application/rss+xml; charset=utf-8",
    "mastodon": "application/rss+xml; charset=utf-8",
    "rss1": "application/rdf+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "jsonfeed": "application/feed+json; charset=utf-8",
}

NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_ATOM = "http://www.w3.org/2005/Atom"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_RSS1 = "http://purl.org/rss/1.0/"
GENERATOR = "Sejuk demo fixtures"

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")
_HASHTAG = re.compile(r"#(\w+)")
_TAG = re.compile(r"<[^>]+>")


def render_feed(source: DemoSource, entries: Sequence[DemoEntry],
                base_url: str) -> tuple[bytes, str]:
    """The feed document for ``source`` holding ``entries`` (newest first) and its type.

    ``base_url`` is the fixture server root used for the channel links. Every entry must
    belong to ``source`` (``ValueError`` otherwise: mixing sources is a caller bug).
    """
    foreign = [e.guid for e in entries if e.source_key != source.key]
    if foreign:
        raise ValueError(f"{len(foreign)} entries do not belong to source {source.key!r}")
    try:
        renderer = _RENDERERS[source.fmt]
    except KeyError:
        raise ValueError(f"unknown feed format {source.fmt!r}") from None
    ordered = sorted(entries, key=lambda e: (_instant(e.published, source), e.guid),
                     reverse=True)
    return renderer(source, ordered, base_url.rstrip("/")), CONTENT_TYPES[source.fmt]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _instant(dt: datetime, source: DemoSource) -> datetime:
    """An aware instant for sorting; naive values are wall-clock time in the source zone."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=source_zone(source))


def _rfc822(dt: datetime) -> str:
    if dt.tzinfo is not None:
        return format_datetime(dt)
    # Deliberately zone-less (see module docstring); format_datetime would write -0000.
    return (f"{_DAYS[dt.weekday()]}, {dt.day:02d} {_MONTHS[dt.month - 1]} {dt.year} "
            f"{dt:%H:%M:%S}")


def _w3c(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _site(source: DemoSource, base: str) -> str:
    return f"{base}/{source.path.split('/')[1]}/"


def _excerpt(html_text: str, limit: int = 240) -> str:
    """Plain-text teaser of an HTML body, as CMSs put in ``<description>``."""
    plain = " ".join(html.unescape(_TAG.sub(" ", html_text)).split())
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0] + " […]"


def _social_html(text: str, base: str, mastodon: bool) -> str:
    """Plain post text as the platform serves it: escaped, hashtags linked, lines kept."""
    escaped = html.escape(text, quote=False)

    def link(m: re.Match[str]) -> str:
        tag = m.group(1)
        if mastodon:
            return (f'<a href="{base}/mastodon/tags/{tag.lower()}" class="mention hashtag" '
                    f'rel="tag">#<span>{tag}</span></a>')
        return f'<a href="{base}/t/s?q=%23{tag}">#{tag}</a>'  # RSS-Bridge/Telegram style

    linked = _HASHTAG.sub(link, escaped)
    return "<p>" + "<br />".join(linked.splitlines()) + "</p>"


def _body_html(source: DemoSource, entry: DemoEntry, base: str) -> str:
    if source.kind != "social":
        return entry.text
    return _social_html(entry.text, base, mastodon=source.fmt == "mastodon")


def _sub(parent: ET.Element, tag: str, text: str | None = None,
         attrib: dict[str, str] | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, attrib or {})
    if text is not None:
        el.text = text
    return el


def _xml(root: ET.Element) -> bytes:
    # Prefixed tag names ("dc:creator") are written as-is; the xmlns declarations are
    # explicit attributes on the root, which keeps ElementTree's global registry alone.
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


# ---------------------------------------------------------------------------
# RSS 2.0 (news, fact-check, RSS-Bridge Telegram) and Mastodon hashtag RSS
# ---------------------------------------------------------------------------


def _rss2(source: DemoSource, entries: Sequence[DemoEntry], base: str) -> bytes:
    mastodon = source.fmt == "mastodon"
    rss = ET.Element("rss", {"version": "2.0", "xmlns:content": NS_CONTENT,
                             "xmlns:dc": NS_DC, "xmlns:atom": NS_ATOM})
    channel = _sub(rss, "channel")
    if mastodon:
        tag = source.path.rsplit("/", 1)[1].removesuffix(".rss")
        _sub(channel, "title", f"#{tag}")
        _sub(channel, "link", f"{base}/mastodon/tags/{tag}")
        _sub(channel, "description", f"Public posts tagged #{tag}")
    else:
        _sub(channel, "title", source.name)
        _sub(channel, "link", _site(source, base))
        _sub(channel, "description", f"{source.name} – umpan berita (fiksi, demo Sejuk)")
    _sub(channel, "language", "id")
    _sub(channel, "generator", GENERATOR)
    _sub(channel, "atom:link", None, {"href": base + source.path, "rel": "self",
                                      "type": "application/rss+xml"})
    if entries:
        _sub(channel, "lastBuildDate", _rfc822(entries[0].published))
    wordpress_style = source.kind == "news"
    for e in entries:
        item = _sub(channel, "item")
        if e.title and not mastodon:
            _sub(item, "title", e.title)
        _sub(item, "link", e.link)
        _sub(item, "guid", e.guid, {"isPermaLink": "false"})
        _sub(item, "pubDate", _rfc822(e.published))
        if e.author:
            _sub(item, "dc:creator", e.author)
        for tag in e.hashtags:
            _sub(item, "category", tag.lower() if mastodon else tag)
        body = _body_html(source, e, base)
        if wordpress_style:
            # teaser in <description>, the full HTML in content:encoded
            _sub(item, "description", html.escape(_excerpt(body), quote=False))
            _sub(item, "content:encoded", body)
        else:
            _sub(item, "description", body)
    return _xml(rss)


# ---------------------------------------------------------------------------
# RSS 1.0 / RDF
# ---------------------------------------------------------------------------


def _rss1(source: DemoSource, entries: Sequence[DemoEntry], base: str) -> bytes:
    rdf = ET.Element("rdf:RDF", {"xmlns:rdf": NS_RDF, "xmlns": NS_RSS1, "xmlns:dc": NS_DC,
                                 "xmlns:content": NS_CONTENT})
    site = _site(source, base)
    channel = _sub(rdf, "channel", None, {"rdf:about": base + source.path})
    _sub(channel, "title", source.name)
    _sub(channel, "link", site)
    _sub(channel, "description", f"{source.name} (fiksi, demo Sejuk)")
    _sub(channel, "dc:language", "id")
    if entries:
        _sub(channel, "dc:date", _w3c(entries[0].published))
    seq = _sub(_sub(channel, "items"), "rdf:Seq")
    for e in entries:
        _sub(seq, "rdf:li", None, {"rdf:resource": e.link})
    for e in entries:
        item = _sub(rdf, "item", None, {"rdf:about": e.link})
        _sub(item, "title", e.title)
        _sub(item, "link", e.link)
        body = _body_html(source, e, base)
        _sub(item, "description", html.escape(_excerpt(body), quote=False))
        _sub(item, "content:encoded", body)
        _sub(item, "dc:identifier", e.guid)
        _sub(item, "dc:date", _w3c(e.published))
        if e.author:
            _sub(item, "dc:creator", e.author)
        for tag in e.hashtags:
            _sub(item, "dc:subject", tag)
    return _xml(rdf)


# ---------------------------------------------------------------------------
# Atom 1.0
# ---------------------------------------------------------------------------


def _atom(source: DemoSource, entries: Sequence[DemoEntry], base: str) -> bytes:
    feed = ET.Element("feed", {"xmlns": NS_ATOM, "xml:lang": "id"})
    _sub(feed, "id", f"urn:sejuk-demo:feed:{source.key}")
    _sub(feed, "title", source.name)
    _sub(feed, "link", None, {"rel": "alternate", "type": "text/html",
                              "href": _site(source, base)})
    _sub(feed, "link", None, {"rel": "self", "type": "application/atom+xml",
                              "href": base + source.path})
    _sub(feed, "generator", GENERATOR)
    if entries:
        _sub(feed, "updated", _w3c(entries[0].published))
    author = _sub(feed, "author")
    _sub(author, "name", f"Redaksi {source.name}")
    for e in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", e.guid)
        _sub(entry, "title", e.title, {"type": "text"})
        _sub(entry, "link", None, {"rel": "alternate", "type": "text/html",
                                   "href": e.link})
        _sub(entry, "published", _w3c(e.published))
        _sub(entry, "updated", _w3c(e.published))
        if e.author:
            _sub(_sub(entry, "author"), "name", e.author)
        for tag in e.hashtags:
            _sub(entry, "category", None, {"term": tag})
        body = _body_html(source, e, base)
        _sub(entry, "summary", _excerpt(body), {"type": "text"})
        _sub(entry, "content", body, {"type": "html"})
    return _xml(feed)


# ---------------------------------------------------------------------------
# JSON Feed 1.1
# ---------------------------------------------------------------------------


def _jsonfeed(source: DemoSource, entries: Sequence[DemoEntry], base: str) -> bytes:
    items: list[dict[str, object]] = []
    for e in entries:
        item: dict[str, object] = {
            "id": e.guid,
            "url": e.link,
            "title": e.title,
            "content_html": _body_html(source, e, base),
            "summary": _excerpt(_body_html(source, e, base)),
            "date_published": _w3c(e.published),
        }
        if e.author:
            item["authors"] = [{"name": e.author}]
        if e.hashtags:
            item["tags"] = list(e.hashtags)
        items.append(item)
    doc: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": source.name,
        "home_page_url": _site(source, base),
        "feed_url": base + source.path,
        "description": f"{source.name} (fiksi, demo Sejuk)",
        "language": "id",
        "authors": [{"name": f"Redaksi {source.name}"}],
        "items": items,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


_RENDERERS: dict[str, Callable[[DemoSource, Sequence[DemoEntry], str], bytes]] = {
    "rss2": _rss2,
    "mastodon": _rss2,
    "rss1": _rss1,
    "atom": _atom,
    "jsonfeed": _jsonfeed,
}
