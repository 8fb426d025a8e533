"""Claim matching: link items that repeat a claim already debunked to that debunk.

This signal stands beside the text model and needs no training: a hoax that a
fact-checker (or the police, or the election commission) has refuted keeps circulating as
forwards, and a forward is recognised by how much of the claim the debunk restates it
holds.

How it works and why:
- The *claims* are (a) items recognised as debunks (``Item.is_debunk``: fact-check sources
  and texts that refute a claim) and (b) items an analyst marked as a debunked claim
  (:class:`~sejuk.db.models.DebunkedClaim`, audited).
- From a debunk we keep what restates the claim (its title and the sentences that describe
  it) and drop what refutes it: verdict tags (``[HOAKS]``), denial words ("tidak benar",
  "klarifikasi", "membantah") and the explanation ("Faktanya ...", "Kesimpulan ...").
  Otherwise every debunk would look alike and match each other's hoaxes on "hoaks".
- A forward is longer than the headline it repeats, reworded, in capitals, wrapped in
  "copas dari grup sebelah", a place and "Sebarkan!!". :class:`ClaimIndex` scores the
  claim's *containment* in the text beside the cosine, over character n-grams and words
  (see there).
- An item is linked to its best claim (and other debunks restating it) at or above
  ``claim_match_threshold``; with ``claim_match_margin`` above 0 (off by default), a best
  claim below :data:`SURE` must also beat the best claim that does not restate it by that
  margin (an ambiguous text between two hoaxes is left unlinked); when it belongs to a
  narrative, the narrative's ``debunk_item_id`` is set to the debunk its members match
  best (summed similarity), so the whole cluster shows the refutation.

Measured on forwards built from real tweets against 1,000 debunk headlines
(``benchmarks/claims``, README there), including the designs that were tried and dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from classifiers.stopwords import STOPWORDS
from classifiers.text import normalise
from feeds.debunk import VERDICT_TAG, looks_like_debunk
from sejuk.access import audit
from sejuk.access.auth import Principal, guarded
from sejuk.db.models import ClaimMatch, DebunkedClaim, Item, Narrative, Source
from sejuk.errors import InputError, NotFound
from sejuk.phrases import Phrases
from sejuk.timeutil import utc_now

#: How many debunks one item may be linked to (the best first).
MAX_LINKS = 3
#: When a new debunk arrives, items this recent are matched against it again.
LOOKBACK_DAYS = 90
#: Claims whose vectors' cosine reaches this restate one another (two debunks of one hoax).
SAME_CLAIM = 0.5
#: How many of a text's best claims are considered for extra links (and for the runner-up
#: of the margin rule).
CANDIDATES = 5
#: With a margin (``claim_match_margin`` above 0), a best claim scoring at least this is
#: linked whatever the runner-up scores: two debunks this close to a text that are not
#: restatements of one another are rare, and the margin rule measured best with it
#: (chosen on the tune topics of ``benchmarks/claims``, README there).
SURE = 0.60
#: Texts scored at once: a (CHUNK x claims) float32 matrix, 20 MB for 10,000 claims.
CHUNK = 512
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
    """Vectors of the known claims; :meth:`match` links texts to them.

    Two views of each text, one score each, averaged: character n-grams (``char_wb`` 3-5,
    robust to affixes, typos and slang spellings) and words (function words dropped).
    Per view the score is the geometric mean of

    - the *cosine* of the TF-IDF vectors (both texts say the same thing), and
    - the *containment* of the claim in the text: the share of the claim's (squared,
      l2-normalised) TF-IDF weight whose features occur in the text. A forward is
      longer than a fact-checker's headline and wraps it in greetings, a place and
      "Sebarkan!!"; that dilutes the cosine but leaves the claim contained.

    Both are computed for all claims at once by sparse matrix products (the IDF is fitted
    on the claims, so words no claim uses cost nothing). A text is linked to its best claim
    when that scores at least ``threshold``, and also to the other debunks that restate
    it (claim-to-claim cosine at least :data:`SAME_CLAIM`: several fact-checkers debunk
    one hoax), never to a claim that merely shares words with it. Measured in
    ``benchmarks/claims`` (README there), with the designs that were not kept (a margin
    between the best and the second claim, windows, BM25, background IDF, place words
    dropped, a sentence encoder).
    """

    def __init__(self, claims: Sequence[Claim]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.claims = list(claims)
        self._vectorisers = (
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                            dtype=np.float32),
            TfidfVectorizer(analyzer="word", sublinear_tf=True, dtype=np.float32,
                            token_pattern=r"(?u)\b[^\W\d_]{2,}\b",  # noqa: S106
                            stop_words=sorted(STOPWORDS)),
        )
        #: per view: the claims' l2-normalised vectors (claims x features), their transpose
        #: (for cosines) and the transposed squares (each claim's weight shares)
        self._rows: list[sparse.csr_matrix] = []
        self._cos: list[sparse.csr_matrix] = []
        self._share: list[sparse.csr_matrix] = []
        if self.claims:
            texts = prepare([c.text for c in self.claims])
            for vectoriser in self._vectorisers:
                vectors = vectoriser.fit_transform(texts).tocsr()
                self._rows.append(vectors)
                self._cos.append(vectors.T.tocsr())
                self._share.append(vectors.multiply(vectors).T.tocsr())

    def similarity(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """A (texts x claims) matrix of similarities in [0, 1]; dense, so callers pass
        texts a chunk at a time (:data:`CHUNK`)."""
        if not self.claims or not texts:
            return np.zeros((len(texts), len(self.claims)), dtype=np.float32)
        prepared = prepare(texts)
        total = np.zeros((len(texts), len(self.claims)), dtype=np.float32)
        for vectoriser, cos, share in zip(self._vectorisers, self._cos, self._share,
                                          strict=True):
            vectors = vectoriser.transform(prepared).tocsr()
            present = vectors.copy()
            present.data[:] = 1.0
            cosine = (vectors @ cos).toarray()
            contained = (present @ share).toarray()
            total += np.sqrt(np.clip(cosine * contained, 0.0, 1.0))
        return total / len(self._vectorisers)

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether claims ``a[i]`` and ``b[i]`` restate one another (two debunks of one
        hoax), by the cosine of their vectors averaged over both views."""
        total = np.zeros(len(a))
        for rows in self._rows:
            total += np.asarray(rows[a].multiply(rows[b]).sum(axis=1)).ravel()
        return total / len(self._rows) >= SAME_CLAIM

    def match(self, texts: Sequence[str], threshold: float, max_links: int = MAX_LINKS,
              margin: float = 0.0) -> list[list[tuple[int, float]]]:
        """Per text, up to ``max_links`` (claim item id, similarity), best first: the best
        claim when it reaches ``threshold`` (and, with a ``margin``, when it is clear of
        its runner-up: :meth:`_clear`), with the claims restating it that also do."""
        if not self.claims:
            return [[] for _ in texts]
        out: list[list[tuple[int, float]]] = []
        for start in range(0, len(texts), CHUNK):
            sims = self.similarity(texts[start : start + CHUNK])
            out.extend(self._links(sims, threshold, max_links, margin))
        return out

    def _clear(self, top: NDArray[np.int64], scores: NDArray[np.float64], margin: float
               ) -> NDArray[np.bool_]:
        """Whether each text's best claim scores at least :data:`SURE` or beats the best
        of its other candidates that does not restate it (its runner-up; 0 when all
        restate it) by ``margin``. Measured in ``benchmarks/claims`` (``--rules``): at the
        same share of wrong links it links more forwards to their own debunk than a
        threshold alone, but it also links more texts that have no debunk."""
        clear = scores[:, 0] >= SURE
        rows = np.flatnonzero(~clear)
        rival = np.zeros(len(rows))
        found = np.zeros(len(rows), dtype=bool)
        for j in range(1, top.shape[1]):
            other = ~found & ~self.same_claim(top[rows, 0], top[rows, j])
            rival[other] = scores[rows[other], j]
            found |= other
        clear[rows] = scores[rows, 0] - rival >= margin
        return clear

    def _links(self, sims: NDArray[np.float32], threshold: float, max_links: int,
               margin: float = 0.0) -> list[list[tuple[int, float]]]:
        k = min(CANDIDATES, sims.shape[1])
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(sims, top, axis=1), axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1)
        scores = np.take_along_axis(sims, top, axis=1).astype(np.float64)
        linked = scores >= threshold
        if margin > 0:
            linked[:, 0] &= self._clear(top, scores, margin)
        for j in range(1, k):  # a second claim is linked only when it restates the best
            pairs = np.flatnonzero(linked[:, j])
            if len(pairs):
                linked[pairs, j] = self.same_claim(top[pairs, 0], top[pairs, j])
        out: list[list[tuple[int, float]]] = []
        for row in range(len(top)):
            keep = [j for j in range(k) if linked[row, 0] and linked[row, j]]
            out.append([(self.claims[top[row, j]].item_id, round(float(scores[row, j]), 4))
                        for j in keep[:max_links]])
        return out


