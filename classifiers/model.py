"""The text model: an unfitted pipeline, training with a holdout, evaluation, reasons.

The persisted object is a plain scikit-learn ``Pipeline`` (TF-IDF word uni/bigrams and
``char_wb`` 4-grams, one class-balanced logistic regression per label with sigmoid
calibration), so skops can load it with a short, reviewed list of trusted types. Label
names, the text normalisation and each label's operating threshold travel beside it in
:class:`TextModel`, not inside it.

The design was chosen by measurement on two real Indonesian corpora (see
``benchmarks/classifier`` and ``benchmarks/README.md``): the word+char union with a
class-balanced LR beat plain word TF-IDF+LR and char TF-IDF+LinearSVC on hate speech
(+0.018 macro-F1 over fresh splits) and drew level with them on a small, noisy hoax
corpus; NB-SVM log-count ratios, LinearSVC, isotonic calibration, ensembles, stemming,
LSA and wider n-gram ranges did not pay, and char 4-grams alone scored as well as
2-5-grams at several times the speed.

Classification does not run the pipeline's vectorisers: :meth:`TextModel.features`
builds the same TF-IDF matrix from per-token caches (``classifiers/vectorise.py``,
about 0.6x the speed of a bare word TF-IDF + LR, where the pipeline's own transform ran
at 0.1x) and hands it to the fitted classifier; training, reasons and
the saved file use the plain pipeline.

Why the threshold is not simply 0.5: calibration makes a probability mean what it says
(0.7 = right seven times in ten), and for a rare label the macro-F1-best decision lies
well below 0.5. The class-balanced LR's own boundary (decision value 0) was the
macro-F1-best point on every corpus; :func:`balanced_thresholds` expresses it as a
calibrated probability, stored with the model. ``[classifier.thresholds]`` in settings
overrides it per label.

Labels nobody judged for a sample are ``UNKNOWN`` (-1, :mod:`classifiers.dataset`): the
vectorisers learn from every text, but each label's classifier is fitted, calibrated and
scored only on the samples where that label is known.
"""

from __future__ import annotations

import hashlib
import platform
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import sklearn
from numpy.typing import NDArray
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import LabelBinarizer

from classifiers.copies import copy_groups
from classifiers.dataset import UNKNOWN
from classifiers.stopwords import is_readable_term
from classifiers.text import normalise_many, normalise_token
from classifiers.vectorise import CachedUnion
from sejuk.errors import InputError
from sejuk.timeutil import utc_now

MIN_POSITIVES = 4
DEFAULT_PARAMS: dict[str, Any] = {
    "C": 4.0,
    "word_ngrams": (1, 2),
    "char_ngrams": (4, 4),
    "class_weight": "balanced",
    "calibration": "sigmoid",
    "calibration_folds": 3,
    "random_state": 42,
}
#: Folds of the cross-validation reported beside the holdout (0 turns it off).
CV_FOLDS = 3


def build_pipeline(
    *,
    C: float = 4.0,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] = (4, 4),
    class_weight: str | None = "balanced",
    calibration: str = "sigmoid",
    calibration_folds: int = 3,
    random_state: int = 42,
) -> Pipeline:
    """An unfitted multi-label pipeline: (normalised) texts in, one probability per label.

    ``ensemble=False`` calibration fits one LR on all the data and the sigmoid on its
    cross-validated scores: the persisted model is one linear model per label (fast,
    readable reasons) and probability is a monotonic function of its score.
    """
    features = FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=word_ngrams, sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w+\b",  # noqa: S106 (not a password)
                                 min_df=1, max_features=200_000)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngrams, sublinear_tf=True,
                                 min_df=2, max_features=300_000)),
    ])
    base = LogisticRegression(C=C, class_weight=class_weight, max_iter=2000,
                              random_state=random_state)
    classifier = CalibratedClassifierCV(base, method=calibration, cv=calibration_folds,
                                        ensemble=False)
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
    #: Expected calibration error per label (10 equal-width bins).
    ece: dict[str, float] = field(default_factory=dict)
    #: Labels the data judges with one class only: their macro-F1 averages in an F1 of 0
    #: for the missing class, so it says little (recall or precision still do).
    one_class: tuple[str, ...] = ()

    @property
    def macro_f1(self) -> float:
        if not self.labels:
            return 0.0
        return float(np.mean([m.macro_f1 for m in self.labels.values()]))

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "macro_f1": round(self.macro_f1, 4),
                "labels": {k: asdict(v) for k, v in self.labels.items()},
                "ece": {k: round(v, 4) for k, v in self.ece.items()}}


