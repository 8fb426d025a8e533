"""Sejuk's text model against two plain baselines, on the same fixed splits, in one run.

Data: ``../shared/data`` (see its README): ``umpo_tweets`` (hoax or not, raw and with
URLs and verdict words removed) and ``ibrohim_hs`` (SARA hate speech = ``provokasi``).
The data is read, never copied. Without it the benchmark says so and exits 0.

Both baselines use ``class_weight="balanced"`` (without it word TF-IDF+LR falls to 0.61
on umpo_tweets; with it, it matches the data README's 0.741): the stronger baseline is
the honest comparison.

Per set it prints macro-F1 on the test split, training time and classification speed
(docs/s over the test texts, normalisation included for Sejuk), plus Sejuk's expected
calibration error. Sejuk caches each token's normalisation and features
(``classifiers/vectorise.py``), so its speed is measured as a running scorer sees it:
caches emptied and filled from the training texts before every timed round (the test
texts' unseen tokens are computed afresh each time), and also with empty caches.
Targets (issue 5): macro-F1 >= best baseline + 0.02 on every set,
and docs/s >= 0.5x the word TF-IDF + LogisticRegression baseline.

The fixed split is the one the design was chosen on, so its gains carry selection
optimism. ``--resplits N`` (default 5) therefore also pools each set's train and test
rows and scores every system on N fresh stratified 80/20 splits (seeded, the same
splits for every system): the mean gain over the best baseline of each split, its
spread, and on how many splits the +0.02 target holds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from classifiers.model import DEFAULT_PARAMS, _fit, expected_calibration_error

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SETS: dict[str, tuple[str, str, str]] = {
    "umpo_tweets": ("umpo_tweets/train.csv", "umpo_tweets/test.csv", "hoaks"),
    "umpo_tweets de-leaked": ("umpo_tweets/train_deleaked.csv",
                              "umpo_tweets/test_deleaked.csv", "hoaks"),
    "ibrohim_hs": ("ibrohim_hs/train.csv", "ibrohim_hs/test.csv", "provokasi"),
}
ROUNDS = 7
SEJUK = "Sejuk (word 1-2 + char_wb 4, balanced LR)"


@dataclass
class Row:
    dataset: str
    system: str
    macro_f1: float
    train_s: float
    docs_per_s: float
    ece: float | None = None
    #: Sejuk only: docs/s with empty caches (nothing seen before).
    cold_docs_per_s: float | None = None


@dataclass
class Resplit:
    """One set's scores over fresh splits of its pooled rows."""

    dataset: str
    splits: int
    #: Mean test macro-F1 per system, baselines first, Sejuk last.
    mean_f1: dict[str, float]
    #: Sejuk minus the best baseline of the same split: mean, standard deviation, extremes.
    gain_mean: float
    gain_sd: float
    gain_min: float
    gain_max: float
    #: Splits on which Sejuk beat the best baseline by at least 0.02.
    target_met: int


def read_split(path: Path, positive: str, limit: int | None = None
               ) -> tuple[list[str], NDArray[np.int_]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if limit:
        rows = rows[:limit]
    return [r["text"] for r in rows], np.array([int(r["label"] == positive) for r in rows])


def _speeds(predictors: Sequence[Callable[[list[str]], Any]], texts: Sequence[str],
            prepare: Sequence[Callable[[], Any] | None], rounds: int = ROUNDS) -> list[float]:
    """Docs/s of each predictor over the test texts.

    The systems are timed in turns, round after round, and each keeps its best round:
    on a shared machine the load changes from second to second, and interleaving makes
    the ratio between systems fair even when the absolute figures wander. The texts are
    classified once per round, never repeated within a round, and ``prepare`` (untimed)
    runs before each round: Sejuk's per-token caches are emptied there and filled from
    the training texts only, so every round meets the test set's unseen tokens afresh.
    """
    batch = list(texts)
    best = [float("inf")] * len(predictors)
    for _ in range(rounds):
        for i, predict in enumerate(predictors):
            if prepare[i] is not None:
                prepare[i]()
            start = time.perf_counter()
            predict(batch)
            best[i] = min(best[i], time.perf_counter() - start)
    return [len(batch) / b for b in best]


def _baselines() -> dict[str, Callable[[], Pipeline]]:
    return {
        "word TF-IDF + LR": lambda: Pipeline([
            ("tfidf", TfidfVectorizer()),
            ("clf", LogisticRegression(max_iter=2000, class_weight="balanced"))]),
        "char_wb 2-5 TF-IDF + LinearSVC": lambda: Pipeline([
            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5))),
            ("clf", LinearSVC(class_weight="balanced"))]),
    }