#: Emojis and pictographs (with their joiners and variation selectors), "‼" and "⁉".
_PICTOGRAPH = re.compile("[\U0001F000-\U0001FAFF\u2190-\u21FF\u2300-\u23FF"
                         "\u2460-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u203C\u2049]")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def prepare(texts: Sequence[str]) -> list[str]:
    """Texts as the matcher compares them: the first :data:`MAX_CHARS`, without links and
    emojis (forwarding noise that no claim states), normalised (lower case, slang)."""
    return [normalise(_PICTOGRAPH.sub(" ", _LINK.sub(" ", text[:MAX_CHARS])))
            for text in texts]


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
                item_ids: Sequence[int] | None = None, margin: float = 0.0) -> int:
    """Link items to the debunks they repeat; returns how many items got a link.

    ``threshold`` and ``margin`` are ``claim_match_threshold`` and ``claim_match_margin``
    (:meth:`ClaimIndex.match`).

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
    index = _index_for(claims)
    linked = 0
    now = utc_now()
    for start in range(0, len(rows), 2000):
        chunk = rows[start : start + 2000]
        texts = [_item_text(r.title, r.text) for r in chunk]
        matches = index.match(texts, threshold, margin=margin)
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


#: The last index built, with the claims it was built from (see :func:`_index_for`).
_last_index: list[tuple[tuple[Claim, ...], ClaimIndex]] = []


def _index_for(claims: Sequence[Claim]) -> ClaimIndex:
    """The index of ``claims``, built once while they stay the same: a large import is
    matched batch by batch against one set of claims, and fitting the vectorisers on
    every debunk for every batch made matching grow with the square of the import."""
    key = tuple(claims)
    if _last_index and _last_index[0][0] == key:
        return _last_index[0][1]
    index = ClaimIndex(claims)
    _last_index[:] = [(key, index)]
    return index


def _item_text(title: str | None, text: str | None) -> str:
    return f"{title}\n{text or ''}" if title else (text or "")


def link_narratives(session: Session, narrative_ids: set[int]) -> None:
    """Point each narrative at the debunk its members match best (summed similarity; the
    lower debunk id on a tie), when at least half of its members link to a debunk (any:
    fact-checkers restate one claim in several debunks, and a narrative's members split
    their links between them); else at a member that is a debunk itself (the lowest id),
    or at none.

    Why half: a narrative's debunk answers every member on the Items page, in the
    dialogue plan's talking points and in the digest. One member of fourteen linked to a
    denial of pre-punched ballots made the call to besiege a KPU office that the other
    thirteen carried "already debunked" by it.

    The sums are made by the database: a batch of a large import touches narratives whose
    members grow with the import, and reading every member's links into Python made the
    claim step grow faster than the import."""
    best: dict[int, tuple[tuple[float, int], int]] = {}
    ids = sorted(narrative_ids)
    members = dict(session.execute(
        select(Item.narrative_id, func.count()).where(Item.narrative_id.in_(ids))
        .group_by(Item.narrative_id)).all())
    linked = dict(session.execute(
        select(Item.narrative_id, func.count(func.distinct(ClaimMatch.item_id)))
        .join(ClaimMatch, ClaimMatch.item_id == Item.id)
        .where(Item.narrative_id.in_(ids)).group_by(Item.narrative_id)).all())
    rows = session.execute(
        select(Item.narrative_id, ClaimMatch.debunk_item_id, func.sum(ClaimMatch.similarity))
        .join(ClaimMatch, ClaimMatch.item_id == Item.id)
        .where(Item.narrative_id.in_(ids))
        .group_by(Item.narrative_id, ClaimMatch.debunk_item_id)
    )
    for narrative_id, debunk_id, total in rows:
        if narrative_id is None or 2 * linked.get(narrative_id, 0) < members.get(narrative_id, 0):
            continue
        key = (float(total), -debunk_id)
        if narrative_id not in best or key > best[narrative_id][0]:
            best[narrative_id] = (key, debunk_id)
    own = dict(session.execute(
        select(Item.narrative_id, func.min(Item.id))
        .where(Item.narrative_id.in_(ids), Item.is_debunk.is_(True))
        .group_by(Item.narrative_id)).all())
    for narrative in session.scalars(select(Narrative).where(Narrative.id.in_(ids))):
        narrative.debunk_item_id = (best[narrative.id][1] if narrative.id in best
                                    else own.get(narrative.id))


#: How much of an item's text the debunk rules read when they recognise it again (the
#: sweep and an analyst handing an item back to the rules read the same).
DEBUNK_HEAD = 3000


@dataclass(frozen=True)
class Recognised:
    """Items whose stored debunk flag today's rules changed, by id."""

    stopped: tuple[int, ...]
    started: tuple[int, ...]