@dataclass
class TextModel:
    """A fitted pipeline with the label order it predicts and each label's threshold."""

    pipeline: Pipeline
    labels: tuple[str, ...]
    #: The model's own operating point per label (see :func:`balanced_thresholds`).
    thresholds: dict[str, float] = field(default_factory=dict)

    def threshold(self, label: str, overrides: dict[str, float] | None = None) -> float:
        """The threshold in force: a setting for ``label`` if any, else the model's own."""
        if overrides and label in overrides:
            return float(overrides[label])
        return float(self.thresholds.get(label, 0.5))

    #: The cached fast transform of the fitted features, built on first use (not saved).
    _fast: tuple[int, CachedUnion | None] | None = field(default=None, init=False,
                                                          repr=False, compare=False)

    #: The fitted classifier's coefficients and sigmoids, read on first use (not saved).
    _linear: tuple[int, tuple[NDArray[np.float64], ...] | None] | None = field(
        default=None, init=False, repr=False, compare=False)

    def _fast_union(self) -> CachedUnion | None:
        union = self.pipeline.named_steps["features"]
        if self._fast is None or self._fast[0] != id(union):
            self._fast = (id(union), CachedUnion.from_union(union))
        return self._fast[1]

    def features(self, texts: Sequence[str]) -> Any:
        """The fitted pipeline's feature matrix for raw texts (normalisation included).

        Uses :class:`classifiers.vectorise.CachedUnion` (same matrix, per-token caches)
        when it recognises the features step, else the pipeline's own transform.
        """
        fast = self._fast_union()
        if fast is None:
            union = self.pipeline.named_steps["features"]
            return union.transform(normalise_many(list(texts)))
        return fast.transform(texts)

    def clear_caches(self) -> None:
        """Forget the cached token features and normalisations (frees memory; the
        benchmark uses it to time a scorer that has not seen the texts before)."""
        if self._fast is not None and self._fast[1] is not None:
            self._fast[1].reset()
        normalise_token.cache_clear()

    def predict_proba(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Rows of per-label probabilities, in ``labels`` order."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        clf = self.pipeline.named_steps["clf"]
        fast = self._fast_union()
        if self._linear is None or self._linear[0] != id(clf):
            self._linear = (id(clf), _calibrated_linear(clf))
        linear = self._linear[1] if fast is not None else None
        if linear is not None:
            # The fitted model is one linear score and one sigmoid per label: the same
            # arithmetic as the pipeline, without building a sparse matrix.
            coef, intercept, a, b = linear
            scores = fast.scores(texts, coef) + intercept
            return expit(-(a * scores + b)).reshape(len(texts), len(self.labels))
        proba = np.asarray(clf.predict_proba(self.features(texts)), dtype=np.float64)
        if len(self.labels) == 1 and proba.ndim == 2 and proba.shape[1] == 2:
            proba = proba[:, 1:]  # one label: OneVsRest answers as a binary classifier
        return proba.reshape(len(texts), len(self.labels))

    def reasons(self, texts: Sequence[str], top: int = 5) -> list[dict[str, list[str]]]:
        """Per text and label, the readable words and bigrams that pushed the score up most.

        Contributions are TF-IDF value times coefficient of the word features (the
        character n-grams add score but are no reading for a person). Function words and
        digit tokens ("yang", "dari", "0") are skipped: a reason must say something.
        """
        features: FeatureUnion = self.pipeline.named_steps["features"]
        word_vec: TfidfVectorizer = features.transformer_list[0][1]
        names = word_vec.get_feature_names_out()
        readable = np.array([is_readable_term(str(n)) for n in names], dtype=bool)
        x_word = word_vec.transform(normalise_many(list(texts))).tocsr()
        clf: OneVsRestClassifier = self.pipeline.named_steps["clf"]
        n_word = len(names)
        coefs = [_mean_coef(est)[:n_word] for est in clf.estimators_]
        out: list[dict[str, list[str]]] = []
        for row in range(x_word.shape[0]):
            start, end = x_word.indptr[row], x_word.indptr[row + 1]
            cols, vals = x_word.indices[start:end], x_word.data[start:end]
            keep = readable[cols]
            cols, vals = cols[keep], vals[keep]
            per_label: dict[str, list[str]] = {}
            for label, coef in zip(self.labels, coefs, strict=True):
                contrib = vals * coef[cols]
                order = np.argsort(-contrib)
                per_label[label] = [str(names[cols[i]]) for i in order[:top] if contrib[i] > 0]
            out.append(per_label)
        return out


def _calibrated_linear(clf: Any) -> tuple[NDArray[np.float64], ...] | None:
    """Coefficients (features x labels), intercepts and sigmoid ``a``, ``b`` per label of
    a fitted ``OneVsRestClassifier`` of ``CalibratedClassifierCV(LogisticRegression,
    sigmoid, ensemble=False)``, or ``None`` for anything else (the pipeline is used)."""
    from sklearn.calibration import _SigmoidCalibration
    columns = []
    try:
        estimators = clf.estimators_ if type(clf) is OneVsRestClassifier else None
        if estimators and len(estimators) > 1 and not clf.multilabel_:
            raise TypeError  # multiclass: OneVsRest renormalises the rows
        for est in estimators or ():
            if type(est) is not CalibratedClassifierCV or len(est.calibrated_classifiers_) != 1:
                raise TypeError
            calibrated = est.calibrated_classifiers_[0]
            lr = calibrated.estimator
            if (type(lr) is not LogisticRegression or lr.coef_.shape[0] != 1
                    or len(calibrated.calibrators) != 1
                    or type(calibrated.calibrators[0]) is not _SigmoidCalibration
                    or list(lr.classes_) != [0, 1] or list(est.classes_) != [0, 1]):
                raise TypeError
            sigmoid = calibrated.calibrators[0]
            columns.append((lr.coef_[0], float(lr.intercept_[0]), float(sigmoid.a_),
                            float(sigmoid.b_)))
    except (AttributeError, TypeError):
        columns = []
    if not columns:
        return None
    return (np.ascontiguousarray(np.stack([c[0] for c in columns], axis=1),
                                 dtype=np.float64),
            *(np.array([c[i] for c in columns]) for i in (1, 2, 3)))


def balanced_thresholds(model: TextModel) -> dict[str, float]:
    """Each label's calibrated probability at its class-balanced LR boundary (score 0)."""
    clf: OneVsRestClassifier = model.pipeline.named_steps["clf"]
    out: dict[str, float] = {}
    for label, est in zip(model.labels, clf.estimators_, strict=True):
        if not hasattr(est, "calibrated_classifiers_"):
            out[label] = 0.5
            continue
        calibrator = est.calibrated_classifiers_[0].calibrators[0]
        value = float(np.ravel(calibrator.predict(np.array([0.0])))[0])
        out[label] = round(min(0.95, max(0.05, value)), 4)
    return out


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


def _mean_coef(estimator: Any) -> NDArray[np.float64]:
    """The average coefficient vector of a calibrated (or plain) linear classifier."""
    if hasattr(estimator, "calibrated_classifiers_"):
        return np.asarray(np.mean(
            [np.ravel(c.estimator.coef_) for c in estimator.calibrated_classifiers_], axis=0
        ), dtype=np.float64)
    return np.ravel(estimator.coef_)


def _label_metrics(y_true: NDArray[np.int_], y_pred: NDArray[np.int_]) -> LabelMetrics:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=[0, 1],
                                                 zero_division=0)
    return LabelMetrics(precision=round(float(p[1]), 4), recall=round(float(r[1]), 4),
                        f1=round(float(f[1]), 4), macro_f1=round(float(np.mean(f)), 4),
                        support=int(s[1]))


