"""Scores of flags against analysts' judgements: per-label precision, recall, F1 and the
two-class macro-F1, plus how well the stated probabilities are calibrated.

Each label is scored on the rows that judge it (``UNKNOWN`` rows are left out): a file
that judges only ``hoaks`` says nothing about ``provokasi``, and inventing zeros for it
would report a figure nobody measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.metrics import precision_recall_fscore_support

from classifiers.dataset import UNKNOWN


@dataclass(frozen=True)
class LabelMetrics:
    precision: float
    recall: float
    f1: float
    macro_f1: float
    support: int


@dataclass(frozen=True)
class Metrics:
    """Scores per label; ``macro_f1`` averages each label's two-class macro-F1."""

    n: int
    labels: dict[str, LabelMetrics]
    #: Expected calibration error per label (10 equal-width bins).
    ece: dict[str, float] = field(default_factory=dict)
    #: Labels the data judges with one class only: their macro-F1 averages in an F1 of 0
    #: for the missing class, so it says little (recall or precision still do).
    one_class: tuple[str, ...] = ()
    #: Per label, (rows of the scored data whose text the model was trained on, the
    #: corpora they come from): scores on them overstate how it does on new text.
    seen: dict[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    #: Row numbers of a scored file left out because they hold no text to score.
    left_out: tuple[int, ...] = ()

    @property
    def macro_f1(self) -> float:
        if not self.labels:
            return 0.0
        return float(np.mean([m.macro_f1 for m in self.labels.values()]))

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "macro_f1": round(self.macro_f1, 4),
                "labels": {k: asdict(v) for k, v in self.labels.items()},
                "ece": {k: round(v, 4) for k, v in self.ece.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metrics:
        return cls(n=int(data.get("n", 0)),
                   labels={k: LabelMetrics(**v) for k, v in data.get("labels", {}).items()},
                   ece={k: float(v) for k, v in data.get("ece", {}).items()})


def label_metrics(truth: NDArray[np.int_], flagged: NDArray[np.int_]) -> LabelMetrics:
    p, r, f, s = precision_recall_fscore_support(truth, flagged, labels=[0, 1],
                                                 zero_division=0)
    return LabelMetrics(precision=round(float(p[1]), 4), recall=round(float(r[1]), 4),
                        f1=round(float(f[1]), 4), macro_f1=round(float(np.mean(f)), 4),
                        support=int(s[1]))


def expected_calibration_error(y_true: NDArray[np.int_], proba: NDArray[np.float64],
                               bins: int = 10) -> float:
    """Mean gap between confidence and accuracy over equal-width probability bins,
    weighted by how many predictions fall in each (lower is better; 0 is perfect)."""
    y_true = np.asarray(y_true, dtype=float)
    proba = np.asarray(proba, dtype=float)
    if len(proba) == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(proba, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(proba[mask].mean() - y_true[mask].mean())
    return float(total / len(proba))


def score_flags(labels: Sequence[str], y: NDArray[np.int_], flagged: NDArray[np.bool_],
                proba: NDArray[np.float64]) -> Metrics:
    """Per-label scores of ``flagged`` (rows x labels) on the rows that judge each label."""
    y = np.asarray(y, dtype=int)
    scores: dict[str, LabelMetrics] = {}
    ece: dict[str, float] = {}
    one_class: list[str] = []
    for j, label in enumerate(labels):
        known = y[:, j] != UNKNOWN
        if not known.any():
            continue
        truth = y[known, j]
        if truth.min() == truth.max():
            one_class.append(label)
        scores[label] = label_metrics(truth, flagged[known, j].astype(int))
        ece[label] = expected_calibration_error(truth, proba[known, j])
    return Metrics(n=len(y), labels=scores, ece=ece, one_class=tuple(one_class))
