"""The text model: an unfitted pipeline, training with a holdout, evaluation, reasons.

The persisted object is a plain scikit-learn ``Pipeline`` (TF-IDF word and character
features, one calibrated logistic regression per label), so skops can load it with a short,
reviewed list of trusted types. Label names and the text normalisation travel beside it
in :class:`TextModel`, not inside it.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import sklearn
from numpy.typing import NDArray
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from classifiers.text import normalise_many
from sejuk.errors import InputError
from sejuk.timeutil import utc_now

MIN_POSITIVES = 4
DEFAULT_PARAMS: dict[str, Any] = {
    "C": 4.0,
    "word_ngrams": (1, 2),
    "char_ngrams": (2, 5),
    "class_weight": "balanced",
    "calibration_folds": 3,
    "random_state": 42,
}


def build_pipeline(
    *,
    C: float = 4.0,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] = (2, 5),
    class_weight: str | None = "balanced",
    calibration_folds: int = 3,
    random_state: int = 42,
) -> Pipeline:
    """An unfitted multi-label pipeline: texts in, one probability per label out."""
    features = FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=word_ngrams, sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w+\b",  # noqa: S106 (not a password)
                                 min_df=1, max_features=200_000)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngrams, sublinear_tf=True,
                                 min_df=2, max_features=300_000)),
    ])
    base = LogisticRegression(C=C, class_weight=class_weight, max_iter=2000,
                              random_state=random_state)
    classifier = CalibratedClassifierCV(base, method="sigmoid", cv=calibration_folds)
    return Pipeline([("features", features), ("clf", OneVsRestClassifier(classifier))])


@dataclass(frozen=True)
class LabelMetrics:
    precision: float
    recall: float
    f1: float
    macro_f1: float
    support: int


@dataclass(frozen=True)
class Metrics:
    """Holdout scores per label; ``macro_f1`` averages each label's two-class macro-F1."""

    n: int
    labels: dict[str, LabelMetrics]

    @property
    def macro_f1(self) -> float:
        if not self.labels:
            return 0.0
        return float(np.mean([m.macro_f1 for m in self.labels.values()]))

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "macro_f1": round(self.macro_f1, 4),
                "labels": {k: asdict(v) for k, v in self.labels.items()}}


@dataclass
class TextModel:
    """A fitted pipeline with the label order it predicts."""

    pipeline: Pipeline
    labels: tuple[str, ...]

    def predict_proba(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Rows of per-label probabilities, in ``labels`` order."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        proba = self.pipeline.predict_proba(normalise_many(list(texts)))
        return np.asarray(proba, dtype=np.float64).reshape(len(texts), len(self.labels))

    def reasons(self, texts: Sequence[str], top: int = 5) -> list[dict[str, list[str]]]:
        """Per text and label, the words that pushed the score up the most."""
        features: FeatureUnion = self.pipeline.named_steps["features"]
        word_vec: TfidfVectorizer = features.transformer_list[0][1]
        names = word_vec.get_feature_names_out()
        x_word = word_vec.transform(normalise_many(list(texts))).tocsr()
        clf: OneVsRestClassifier = self.pipeline.named_steps["clf"]
        n_word = len(names)
        coefs = [_mean_coef(est)[:n_word] for est in clf.estimators_]
        out: list[dict[str, list[str]]] = []
        for row in range(x_word.shape[0]):
            start, end = x_word.indptr[row], x_word.indptr[row + 1]
            cols, vals = x_word.indices[start:end], x_word.data[start:end]
            per_label: dict[str, list[str]] = {}
            for label, coef in zip(self.labels, coefs, strict=True):
                contrib = vals * coef[cols]
                order = np.argsort(-contrib)
                per_label[label] = [str(names[cols[i]]) for i in order[:top] if contrib[i] > 0]
            out.append(per_label)
        return out


def _mean_coef(estimator: Any) -> NDArray[np.float64]:
    """The average coefficient vector of a calibrated (or plain) linear classifier."""
    if hasattr(estimator, "calibrated_classifiers_"):
        return np.mean(
            [np.ravel(c.estimator.coef_) for c in estimator.calibrated_classifiers_], axis=0
        )
    return np.ravel(estimator.coef_)


def _label_metrics(y_true: NDArray[np.int_], y_pred: NDArray[np.int_]) -> LabelMetrics:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=[0, 1],
                                                 zero_division=0)
    return LabelMetrics(precision=round(float(p[1]), 4), recall=round(float(r[1]), 4),
                        f1=round(float(f[1]), 4), macro_f1=round(float(np.mean(f)), 4),
                        support=int(s[1]))