def recognise_debunks(session: Session, actor: str = audit.SYSTEM_ACTOR) -> Recognised:
    """Recognise debunks again from each item's stored title and text with today's rules
    (:func:`feeds.debunk.looks_like_debunk`), audited with the counts.

    The flag is set once, at collection; a workspace that collected items before a rule
    changed keeps the old verdicts (a news item saying a claim awaits its clarification
    stayed the "debunk" officers' forwards were answered with). An analyst's mark
    (:class:`~sejuk.db.models.DebunkedClaim`) lives apart from the flag and is left as it
    is, and so is an item an analyst settled (:func:`set_debunk`); items whose text
    retention purged keep their flag (nothing left to read), and so do
    items of a removed source (a fact-check source's items are debunks by it). An item
    that became a debunk loses its own claim links (a debunk is never a copy); a narrative
    pointing at an item that stopped being one points at another debunk among its members,
    or none, until :func:`match_items` links it again.
    """
    stopped: list[int] = []
    started: list[int] = []
    rows = session.execute(
        select(Item.id, Item.title, func.substr(Item.text, 1, DEBUNK_HEAD).label("head"),
               Item.is_debunk, Source.kind)
        .join(Source, Source.id == Item.source_id)
        .where(Item.text_purged_at.is_(None), Item.debunk_by.is_(None)).order_by(Item.id)
        .execution_options(yield_per=2000))
    for row in rows:
        now = looks_like_debunk(row.title or "", row.head or "", row.kind)
        if now != bool(row.is_debunk):
            (started if now else stopped).append(row.id)
    for ids, value in ((stopped, False), (started, True)):
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            session.execute(update(Item).where(Item.id.in_(chunk)).values(is_debunk=value))
            if value:
                session.execute(delete(ClaimMatch).where(ClaimMatch.item_id.in_(chunk)))
    _repoint_narratives(session, stopped, started)
    audit.record(session, actor, "claim.recognise_debunks", "items",
                 stopped=len(stopped), started=len(started),
                 stopped_ids=stopped, started_ids=started)
    session.flush()
    return Recognised(tuple(stopped), tuple(started))


