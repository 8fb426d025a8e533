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
Every step looks at a bounded number of recent items, so the cost per item does not grow
with the size of the narratives or of the store.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import TextClause, insert, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from feeds.store import SOURCE_REGION_EVIDENCE
from sejuk.db.models import Item, ItemRegion, ItemSource, Narrative, NarrativeBucket
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


#: Newest items looked at per LSH band, and candidates per new item at most: a claim
#: copied 50,000 times must not make every further copy compare with all of them.
BUCKET_DEPTH = 64
MAX_CANDIDATES = 128
#: Members of a narrative a new item is compared with (its newest): the member-share rule
#: is decided on them, so joining a large narrative costs what joining a small one does.
MEMBER_SAMPLE = 32


@dataclass
class ClusterStats:
    items: int = 0
    joined: int = 0
    created: int = 0


class _Run:
    """What one clustering run has read: items' content words and narratives, and each
    narrative's newest members. A copy is compared with the same recent items over and
    over, so each is read from the database once per run; assignments made in the run
    are recorded here as they are made."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.words: dict[int, frozenset[str]] = {}
        self.narrative: dict[int, int | None] = {}
        #: An article's kabupaten/kota named in its text (None for a post: see _apart).
        self.places: dict[int, frozenset[str] | None] = {}
        self._newest: dict[int, list[int]] = {}

    def load(self, ids: Iterable[int]) -> None:
        missing = [i for i in dict.fromkeys(ids) if i not in self.words]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for item_id, title, text, narrative_id in self.session.connection().execute(
                    select(Item.id, Item.title, Item.text, Item.narrative_id)
                    .where(Item.id.in_(chunk))):
                self.words[item_id] = item_words(title, text)
                self.narrative[item_id] = narrative_id
            self.load_places(chunk)

    def load_places(self, ids: Sequence[int]) -> None:
        """The kabupaten/kota each article's text names (not its outlet's default region)."""
        places: dict[int, set[str]] = {}
        for start in range(0, len(ids), 500):
            for item_id, kind, code in self.session.connection().execute(
                    select(Item.id, Item.kind, ItemRegion.region_code)
                    .outerjoin(ItemRegion, (ItemRegion.item_id == Item.id)
                               & (ItemRegion.evidence != SOURCE_REGION_EVIDENCE))
                    .where(Item.id.in_(list(ids[start:start + 500])))):
                if kind == "post":
                    self.places[item_id] = None
                    continue
                places.setdefault(item_id, set())
                if code and code.count(".") >= 1:
                    places[item_id].add(code[:5])
        self.places.update({i: frozenset(p) for i, p in places.items()})

    def apart(self, a: int, b: int) -> bool:
        """Whether two items report different places' events: both articles whose texts
        name kabupaten/kota and none in common. Local outlets write up one press template
        (KPU, Bawaslu, Polres) each about its own regency, and those are separate events;
        a hoax re-posted with each place's name is one claim, so posts never are."""
        pa, pb = self.places.get(a), self.places.get(b)
        return bool(pa and pb and pa.isdisjoint(pb))

    def sample(self, narrative_id: int) -> list[int]:
        """The narrative's newest :data:`MEMBER_SAMPLE` members."""
        if narrative_id not in self._newest:
            self._newest[narrative_id] = list(self.session.connection().execute(
                select(Item.id).where(Item.narrative_id == narrative_id)
                .order_by(Item.id.desc()).limit(MEMBER_SAMPLE)).scalars())
        members = self._newest[narrative_id]
        self.load(members)
        return members

    def joined(self, narrative_id: int, ids: Sequence[int]) -> None:
        for item_id in ids:
            self.narrative[item_id] = narrative_id
        newest = self._newest.get(narrative_id, [])
        self._newest[narrative_id] = sorted({*newest, *ids}, reverse=True)[:MEMBER_SAMPLE]


@dataclass(frozen=True)
class _Member:
    """What joining a narrative needs of an item (no ORM object: a page of items would
    load their regions too)."""

    id: int
    title: str
    text: str
    published_at: datetime
    is_debunk: bool


def _members(session: Session, ids: Iterable[int]) -> list[_Member]:
    return [_Member(*row) for row in session.execute(
        select(Item.id, Item.title, Item.text, Item.published_at, Item.is_debunk)
        .where(Item.id.in_(list(ids))).order_by(Item.published_at, Item.id))]


