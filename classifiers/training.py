"""Training a model: one component per label, cross-validated, calibrated, weighted so
that a district's own labels count for more than the starter corpus.

How a label is trained (:func:`fit_label`):

1. The rows that judge it (a label nobody judged for a row is ``UNKNOWN`` and left out,
   never a silent negative).
2. Sample weights: a row's origin weight (the workspace's own labels weigh ``local
   weight`` times a starter-corpus row, see :func:`origin_weights`) times a class
   balance computed on those weights, so a rare label is not drowned by its negatives.
3. Grouped stratified folds (copies of one text -- forwards, retweets, one template with
   another place -- stay in one fold, :mod:`classifiers.copies`; stratified by class and
   by origin so every fold holds local rows): out-of-fold decision scores for every row.
   They give the reported scores (cross-validated, never tested on a copy of a training
   text), and the Platt sigmoid that turns a score into a calibrated probability.
4. The served component is then fitted on all the rows.

Cost per label: ``folds + 1`` fits of a TF-IDF vectoriser and a logistic regression.

A run may train only some labels (the ones its local data judge); the others keep the
active model's component unchanged, and the card says which came from where.
"""

from __future__ import annotations

import functools
import hashlib
import platform
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, ParamSpec, TypeVar

import numpy as np
import scipy.sparse as sp
import sklearn
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from classifiers import augment, cues, selftrain
from classifiers.copies import copy_groups
from classifiers.dataset import UNKNOWN, LabelledSet
from classifiers.metrics import Metrics, score_flags
from classifiers.model import (
    DEFAULT_PARAMS,
    SMALL_SET,
    Component,
    TextModel,
    build_pipeline,
    operating_point,
)
from classifiers.scoring import DEBUNK_SUPPRESSED
from classifiers.text import PLACES_DROPPED, PLATFORM_DROPPED, prepare
from sejuk.errors import InputError
from sejuk.phrases import Phrases
from sejuk.timeutil import utc_now

_P = ParamSpec("_P")
_R = TypeVar("_R")

MIN_POSITIVES = 4
#: Folds of the cross-validation that scores and calibrates each label.
FOLDS = 3
#: A district's labels together weigh this many times the starter corpus's rows of the
#: same label (each at least as much as a starter row, at most :data:`MAX_LOCAL_WEIGHT`
#: times): 100 labels then move the model more than thousands of starter rows.
#: ``benchmarks/adaptation`` (random labels, k = 25/100/200, two seeds): share 4 against
#: share 1 gained +0.000/+0.007/+0.009 macro-F1 on hate speech and +0.000/-0.001/+0.012
#: on hoax tweets; 16 gained no more.
LOCAL_SHARE = 4.0
MAX_LOCAL_WEIGHT = 50.0
#: Local rows needed (of each class) before the card reports scores on them alone.
MIN_LOCAL_TO_SCORE = 2
#: The starter's ordinary text (its *background* corpora: tweets that are no hoax, standing
#: in for the chatter of a district's stream) is left out of a label's training once the
#: district's own labels of it (the analysts' files and dashboard labels; fact-check
#: claims say nothing of a stream's ordinary text) hold this many rows, at least
#: :data:`BACKGROUND_NEGATIVES` of them saying the label does not apply: from then on the
#: district's negatives say what its ordinary text looks like. Kept, 1,000 ordinary tweets
#: held a hoax district's 100 labels to 0.45 macro-F1 (0.58 with this rule), and in a
#: district whose stream holds chatter its own labels kept 89 % of the ordinary tweets
#: unflagged (benchmarks/README.md, *adaptation*).
BACKGROUND_REPLACED_AT = 20
BACKGROUND_NEGATIVES = 5
#: Origins of local rows that are not the district's judgement of its own stream.
NOT_THE_STREAM = ("factcheck",)


@dataclass
class LabelFit:
    """One trained label: the component and its cross-validated evidence."""

    component: Component
    #: Out-of-fold truth, calibrated probability and whether the row is local.
    y: NDArray[np.int_]
    proba: NDArray[np.float64]
    local: NDArray[np.bool_]
    folds: int
    split: str


