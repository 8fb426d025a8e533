"""Narratives: near-duplicate items (one claim copied with small edits) grouped together.

Hoaxes spread as copies: a chat forward re-posted with "Copas dari grup RT:", a place
marker, an upper-cased line or a "Sebarkan!!" added. Such copies share most of their
content words, so an item is described by the set of its first content words, and two
items are near-duplicates when the Jaccard similarity of these sets reaches
:data:`SIMILARITY`.

Finding the candidates must not mean comparing a new item with every stored one, so each
item's set gets a MinHash signature (numpy, :data:`PERMUTATIONS` hash functions) whose
bands are stored as LSH buckets (``narrative_buckets``): items sharing a bucket are
candidates, and the exact similarity is then checked on their text. Clustering is
incremental: each new item joins the narrative most of whose members it resembles (so a
chain of loose resemblances cannot glue unrelated claims together), or founds a new
narrative with the unclustered items it resembles, or stays alone until a copy arrives.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import ClaimMatch, Item, ItemRegion, ItemSource, Narrative, NarrativeBucket
from sejuk.db.models import Source as SourceRow

#: Estimated-by-text Jaccard similarity from which two items are copies of one claim.
SIMILARITY = 0.2
#: A new item joins a narrative when it resembles at least this share of its members.
MEMBER_SHARE = 0.5
#: Only the first content words count: copies keep the claim and vary the tail.
MAX_TOKENS = 40
PERMUTATIONS = 96
ROWS_PER_BAND = 2  # 48 bands of 2 rows: a pair with J=0.2 is a candidate with p~0.86
TITLE_CHARS = 160

_PRIME = 4294967311  # the smallest prime above 2**32: (a*x + b) fits in uint64
_MASK63 = (1 << 63) - 1
_rng = np.random.default_rng(20241127)  # fixed: buckets must be stable across runs
_A = _rng.integers(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)

_WORD = re.compile(r"\w+", re.UNICODE)
#: Function words and forwarding chatter that every copy of every claim shares.
_STOP = frozenset(
    "yang dan di ke dari ini itu dengan untuk tidak ada pada akan juga dalam oleh karena "
    "sudah udah atau bisa kami kita mereka saat yg aja gak dr kab kec kabupaten kecamatan "
    "kota desa sebarkan copas grup cek gaes info the and for that with this are was "
    "http https www com".split()
)


def tokens(text: str) -> frozenset[str]:
    """The first :data:`MAX_TOKENS` content words (case-folded, no numbers)."""
    words: list[str] = []
    for word in _WORD.findall(text.casefold()):
        if len(word) > 2 and not word.isdigit() and word not in _STOP:
            words.append(word)
            if len(words) >= MAX_TOKENS:
                break
    return frozenset(words)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")


def signature(words: Iterable[str]) -> np.ndarray:
    """MinHash signature (``PERMUTATIONS`` uint64 values) of a word set."""
    values = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64)
    if values.size == 0:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    hashed = (_A[:, None] * values[None, :] + _B[:, None]) % np.uint64(_PRIME)
    smallest: np.ndarray = hashed.min(axis=1)
    return smallest


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band (band index mixed in), as stored in the index."""
    keys = []
    for band in range(PERMUTATIONS // ROWS_PER_BAND):
        chunk = sig[band * ROWS_PER_BAND:(band + 1) * ROWS_PER_BAND].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") & _MASK63)
    return keys


def item_words(title: str, text: str) -> frozenset[str]:
    return tokens(f"{title}\n{text}")


@dataclass
class ClusterStats:
    items: int = 0
    joined: int = 0
    created: int = 0


def cluster_items(session: Session, item_ids: Sequence[int]) -> ClusterStats:
    """Index ``item_ids`` and assign them to narratives, oldest first, in the caller's
    transaction (so a crash leaves no half-assigned narrative)."""
    stats = ClusterStats()
    if not item_ids:
        return stats
    already = set(session.scalars(select(NarrativeBucket.item_id).where(
        NarrativeBucket.item_id.in_(list(item_ids)))))
    rows = session.execute(
        select(Item.id, Item.title, Item.text, Item.published_at)
        .where(Item.id.in_([i for i in item_ids if i not in already]))
        .order_by(Item.published_at, Item.id)
    ).all()
    for item_id, title, text, _published in rows:
        words = item_words(title, text)
        if not words:
            continue
        stats.items += 1
        keys = band_keys(signature(words))
        candidates = _candidates(session, keys, item_id)
        outcome = _assign(session, item_id, words, candidates)
        if outcome == "joined":
            stats.joined += 1
        elif outcome == "created":
            stats.created += 1
        session.add_all(NarrativeBucket(bucket=k, item_id=item_id) for k in set(keys))
        session.flush()
    return stats


def _candidates(session: Session, keys: list[int], item_id: int
                ) -> list[tuple[int, frozenset[str], int | None]]:
    ids = set(session.scalars(select(NarrativeBucket.item_id).where(
        NarrativeBucket.bucket.in_(keys))))
    ids.discard(item_id)
    if not ids:
        return []
    return [(cid, item_words(title, text), narrative_id)
            for cid, title, text, narrative_id in session.execute(
                select(Item.id, Item.title, Item.text, Item.narrative_id)
                .where(Item.id.in_(ids)))]


def _assign(session: Session, item_id: int, words: frozenset[str],
            candidates: list[tuple[int, frozenset[str], int | None]]) -> str:
    similar = [(cid, nid, s) for cid, cwords, nid in candidates
               if (s := jaccard(words, cwords)) >= SIMILARITY]
    if not similar:
        return "alone"
    item = session.get(Item, item_id)
    assert item is not None
    by_narrative: dict[int, list[float]] = {}
    loose: list[int] = []
    for cid, nid, s in similar:
        if nid is None:
            loose.append(cid)
        else:
            by_narrative.setdefault(nid, []).append(s)
    best: tuple[float, int] | None = None
    for nid, sims in by_narrative.items():
        narrative = session.get(Narrative, nid)
        if narrative is None or len(sims) < MEMBER_SHARE * narrative.size:
            continue
        score = sum(sims) / len(sims)
        if best is None or score > best[0]:
            best = (score, nid)
    if best is not None:
        narrative = session.get(Narrative, best[1])
        assert narrative is not None
        _add_member(narrative, item)
        return "joined"
    if not loose:
        return "alone"
    members = [item, *session.scalars(select(Item).where(Item.id.in_(loose)))]
    members.sort(key=lambda m: (m.published_at, m.id))
    first = members[0]
    # Titled after the item that tied the group together: it resembles every member.
    narrative = Narrative(title=_title(item), first_seen=first.published_at,
                          last_seen=first.published_at, size=0)
    session.add(narrative)
    session.flush()
    for member in members:
        _add_member(narrative, member)
    return "created"


def _add_member(narrative: Narrative, item: Item) -> None:
    item.narrative_id = narrative.id
    narrative.size = (narrative.size or 0) + 1
    narrative.first_seen = min(narrative.first_seen, item.published_at)
    narrative.last_seen = max(narrative.last_seen, item.published_at)
    if narrative.debunk_item_id is None and item.is_debunk:
        narrative.debunk_item_id = item.id


def _title(item: Item) -> str:
    text = (item.title or item.text or "").strip().splitlines()[0] if (
        item.title or item.text) else ""
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class NarrativeSummary:
    """A narrative as the dashboard and the digest show it."""

    id: int
    title: str
    size: int
    sources: tuple[str, ...]
    regions: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime
    debunk_item_id: int | None


def narrative_summaries(session: Session, since: datetime | None = None, limit: int = 50
                        ) -> list[NarrativeSummary]:
    """Narratives active since ``since`` (by last seen), largest and most recent first.

    Sources and regions are derived from the members (every source that delivered a
    member, every region a member is tagged with), so they never go stale; the debunk is
    a member flagged as one or, failing that, a debunk whose claim a member matches.
    """
    query = select(Narrative).order_by(Narrative.size.desc(), Narrative.last_seen.desc(),
                                       Narrative.id).limit(limit)
    if since is not None:
        query = query.where(Narrative.last_seen >= since)
    narratives = list(session.scalars(query))
    if not narratives:
        return []
    ids = [n.id for n in narratives]
    sources: dict[int, set[str]] = {i: set() for i in ids}
    for nid, name in session.execute(
        select(Item.narrative_id, SourceRow.name).distinct()
        .join(ItemSource, ItemSource.item_id == Item.id)
        .join(SourceRow, SourceRow.id == ItemSource.source_id)
        .where(Item.narrative_id.in_(ids))
    ):
        if nid is not None:
            sources[nid].add(name)
    regions: dict[int, set[str]] = {i: set() for i in ids}
    for nid, code in session.execute(
        select(Item.narrative_id, ItemRegion.region_code).distinct()
        .join(ItemRegion, ItemRegion.item_id == Item.id).where(Item.narrative_id.in_(ids))
    ):
        if nid is not None:
            regions[nid].add(code)
    matched: dict[int, int] = {}
    missing = [n.id for n in narratives if n.debunk_item_id is None]
    if missing:
        for nid, debunk_id, _count in session.execute(
            select(Item.narrative_id, ClaimMatch.debunk_item_id, func.count())
            .join(ClaimMatch, ClaimMatch.item_id == Item.id)
            .where(Item.narrative_id.in_(missing))
            .group_by(Item.narrative_id, ClaimMatch.debunk_item_id)
            .order_by(func.count().desc())
        ):
            if nid is not None:
                matched.setdefault(nid, debunk_id)
    return [
        NarrativeSummary(id=n.id, title=n.title, size=n.size,
                         sources=tuple(sorted(sources[n.id])),
                         regions=tuple(sorted(regions[n.id])), first_seen=n.first_seen,
                         last_seen=n.last_seen,
                         debunk_item_id=n.debunk_item_id or matched.get(n.id))
        for n in narratives
    ]