def evaluate(model: TextModel, texts: Sequence[str], y: NDArray[np.int_],
             thresholds: dict[str, float] | None = None) -> Metrics:
    """Scores of ``model`` on labelled texts, at the configured per-label thresholds."""
    thresholds = thresholds or {}
    proba = model.predict_proba(texts)
    labels = {}
    for j, label in enumerate(model.labels):
        pred = (proba[:, j] >= thresholds.get(label, 0.5)).astype(int)
        labels[label] = _label_metrics(y[:, j], pred)
    return Metrics(n=len(texts), labels=labels)


def check_training_data(labels: Sequence[str], y: NDArray[np.int_]) -> None:
    """Refuse data a model cannot learn from, naming the label that lacks examples."""
    for j, label in enumerate(labels):
        positives = int(y[:, j].sum())
        negatives = int(len(y) - positives)
        if positives < MIN_POSITIVES or negatives < MIN_POSITIVES:
            raise InputError(
                f"label {label!r} has {positives} positive and {negatives} negative samples; "
                f"at least {MIN_POSITIVES} of each are needed"
            )


def _stratify_key(y: NDArray[np.int_]) -> NDArray[np.str_] | None:
    keys = np.array(["".join(map(str, row)) for row in y])
    _, counts = np.unique(keys, return_counts=True)
    return keys if counts.min() >= 2 else None


@dataclass
class TrainingResult:
    model: TextModel
    metrics: Metrics
    card: dict[str, Any] = field(default_factory=dict)


def data_hash(texts: Sequence[str], y: NDArray[np.int_]) -> str:
    digest = hashlib.sha256()
    for text, row in zip(texts, y, strict=True):
        digest.update(text.encode("utf-8"))
        digest.update(bytes(row.astype(np.uint8)))
    return digest.hexdigest()


def train(
    texts: Sequence[str],
    y: NDArray[np.int_],
    labels: Sequence[str],
    *,
    params: dict[str, Any] | None = None,
    holdout: float = 0.2,
    thresholds: dict[str, float] | None = None,
) -> TrainingResult:
    """Fit on a stratified split, score the holdout, then refit on everything.

    The holdout scores are what the model card reports and what promotion compares; the
    served model has seen all the data.
    """
    params = {**DEFAULT_PARAMS, **(params or {})}
    y = np.asarray(y, dtype=int)
    labels = tuple(labels)
    if len(texts) != len(y):
        raise InputError("texts and labels differ in length")
    check_training_data(labels, y)
    started = utc_now()
    x_train, x_test, y_train, y_test = train_test_split(
        list(texts), y, test_size=holdout, random_state=params["random_state"],
        stratify=_stratify_key(y),
    )
    check_training_data(labels, y_train)
    folds = min(params["calibration_folds"], int(y_train.sum(axis=0).min()))
    candidate = TextModel(build_pipeline(**{**params, "calibration_folds": max(2, folds)}),
                          labels)
    candidate.pipeline.fit(normalise_many(x_train), y_train)
    metrics = evaluate(candidate, x_test, y_test, thresholds)
    folds_all = min(params["calibration_folds"], int(y.sum(axis=0).min()))
    final = TextModel(build_pipeline(**{**params, "calibration_folds": max(2, folds_all)}),
                      labels)
    final.pipeline.fit(normalise_many(list(texts)), y)
    card = {
        "trained_at": started.isoformat(),
        "labels": list(labels),
        "n_samples": len(texts),
        "n_holdout": len(x_test),
        "label_distribution": {lab: int(y[:, j].sum()) for j, lab in enumerate(labels)},
        "data_sha256": data_hash(texts, y),
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
        "metrics": metrics.to_dict(),
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__},
    }
    return TrainingResult(model=final, metrics=metrics, card=card)
