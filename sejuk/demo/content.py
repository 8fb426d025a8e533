"""Synthetic, deterministic fixture content for the offline Sejuk demo.

Why this exists: the demo workspace must look alive without any network access. A
local HTTP server serves feeds rendered from these entries (see ``feedgen``) and the
real collector fetches them, so every downstream stage -- parsing, region tagging,
classification, near-duplicate clustering, claim matching, spike detection and the
daily digest -- has believable Indonesian material to work on.

The prose -- articles, posts, narratives, debunks -- is data in ``sejuk/demo/data``
(TOML and CSV, read by ``material``); ``generate`` composes it into drafts, and this
module stamps them with times, guids and links.

Everything here is invented: outlets, domains, candidates, officials, quotes. Only the
administrative geography (kabupaten/kota, kecamatan and a few desa/kelurahan names)
is real, so that the region tagger can place items on the map.

Design notes
------------
* Pure and deterministic: :func:`demo_entries` depends only on ``(today, base_url,
  seed)``. Dates are laid out over the 28 days ending on ``today`` so the demo always
  looks current, and the polling day ("hari H") is placed six days after ``today``.
* ``DemoEntry.text`` is HTML for news, fact-check and official sources (it may contain
  ``<p>``, ``<a>`` and entities such as ``&amp;``) and *plain text* for social sources;
  the renderer escapes social text the way Mastodon or RSS-Bridge would.
* ``DemoEntry.truth`` is the ground truth for evaluation: a subset of
  ``{"hoaks", "provokasi", "debunk"}``; empty means routine or neutral.
* Hoaxes recur as *narratives* (``DemoEntry.narrative``): the same claim copied with
  small edits across sources and regions, each with a debunk in the fact-check feed
  that restates the claim, so clustering and claim matching have something to find.
* A rising trend is planted in the last three days, going on today, in Kecamatan
  Plumbon (Kabupaten Cirebon) and Kecamatan Tamalate (Kota Makassar).
* Naive timestamps: the source ``losaripos`` (Asia/Makassar, RSS 2.0) has
  ``naive_times=True``; every fourth of its entries (in chronological order) carries a
  *naive* ``published`` that means local WITA wall-clock time. The feed renders those
  as an RFC 822 date without a zone, exercising the "use the source's time zone when
  the feed gives none" rule. All other entries are timezone-aware.
* Awkward-but-legitimate entries (``awkward.toml``): an HTML-heavy official
  notice, a ~3000-character news report, an English-language post, an emoji post, and
  a hostile post containing ``<script>`` and a ``javascript:`` markdown link that the
  app must render as inert text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sejuk.demo.generate import drafts
from sejuk.demo.material import MATERIAL, TRUTH_LABELS, DemoSource
from sejuk.demo.slots import HARI_H_OFFSET, WINDOW_DAYS, Ctx, Draft

__all__ = [
    "HARI_H_OFFSET",
    "SOURCES",
    "TRUTH_LABELS",
    "WINDOW_DAYS",
    "DemoEntry",
    "DemoSource",
    "demo_entries",
    "source_by_key",
    "source_zone",
]


@dataclass(frozen=True)
class DemoEntry:
    """One item of a fixture feed, with its ground-truth labels.

    ``text`` is HTML for news/fact-check/official sources and plain text for social
    ones. ``narrative`` names the hoax narrative a copy or debunk belongs to (``None``
    for everything else); it is ground truth for clustering and claim matching.
    """

    source_key: str
    guid: str
    link: str
    title: str
    text: str
    published: datetime
    author: str | None
    hashtags: tuple[str, ...]
    truth: frozenset[str]
    narrative: str | None = None


#: The fixture feeds, as listed in ``sejuk/demo/data/sources.csv``.
SOURCES: tuple[DemoSource, ...] = MATERIAL.sources


def source_zone(source: DemoSource) -> tzinfo:
    """The source's own time zone; a naive ``published`` is wall-clock time in it."""
    return _tz(source.timezone)


def source_by_key(key: str) -> DemoSource:
    """Look a fixture source up by key (raises ``KeyError`` for an unknown key)."""
    for src in SOURCES:
        if src.key == key:
            return src
    raise KeyError(key)


def _tz(name: str) -> tzinfo:
    """Return the named zone; Indonesia has no DST, so a fixed offset is a safe fallback."""
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        hours = {"Asia/Jakarta": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9}[name]
        return timezone(timedelta(hours=hours), name)


