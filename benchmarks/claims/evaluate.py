"""Scoring a matcher on the claim test set: links right, wrong and false, per variant.

A matcher gives, per text, its best claims (indices into the pool, best first) with
scores, and says which pairs of claims restate one another (so that a second debunk of
the same hoax is not taken for a rival when the margin guard compares the best claim
with the next). A text is *linked* when its best score reaches the threshold and beats
the best rival claim by the margin. For a forward of a debunked claim the link is
*own* (one of its claim group's debunks) or *wrong*; any link of an unrelated text is a
*false* link. With ``sure`` (the product's ``classifiers.claims.SURE``), a best score at
or above it is linked whatever the margin (``claim_match_margin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from benchmarks.claims.pairs import TestSet

#: Most forwards of one split may link to a wrong debunk, most unrelated texts may link.
MAX_WRONG = 0.02
MAX_FALSE = 0.02
THRESHOLDS = np.round(np.arange(0.02, 1.0, 0.01), 2)
MARGINS = np.round(np.arange(0.0, 0.21, 0.02), 2)


class Ranker(Protocol):
    def rank(self, texts: Sequence[str], k: int) -> tuple[NDArray[np.int64],
                                                          NDArray[np.float64]]: ...

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]: ...


@dataclass
class Ranked:
    """Per query: the best claim, its score and the best rival's score."""

    best: NDArray[np.int64]
    score: NDArray[np.float64]
    rival: NDArray[np.float64]


def ranked(ranker: Ranker, texts: Sequence[str], k: int = 5) -> Ranked:
    idx, scores = ranker.rank(texts, k)
    rival = np.zeros(len(texts))
    for j in range(1, idx.shape[1]):
        distinct = ~ranker.same_claim(idx[:, 0], idx[:, j])
        take = distinct & (rival == 0)
        rival[take] = scores[take, j]
    return Ranked(idx[:, 0], scores[:, 0], rival)


@dataclass
class Rates:
    own: float
    wrong: float
    none: float
    recall_at_1: float
    n: int


def linked(r: Ranked, threshold: float, margin: float, sure: float = np.inf
           ) -> NDArray[np.bool_]:
    return (r.score >= threshold) & ((r.score - r.rival >= margin) | (r.score >= sure))


def rates(r: Ranked, mask: NDArray[np.bool_], truth: NDArray[np.int64],
          groups: NDArray[np.int64], threshold: float, margin: float,
          sure: float = np.inf) -> Rates:
    link = linked(r, threshold, margin, sure)
    right = groups[r.best] == truth
    n = int(mask.sum())
    if n == 0:
        return Rates(0, 0, 0, 0, 0)
    own = float((link & right)[mask].mean())
    wrong = float((link & ~right)[mask].mean())
    return Rates(own, wrong, 1 - own - wrong, float(right[mask].mean()), n)


def false_rate(r: Ranked, mask: NDArray[np.bool_], threshold: float, margin: float,
               sure: float = np.inf) -> float:
    return float(linked(r, threshold, margin, sure)[mask].mean()) if mask.any() else 0.0


@dataclass
class Report:
    threshold: float
    margin: float
    #: split -> variant ("forwards" = every variant but the raw tweet) -> rates
    positives: dict[str, dict[str, Rates]]
    #: split -> unrelated kind ("all" pooled) -> share linked
    false: dict[str, dict[str, float]]


def arrays(ts: TestSet) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.str_],
                                 NDArray[np.str_]]:
    groups = np.array([h.group for h in ts.headlines])
    truth = np.array([q.group for q in ts.queries])
    kinds = np.array([q.kind for q in ts.queries])
    splits = np.array([q.split for q in ts.queries])
    return groups, truth, kinds, splits


def choose(r: Ranked, ts: TestSet, split: str = "tune", fixed: tuple[float, float] | None = None,
           margins: Sequence[float] = tuple(MARGINS)) -> tuple[float, float]:
    """The (threshold, margin) with the most own links on ``split``'s forwards, subject to
    at most :data:`MAX_WRONG` wrong links and :data:`MAX_FALSE` false links there."""
    if fixed is not None:
        return fixed
    groups, truth, kinds, splits = arrays(ts)
    pos = (truth >= 0) & (splits == split) & (kinds != "tweet")
    neg = (truth < 0) & (splits == split)
    best = (-1.0, 1.0, 0.0)
    scores = r.score[pos | neg]
    grid = np.unique(np.quantile(scores, np.linspace(0, 1, 501))) if len(scores) else THRESHOLDS
    for margin in margins:
        for threshold in grid:
            got = rates(r, pos, truth, groups, threshold, margin)
            if got.wrong <= MAX_WRONG and false_rate(r, neg, threshold, margin) <= MAX_FALSE:
                if got.own > best[0]:
                    best = (got.own, float(threshold), float(margin))
                break  # higher thresholds only lose own links at this margin
    return best[1], best[2]


def report(r: Ranked, ts: TestSet, threshold: float, margin: float,
           sure: float = np.inf) -> Report:
    groups, truth, kinds, splits = arrays(ts)
    positives: dict[str, dict[str, Rates]] = {}
    false: dict[str, dict[str, float]] = {}
    for split in ("tune", "test"):
        in_split = splits == split
        pos = (truth >= 0) & in_split
        variants = sorted(set(kinds[pos]), key=list(dict.fromkeys(
            ("tweet", "forward", "upper", "reworded", "long", "all"))).index)
        positives[split] = {"forwards": rates(r, pos & (kinds != "tweet"), truth, groups,
                                              threshold, margin, sure)}
        for v in variants:
            positives[split][v] = rates(r, pos & (kinds == v), truth, groups, threshold,
                                        margin, sure)
        neg = (truth < 0) & in_split
        false[split] = {"all": false_rate(r, neg, threshold, margin, sure)}
        for kind in sorted(set(kinds[neg])):
            false[split][kind] = false_rate(r, neg & (kinds == kind), threshold, margin,
                                            sure)
    return Report(threshold, margin, positives, false)