def run_set(name: str, data: Path, limit: int | None = None,
            params: dict[str, Any] | None = None) -> list[Row]:
    train_file, test_file, positive = SETS[name]
    x_train, y_train = read_split(data / train_file, positive, limit)
    x_test, y_test = read_split(data / test_file, positive, limit)
    rows: list[Row] = []
    predictors: list[Callable[[list[str]], Any]] = []
    for system, make in _baselines().items():
        start = time.perf_counter()
        model = make().fit(x_train, y_train)
        took = time.perf_counter() - start
        f1 = f1_score(y_test, model.predict(x_test), average="macro")
        rows.append(Row(name, system, round(float(f1), 4), round(took, 2), 0.0))
        predictors.append(model.predict)
    start = time.perf_counter()
    ours = _fit(x_train, y_train.reshape(-1, 1), (positive,),
                {**DEFAULT_PARAMS, **(params or {})})
    took = time.perf_counter() - start
    threshold = ours.threshold(positive)
    proba = ours.predict_proba(x_test)[:, 0]
    f1 = f1_score(y_test, (proba >= threshold).astype(int), average="macro")

    def classify(texts: list[str]) -> Any:
        return ours.predict_proba(texts)[:, 0] >= threshold

    def warm() -> None:  # a scorer that has seen the training texts, not the test texts
        ours.clear_caches()
        ours.predict_proba(x_train)

    rows.append(Row(name, SEJUK, round(float(f1), 4),
                    round(took, 2), 0.0, round(expected_calibration_error(y_test, proba), 4)))
    speeds = _speeds([*predictors, classify, classify], x_test,
                     [None] * len(predictors) + [warm, ours.clear_caches])
    for row, speed in zip(rows, speeds[:len(rows)], strict=True):
        row.docs_per_s = round(speed)
    rows[-1].cold_docs_per_s = round(speeds[-1])
    return rows


def _macro_f1s(x_train: list[str], y_train: NDArray[np.int_], x_test: list[str],
               y_test: NDArray[np.int_], positive: str) -> dict[str, float]:
    """Every system's test macro-F1 on one split, Sejuk last (its own threshold)."""
    scores = {system: float(f1_score(y_test, make().fit(x_train, y_train).predict(x_test),
                                      average="macro"))
              for system, make in _baselines().items()}
    ours = _fit(x_train, y_train.reshape(-1, 1), (positive,), dict(DEFAULT_PARAMS))
    flagged = ours.predict_proba(x_test)[:, 0] >= ours.threshold(positive)
    scores[SEJUK] = float(f1_score(y_test, flagged.astype(int), average="macro"))
    return scores