@dataclass
class TrainingResult:
    model: TextModel
    #: Cross-validated scores of the trained labels (on local rows where there are enough).
    metrics: Metrics
    card: dict[str, Any] = field(default_factory=dict)
    #: Per trained label: out-of-fold truth and probabilities, for the report.
    evidence: dict[str, LabelFit] = field(default_factory=dict)


def origin_weights(local: NDArray[np.bool_], share: float = LOCAL_SHARE,
                   cap: float = MAX_LOCAL_WEIGHT) -> NDArray[np.float64]:
    """1 for a starter row; for a local row, the weight that gives the local rows
    ``share`` of the starter rows' total (between 1 and ``cap``)."""
    weights = np.ones(len(local))
    n_local = int(local.sum())
    if n_local and n_local < len(local):
        factor = min(cap, max(1.0, share * (len(local) - n_local) / n_local))
        weights[local] = factor
    return weights


def balanced(y: NDArray[np.int_], weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """``weights`` rescaled so both classes carry the same total weight."""
    out = weights.astype(float).copy()
    total = out.sum()
    for value in (0, 1):
        mask = y == value
        if mask.any():
            out[mask] *= total / (2 * out[mask].sum())
    return out


def platt(scores: NDArray[np.float64], y: NDArray[np.int_]) -> tuple[float, float]:
    """Sigmoid ``(a, b)`` with P(y=1 | s) = 1 / (1 + exp(a*s + b)), fitted on scores the
    model did not train on (unweighted: it should state the data's real frequencies)."""
    lr = LogisticRegression(C=1e4, max_iter=1000).fit(scores.reshape(-1, 1), y)
    return -float(lr.coef_[0, 0]), -float(lr.intercept_[0])


def _folds(y: NDArray[np.int_], local: NDArray[np.bool_], groups: NDArray[np.intp],
           folds: int, seed: int) -> tuple[list[tuple[NDArray[np.intp], NDArray[np.intp]]], str]:
    """Stratified folds keeping copies together ("grouped"); plain stratified folds when
    grouping leaves a fold without both classes ("stratified")."""
    key = y * 2 + local.astype(int)
    values, counts = np.unique(key, return_counts=True)
    key = np.where(np.isin(key, values[counts < folds]), y, key)  # too rare to stratify on
    if len(np.unique(groups)) >= folds:
        with warnings.catch_warnings():  # a rare combination is stratified loosely
            warnings.simplefilter("ignore", UserWarning)
            splits = list(StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
                          .split(np.zeros(len(y)), key, groups))
        if all(_learnable(y[train], y[test]) for train, test in splits):
            return splits, "grouped"
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=seed)
                  .split(np.zeros(len(y)), key))
    return splits, "stratified"


def _learnable(y_train: NDArray[np.int_], y_test: NDArray[np.int_]) -> bool:
    return bool(y_test.min() == 0 and y_test.max() == 1 and 0 < y_train.mean() < 1)


def background_replaced(y: NDArray[np.int_], own: NDArray[np.bool_]) -> bool:
    """Whether the district's own labels of its stream (``own``) replace the starter's
    ordinary text (:data:`BACKGROUND_REPLACED_AT`)."""
    own_y = y[own]
    return bool(len(own_y) >= BACKGROUND_REPLACED_AT
                and (own_y == 0).sum() >= BACKGROUND_NEGATIVES)


