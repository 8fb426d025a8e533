"""Public-post platforms reached as feeds: what differs from a news feed, per platform.

Analysts follow public posts through the feeds the platforms (or bridges) publish:
Mastodon hashtag and account RSS, Bluesky profile RSS, YouTube channel feeds, Reddit
feeds and RSS-Bridge renderings of Telegram channels. Each has its quirks, handled here
as a pure function over parsed entries:

- **Author.** The account is read from where the platform puts it (Mastodon and Bluesky
  in the post link, Reddit as ``/u/name``, Telegram as the channel in ``t.me/<channel>``)
  and normalised, so that :func:`sejuk.access.privacy.hash_author` gives one hash per account.
  The store keeps only that salted hash unless ``privacy.store_author_handles`` is on.
- **Post text vs. link.** A post's text is what the person wrote; bridges that repeat the
  first words as a title get the title dropped. A post that only shares a link (Reddit
  link posts, an empty Mastodon boost) keeps the shared address as its text, and Reddit's
  "submitted by ... [link] [comments]" boilerplate is removed.
- **Hashtags.** Kept from the platform's tags and the text (lower-cased); a subreddit is
  a place, not a hashtag, and is not kept as one.
- **Links.** A post's address often names its author (``/@someone/113...``). What is
  stored and exported is :func:`handle_free_link`: the instance's own handle-free address
  where the platform has one (Mastodon ``/statuses/<id>``), else the name replaced by
  its salted hash; the original address is kept only when handles are.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from feeds.parse import FeedEntry
from sejuk.access.privacy import hash_author

PLATFORMS = ("mastodon", "bluesky", "youtube", "reddit", "telegram")

_MASTODON_PATH = re.compile(r"^/(tags/[^/]+\.rss|@[^/]+\.rss|users/[^/]+\.rss|@[^/]+/tagged/)",
                            re.IGNORECASE)
_REDDIT_BOILERPLATE = re.compile(r"\s*submitted by\s+/?u/\S+\s*(\[link\])?\s*(\[comments\])?\s*$",
                                 re.IGNORECASE)


def detect_platform(url: str) -> str | None:
    """The platform a feed URL belongs to, or ``None`` for an ordinary feed."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path
    query = {k.lower(): v for k, v in parse_qs(parts.query).items()}
    bridge = " ".join(query.get("bridge", [])).lower()
    if host in {"t.me", "telegram.me"} or "telegram" in bridge or "/telegram/" in path.lower():
        return "telegram"
    if host.endswith("bsky.app") or "bsky" in host or "bluesky" in bridge:
        return "bluesky"
    if host.endswith(("youtube.com", "youtu.be")) or "youtube" in bridge:
        return "youtube"
    if host.endswith("reddit.com") or "reddit" in bridge:
        return "reddit"
    if _MASTODON_PATH.match(path) or "mastodon" in bridge or "/mastodon/" in path.lower():
        return "mastodon"
    return None


def author_handle(entry: FeedEntry, platform: str | None) -> str | None:
    """The account that wrote ``entry``, as the platform names it."""
    link = entry.link or ""
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = urlsplit("")
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if platform == "mastodon" and segments and segments[0].startswith("@"):
        name = segments[0][1:]
        return name if "@" in name else f"{name}@{host}"
    if platform == "bluesky" and len(segments) >= 2 and segments[0] == "profile":
        return segments[1]
    if platform == "telegram" and host in {"t.me", "telegram.me"} and segments:
        channel = segments[1] if segments[0] == "s" and len(segments) > 1 else segments[0]
        return channel
    if platform == "reddit" and entry.author:
        return re.sub(r"^/?u/", "", entry.author.strip())
    return entry.author