def evaluate(model: TextModel, texts: Sequence[str], y: NDArray[np.int_],
             thresholds: dict[str, float] | None = None) -> Metrics:
    """Scores of ``model`` on labelled texts, at each label's threshold in force
    (``thresholds`` from settings override the model's own)."""
    proba = model.predict_proba(texts)
    return metrics_from_proba(model, np.asarray(y, dtype=int), proba, thresholds)


def metrics_from_proba(model: TextModel, y: NDArray[np.int_], proba: NDArray[np.float64],
                       thresholds: dict[str, float] | None = None) -> Metrics:
    """Per-label scores on the samples where the label is known; a label known for no
    sample has no scores (it is left out, not reported as invented figures)."""
    labels = {}
    ece = {}
    one_class = []
    for j, label in enumerate(model.labels):
        known = y[:, j] != UNKNOWN
        if not known.any():
            continue
        truth, p = y[known, j], proba[known, j]
        if truth.min() == truth.max():
            one_class.append(label)
        labels[label] = _label_metrics(truth, (p >= model.threshold(label, thresholds))
                                       .astype(int))
        ece[label] = expected_calibration_error(truth, p)
    return Metrics(n=len(y), labels=labels, ece=ece, one_class=tuple(one_class))


def _class_counts(y: NDArray[np.int_]) -> tuple[NDArray[np.int_], NDArray[np.int_]]:
    """Positives and negatives per label, counting known samples only."""
    return (y == 1).sum(axis=0), (y == 0).sum(axis=0)