def resplit_set(name: str, data: Path, splits: int, limit: int | None = None,
                seed: int = 1) -> Resplit:
    """Scores on ``splits`` fresh stratified 80/20 splits of the set's pooled rows."""
    train_file, test_file, positive = SETS[name]
    x_train, y_train = read_split(data / train_file, positive, limit)
    x_test, y_test = read_split(data / test_file, positive, limit)
    texts = x_train + x_test
    y = np.concatenate([y_train, y_test])
    runs: list[dict[str, float]] = []
    splitter = StratifiedShuffleSplit(splits, test_size=0.2, random_state=seed)
    for train_rows, test_rows in splitter.split(np.zeros(len(y)), y):
        runs.append(_macro_f1s([texts[i] for i in train_rows], y[train_rows],
                               [texts[i] for i in test_rows], y[test_rows], positive))
    gains = np.array([run[SEJUK] - max(v for k, v in run.items() if k != SEJUK)
                      for run in runs])
    return Resplit(name, splits, {k: round(float(np.mean([r[k] for r in runs])), 4)
                                  for k in runs[0]},
                   round(float(gains.mean()), 4), round(float(gains.std()), 4),
                   round(float(gains.min()), 4), round(float(gains.max()), 4),
                   int((gains >= 0.02).sum()))


def summarise_resplits(results: list[Resplit]) -> list[str]:
    lines = ["", "Fresh stratified 80/20 splits of each set's pooled rows "
             "(mean test macro-F1; gain = Sejuk minus the best baseline of the same split):"]
    for r in results:
        systems = ", ".join(f"{k} {v:.3f}" for k, v in r.mean_f1.items())
        lines.append(f"{r.dataset}: {r.splits} splits; {systems}; gain {r.gain_mean:+.3f} "
                     f"(sd {r.gain_sd:.3f}, {r.gain_min:+.3f} to {r.gain_max:+.3f}); "
                     f"+0.020 reached on {r.target_met} of {r.splits}")
    return lines


def summarise(rows: list[Row]) -> list[str]:
    lines = [f"{'set':<24} {'system':<44} {'macro-F1':>8} {'train s':>8} {'docs/s':>8} "
             f"{'ECE':>6} {'cold docs/s':>11}"]
    for r in rows:
        ece = f"{r.ece:.3f}" if r.ece is not None else ""
        cold = f"{r.cold_docs_per_s:.0f}" if r.cold_docs_per_s is not None else ""
        lines.append(f"{r.dataset:<24} {r.system:<44} {r.macro_f1:>8.3f} {r.train_s:>8.2f} "
                     f"{r.docs_per_s:>8.0f} {ece:>6} {cold:>11}")
    lines.append("")
    for name in dict.fromkeys(r.dataset for r in rows):
        mine = [r for r in rows if r.dataset == name]
        ours, base = mine[-1], mine[:-1]
        best = max(b.macro_f1 for b in base)
        word = base[0]
        gain = ours.macro_f1 - best
        speed = ours.docs_per_s / word.docs_per_s
        lines.append(f"{name}: macro-F1 {ours.macro_f1:.3f} vs best baseline {best:.3f} "
                     f"({gain:+.3f}, target +0.020: {'met' if gain >= 0.02 else 'NOT met'}); "
                     f"speed {speed:.2f}x word TF-IDF+LR (target 0.5x: "
                     f"{'met' if speed >= 0.5 else 'NOT met'}; with empty caches "
                     f"{(ours.cold_docs_per_s or 0) / word.docs_per_s:.2f}x)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.classifier")
    parser.add_argument("--data", type=Path,
                        default=Path(os.environ.get("SEJUK_BENCH_DATA", DEFAULT_DATA)))
    parser.add_argument("--limit", type=int, default=None,
                        help="use only the first N rows of each split (smoke test)")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--resplits", type=int, default=5,
                        help="also score on N fresh splits of the pooled rows (0: off)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "umpo_tweets").is_dir():
        print(f"benchmark data not found at {args.data}; nothing to do")
        return 0
    rows: list[Row] = []
    for name in args.sets:
        rows.extend(run_set(name, args.data, args.limit))
    resplits = [resplit_set(name, args.data, args.resplits, args.limit)
                for name in args.sets] if args.resplits > 0 else []
    if args.json:
        print(json.dumps({"fixed_split": [asdict(r) for r in rows],
                          "resplits": [asdict(r) for r in resplits]}, indent=2))
    else:
        print("\n".join(summarise(rows) + summarise_resplits(resplits)))
    return 0