def adapt_entry(entry: FeedEntry, platform: str | None) -> FeedEntry:
    """``entry`` with the platform's author, text and hashtag conventions applied."""
    if platform is None:
        return entry
    title, text = entry.title, entry.text
    hashtags = list(entry.hashtags)
    if platform == "reddit":
        text = _REDDIT_BOILERPLATE.sub("", text).strip()
        shared = [u for u in entry.links if not _is_platform_link(u, "reddit")]
        if not text and shared:
            text = shared[0]
        hashtags = [h for h in hashtags if f"#{h}" in f"{title} {text}".lower()]
    else:
        stem = title.rstrip(" .…").strip()
        if stem and text and text.startswith(stem) and platform != "youtube":
            title = ""  # the bridge's title is only the first words of the text
        if not text.strip() and entry.links:
            text = entry.links[0]
    return dataclasses.replace(entry, title=title, text=text,
                               author=author_handle(entry, platform),
                               hashtags=tuple(dict.fromkeys(hashtags)))


def _is_platform_link(url: str, platform: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return {"reddit": host.endswith(("reddit.com", "redd.it"))}.get(platform, False)


#: ``/@name/<id>`` (also ``/@name@instance/<id>``, ``/web/@name/<id>``) and the
#: ActivityPub form ``/users/<name>/statuses/<id>``: Mastodon (and compatible) posts,
#: also on an instance served below a path.
_MASTODON_POST = re.compile(r"^(.*?)(?:/web)?/(?:@[^/]+|users/[^/]+/statuses)/(\d+)/?$")
_BLUESKY_POST = re.compile(r"^/profile/([^/]+)/post/([^/]+)/?$")
_REDDIT_USER = re.compile(r"^/(u|user)/([^/]+)(/.*)?$", re.IGNORECASE)
#: A name marked as a stand-in: ``~`` plus the first characters of the salted hash.
PSEUDONYM_MARK = "~"


def pseudonym(salt: str, name: str) -> str:
    """A short, stable, unreadable stand-in for an account name inside a link."""
    return PSEUDONYM_MARK + hash_author(salt, unquote(name))[:12]


def handle_free_link(url: str | None, salt: str) -> str | None:
    """The address of a public post without its author's account name.

    Mastodon-style posts (``https://host/@name/113...``, ``/users/name/statuses/113...``)
    become ``https://host/statuses/113...``, which the instance still opens. Platforms
    without a handle-free address (Bluesky ``/profile/<name>/post/...``, Reddit
    ``/user/<name>/...``, any other ``/@name`` path) keep their shape with the name
    replaced by :func:`pseudonym`: unique and stable, so deduplication still works,
    but neither readable nor clickable. Query and fragment of a rewritten address are
    dropped (they can carry the name too). Other addresses are returned unchanged.
    """
    if not url:
        return url
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return url
    path = parts.path
    mastodon = _MASTODON_POST.match(path)
    if mastodon:
        new_path = f"{mastodon.group(1)}/statuses/{mastodon.group(2)}"
    elif bluesky := _BLUESKY_POST.match(path):
        actor, rkey = bluesky.groups()
        if actor.startswith(PSEUDONYM_MARK):
            return url
        new_path = f"/profile/{pseudonym(salt, actor)}/post/{rkey}"
    elif reddit := _REDDIT_USER.match(path):
        prefix, name, rest = reddit.groups()
        if name.startswith(PSEUDONYM_MARK):
            return url
        new_path = f"/{prefix}/{pseudonym(salt, name)}{rest or ''}"
    elif "/@" in path:
        segments = path.split("/")
        new_path = "/".join(
            "@" + pseudonym(salt, s[1:]) if s.startswith("@") and len(s) > 1
            and not s.startswith("@" + PSEUDONYM_MARK) else s for s in segments)
        if new_path == path:
            return url
    else:
        return url
    return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))


def names_author(url: str | None) -> bool:
    """True when ``url`` still names an account (what :func:`handle_free_link` removes)."""
    return bool(url) and handle_free_link(url, "") != url


def outside_link(link: str | None, url: str | None) -> str | None:
    """The address of an item that may leave Sejuk (exports, digests, lists): the one as
    published, unless it names the author (kept only under the handles opt-in); then the
    stored handle-free ``url``."""
    return url if names_author(link) else link