def check_training_data(labels: Sequence[str], y: NDArray[np.int_]) -> None:
    """Refuse data a model cannot learn from, naming the label that lacks examples."""
    pos, neg = _class_counts(y)
    for j, label in enumerate(labels):
        positives, negatives = int(pos[j]), int(neg[j])
        if positives < MIN_POSITIVES or negatives < MIN_POSITIVES:
            raise InputError(
                f"label {label!r} has {positives} positive and {negatives} negative samples; "
                f"at least {MIN_POSITIVES} of each are needed"
            )


def _stratify_key(y: NDArray[np.int_]) -> NDArray[np.str_] | None:
    """Each row's label pattern ("1,0", "-1,1" ...), the classes to stratify by.

    Patterns seen once (labels left unknown make many) share one "rare" class, so one odd
    row does not turn stratification off; a lone rare row joins the commonest pattern.
    None only when no pattern at all repeats.
    """
    keys = np.array([",".join(map(str, row)) for row in y], dtype=object)
    patterns, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    if counts.max() < 2:
        return None
    rare = counts[inverse] < 2
    if rare.sum() == 1:
        keys[rare] = patterns[counts.argmax()]
    elif rare.any():
        keys[rare] = "rare"
    return keys.astype(str)


@dataclass
class TrainingResult:
    model: TextModel
    metrics: Metrics
    card: dict[str, Any] = field(default_factory=dict)
    #: Holdout truth and probabilities, for the report's confusion and PR curves.
    holdout_y: NDArray[np.int_] | None = None
    holdout_proba: NDArray[np.float64] | None = None


def data_hash(texts: Sequence[str], y: NDArray[np.int_]) -> str:
    digest = hashlib.sha256()
    for text, row in zip(texts, y, strict=True):
        digest.update(text.encode("utf-8"))
        digest.update(bytes(row.astype(np.uint8)))
    return digest.hexdigest()


def _fit(texts: Sequence[str], y: NDArray[np.int_], labels: tuple[str, ...],
         params: dict[str, Any]) -> TextModel:
    """One fitted model; calibration folds shrink for a label with few examples."""
    smallest = _smallest_class(y)
    folds = max(2, min(params["calibration_folds"], smallest))
    pipeline = build_pipeline(**{**params, "calibration_folds": folds})
    features = pipeline.named_steps["features"].fit_transform(normalise_many(list(texts)))
    fit_per_label(pipeline.named_steps["clf"], features, y)
    model = TextModel(pipeline, labels)
    model.thresholds = balanced_thresholds(model)
    return model


def fit_per_label(ovr: OneVsRestClassifier, x: Any, y: NDArray[np.int_]) -> None:
    """Fit ``ovr`` as ``ovr.fit(x, y)`` would, but each label only on the rows where it
    is known.

    ``OneVsRestClassifier.fit`` has no way to skip a row for one label, so this fits a
    clone of its estimator per label and sets the attributes ``fit`` sets; the result is
    a plain fitted ``OneVsRestClassifier`` (same predictions as ``fit`` when every label
    is known, which a test checks against scikit-learn's own).
    """
    from sklearn.base import clone

    y = np.asarray(y, dtype=int)
    binarizer = LabelBinarizer(sparse_output=True)
    filled = np.where(y == UNKNOWN, 0, y)
    binarizer.fit(filled if y.shape[1] > 1 else y[y[:, 0] != UNKNOWN, 0])
    estimators = []
    for j in range(y.shape[1]):
        known = np.flatnonzero(y[:, j] != UNKNOWN)
        estimators.append(clone(ovr.estimator).fit(x[known], y[known, j]))
    ovr.label_binarizer_ = binarizer
    ovr.classes_ = binarizer.classes_
    ovr.estimators_ = estimators
    ovr.n_features_in_ = x.shape[1]


