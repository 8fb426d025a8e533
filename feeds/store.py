"""Storing parsed entries: normalise, deduplicate, tag regions, hash authors.

One call stores one source's batch inside the caller's transaction, so a crash leaves
either the whole batch or none of it. A story is one item whatever the number of feeds
that carried it: it is found again by (source, guid), by canonical URL, or, for news and
official sources, by identical content; each further source is remembered in
``item_sources``. Every new item is queued in ``ingest_backlog`` in the same
transaction, so the work owed to it (narratives, claim matching, scoring) survives a
crash and is done by the next run (:mod:`sejuk.pipeline`).

Public posts' addresses and guids are stored without the author's account name
(:func:`feeds.platforms.handle_free_link`); the address as published is kept in
``link`` only when an administrator opted in to storing handles.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from feeds.debunk import looks_like_debunk
from feeds.fetch import check_url
from feeds.normalize import canonical_url, content_hash, detect_language
from feeds.parse import FeedEntry
from feeds.platforms import handle_free_link
from sejuk.access.privacy import hash_author
from sejuk.db.models import IngestBacklog, Item, ItemRegion, ItemSource, Source
from sejuk.regions.tagger import RegionTagger
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


def _followable(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """The entries, a link that could never be followed (``javascript:``, ``data:``, a
    relative path: not http(s) with a host) dropped: stored, it travelled into every
    export, where the import path refused the same address. A real address with a quote
    or a space in its path (``/tag/ma'ruf-amin``) is kept; the dashboard escapes what it
    shows (:func:`sejuk.signals.urls.safe_url`)."""
    return [e if e.link is None or check_url(e.link) is None
            else dataclasses.replace(e, link=None) for e in entries]


def store_entries(
    session: Session,
    source: Source,
    entries: Sequence[FeedEntry],
    *,
    salt: str,
    keep_handles: bool = False,
    tagger: RegionTagger | None = None,
    now: datetime | None = None,
    entry_regions: Mapping[str, str] | None = None,
    posts: bool = False,
) -> StoreStats:
    """Add ``entries`` from ``source`` to the caller's transaction.

    The work is done in bulk: three lookups for what is already stored, then one
    multi-row INSERT each for new items, their provenance and their regions, instead of
    a flush (three round trips) per entry. ``entry_regions`` (guid -> region code)
    overrides the source's default region for single entries: an imported post may say
    where it was seen.
    """
    now = now or utc_now()
    stats = StoreStats()
    entries = given = _followable(entries)  # as published: kept only with the handles
    if posts or source.kind == "social" or source.platform:  # posts: an import says so
        entries = [_without_handles(e, salt) for e in given]
    urls = [canonical_url(e.link) if e.link else None for e in entries]
    hashes = [content_hash(e.title, e.text) for e in entries]
    dedup_by_hash = source.kind != "social"
    seen_guids = set(_chunked_scalars(session, lambda chunk: select(ItemSource.guid).where(
        ItemSource.source_id == source.id, ItemSource.guid.in_(chunk)),
        [e.guid for e in entries]))
    # References to items: stored ones by their id (> 0), ones of this batch by -(k + 1).
    by_url: dict[str, int] = dict(_chunked_rows(session, lambda chunk: select(
        Item.url, Item.id).where(Item.url.in_(chunk)), [u for u in urls if u]))
    by_hash: dict[str, int] = {}
    if dedup_by_hash:
        for digest, item_id in _chunked_rows(session, lambda chunk: select(
                Item.content_hash, Item.id).where(Item.content_hash.in_(chunk)), hashes):
            by_hash.setdefault(digest, item_id)
    linked_here = set(_chunked_scalars(session, lambda chunk: select(ItemSource.item_id).where(
        ItemSource.source_id == source.id, ItemSource.item_id.in_(chunk)),
        list({*by_url.values(), *by_hash.values()})))

    new_rows: list[dict[str, Any]] = []
    new_regions: list[list[dict[str, Any]]] = []
    provenance: list[tuple[int, str]] = []
    for entry, url, digest, original in zip(entries, urls, hashes, given, strict=True):
        if entry.guid in seen_guids:
            stats.duplicates += 1
            continue
        seen_guids.add(entry.guid)
        existing = (by_url.get(url) if url else None) or by_hash.get(digest)
        if existing is not None:
            if existing in linked_here:
                stats.duplicates += 1
            else:
                provenance.append((existing, entry.guid))
                linked_here.add(existing)
                stats.linked += 1
            continue
        ref = -(len(new_rows) + 1)
        row, regions = _new_item_row(
            entry, source, url, digest, salt=salt, keep_handles=keep_handles, tagger=tagger,
            now=now, region=(entry_regions or {}).get(original.guid, source.region_code))
        if keep_handles:
            row["link"] = original.link
        new_rows.append(row)
        new_regions.append(regions)
        provenance.append((ref, entry.guid))
        if url:
            by_url[url] = ref
        if dedup_by_hash:
            by_hash.setdefault(digest, ref)
        linked_here.add(ref)

    ids = _insert_new(session, source, new_rows, new_regions, provenance, now)
    stats.new = len(ids)
    stats.new_item_ids = ids
    return stats


def _insert_new(session: Session, source: Source, new_rows: list[dict[str, Any]],
                new_regions: list[list[dict[str, Any]]], provenance: list[tuple[int, str]],
                now: datetime) -> list[int]:
    """One multi-row INSERT each for the batch's new items, their provenance, regions and
    backlog entries; the new items' ids in ``new_rows`` order."""
    ids: list[int] = []
    if new_rows:
        # RETURNING in batches, matched back by guid (unique among this batch's new
        # items): asking for parameter order would make SQLite insert row by row.
        id_of = {guid: item_id for item_id, guid in session.execute(
            insert(Item).returning(Item.id, Item.guid), new_rows)}
        ids = [id_of[row["guid"]] for row in new_rows]
    if provenance:
        session.execute(insert(ItemSource), [
            {"item_id": ids[-ref - 1] if ref < 0 else ref, "source_id": source.id,
             "guid": guid, "seen_at": now}
            for ref, guid in provenance])
    region_rows = [{**r, "item_id": item_id}
                   for item_id, regions in zip(ids, new_regions, strict=True) for r in regions]
    if region_rows:
        session.execute(insert(ItemRegion), region_rows)
    if ids:
        session.execute(insert(IngestBacklog), [{"item_id": i, "stage": 0, "queued_at": now}
                                                for i in ids])
    return ids


def _without_handles(entry: FeedEntry, salt: str) -> FeedEntry:
    """A public post's guid and address without the author's account name: these are
    dedup keys, so they never depend on the opt-in."""
    link = handle_free_link(entry.link, salt)
    guid = handle_free_link(entry.guid, salt) or entry.guid
    if link == entry.link and guid == entry.guid:
        return entry
    return dataclasses.replace(entry, link=link, guid=guid)


_CHUNK = 500  # well under SQLite's and PostgreSQL's bound-parameter limits


def _chunked_scalars(session: Session, query: Callable[[list[Any]], Any],
                     values: list[Any]) -> Iterator[Any]:
    for start in range(0, len(values), _CHUNK):
        yield from session.scalars(query(values[start:start + _CHUNK]))


def _chunked_rows(session: Session, query: Callable[[list[Any]], Any],
                  values: list[Any]) -> Iterator[tuple[Any, ...]]:
    for start in range(0, len(values), _CHUNK):
        yield from (tuple(row) for row in session.execute(query(values[start:start + _CHUNK])))


def _new_item_row(entry: FeedEntry, source: Source, url: str | None, digest: str, *,
                  salt: str, keep_handles: bool, tagger: RegionTagger | None, now: datetime,
                  region: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The column values of a new item and of its region tags."""
    text = entry.text[:MAX_TEXT_CHARS]
    row = {
        "url": url,
        "link": entry.link,
        "guid": entry.guid,
        "source_id": source.id,
        "kind": "post" if source.kind == "social" else "article",
        "title": entry.title[:2000],
        "text": text,
        "published_at": entry_time(entry, source, now),
        "fetched_at": now,
        "language": detect_language(f"{entry.title} {text[:2000]}"),
        "author_hash": hash_author(salt, entry.author) if entry.author else None,
        "author_handle": entry.author[:200] if (keep_handles and entry.author) else None,
        "hashtags": list(entry.hashtags),
        "content_hash": digest,
        "is_debunk": looks_like_debunk(entry.title, text, source.kind),
    }
    return row, tag_regions(tagger, f"{entry.title}\n{text[:5000]}", region)


def tag_regions(tagger: RegionTagger | None, text: str, source_region: str | None
                ) -> list[dict[str, str]]:
    """Regions the text names (``region_code``, ``level``, ``evidence``); the source's own
    region when it names none."""
    tags = tagger.tag(text, source_region) if tagger else []
    if tags:
        return [{"region_code": t.code, "level": t.level, "evidence": t.evidence[:500]}
                for t in tags]
    if source_region:
        from sejuk.regions.gazetteer import level_of

        return [{"region_code": source_region, "level": level_of(source_region),
                 "evidence": SOURCE_REGION_EVIDENCE}]
    return []
