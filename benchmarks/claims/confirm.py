"""Would analysts' confirmations reach the target? (``--confirm``)

The idea measured: when an analyst confirms that a forward repeats a debunk, the forward
becomes another wording of that debunk's claim, so later forwards that resemble it link
too. Per debunked claim group with at least two tweets, one forward of its first tweet is
confirmed (as an analyst would confirm one circulating message); scored are the forwards
of the group's *other* tweets (the first tweet's own variants would be copies of what was
confirmed) and every text without a debunk, at the shipped threshold, each split apart.
A text's score for a debunk is its best over the debunk's headline and its confirmed
wordings. Two ways to index the wordings: as more claims (the IDF refitted over headlines
and forwards, as :class:`classifiers.claims.ClaimIndex` would fit them) and with the IDF
of the headlines alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from benchmarks.claims.pairs import TestSet, build
from classifiers.claims import CHUNK, Claim, ClaimIndex, claim_text, prepare
from sejuk.settings import ClassifierSettings

#: The variants an analyst is shown confirming.
CONFIRMED = ("forward", "reworded", "long")


class HeadlineIdf(ClaimIndex):
    """A claim index whose IDF is fitted on the first ``fitted`` claims only."""

    def __init__(self, claims: Sequence[Claim], fitted: int) -> None:
        super().__init__(claims[:fitted])
        self.claims = list(claims)
        texts = prepare([c.text for c in claims])
        self._rows, self._cos, self._share = [], [], []
        for vectoriser in self._vectorisers:
            vectors = vectoriser.transform(texts).tocsr()
            self._rows.append(vectors)
            self._cos.append(vectors.T.tocsr())
            self._share.append(vectors.multiply(vectors).T.tocsr())


def _best(index: ClaimIndex, n_headlines: int, texts: Sequence[str]
          ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Per text, the best debunk (headline index) and its score over its wordings."""
    sims = np.vstack([index.similarity(texts[i:i + CHUNK])
                      for i in range(0, len(texts), CHUNK)])
    debunks = sims[:, :n_headlines].copy()
    for j, claim in enumerate(index.claims[n_headlines:]):
        debunks[:, claim.item_id] = np.maximum(debunks[:, claim.item_id],
                                               sims[:, n_headlines + j])
    return debunks.argmax(axis=1), debunks.max(axis=1).astype(np.float64)


def _setting(ts: TestSet, split: str, kind: str
             ) -> tuple[list[Claim], list[int], list[int]]:
    """Confirmed wordings, the forwards to score and the texts without a debunk."""
    first = {}
    for i, h in enumerate(ts.headlines):
        first.setdefault(h.group, i)
    tweets: dict[int, set[int]] = defaultdict(set)
    for q in ts.queries:
        if q.group >= 0 and q.split == split:
            tweets[q.group].add(q.tweet)
    groups = {g for g, seen in tweets.items() if len(seen) >= 2}
    wordings = [Claim(first[q.group], q.text) for q in ts.queries
                if q.group in groups and q.tweet == 0 and q.kind == kind]
    scored = [i for i, q in enumerate(ts.queries)
              if q.group in groups and q.tweet > 0 and q.kind != "tweet"]
    unrelated = [i for i, q in enumerate(ts.queries) if q.group < 0 and q.split == split]
    return wordings, scored, unrelated


def confirmations(data: Path, pool: int = 1000) -> list[str]:
    ts = build(data, pool_size=pool)
    threshold = ClassifierSettings().claim_match_threshold
    headlines = [Claim(i, claim_text(h.text, "")) for i, h in enumerate(ts.headlines)]
    groups = np.array([h.group for h in ts.headlines])
    lines = [f"## Analysts' confirmations (threshold {threshold}; own / wrong on forwards of "
             "the claims' other tweets, and texts without a debunk linked)",
             f"{'split':<6} {'confirmed':<28} {'IDF':<22} {'own':>7} {'wrong':>7} "
             f"{'no-debunk linked':>17}"]
    for split in ("tune", "test"):
        for kind in (None, *CONFIRMED):
            wordings, scored, unrelated = _setting(ts, split, kind or "forward")
            texts = [ts.queries[i].text for i in scored]
            truth = np.array([ts.queries[i].group for i in scored])
            others = [ts.queries[i].text for i in unrelated]
            builds = ([("-", ClaimIndex(headlines))] if kind is None else
                      [("refitted with forwards", ClaimIndex(headlines + wordings)),
                       ("headlines only", HeadlineIdf(headlines + wordings, len(headlines)))])
            for how, index in builds:
                best, score = _best(index, len(headlines), texts)
                _, other_score = _best(index, len(headlines), others)
                link, right = score >= threshold, groups[best] == truth
                label = "none" if kind is None else f"{len(wordings)} {kind} forwards"
                lines.append(f"{split:<6} {label:<28} {how:<22} "
                             f"{np.mean(link & right):>7.1%} {np.mean(link & ~right):>7.1%} "
                             f"{np.mean(other_score >= threshold):>17.1%}")
    return lines