def holdout_split(y: NDArray[np.int_], groups: NDArray[np.intp], holdout: float,
                  seed: int) -> tuple[NDArray[np.intp], NDArray[np.intp], str]:
    """Train and holdout rows, and how they were split.

    Copies (``groups``, :func:`classifiers.copies.copy_groups`) stay on one side, label
    combinations stratified ("grouped"): of the stratified group folds, the one closest
    to the asked size that leaves every label learnable and present in the holdout. When
    none does (few, large groups; a holdout of half the data is no holdout), the split is
    the plain stratified one ("stratified"; "random" when no label pattern repeats), then
    topped up so every label is scored, and the card says so.
    """
    rows = np.arange(len(y))
    target = holdout * len(y)
    folds = _group_folds(y, groups, max(2, round(1 / holdout)), seed)
    usable = [(train_rows, test_rows) for train_rows, test_rows in folds
              if _smallest_class(y[train_rows]) >= MIN_POSITIVES
              and _smallest_class(y[test_rows]) >= 1
              and 0.5 * target <= len(test_rows) <= 1.5 * target]
    if usable:
        train_rows, test_rows = min(usable, key=lambda split: abs(len(split[1]) - target))
        return train_rows, test_rows, "grouped"
    key = _stratify_key(y)
    try:
        train_rows, test_rows = train_test_split(rows, test_size=holdout, random_state=seed,
                                                 stratify=key)
    except ValueError:  # more label patterns than holdout rows: stratifying is impossible
        key = None
        train_rows, test_rows = train_test_split(rows, test_size=holdout, random_state=seed)
    train_rows, test_rows = _cover_holdout(y, train_rows, test_rows)
    return train_rows, test_rows, "stratified" if key is not None else "random"


