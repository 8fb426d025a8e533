"""The matchers the benchmark compares, behind one interface (:class:`Ranker`).

- :class:`Plain`: a plain ``char_wb`` 3-5 TF-IDF cosine, fitted on the raw headlines
  (the data README's baseline for ``claims.csv``).
- :class:`Before`: Sejuk's matcher before issue 16 (``classifiers/claims.py`` at commit
  e416353), kept here verbatim in behaviour so the gain is measured, not remembered:
  mean of char 3-5 and word cosines, every gazetteer place word dropped.
- :class:`Sejuk`: today's :class:`classifiers.claims.ClaimIndex`.

Each ranks the pool for a batch of texts (``rank``: best ``k`` claims and scores) and
says which claims restate one another (``same_claim``), for the margin guard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

from classifiers.claims import Claim, ClaimIndex, claim_text
from classifiers.stopwords import STOPWORDS
from classifiers.text import normalise

CHUNK = 512


def top_k(similarity: Callable[[Sequence[str]], NDArray[np.floating]], texts: Sequence[str],
          k: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The ``k`` best claims per text (best first) from a (texts x claims) scorer."""
    found, scored = [], []
    for start in range(0, len(texts), CHUNK):
        sims = np.asarray(similarity(texts[start : start + CHUNK]), dtype=np.float64)
        k_ = min(k, sims.shape[1])
        part = np.argpartition(-sims, k_ - 1, axis=1)[:, :k_]
        values = np.take_along_axis(sims, part, 1)
        order = np.argsort(-values, axis=1, kind="stable")
        found.append(np.take_along_axis(part, order, 1))
        scored.append(np.take_along_axis(values, order, 1))
    return np.vstack(found), np.vstack(scored)


def _pair_cosine(matrix, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.float64]:
    return np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()


class Plain:
    """char_wb 3-5 TF-IDF cosine on the raw texts, fitted on the headlines."""

    name = "plain char_wb 3-5 cosine"

    def __init__(self, headlines: Sequence[str]) -> None:
        self.vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                                          sublinear_tf=True, dtype=np.float32)
        self.claims = self.vectoriser.fit_transform(headlines).tocsr()
        self._t = self.claims.T.tocsr()

    def similarity(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return (self.vectoriser.transform(texts) @ self._t).toarray()

    def rank(self, texts: Sequence[str], k: int) -> tuple[NDArray[np.int64],
                                                          NDArray[np.float64]]:
        return top_k(self.similarity, texts, k)

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
        return _pair_cosine(self.claims, a, b) >= 0.5


class Before:
    """The matcher before issue 16: claim text without verdict words, every place word of
    the gazetteer dropped, mean of char_wb 3-5 and word TF-IDF cosines."""

    name = "before (issue 16)"

    def __init__(self, headlines: Sequence[str], places: frozenset[str]) -> None:
        self.drop = places
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                    dtype=np.float32)
        self.word = TfidfVectorizer(analyzer="word", sublinear_tf=True, dtype=np.float32,
                                    token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
                                    stop_words=sorted(STOPWORDS))
        texts = self._prepare([claim_text(h, "") for h in headlines])
        self.c = self.char.fit_transform(texts).tocsr()
        self.w = self.word.fit_transform(texts).tocsr()
        self._ct, self._wt = self.c.T.tocsr(), self.w.T.tocsr()

    def _prepare(self, texts: Sequence[str]) -> list[str]:
        out = []
        for text in texts:
            words = normalise(text[:2000]).split()
            out.append(" ".join(w for w in words if w not in self.drop))
        return out

    def similarity(self, texts: Sequence[str]) -> NDArray[np.float32]:
        prepared = self._prepare(texts)
        return ((self.char.transform(prepared) @ self._ct).toarray()
                + (self.word.transform(prepared) @ self._wt).toarray()) / 2

    def rank(self, texts: Sequence[str], k: int) -> tuple[NDArray[np.int64],
                                                          NDArray[np.float64]]:
        return top_k(self.similarity, texts, k)

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
        return (_pair_cosine(self.c, a, b) + _pair_cosine(self.w, a, b)) / 2 >= 0.5


class Sejuk:
    """Today's matcher, :class:`classifiers.claims.ClaimIndex`, on the debunks' claims."""

    name = "Sejuk"

    def __init__(self, headlines: Sequence[str]) -> None:
        self.index = ClaimIndex([Claim(i, claim_text(h, "")) for i, h in enumerate(headlines)])

    def rank(self, texts: Sequence[str], k: int) -> tuple[NDArray[np.int64],
                                                          NDArray[np.float64]]:
        return top_k(self.index.similarity, texts, k)

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
        return self.index.same_claim(a, b)

    def link(self, texts: Sequence[str], threshold: float) -> int:
        """How many texts the product links (its own decision path, for timing)."""
        return sum(bool(x) for x in self.index.match(texts, threshold))


def gazetteer_place_words() -> frozenset[str]:
    """What :func:`classifiers.claims.place_words` read from a workspace before issue 16:
    every word of a province, regency/city or kecamatan name."""
    from sejuk.regions.gazetteer import load_gazetteer

    names = [p.name for p in load_gazetteer()
             if p.level in ("provinsi", "kabkota", "kecamatan")]
    words = {w for name in names for w in normalise(name).split() if len(w) > 2}
    return frozenset(words - {"kabupaten", "kota"})