def fit_label(texts: Sequence[str], y: NDArray[np.int_], local: NDArray[np.bool_],
              groups: NDArray[np.intp], params: dict[str, Any], folds: int = FOLDS,
              local_share: float = LOCAL_SHARE, pool: selftrain.Pool | None = None,
              never_if_debunk: bool = False,
              background: NDArray[np.bool_] | None = None,
              own: NDArray[np.bool_] | None = None, label: str | None = None) -> LabelFit:
    """Train one label on the rows that judge it (``y`` 0/1, no ``UNKNOWN`` here).

    ``pool``: the workspace's unlabelled items, self-trained on (:mod:`classifiers.selftrain`):
    labelled by ``label``'s cue lexicon once the district has labels, and by the model
    itself once the local rows hold enough of both classes; ``never_if_debunk``: the
    label is one a debunk never carries, so the pool's debunks are left out;
    ``background``: the rows of the starter's ordinary text, left out once the district's
    labels of its stream (``own``, default the local rows) replace them
    (:func:`background_replaced`)."""
    offered = 0 if pool is None else len(pool)
    texts = list(texts)
    n_background = 0 if background is None else int(background.sum())
    own = local if own is None else own
    dropped = bool(n_background) and background_replaced(y, own)
    judged = y  # before any row is left out: what the counts below are of
    if dropped:
        assert background is not None
        keep = np.flatnonzero(~background)
        texts, y, local, groups = [texts[i] for i in keep], y[keep], local[keep], groups[keep]
    if len(texts) < SMALL_SET:
        params = {**params, "char_min_df": 1}
    weights = origin_weights(local, local_share)
    smallest = int(min(y.sum(), len(y) - y.sum()))
    folds = max(2, min(folds, smallest))
    splits, how = _folds(y, local, groups, folds, int(params["random_state"]))
    by_model = bool(offered) and selftrain.applies(y, local, offered)
    by_cues = bool(offered) and selftrain.uses_cues(label, own, offered)
    pool = pool if by_model or by_cues else None
    usable = (np.ones(0, dtype=bool) if pool is None
              else ~pool.debunk if never_if_debunk else np.ones(len(pool), dtype=bool))
    plan = _Pseudo(pool, usable, pool.votes(label) if pool is not None and by_cues and label
                  else None, by_model)
    scores = np.zeros(len(y))
    for train_rows, test_rows in splits:  # each fold self-trains as the final fit does
        pipeline, _ = _fit([texts[i] for i in train_rows], y[train_rows],
                           weights[train_rows], local[train_rows], params, plan)
        scores[test_rows] = pipeline.decision_function([texts[i] for i in test_rows])
    sigmoid = platt(scores, y)
    final, pseudo = _fit(texts, y, weights, local, params, plan)
    provenance: dict[str, Any] = {"local_weight": round(float(weights.max()), 3)}
    if n_background:  # with the district's own labels that counted, as the CLI says them
        provenance["background"] = {"rows": n_background, "used": not dropped,
                                    "own": int(own.sum()), "own_negatives": int(
                                        (judged[own] == 0).sum())}
    if offered:
        provenance["self_training"] = {"pool": offered, "applied": sum(pseudo) > 0,
                                       "positives": pseudo[0], "negatives": pseudo[1],
                                       "pool_sha256": (pool.digest() if pool is not None
                                                       and sum(pseudo) else None),
                                       **plan.record(label)}
    component = Component(final, sigmoid, operating_point(sigmoid), provenance)
    return LabelFit(component=component, y=y, proba=component.calibrate(scores),
                    local=local, folds=len(splits), split=how)


@dataclass(frozen=True)
class _Pseudo:
    """How a label's fits take the pool's items: which items may be used, the cue
    lexicon's votes (None: no lexicon, or no local label yet) and whether the model's own
    surest items join them (:func:`classifiers.selftrain.pseudo_labels`)."""

    pool: selftrain.Pool | None
    usable: NDArray[np.bool_]
    votes: NDArray[np.int_] | None
    model: bool

    def record(self, label: str | None) -> dict[str, Any]:
        """The card's part of it: whether the model labelled items, and what the cues
        labelled, with the categories found in those items (reasons an analyst can read)."""
        if self.pool is None:
            return {}
        out: dict[str, Any] = {"model": self.model}
        if self.votes is not None and label is not None:
            voted = np.flatnonzero(self.usable & (self.votes != cues.ABSTAIN))
            per_item = self.pool.categories(label)
            found = Counter(c for i in voted for c in per_item[i])
            out["cues"] = {"positives": int((self.votes[voted] == cues.YES).sum()),
                           "negatives": int((self.votes[voted] == cues.NO).sum()),
                           "categories": dict(sorted(found.items()))}
        return out


