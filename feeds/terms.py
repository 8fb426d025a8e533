"""What may be stored of a source's items (its terms), and Google News links made direct.

Publisher content is copyrighted: for news and fact-check feeds Sejuk stores the
headline, the lead and the link (``lead``), which is what analysts need to see a story
and go to it; ``full`` keeps what the feed gives (official announcements, public posts,
a source whose licence allows it); ``title`` keeps only the headline and link (news
aggregators such as Google News, whose text repeats the headline).

Google News RSS links are redirects (``news.google.com/rss/articles/<id>``). The older
ids are the publisher's address in a base64 protobuf and are decoded here without any
request, so the item carries the publisher's URL and deduplicates with the publisher's own
feed; newer opaque ids cannot be decoded offline and keep the Google link.
"""

from __future__ import annotations

import base64
import dataclasses
import re
from urllib.parse import urlsplit

from feeds.parse import FeedEntry

TERMS = ("full", "lead", "title")
#: The lead: the first paragraph, at most this many characters (cut at a sentence or word).
LEAD_CHARS = 400
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_URL_IN_BYTES = re.compile(rb"https?://[\x21-\x7e]+")


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first paragraph, cut at the last sentence end (else word) within ``limit``."""
    first = next((p.strip() for p in text.split("\n") if p.strip()), "")
    if len(first) <= limit:
        return first
    cut = first[:limit]
    ends = [m.start() for m in _SENTENCE_END.finditer(cut)]
    if ends and ends[-1] > limit // 3:
        return cut[: ends[-1]].strip()
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + " …"


def apply_terms(entry: FeedEntry, terms: str) -> FeedEntry:
    """``entry`` reduced to what ``terms`` allow to be stored."""
    if terms == "lead":
        return dataclasses.replace(entry, text=lead(entry.text))
    if terms == "title":
        return dataclasses.replace(entry, text="" if entry.title else lead(entry.text, 200))
    return entry


def google_news_target(link: str) -> str | None:
    """The publisher's address inside a Google News article link, when it is there."""
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    if (parts.hostname or "").lower() != "news.google.com":
        return None
    match = re.search(r"/articles/([A-Za-z0-9_-]+)", parts.path)
    if not match:
        return None
    token = match.group(1)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    found = _URL_IN_BYTES.search(raw)
    if not found:
        return None  # a newer opaque id: resolving it would need a request to Google
    url = found.group(0).decode("ascii")
    host = (urlsplit(url).hostname or "").lower()
    return url if host and host != "news.google.com" else None


def resolve_google_news(entry: FeedEntry) -> FeedEntry:
    """A Google News entry with the publisher's link and without the " - Publisher"
    suffix Google adds to every headline."""
    if not entry.link or "news.google.com" not in entry.link:
        return entry
    target = google_news_target(entry.link)
    title = entry.title
    publisher = entry.text[len(title):].strip() if entry.text.startswith(title) else ""
    if not publisher and " - " in title:
        publisher = title.rsplit(" - ", 1)[1]
    if publisher and title.endswith(f" - {publisher}"):
        title = title[: -len(publisher) - 3].rstrip()
    text = "" if entry.text.startswith(entry.title) else entry.text
    return dataclasses.replace(entry, link=target or entry.link, title=title, text=text)


def prepare_entry(entry: FeedEntry, terms: str) -> FeedEntry:
    """What the collector applies to every parsed entry before storing it."""
    return apply_terms(resolve_google_news(entry), terms)


__all__ = ["LEAD_CHARS", "TERMS", "apply_terms", "google_news_target", "lead",
           "prepare_entry", "resolve_google_news"]