def cluster_items(session: Session, item_ids: Sequence[int]) -> ClusterStats:
    """Index ``item_ids`` and assign them to narratives, oldest first, in the caller's
    transaction (so a crash leaves no half-assigned narrative).

    The work per item is bounded (:data:`BUCKET_DEPTH`, :data:`MAX_CANDIDATES`,
    :data:`MEMBER_SAMPLE`), so clustering grows linearly with the number of items even
    when one claim is copied tens of thousands of times.
    """
    stats = ClusterStats()
    if not item_ids:
        return stats
    already = set(session.scalars(select(NarrativeBucket.item_id).where(
        NarrativeBucket.item_id.in_(list(item_ids)))))
    run = _Run(session)
    # Core statements on the session's connection: the ORM's bookkeeping per statement
    # cost more than the statements themselves (several per item).
    connection = session.connection()
    buckets = insert(NarrativeBucket.__table__)
    batch = _members(session, [i for i in item_ids if i not in already])
    run.load_places([m.id for m in batch])
    for item in batch:
        words = item_words(item.title, item.text)
        run.words[item.id] = words
        run.narrative[item.id] = None
        if not words:
            continue
        stats.items += 1
        keys = band_keys(signature(words))
        candidates = _candidates(session, keys, item.id, run)
        outcome = _assign(session, item, words, candidates, run)
        if outcome == "joined":
            stats.joined += 1
        elif outcome == "created":
            stats.created += 1
        connection.execute(buckets, [{"bucket": k, "item_id": item.id}
                                     for k in sorted(set(keys))])
    session.flush()
    return stats


@functools.cache
def _band_query(bands: int) -> TextClause:
    """The newest :data:`BUCKET_DEPTH` items of each of ``bands`` bands, newest first: one
    statement, each band an index range scan (a text query: building 48 subqueries as
    expressions cost more than running them)."""
    parts = " UNION ALL ".join(
        "SELECT item_id FROM (SELECT item_id FROM narrative_buckets "  # noqa: S608 (constants)
        f"WHERE bucket = :b{i} ORDER BY item_id DESC LIMIT {BUCKET_DEPTH}) AS band{i}"
        for i in range(bands))
    return sql_text(f"SELECT DISTINCT item_id FROM ({parts}) AS shared "  # noqa: S608
                    f"ORDER BY item_id DESC LIMIT {MAX_CANDIDATES + 1}")


def _candidates(session: Session, keys: list[int], item_id: int, run: _Run
                ) -> list[tuple[int, frozenset[str], int | None]]:
    """Items sharing a band with the new one: the newest :data:`BUCKET_DEPTH` of each
    band, the newest :data:`MAX_CANDIDATES` of those."""
    unique = sorted(set(keys))
    found = session.connection().execute(
        _band_query(len(unique)), {f"b{i}": key for i, key in enumerate(unique)}).scalars()
    ids = [i for i in found if i != item_id][:MAX_CANDIDATES]
    run.load(ids)
    return [(cid, run.words.get(cid, frozenset()), run.narrative.get(cid)) for cid in ids]


def _assign(session: Session, item: _Member, words: frozenset[str],
            candidates: list[tuple[int, frozenset[str], int | None]], run: _Run) -> str:
    similar = [(cid, nid) for cid, cwords, nid in candidates
               if jaccard(words, cwords) >= SIMILARITY and not run.apart(item.id, cid)]
    if not similar:
        return "alone"
    best: tuple[float, int] | None = None
    for nid in sorted({nid for _cid, nid in similar if nid is not None}):
        members = run.sample(nid)
        if any(run.apart(item.id, m) for m in members):
            continue  # an article about another place's event: not this narrative
        sims = [s for m in members
                if (s := jaccard(words, run.words.get(m, frozenset()))) >= SIMILARITY]
        if not members or len(sims) < MEMBER_SHARE * len(members):
            continue  # it resembles a few members only: no chaining into the narrative
        score = sum(sims) / len(sims)
        if best is None or score > best[0]:
            best = (score, nid)
    if best is not None:
        narrative = session.get(Narrative, best[1])
        assert narrative is not None
        _add_members(session, narrative, [item])
        run.joined(narrative.id, [item.id])
        return "joined"
    loose: list[int] = []
    for cid, nid in similar:  # founders must not report different places' events either
        if nid is None and not any(run.apart(cid, other) for other in loose):
            loose.append(cid)
    if not loose:
        return "alone"
    members = sorted([item, *_members(session, loose)], key=lambda m: (m.published_at, m.id))
    # Titled after the item that tied the group together: it resembles every member.
    narrative = Narrative(title=_title(item), first_seen=members[0].published_at,
                          last_seen=members[0].published_at, size=0)
    session.add(narrative)
    session.flush()
    _add_members(session, narrative, members)
    run.joined(narrative.id, [m.id for m in members])
    return "created"


def _add_members(session: Session, narrative: Narrative, members: Sequence[_Member]) -> None:
    session.connection().execute(update(Item.__table__).where(
        Item.__table__.c.id.in_([m.id for m in members])).values(narrative_id=narrative.id))
    for member in members:
        narrative.size = (narrative.size or 0) + 1
        narrative.first_seen = min(narrative.first_seen, member.published_at)
        narrative.last_seen = max(narrative.last_seen, member.published_at)
        if narrative.debunk_item_id is None and member.is_debunk:
            narrative.debunk_item_id = member.id


def _title(item: _Member) -> str:
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
    return [
        NarrativeSummary(id=n.id, title=n.title, size=n.size,
                         sources=tuple(sorted(sources[n.id])),
                         regions=tuple(sorted(regions[n.id])), first_seen=n.first_seen,
                         last_seen=n.last_seen,
                         debunk_item_id=n.debunk_item_id)  # link_narratives' one rule
        for n in narratives
    ]
