"""Do the analysts' labels of drawn items measure the active model on their stream?

The Model page and ``sejuk status`` report the active model's flags against the labels
analysts give to items the labelling queue drew without the model (:mod:`classifiers.live`):
the cold start's draws, in equal turns from three strata of the cue lexicons' votes, and
later the queue's uniform random share. Each shared set in turn plays the new district, as
in ``benchmarks/adaptation``: the model is the starter corpus without that set, the stream
is the set's train rows, and its true figure is the model's macro-F1 over all of them.
Per seed, k of the rows are drawn as the queue draws them (:func:`rank_for_labelling`,
cold: :func:`classifiers.active.stratum` strata in turn; warm: uniformly) and labelled
with their truth; the estimate from those k labels is compared with the true figure:
mean error (bias), mean absolute error, and how often the 90 % interval holds the truth.
Estimators: the product's (each stratum weighed by its share of the stream) and the
plain mean of the drawn labels, which the cold start's strata would bias.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from benchmarks.adaptation.bench import District, districts
from benchmarks.corpora import DEFAULT_DATA
from classifiers.active import Candidate, cue_votes, rank_for_labelling, stratum
from classifiers.live import figures


@dataclass
class Row:
    district: str
    draws: str
    estimator: str
    k: int
    truth: float
    mean: float
    bias: float
    mae: float
    coverage: float
    width: float


def _draw(d: District, proba: np.ndarray, strata_votes: list[dict[str, int]], k: int,
          seed: int, cold: bool) -> list[int]:
    """k of the district's rows as the product's queue draws them: the cold start (no
    label ranked, strata in turn) or its warm random share alone (uniform, one narrative
    each); ``seed`` picks the pseudo-random order, as the queue's salt does."""
    if not cold:
        return np.random.default_rng(seed).permutation(len(d.pool))[:k].tolist()
    candidates = [Candidate(i, {d.label: float(p)}, int(d.groups[i]), cues=v)
                  for i, (p, v) in enumerate(zip(proba, strata_votes, strict=True))]
    picks = rank_for_labelling(candidates, k, lambda _label: 0.5, ranked=frozenset(),
                               salt=str(seed))
    return [p.key for p in picks]


def _warm_samples(d: District, proba: np.ndarray, threshold: float, k: int, seed: int
                  ) -> list[int]:
    """The first k random-share items an analyst labels from the warm queue as the
    labelling page serves it: one item at a time, the queue ranked afresh after each
    label (its turn alternating uncertain and random), every item labelled leaving the
    candidates. Only the random share's items measure the model; the uncertain ones
    leave the frame the random share draws from, the bias this setting measures."""
    candidates = {i: Candidate(i, {d.label: float(p)}, int(d.groups[i]))
                  for i, p in enumerate(proba)}
    samples: list[int] = []
    turn = 0
    while len(samples) < k and candidates:
        pick = rank_for_labelling(list(candidates.values()), 2, lambda _label: threshold,
                                  salt=str(seed), turn=turn)[0]
        if pick.why == "sample":
            samples.append(pick.key)
        del candidates[pick.key]
        turn += 1
    return samples


def run(d: District, ks: Sequence[int], seeds: int, warm_seeds: int = 0) -> list[Row]:
    model = d.fit([], self_training=False)
    assert model.proba is not None
    proba = model.proba(d.pool)
    flags = model.flags(d.pool).astype(int)
    truth = d.pool_y.astype(int)
    true = float(f1_score(truth, flags, average="macro"))
    votes = [cue_votes(text, [d.label]) for text in d.pool]
    strata = np.array([stratum(v) for v in votes])
    shares = {int(s): float(np.mean(strata == s)) for s in np.unique(strata)}
    warm = {seed: _warm_samples(d, proba, model.threshold, max(ks), seed)
            for seed in range(warm_seeds)}
    rows = []
    for draws in ("cold", "random", "warm"):
        for k in ks:
            found: dict[str, list[tuple[float, tuple[float, float] | None]]] = {
                "stratified": [], "plain": []}
            for seed in (range(warm_seeds) if draws == "warm" else range(seeds)):
                chosen = (warm[seed][:k] if draws == "warm" else
                          _draw(d, proba, votes, k, seed, cold=draws == "cold"))
                t, f, s = truth[chosen], flags[chosen], strata[chosen]
                for name, weights in (("stratified", shares), ("plain", None)):
                    est = figures(d.label, t, f, s if weights else None, weights, seed=seed)
                    found[name].append((est.scores.macro_f1, est.intervals["macro_f1"]))
            for name, runs in found.items():
                values = np.array([v for v, _ in runs])
                held = [lo <= true <= hi for _, iv in runs if iv for lo, hi in [iv]]
                widths = [hi - lo for _, iv in runs if iv for lo, hi in [iv]]
                rows.append(Row(d.name, draws, name, k, round(true, 4),
                                round(float(values.mean()), 4),
                                round(float(values.mean() - true), 4),
                                round(float(np.abs(values - true).mean()), 4),
                                round(float(np.mean(held)), 3) if held else 0.0,
                                round(float(np.mean(widths)), 4) if widths else 0.0))
    return rows


def table(rows: list[Row]) -> list[str]:
    lines = []
    for name in dict.fromkeys(r.district for r in rows):
        mine = [r for r in rows if r.district == name]
        lines.append(f"\n{name}: the model's true macro-F1 on the stream {mine[0].truth:.3f}")
        lines.append("  draws   estimator    k   mean    bias    MAE   90% interval holds / "
                     "mean width")
        for r in mine:
            lines.append(f"  {r.draws:<7} {r.estimator:<10} {r.k:>4}  {r.mean:.3f}  "
                         f"{r.bias:+.3f}  {r.mae:.3f}  {r.coverage:.0%} / {r.width:.3f}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live")
    parser.add_argument("--data", type=Path,
                        default=Path(os.environ.get("SEJUK_BENCH_DATA", DEFAULT_DATA)))
    parser.add_argument("--ks", type=int, nargs="*", default=[10, 25, 50, 100, 200])
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--warm-seeds", type=int, default=0,
                        help="also the warm queue's random share as the page serves it, "
                             "one item at a time (slow: about 20 s per seed and district)")
    parser.add_argument("--prevalence", type=float, default=None,
                        help="thin each district's positives to this share (a stream)")
    parser.add_argument("--mix-other", action="store_true",
                        help="join each district's rows with the other real set's, as "
                             "negatives of its label")
    parser.add_argument("--only", nargs="+", default=())
    parser.add_argument("--limit", type=int, default=None, help="smoke test: N rows per split")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    found = districts(args.data, None, args.limit, pool_size=0, prevalence=args.prevalence,
                      mix_other=args.mix_other, only=args.only)
    if not found:
        print(f"benchmark data not found at {args.data}; nothing to do")
        return 0
    rows = [row for d in found for row in run(d, args.ks, args.seeds, args.warm_seeds)]
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
    else:
        print("\n".join(table(rows)))
    return 0
