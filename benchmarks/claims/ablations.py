"""Designs that were measured against today's matcher and not kept (``--ablations``).

Each is a variation of :class:`classifiers.claims.ClaimIndex` on one axis, so the table
in README says what each choice is worth on the same test set:

- ``score``: ``cos`` (TF-IDF cosine only), ``contain`` (containment only) or ``hybrid``
  (their geometric mean, today's);
- ``views``: character n-grams, words, or both (today's);
- ``background``: texts the IDF is also fitted on (the forwards themselves, as a
  workspace's stored items would be; default: the claims only);
- ``drop``: words removed before comparing (the gazetteer's place words, as before);
- ``window``: the cosine also taken over windows of this many words (best window), for
  long forwards;
- :class:`BM25`: Okapi BM25 over words, claims as documents, divided by each claim's score
  against itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from benchmarks.claims.systems import top_k
from classifiers.claims import claim_text, prepare
from classifiers.stopwords import STOPWORDS

_WORDS = r"(?u)\b[^\W\d_]{2,}\b"


class Variant:
    """:class:`~classifiers.claims.ClaimIndex` with one design choice changed."""

    def __init__(self, headlines: Sequence[str], *, score: str = "hybrid",
                 views: tuple[str, ...] = ("char", "word"), background: Sequence[str] = (),
                 drop: frozenset[str] = frozenset(), window: int = 0) -> None:
        self.score, self.drop, self.window = score, drop, window
        claims = self._prepare([claim_text(h, "") for h in headlines])
        corpus = claims + self._prepare(background)
        self.vectorisers = []
        for view in views:
            if view == "char":
                v = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                    dtype=np.float32)
            else:
                v = TfidfVectorizer(analyzer="word", sublinear_tf=True, dtype=np.float32,
                                    token_pattern=_WORDS, stop_words=sorted(STOPWORDS))
            v.fit(corpus)
            self.vectorisers.append(v)
        self.rows = [v.transform(claims).tocsr() for v in self.vectorisers]

    def _prepare(self, texts: Sequence[str]) -> list[str]:
        out = prepare(list(texts))
        if self.drop:
            out = [" ".join(w for w in t.split() if w not in self.drop) for t in out]
        return out

    def _view(self, v: TfidfVectorizer, rows, texts: list[str]) -> NDArray[np.float32]:
        q = v.transform(texts).tocsr()
        cos = (q @ rows.T).toarray()
        if self.window:
            cos = np.maximum(cos, self._windows(v, rows, texts))
        if self.score == "cos":
            return cos
        present = q.copy()
        present.data[:] = 1.0
        contained = (present @ rows.multiply(rows).T).toarray()
        if self.score == "contain":
            return contained
        return np.sqrt(np.clip(cos * contained, 0.0, 1.0))

    def _windows(self, v: TfidfVectorizer, rows, texts: list[str]) -> NDArray[np.float32]:
        pieces, owner = [], []
        for i, text in enumerate(texts):
            words = text.split()
            step = max(1, self.window // 2)
            for start in range(0, max(1, len(words) - step), step):
                pieces.append(" ".join(words[start : start + self.window]))
                owner.append(i)
        sims = (v.transform(pieces) @ rows.T).toarray()
        owners = np.asarray(owner)
        bounds = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        return np.maximum.reduceat(sims, bounds, axis=0)

    def similarity(self, texts: Sequence[str]) -> NDArray[np.float32]:
        prepared = self._prepare(texts)
        total = sum(self._view(v, rows, prepared)
                    for v, rows in zip(self.vectorisers, self.rows, strict=True))
        return np.asarray(total, dtype=np.float32) / len(self.vectorisers)

    def rank(self, texts: Sequence[str], k: int) -> tuple[NDArray[np.int64],
                                                          NDArray[np.float64]]:
        return top_k(self.similarity, texts, k)

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
        total = sum(np.asarray(rows[a].multiply(rows[b]).sum(axis=1)).ravel()
                    for rows in self.rows)
        return np.asarray(total) / len(self.rows) >= 0.5


class BM25:
    """Okapi BM25 (k1 1.2, b 0.75) over words, claims as documents, as a share of each
    claim's score against itself (so 1.0 = every claim word is in the text)."""

    def __init__(self, headlines: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.vectoriser = CountVectorizer(token_pattern=_WORDS, stop_words=sorted(STOPWORDS))
        tf = self.vectoriser.fit_transform(prepare([claim_text(h, "") for h in headlines]))
        tf = tf.tocsr().astype(np.float64)
        n = tf.shape[0]
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        length = np.asarray(tf.sum(axis=1)).ravel()
        rows = np.repeat(np.arange(n), np.diff(tf.indptr))
        weights = tf.copy()
        weights.data = (idf[tf.indices] * tf.data * (k1 + 1)
                        / (tf.data + k1 * (1 - b + b * length[rows] / length.mean())))
        total = np.asarray(weights.sum(axis=1)).ravel() + 1e-9
        self.claims = weights.multiply(1 / total[:, None]).tocsr()
        self._t = self.claims.T.tocsr()

    def similarity(self, texts: Sequence[str]) -> NDArray[np.float64]:
        present = self.vectoriser.transform(prepare(list(texts))).tocsr().astype(np.float64)
        present.data[:] = 1.0
        return (present @ self._t).toarray()

    def rank(self, texts: Sequence[str], k: int) -> tuple[NDArray[np.int64],
                                                          NDArray[np.float64]]:
        return top_k(self.similarity, texts, k)

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
        ra, rb = self.claims[a].copy(), self.claims[b].copy()
        ra.data[:] = 1.0
        rb.data[:] = 1.0
        shared = np.asarray(ra.multiply(rb).sum(axis=1)).ravel()
        smaller = np.minimum(np.asarray(ra.sum(axis=1)).ravel(),
                             np.asarray(rb.sum(axis=1)).ravel())
        return shared / np.maximum(smaller, 1) >= 0.6