def _fit(texts: list[str], y: NDArray[np.int_], weights: NDArray[np.float64],
         local: NDArray[np.bool_], params: dict[str, Any], plan: _Pseudo
         ) -> tuple[Pipeline, tuple[int, int]]:
    """A pipeline fitted on ``texts``; given a pool, its classifier is then fitted again
    with the pool's items the cues vote on and those it is surest about as extra rows
    (:mod:`classifiers.selftrain`),
    on the same features: the vocabulary and IDF stay those of the labelled texts, so no
    word only an unlabelled item has enters the model. With the pseudo-positives and
    pseudo-negatives it added."""
    params = dict(params)
    share = float(params.pop("surround", 0.0))
    local_weight = float(weights[local].sum())  # the labels', not their copies' (below)
    if share > 0:  # copies of some rows in neutral surroundings (classifiers.augment)
        copies, rows = augment.surrounded_copies(texts, share)
        # rows are read already (as the component reads them): no re-drop of places or
        # platform tokens, the surroundings hold neither
        texts = texts + prepare(copies, places=None, platform=None)
        y, weights = np.concatenate([y, y[rows]]), np.concatenate([weights, weights[rows]])
        local = np.concatenate([local, local[rows]])
    pipeline = build_pipeline(**params)
    features, clf = pipeline.named_steps["features"], pipeline.named_steps["clf"]
    x = features.fit_transform(texts, y)
    clf.fit(x, y, sample_weight=balanced(y, weights))
    if plan.pool is None:
        return pipeline, (0, 0)
    x_pool = features.transform(plan.pool.texts)
    rows, pseudo_y = selftrain.pseudo_labels(clf.decision_function(x_pool), plan.usable,
                                             votes=plan.votes, model=plan.model)
    if not len(rows):
        return pipeline, (0, 0)
    y_all = np.concatenate([y, pseudo_y])
    w_all = np.concatenate([weights, np.full(len(rows), selftrain.weight(
        len(rows), local_weight))])
    clf.set_params(warm_start=True)  # from the first fit's solution: fewer iterations
    clf.fit(sp.vstack([x, x_pool[rows]]).tocsr(), y_all,
            sample_weight=balanced(y_all, w_all))
    clf.set_params(warm_start=False)
    positives = int(pseudo_y.sum())
    return pipeline, (positives, len(rows) - positives)


def check_label(label: str, y: NDArray[np.int_]) -> None:
    """Refuse a label a model cannot learn from, naming it."""
    positives, negatives = int((y == 1).sum()), int((y == 0).sum())
    if positives < MIN_POSITIVES or negatives < MIN_POSITIVES:
        raise InputError.said(_TRAINING, "too_few", label=label, positives=positives,
                              negatives=negatives, minimum=MIN_POSITIVES)


