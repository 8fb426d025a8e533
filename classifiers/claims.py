"""Claim matching: link items that repeat a claim already debunked to that debunk.

This signal stands beside the text model and needs no training: a hoax that a
fact-checker (or the police, or the election commission) has refuted keeps circulating as
near-copies, and a copy is recognised by its similarity to the claim the debunk restates.

How it works and why:
- The *claims* are (a) items recognised as debunks (``Item.is_debunk``: fact-check sources
  and texts that refute a claim) and (b) items an analyst marked as a debunked claim
  (:class:`~sejuk.db.models.DebunkedClaim`, audited).
- From a debunk we keep what restates the claim (its title and the sentences that describe
  it) and drop what refutes it: verdict tags (``[HOAKS]``), denial words ("tidak benar",
  "klarifikasi", "membantah") and the explanation ("Faktanya ...", "Kesimpulan ...").
  Otherwise every debunk would look alike and match each other's hoaxes on "hoaks".
- Character n-gram TF-IDF (``char_wb`` 3-5) plus word uni/bigrams, fitted on the claims
  themselves, compared by cosine: robust to the copy-paste edits, slang and typos of
  forwarded messages. The score is the mean of the two cosines.
- An item is linked to its best claims at or above ``claim_match_threshold``; when it
  belongs to a narrative, the narrative's ``debunk_item_id`` is set to the debunk its
  members match best (summed similarity), so the whole cluster shows the refutation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from classifiers.debunk import VERDICT_TAG
from classifiers.stopwords import STOPWORDS
from classifiers.text import normalise
from sejuk import audit
from sejuk.db.models import ClaimMatch, DebunkedClaim, Item, Narrative, Region
from sejuk.errors import InputError, NotFound
from sejuk.timeutil import utc_now

#: How many debunks one item may be linked to (the best first).
MAX_LINKS = 3
#: When a new debunk arrives, items this recent are matched against it again.
LOOKBACK_DAYS = 90
#: Only the start of a long text is compared: a claim is stated early, and the rest of a
#: long article adds shared election vocabulary that makes unrelated news look alike.
MAX_CHARS = 2000

#: Words that say "this is refuted", never part of the claim itself.
_VERDICT_WORDS = re.compile(
    r"\b(hoaks|hoax|hoak|salah|disinformasi|misinformasi|keliru|menyesatkan|palsu|"
    r"klarifikasi|mengklarifikasi|membantah|dibantah|bantah|bantahan|menepis|meluruskan|"
    r"tidak\s+benar|tidak\s+sesuai\s+fakta|cek\s+fakta|cekfakta|faktanya|fakta|"
    r"kesimpulan|penjelasan|beredar|mengklaim|klaim|diklaim|kabar|isu|informasi|"
    r"pesan\s+berantai|turnbackhoax)\b",
    re.IGNORECASE,
)
#: Sentences that explain the refutation rather than restate the claim.
_EXPLAINS = re.compile(
    r"^\W*(faktanya|kesimpulan|namun|padahal|sebenarnya|ternyata|menurut)\b|"
    r"(ujarnya|katanya|kata\s+dia|jelasnya|tegasnya)\W*$|^\W*[\u201c\"]",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Claim:
    """One debunked claim: the item to link to and the text that states the claim."""

    item_id: int
    text: str


def claim_text(title: str, text: str, max_sentences: int = 1) -> str:
    """What a debunk says the claim was, with its verdict and explanation removed.

    Fact-check titles are the claim with a tag (``[HOAKS] Video surat suara ...``); the
    body usually opens with "Beredar ... yang mengklaim ..." and then refutes it.
    """
    kept = [VERDICT_TAG.sub(" ", title)]
    for sentence in _SENTENCE.split(text[:MAX_CHARS]):
        if len(kept) > max_sentences:
            break
        if sentence.strip() and not _EXPLAINS.search(sentence):
            kept.append(sentence)
    return strip_verdict_words(" ".join(kept))


def strip_verdict_words(text: str) -> str:
    """``text`` without verdict tags and words, so they never become features."""
    text = VERDICT_TAG.sub(" ", text)
    text = _VERDICT_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


class ClaimIndex:
    """Vectors of the known claims; :meth:`match` scores texts against them.

    Place names are dropped before comparing (``drop_words``): routine news about the
    same kecamatan as a debunk otherwise looks like a copy of its claim. Function words
    are dropped from the word part for the same reason. Measured on the demo's ground
    truth (a copy is right when it links to its own narrative's debunk), this halved
    the false links at equal recall.
    """

    def __init__(self, claims: Sequence[Claim], drop_words: frozenset[str] = frozenset()
                 ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.claims = list(claims)
        self._drop = drop_words
        self._char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._word = TfidfVectorizer(analyzer="word", sublinear_tf=True,
                                     token_pattern=r"(?u)\b[^\W\d_]{2,}\b",  # noqa: S106
                                     stop_words=sorted(STOPWORDS))
        if self.claims:
            texts = self._prepare([c.text for c in self.claims])
            self._c = self._char.fit_transform(texts)
            self._w = self._word.fit_transform(texts)

    def _prepare(self, texts: Sequence[str]) -> list[str]:
        out = []
        for text in texts:
            words = normalise(text[:MAX_CHARS]).split()
            out.append(" ".join(w for w in words if w not in self._drop))
        return out

    def similarity(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """A (texts x claims) matrix of similarities in [0, 1]."""
        if not self.claims or not texts:
            return np.zeros((len(texts), len(self.claims)))
        prepared = self._prepare(texts)
        char = (self._char.transform(prepared) @ self._c.T).toarray()
        word = (self._word.transform(prepared) @ self._w.T).toarray()
        return np.asarray((char + word) / 2.0, dtype=np.float64)

    def match(self, texts: Sequence[str], threshold: float, max_links: int = MAX_LINKS
              ) -> list[list[tuple[int, float]]]:
        """Per text, up to ``max_links`` (claim item id, similarity) at or above threshold."""
        sims = self.similarity(texts)
        out: list[list[tuple[int, float]]] = []
        for row in sims:
            order = np.argsort(-row)[:max_links]
            out.append([(self.claims[j].item_id, round(float(row[j]), 4))
                        for j in order if row[j] >= threshold])
        return out


def place_words(session: Session) -> frozenset[str]:
    """Words of province, regency/city and kecamatan names (from the gazetteer table)."""
    names = session.scalars(select(Region.name).where(
        Region.level.in_(("provinsi", "kabkota", "kecamatan"))))
    words = {w for name in names for w in normalise(name).split() if len(w) > 2}
    return frozenset(words - {"kabupaten", "kota"})


def load_claims(session: Session) -> list[Claim]:
    """Every known debunked claim: debunk items and analyst-marked claims."""
    claims: list[Claim] = []
    for row in session.execute(select(Item.id, Item.title, Item.text)
                               .where(Item.is_debunk.is_(True)).order_by(Item.id)):
        text = claim_text(row.title or "", row.text or "")
        if text:
            claims.append(Claim(row.id, text))
    marked = session.execute(select(Item.id, Item.title, Item.text)
                             .join(DebunkedClaim, DebunkedClaim.item_id == Item.id)
                             .order_by(Item.id))
    for row in marked:
        text = strip_verdict_words(f"{row.title or ''}\n{(row.text or '')[:MAX_CHARS]}")
        if text:
            claims.append(Claim(row.id, text))
    return claims


def match_items(session: Session, threshold: float,
                item_ids: Sequence[int] | None = None) -> int:
    """Link items to the debunks they repeat; returns how many items got a link.

    ``item_ids`` are the newly collected items (all items when None). When new debunks
    are among them, recent items are matched again, so a copy that circulated before its
    debunk appeared is linked as soon as the debunk lands.
    """
    claims = load_claims(session)
    if not claims:
        return 0
    claim_ids = {c.item_id for c in claims}
    query = select(Item.id, Item.title, Item.text, Item.narrative_id).where(
        Item.is_debunk.is_(False))
    if item_ids is not None:
        ids = list(item_ids)
        if claim_ids & set(ids):
            since = utc_now() - timedelta(days=LOOKBACK_DAYS)
            query = query.where(or_(Item.id.in_(ids), Item.published_at >= since))
        else:
            query = query.where(Item.id.in_(ids))
    rows = session.execute(query.order_by(Item.id)).all()
    index = ClaimIndex(claims, place_words(session))
    linked = 0
    now = utc_now()
    for start in range(0, len(rows), 2000):
        chunk = rows[start : start + 2000]
        texts = [_item_text(r.title, r.text) for r in chunk]
        matches = index.match(texts, threshold)
        chunk_ids = [r.id for r in chunk]
        session.execute(delete(ClaimMatch).where(ClaimMatch.item_id.in_(chunk_ids)))
        for row, links in zip(chunk, matches, strict=True):
            # an analyst-marked claim is never its own match
            links = [(d, s) for d, s in links if d != row.id]
            for debunk_id, sim in links:
                session.add(ClaimMatch(item_id=row.id, debunk_item_id=debunk_id,
                                       similarity=sim, matched_at=now))
            linked += bool(links)
    session.flush()
    narrative_ids = {r.narrative_id for r in rows if r.narrative_id is not None}
    if narrative_ids:
        link_narratives(session, narrative_ids)
    return linked


def _item_text(title: str | None, text: str | None) -> str:
    return f"{title}\n{text or ''}" if title else (text or "")


def link_narratives(session: Session, narrative_ids: set[int]) -> None:
    """Point each narrative at the debunk its members match best (summed similarity)."""
    scores: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    rows = session.execute(
        select(Item.narrative_id, ClaimMatch.debunk_item_id, ClaimMatch.similarity)
        .join(ClaimMatch, ClaimMatch.item_id == Item.id)
        .where(Item.narrative_id.in_(narrative_ids))
    )
    for narrative_id, debunk_id, sim in rows:
        if narrative_id is not None:
            scores[narrative_id][debunk_id] += sim
    for narrative_id, per_debunk in scores.items():
        narrative = session.get(Narrative, narrative_id)
        if narrative is not None:
            narrative.debunk_item_id = max(per_debunk.items(), key=lambda kv: kv[1])[0]


def mark_debunked(session: Session, item_id: int, user: str, note: str = "") -> None:
    """Record the analyst's word that item ``item_id`` states a claim that is refuted.

    Audited in the same transaction; its copies are linked on the next matching run
    (call :func:`match_items` to link them now).
    """
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(f"no item {item_id}")
    if not (item.title or item.text):
        raise InputError(f"item {item_id} has no text left to match (purged?)")
    existing = session.get(DebunkedClaim, item_id)
    if existing is not None:
        existing.note = note or existing.note
    else:
        session.add(DebunkedClaim(item_id=item_id, note=note, created_by=user))
    audit.record(session, user, "claim.mark_debunked", f"item:{item_id}", note=note)
    session.flush()


def unmark_debunked(session: Session, item_id: int, user: str) -> None:
    """Undo :func:`mark_debunked` (audited); links to this claim are removed."""
    existing = session.get(DebunkedClaim, item_id)
    if existing is None:
        raise NotFound(f"item {item_id} is not marked as a debunked claim")
    session.delete(existing)
    session.execute(delete(ClaimMatch).where(ClaimMatch.debunk_item_id == item_id))
    audit.record(session, user, "claim.unmark_debunked", f"item:{item_id}")
    session.flush()


def matches_for_item(session: Session, item_id: int) -> list[tuple[int, float]]:
    """(debunk item id, similarity) links of one item, best first."""
    rows = session.execute(select(ClaimMatch.debunk_item_id, ClaimMatch.similarity)
                           .where(ClaimMatch.item_id == item_id)
                           .order_by(ClaimMatch.similarity.desc()))
    return [(d, s) for d, s in rows]