def _repoint_narratives(session: Session, stopped: Sequence[int], started: Sequence[int]
                        ) -> None:
    """Narratives whose debunk stopped being one fall back on another debunk member (the
    lowest id) or none; a narrative without a debunk takes a member that became one."""
    for start in range(0, len(stopped), 500):
        for narrative in session.scalars(select(Narrative).where(
                Narrative.debunk_item_id.in_(stopped[start : start + 500]))):
            narrative.debunk_item_id = session.scalar(
                select(func.min(Item.id)).where(Item.narrative_id == narrative.id,
                                                Item.is_debunk.is_(True)))
    for start in range(0, len(started), 500):
        members = session.execute(
            select(Item.narrative_id, func.min(Item.id))
            .where(Item.id.in_(started[start : start + 500]), Item.narrative_id.is_not(None))
            .group_by(Item.narrative_id))
        for narrative_id, item_id in members:
            narrative = session.get(Narrative, narrative_id)
            if narrative is not None and narrative.debunk_item_id is None:
                narrative.debunk_item_id = item_id


def set_debunk(session: Session, actor: str, item_id: int, verdict: bool | None,
               reason: str = "") -> list[int]:
    """Settle whether item ``item_id`` is a debunk on an analyst's word (``None``: the rules
    decide again); audited with the reason. Returns the items whose claim links must be
    computed again (:func:`match_items`): empty when nothing changed.

    The rules read words, and words mislead both ways: a hoax that opens "Tidak benar
    bahwa ..." or quotes a denial passes for a clarification and is then never flagged as a
    hoax, and a clarification written without the usual words is never offered as the
    answer to its hoax's copies. Once an analyst has spoken, :func:`recognise_debunks`
    leaves the item alone. Overruling needs a reason, as a TPS level does.
    """
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound.said(_CLAIMS, "no_item", id=item_id)
    if verdict is not None and not reason.strip():
        raise InputError.said(_CLAIMS, "no_reason", id=item_id)
    before = bool(item.is_debunk)
    after = before if verdict is None else verdict
    if verdict is None and item.text_purged_at is None:
        kind = session.scalar(select(Source.kind).where(Source.id == item.source_id))
        if kind is not None:  # a removed source's item keeps its flag, as in the sweep
            after = looks_like_debunk(item.title or "", (item.text or "")[:DEBUNK_HEAD],
                                      kind)
    item.is_debunk = after
    item.debunk_by = actor if verdict is not None else None
    audit.record(session, actor, "claim.set_debunk", f"item:{item_id}",
                 verdict=verdict, before=before, after=after, reason=reason.strip())
    session.flush()
    if after == before:
        return []
    if after:  # a debunk is never a copy; those it answers are found by matching
        session.execute(delete(ClaimMatch).where(ClaimMatch.item_id == item_id))
        _repoint_narratives(session, [], [item_id])
        return [item_id]
    # No longer a debunk: its copies look for another answer, unless an analyst marked
    # the item as a refuted claim (those links stand), and it may be a copy itself.
    answered: list[int] = []
    if session.get(DebunkedClaim, item_id) is None:
        answered = list(session.scalars(select(ClaimMatch.item_id).where(
            ClaimMatch.debunk_item_id == item_id)))
        session.execute(delete(ClaimMatch).where(ClaimMatch.debunk_item_id == item_id))
    _repoint_narratives(session, [item_id], [])
    return sorted({item_id, *answered})