def _cover_holdout(y: NDArray[np.int_], train_rows: NDArray[np.intp],
                   test_rows: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Move single rows into the holdout until every label has a known positive and
    negative there, as long as training keeps enough of each.

    Stratifying by label pattern cannot promise this when labels are partly unknown: a
    label's few positives may sit in several rare patterns that all land in training.
    """
    train_rows, test_rows = list(train_rows), list(test_rows)
    pos, neg = _class_counts(y[train_rows])
    for j in range(y.shape[1]):
        for value in (1, 0):
            if any(y[r, j] == value for r in test_rows):
                continue
            # a donor whose every judged label keeps enough of its class in training
            donors = [r for r in reversed(train_rows) if y[r, j] == value and all(
                (pos[k] if y[r, k] == 1 else neg[k]) > MIN_POSITIVES
                for k in range(y.shape[1]) if y[r, k] != UNKNOWN)]
            if donors:
                row = donors[0]
                train_rows.remove(row)
                test_rows.append(row)
                pos -= y[row] == 1
                neg -= y[row] == 0
    return np.array(train_rows, dtype=np.intp), np.array(test_rows, dtype=np.intp)


def _group_folds(y: NDArray[np.int_], groups: NDArray[np.intp], folds: int, seed: int
                 ) -> list[tuple[NDArray[np.intp], NDArray[np.intp]]]:
    """Stratified folds that keep each group whole; none when that is impossible (fewer
    groups than folds, a label combination rarer than the folds)."""
    if len(np.unique(groups)) < folds:
        return []
    key = _stratify_key(y)
    splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
    try:
        with warnings.catch_warnings():  # a rare label combination: stratified loosely
            warnings.simplefilter("ignore", UserWarning)
            return list(splitter.split(np.zeros(len(y)),
                                       key if key is not None else np.zeros(len(y)), groups))
    except ValueError:
        return []


def _smallest_class(y: NDArray[np.int_]) -> int:
    """The fewest positives or negatives any label has (known samples only)."""
    pos, neg = _class_counts(y)
    return int(min(pos.min(), neg.min()))


def cross_validate(texts: Sequence[str], y: NDArray[np.int_], labels: Sequence[str],
                   params: dict[str, Any] | None = None, folds: int = CV_FOLDS,
                   groups: NDArray[np.intp] | None = None) -> dict[str, dict[str, float]]:
    """Per-label macro-F1 over stratified folds (mean and spread), beside the holdout.

    A single holdout of a small set can be lucky; the spread says how much to trust it.
    Copies (``groups``; computed when not given) stay in one fold.
    """
    params = {**DEFAULT_PARAMS, **(params or {})}
    y = np.asarray(y, dtype=int)
    labels = tuple(labels)
    key = _stratify_key(y)
    smallest = _smallest_class(y)
    folds = min(folds, smallest // 2)
    if folds < 2 or key is None:
        return {}
    scores: dict[str, list[float]] = {label: [] for label in labels}
    texts = list(texts)
    if groups is None:
        groups = copy_groups(texts)
    splits = _group_folds(y, groups, folds, params["random_state"])
    how = "grouped"
    if not splits or not all(_smallest_class(y[test]) >= 1 for _, test in splits):
        # A fold without a positive (or negative) of some label would score it 0.5.
        splits = list(StratifiedKFold(folds, shuffle=True, random_state=params["random_state"])
                      .split(texts, key))
        how = "stratified"
    for train_idx, test_idx in splits:
        y_train = y[train_idx]
        if _smallest_class(y_train) < 2:
            continue
        model = _fit([texts[i] for i in train_idx], y_train, labels, params)
        metrics = evaluate(model, [texts[i] for i in test_idx], y[test_idx])
        pos, neg = _class_counts(y[test_idx])
        for j, label in enumerate(labels):
            if pos[j] and neg[j]:  # a fold with one class of a label cannot score it
                scores[label].append(metrics.labels[label].macro_f1)
    return {label: {"macro_f1_mean": round(float(np.mean(v)), 4),
                    "macro_f1_std": round(float(np.std(v)), 4), "folds": len(v),
                    "split": how}
            for label, v in scores.items() if v}


def train(
    texts: Sequence[str],
    y: NDArray[np.int_],
    labels: Sequence[str],
    *,
    params: dict[str, Any] | None = None,
    holdout: float = 0.2,
    thresholds: dict[str, float] | None = None,
    cv_folds: int = 0,
) -> TrainingResult:
    """Fit on a stratified split that keeps copies together, score the holdout, then
    refit on everything.

    The holdout scores are what the model card reports and what promotion compares; the
    served model has seen all the data. ``cv_folds`` > 1 adds a stratified
    cross-validation of the whole set to the card. ``thresholds`` are the settings'
    overrides; labels without one use the model's own balanced threshold.
    """
    params = {**DEFAULT_PARAMS, **(params or {})}
    y = np.asarray(y, dtype=int)
    labels = tuple(labels)
    if len(texts) != len(y):
        raise InputError("texts and labels differ in length")
    check_training_data(labels, y)
    started = utc_now()
    texts = list(texts)
    groups = copy_groups(texts)
    train_rows, test_rows, split = holdout_split(y, groups, holdout, params["random_state"])
    x_train, y_train = [texts[i] for i in train_rows], y[train_rows]
    x_test, y_test = [texts[i] for i in test_rows], y[test_rows]
    check_training_data(labels, y_train)
    pos, neg = _class_counts(y_test)
    for j, label in enumerate(labels):
        if pos[j] == 0 or neg[j] == 0:
            raise InputError(
                f"label {label!r}: the holdout has {int(pos[j])} positive and {int(neg[j])} "
                "negative samples, so it cannot be scored; add labelled samples")
    candidate = _fit(x_train, y_train, labels, params)
    proba = candidate.predict_proba(x_test)
    metrics = metrics_from_proba(candidate, y_test, proba, thresholds)
    final = _fit(texts, y, labels, params)
    cv = cross_validate(texts, y, labels, params, cv_folds, groups) if cv_folds > 1 else {}
    _, sizes = np.unique(groups, return_counts=True)
    card = {
        "trained_at": started.isoformat(),
        "labels": list(labels),
        "n_samples": len(texts),
        "n_holdout": len(x_test),
        "holdout_split": split,
        "copy_groups": {"groups": int((sizes > 1).sum()), "texts": int(sizes[sizes > 1].sum())},
        "label_distribution": {lab: int((y[:, j] == 1).sum()) for j, lab in enumerate(labels)},
        "label_known": {lab: int((y[:, j] != UNKNOWN).sum()) for j, lab in enumerate(labels)},
        "data_sha256": data_hash(texts, y),
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
        "thresholds": final.thresholds,
        # where the holdout figures were taken (a setting, else the holdout model's own)
        "holdout_thresholds": {label: candidate.threshold(label, thresholds)
                               for label in labels},
        "metrics": metrics.to_dict(),
        "cross_validation": cv,
        "versions": _versions(),
    }
    return TrainingResult(model=final, metrics=metrics, card=card, holdout_y=y_test,
                          holdout_proba=proba)


def _versions() -> dict[str, str]:
    import scipy
    import skops

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": np.__version__, "scipy": scipy.__version__, "skops": skops.__version__}
