"""Storing parsed entries: normalise, deduplicate, tag regions, hash authors.

One call stores one source's batch inside the caller's transaction, so a crash leaves
either the whole batch or none of it. A story is one item whatever the number of feeds
that carried it: it is found again by (source, guid), by canonical URL, or, for news and
official sources, by identical content; each further source is remembered in
``item_sources``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifiers.debunk import looks_like_debunk
from feeds.normalize import canonical_url, content_hash, detect_language
from feeds.parse import FeedEntry
from sejuk.db.models import Item, ItemRegion, ItemSource, Source
from sejuk.privacy import hash_author
from sejuk.tagger import RegionTagger
from sejuk.timeutil import as_utc, utc_now, zone_for_region

MAX_TEXT_CHARS = 100_000
SOURCE_REGION_EVIDENCE = "wilayah default sumber"


@dataclass
class StoreStats:
    new: int = 0
    duplicates: int = 0
    linked: int = 0
    new_item_ids: list[int] = field(default_factory=list)


def source_zone(source: Source) -> ZoneInfo:
    """The zone a source writes its wall-clock times in (WIB/WITA/WIT)."""
    if source.timezone:
        try:
            return ZoneInfo(source.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return zone_for_region(source.region_code)


def entry_time(entry: FeedEntry, source: Source, now: datetime) -> datetime:
    """Aware UTC publication time; zone-less times are read in the source's zone, and
    times in the future (clock or zone errors in the feed) are capped at ``now``."""
    if entry.published is None:
        return now
    value = as_utc(entry.published, source_zone(source))
    return min(value, now) if value > now + timedelta(minutes=5) else value


def store_entries(
    session: Session,
    source: Source,
    entries: Sequence[FeedEntry],
    *,
    salt: str,
    keep_handles: bool = False,
    tagger: RegionTagger | None = None,
    now: datetime | None = None,
) -> StoreStats:
    """Add ``entries`` from ``source`` to the caller's transaction."""
    now = now or utc_now()
    stats = StoreStats()
    guids = [e.guid for e in entries]
    urls = [canonical_url(e.link) for e in entries if e.link]
    hashes = [content_hash(e.title, e.text) for e in entries]
    seen_guids = set(session.scalars(
        select(ItemSource.guid).where(ItemSource.source_id == source.id,
                                      ItemSource.guid.in_(guids))
    )) if guids else set()
    by_url: dict[str, int] = dict(session.execute(
        select(Item.url, Item.id).where(Item.url.in_(urls))
    ).all()) if urls else {}
    by_hash: dict[str, int] = {}
    if source.kind != "social" and hashes:
        for digest, item_id in session.execute(
            select(Item.content_hash, Item.id).where(Item.content_hash.in_(hashes))
        ):
            by_hash.setdefault(digest, item_id)
    linked_here: set[int] = set(session.scalars(
        select(ItemSource.item_id).where(ItemSource.source_id == source.id,
                                         ItemSource.item_id.in_(
                                             list(by_url.values()) + list(by_hash.values())))
    )) if (by_url or by_hash) else set()

    for entry, digest in zip(entries, hashes, strict=True):
        if entry.guid in seen_guids:
            stats.duplicates += 1
            continue
        seen_guids.add(entry.guid)
        url = canonical_url(entry.link) if entry.link else None
        existing = (by_url.get(url) if url else None) or by_hash.get(digest)
        if existing is not None:
            if existing in linked_here:
                stats.duplicates += 1
            else:
                session.add(ItemSource(item_id=existing, source_id=source.id, guid=entry.guid,
                                       seen_at=now))
                linked_here.add(existing)
                stats.linked += 1
            continue
        item = _new_item(entry, source, url, digest, salt=salt, keep_handles=keep_handles,
                         tagger=tagger, now=now)
        session.add(item)
        session.flush()
        session.add(ItemSource(item_id=item.id, source_id=source.id, guid=entry.guid,
                               seen_at=now))
        if url:
            by_url[url] = item.id
        if source.kind != "social":
            by_hash.setdefault(digest, item.id)
        linked_here.add(item.id)
        stats.new += 1
        stats.new_item_ids.append(item.id)
    return stats


def _new_item(entry: FeedEntry, source: Source, url: str | None, digest: str, *, salt: str,
              keep_handles: bool, tagger: RegionTagger | None, now: datetime) -> Item:
    text = entry.text[:MAX_TEXT_CHARS]
    author_hash = hash_author(salt, entry.author) if entry.author else None
    item = Item(
        url=url,
        link=entry.link,
        guid=entry.guid,
        source_id=source.id,
        kind="post" if source.kind == "social" else "article",
        title=entry.title[:2000],
        text=text,
        published_at=entry_time(entry, source, now),
        fetched_at=now,
        language=detect_language(f"{entry.title} {text[:2000]}"),
        author_hash=author_hash,
        author_handle=entry.author if (keep_handles and entry.author) else None,
        hashtags=list(entry.hashtags),
        content_hash=digest,
        is_debunk=looks_like_debunk(entry.title, text, source.kind),
    )
    item.regions = tag_regions(tagger, f"{entry.title}\n{text[:5000]}", source.region_code)
    return item


def tag_regions(tagger: RegionTagger | None, text: str, source_region: str | None
                ) -> list[ItemRegion]:
    """Regions the text names; the source's own region when it names none."""
    tags = tagger.tag(text, source_region) if tagger else []
    if tags:
        return [ItemRegion(region_code=t.code, level=t.level, evidence=t.evidence[:500])
                for t in tags]
    if source_region:
        from sejuk.regions import level_of

        return [ItemRegion(region_code=source_region, level=level_of(source_region),
                           evidence=SOURCE_REGION_EVIDENCE)]
    return []