def _one_blas_thread(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn`` with its BLAS library (OpenBLAS under numpy and scipy) held to one thread.

    Why: the logistic regressions' solver makes many small vector operations, for which
    a second BLAS thread only spins: training 20,000 samples took 26.9 s on the clock and
    33.1 s of CPU with two threads, 24.1 s and 23.9 s with one (2-core machine, 7 Dec
    2026), and the other core stays free for the dashboard and the collectors."""

    @functools.wraps(fn)
    def held(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with threadpool_limits(limits=1, user_api="blas"):
            return fn(*args, **kwargs)

    return held


@_one_blas_thread
def train(data: LabelledSet, *, params: dict[str, Any] | None = None,
          train_labels: Sequence[str] | None = None, keep: TextModel | None = None,
          thresholds: dict[str, float] | None = None, folds: int = FOLDS,
          local_share: float = LOCAL_SHARE, unlabelled: Sequence[str] = (),
          unlabelled_debunk: Sequence[bool] = ()) -> TrainingResult:
    """Train ``train_labels`` (default: every label) on ``data``; the other labels keep
    ``keep``'s component. ``thresholds`` are the settings' overrides, used where the
    card reports scores. ``unlabelled``: the workspace's items without labels (with
    whether each reads as a debunk), self-trained on (:mod:`classifiers.selftrain`)."""
    params = {**DEFAULT_PARAMS, **(params or {})}
    to_train = tuple(data.labels if train_labels is None else train_labels)
    missing = [lab for lab in data.labels if lab not in to_train
               and (keep is None or lab not in keep.components)]
    if missing:
        raise InputError.said(_TRAINING, "no_keep", labels=", ".join(missing))
    for j, label in enumerate(data.labels):
        if label in to_train:
            check_label(label, data.y[data.y[:, j] != UNKNOWN, j])
    started = utc_now()
    normalised = prepare(data.texts)
    groups = copy_groups(data.texts)
    pool = (selftrain.Pool.read(unlabelled, unlabelled_debunk, data.texts)
            if len(unlabelled) else None)
    components: dict[str, Component] = {}
    evidence: dict[str, LabelFit] = {}
    trained_on = np.zeros(len(data.texts), dtype=bool)
    for j, label in enumerate(data.labels):
        if label not in to_train:
            assert keep is not None
            components[label] = keep.components[label]
            continue
        rows = np.flatnonzero(data.y[:, j] != UNKNOWN)
        origins = data.label_origins(label)
        local = data.local(label)
        own = local & np.array([o not in NOT_THE_STREAM for o in origins], dtype=bool)
        ordinary = data.background.get(label, frozenset())
        background = np.array([origins[i] in ordinary for i in rows], dtype=bool)
        fit = fit_label([normalised[i] for i in rows], data.y[rows, j], local[rows],
                        groups[rows], params, folds, local_share, pool,
                        never_if_debunk=label in DEBUNK_SUPPRESSED,
                        background=background, own=own[rows], label=label)
        replaced = fit.component.provenance.get("background", {}).get("used") is False
        if replaced:  # the district's labels replace the starter's ordinary text
            fit.component.provenance["background"]["replaced"] = sorted(
                {origins[i] for i in rows[background]})
            rows = rows[~background]
        fit.component.provenance.update(_provenance(origins, rows, local[rows]))
        trained_on[rows] = True
        components[label] = fit.component
        evidence[label] = fit
    model = TextModel(components)
    metrics = evidence_metrics(model, evidence, thresholds)
    card = _card(data, model, evidence, metrics, params, started, thresholds, groups,
                 int(trained_on.sum()))
    return TrainingResult(model=model, metrics=metrics, card=card, evidence=evidence)


def evidence_metrics(model: TextModel, evidence: dict[str, LabelFit],
                     thresholds: dict[str, float] | None, local_only: bool = True) -> Metrics:
    """Cross-validated scores per trained label, at the threshold in force: on the local
    rows alone when they hold enough of both classes (what matters to the district),
    else on every row."""
    labels, metrics = [], []
    for label, fit in evidence.items():
        rows = fit.local if local_only and _scored_locally(fit) else np.ones(len(fit.y), bool)
        y, proba = fit.y[rows].reshape(-1, 1), fit.proba[rows].reshape(-1, 1)
        flagged = proba >= model.threshold(label, thresholds)
        metrics.append(score_flags((label,), y, flagged, proba))
        labels.append(label)
    return Metrics(n=max((len(f.y) for f in evidence.values()), default=0),
                   labels={lab: m.labels[lab] for lab, m in zip(labels, metrics, strict=True)},
                   ece={lab: m.ece[lab] for lab, m in zip(labels, metrics, strict=True)})


def _scored_locally(fit: LabelFit) -> bool:
    """Whether the local rows hold enough of both classes to be scored on their own."""
    local_y = fit.y[fit.local]
    return bool((local_y == 1).sum() >= MIN_LOCAL_TO_SCORE
                and (local_y == 0).sum() >= MIN_LOCAL_TO_SCORE)


def _evaluation(model: TextModel, label: str, fit: LabelFit,
                thresholds: dict[str, float] | None) -> dict[str, Any]:
    """How a label was scored: folds, split, on which rows, and its figures on all rows."""
    everything = evidence_metrics(model, {label: fit}, thresholds, local_only=False)
    return {"folds": fit.folds, "split": fit.split,
            "scored_on": "local" if _scored_locally(fit) else "all",
            "all_rows": asdict(everything.labels[label])}


def _provenance(origins: Sequence[str], rows: NDArray[np.intp], local: NDArray[np.bool_]
                ) -> dict[str, Any]:
    """Which corpora and files judged the label, with counts (the card's per-label part);
    ``origins`` are the label's (:meth:`LabelledSet.label_origins`)."""
    j_rows: dict[str, list[int]] = {}
    for i in rows:
        j_rows.setdefault(origins[i], []).append(i)
    return {"trained": True, "places": PLACES_DROPPED, "platform": PLATFORM_DROPPED,
            "n": len(rows), "local": int(local.sum()),
            "sources": {origin: len(idx) for origin, idx in sorted(j_rows.items())}}


def data_hash(texts: Sequence[str], y: NDArray[np.int_]) -> str:
    digest = hashlib.sha256()
    for text, row in zip(texts, y, strict=True):
        digest.update(text.encode("utf-8"))
        digest.update(bytes(row.astype(np.int8)))
    return digest.hexdigest()


def _card(data: LabelledSet, model: TextModel, evidence: dict[str, LabelFit],
          metrics: Metrics, params: dict[str, Any], started: Any,
          thresholds: dict[str, float] | None, groups: NDArray[np.intp], trained_on: int
          ) -> dict[str, Any]:
    _, sizes = np.unique(groups, return_counts=True)
    y = data.y
    return {
        "trained_at": started.isoformat(),
        "labels": list(data.labels),
        "trained_labels": list(evidence),
        "n_samples": len(data.texts),
        #: rows at least one label trained in this run learnt from (judging it, and not
        #: ordinary text the district's labels replaced)
        "n_trained_on": trained_on,
        "evaluation": {label: _evaluation(model, label, fit, thresholds)
                       for label, fit in evidence.items()},
        "copy_groups": {"groups": int((sizes > 1).sum()), "texts": int(sizes[sizes > 1].sum())},
        "label_distribution": {lab: int((y[:, j] == 1).sum()) for j, lab in enumerate(data.labels)},
        "label_known": {lab: int((y[:, j] != UNKNOWN).sum()) for j, lab in enumerate(data.labels)},
        "data_sha256": data_hash(data.texts, y),
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
        "thresholds": model.thresholds,
        "sigmoids": {lab: list(c.sigmoid) for lab, c in model.components.items()},
        "components": {lab: c.provenance for lab, c in model.components.items()},
        "scored_thresholds": {lab: model.threshold(lab, thresholds) for lab in evidence},
        "metrics": metrics.to_dict(),
        "versions": versions(),
    }


def versions() -> dict[str, str]:
    import scipy
    import skops

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": np.__version__, "scipy": scipy.__version__, "skops": skops.__version__}


_TRAINING: Phrases = {
    "too_few": {
        "id": "label {label!r} punya {positives} sampel positif dan {negatives} negatif; "
              "perlu minimal {minimum} dari masing-masing",
        "en": "label {label!r} has {positives} positive and {negatives} negative samples; "
              "at least {minimum} of each are needed"},
    "no_keep": {
        "id": "tidak ada komponen {labels} untuk dipertahankan: latih juga (beri sampel "
              "yang menilainya, atau `--bundled`)",
        "en": "no component to keep for {labels}: train it too (give samples that judge "
              "it, or `--bundled`)"},
}