@guarded("analyst", "claim.mark_debunked")
def mark_debunked(session: Session, principal: Principal, item_id: int, note: str = "") -> None:
    """Record the analyst's word that item ``item_id`` states a claim that is refuted.

    Audited in the same transaction; its copies are linked on the next matching run
    (call :func:`match_items` to link them now).
    """
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound.said(_CLAIMS, "no_item", id=item_id)
    if not (item.title or item.text):
        raise InputError.said(_CLAIMS, "no_text", id=item_id)
    existing = session.get(DebunkedClaim, item_id)
    if existing is not None:
        existing.note = note or existing.note
    else:
        session.add(DebunkedClaim(item_id=item_id, note=note, created_by=principal.username))
    audit.record(session, principal.username, "claim.mark_debunked", f"item:{item_id}",
                 note=note)
    session.flush()


@guarded("analyst", "claim.unmark_debunked")
def unmark_debunked(session: Session, principal: Principal, item_id: int) -> None:
    """Undo :func:`mark_debunked` (audited); links to this claim are removed."""
    existing = session.get(DebunkedClaim, item_id)
    if existing is None:
        raise NotFound.said(_CLAIMS, "not_marked", id=item_id)
    session.delete(existing)
    session.execute(delete(ClaimMatch).where(ClaimMatch.debunk_item_id == item_id))
    audit.record(session, principal.username, "claim.unmark_debunked", f"item:{item_id}")
    session.flush()


_CLAIMS: Phrases = {
    "no_item": {"id": "tidak ada item {id}", "en": "no item {id}"},
    "no_text": {"id": "item {id} tidak punya teks lagi untuk dicocokkan (sudah dihapus?)",
                "en": "item {id} has no text left to match (purged?)"},
    "no_reason": {"id": "beri alasan untuk menetapkan status klarifikasi item {id}",
                  "en": "give a reason to settle whether item {id} is a debunk"},
    "not_marked": {"id": "item {id} tidak ditandai sebagai klaim yang terbantah",
                   "en": "item {id} is not marked as a debunked claim"},
}