# ---------------------------------------------------------------------------
# Finalisation: timestamps, guids, links
# ---------------------------------------------------------------------------

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _slug(title: str, fallback: str) -> str:
    s = _SLUG_RE.sub("-", title.lower()).strip("-")
    return s[:60].rstrip("-") or fallback


def _pick_time(ctx: Ctx, draft: Draft, social: bool) -> tuple[int, int]:
    if draft.hour is not None:
        return draft.hour, draft.minute or 0
    if draft.days_ago == 0:
        # "already published" whenever the demo is opened after the morning
        return ctx.rng.randint(5, 10), ctx.rng.randint(0, 59)
    lo, hi = (6, 23) if social else (6, 21)
    return ctx.rng.randint(lo, hi), ctx.rng.randint(0, 59)


def _not_later_than(aware: datetime, not_after: datetime | None, i: int) -> datetime:
    """Move a post planned for later today (the demo built early in the day) into the
    three hours before ``not_after``, but not before its own day began. The offset comes
    from the entry's index, not the RNG, so every other entry stays as without it."""
    if not_after is None or aware <= not_after:
        return aware
    midnight = aware.replace(hour=0, minute=0, second=0)
    return max(not_after - timedelta(minutes=3 + (i * 37) % 177), midnight).astimezone(
        aware.tzinfo)


def _finalise(ctx: Ctx, drafts: list[Draft], not_after: datetime | None) -> list[DemoEntry]:
    sources = {s.key: s for s in SOURCES}
    timed: list[tuple[datetime, int, Draft]] = []
    for i, dr in enumerate(drafts):
        src = sources[dr.source_key]
        hour, minute = _pick_time(ctx, dr, src.kind == "social")
        day = ctx.day(dr.days_ago)
        aware = datetime(day.year, day.month, day.day, hour, minute,
                         ctx.rng.randint(0, 59), tzinfo=_tz(src.timezone))
        timed.append((aware, i, dr))
    # Guids and links follow the planned times, so they are the same with or without
    # ``not_after``; only the published time moves.
    timed.sort(key=lambda t: (t[0], t[1]))

    seq: dict[str, int] = {}
    entries: list[DemoEntry] = []
    for planned, i, dr in timed:
        src = sources[dr.source_key]
        n = seq.get(src.key, 0) + 1
        seq[src.key] = n
        stamp = planned.strftime("%Y%m%d")
        guid = f"urn:sejuk-demo:{src.key}:{stamp}-{n:03d}"
        prefix = src.path.split("/")[1]
        if src.fmt == "mastodon":
            user = (dr.author or "@anon@x").split("@")[1]
            post_id = 113_000_000_000_000_000 + ctx.day(dr.days_ago).toordinal() * 1000 + n
            link = f"{ctx.base}/mastodon/@{user}/{post_id}"
        elif src.key.startswith("tg-"):
            channel = src.path.rsplit("/", 1)[1].removesuffix(".xml")
            link = f"{ctx.base}/t/{channel}/{1000 + n}"
        else:
            link = (f"{ctx.base}/{prefix}/{planned:%Y/%m/%d}/"
                    f"{_slug(dr.title, src.key)}-{n}.html")
        aware = _not_later_than(planned, not_after, i)
        # Source-zone rule fixture: every 4th losaripos entry has a naive timestamp
        # meaning local (WITA) wall-clock time; the feed renders it without a zone.
        published = aware.replace(tzinfo=None) if src.naive_times and n % 4 == 0 else aware
        hashtags = (tuple(dict.fromkeys(re.findall(r"#(\w+)", dr.text)))
                    if src.kind == "social" else ())
        entries.append(DemoEntry(
            source_key=src.key, guid=guid, link=link, title=dr.title, text=dr.text,
            published=published, author=dr.author, hashtags=hashtags, truth=dr.truth,
            narrative=dr.narrative,
        ))
    return entries


def demo_entries(today: date, base_url: str, seed: int = 2024, *,
                 not_after: datetime | None = None) -> list[DemoEntry]:
    """All fixture entries for the 28 days ending on ``today``, in planned order.

    ``base_url`` is the fixture server's root (e.g. ``http://127.0.0.1:8765``); every
    link is built under it. The result is the same for the same ``(today, base_url,
    seed, not_after)``, so tests and the demo build can rely on it. ``not_after`` (the
    build's clock) keeps entries out of the future: a feed item stamped minutes ahead
    is within the store's clock-skew allowance and would stay ahead of "now".
    """
    ctx = Ctx(today, base_url, seed)
    return _finalise(ctx, drafts(ctx), not_after)
