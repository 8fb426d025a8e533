"""The text model as it is served: one fitted component per label, each a plain
scikit-learn pipeline, plus the calibration and operating point stored beside it.

Why one pipeline per label and not one multi-label pipeline: labels are judged by
different data (a hoax corpus judges ``hoaks`` only, a hate-speech corpus ``provokasi``
only, a district's file maybe one of them), so each label learns its vocabulary from the
texts that judge it, and a training run that judges only some labels keeps the others'
components as they were (:mod:`classifiers.training`). The persisted objects are plain
``Pipeline(FeatureUnion(TfidfVectorizer...), LogisticRegression)``, which skops loads
with its default trusted types.

Features (chosen by leave-one-corpus-out and topic-grouped measurements,
``benchmarks/classifier``): TF-IDF word uni/bigrams plus ``char_wb`` 4-grams (sublinear
tf) over the normalised text (:mod:`classifiers.text`), one logistic regression per
label, fitted with class-balanced sample weights.

Why the threshold is not simply 0.5: the probability is a sigmoid of the decision score
fitted on cross-validated scores (Platt scaling), so 0.7 means right about seven times in
ten on data like the training data; for a rare label the macro-F1-best decision lies well
below 0.5. The class-balanced boundary (decision score 0) is the operating point stored
with the model, expressed as a calibrated probability; ``[classifier.thresholds]`` in
settings overrides it per label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from classifiers.augment import SHARE as SURROUND_SHARE
from classifiers.stopwords import is_readable_term
from classifiers.text import prepare

DEFAULT_PARAMS: dict[str, Any] = {
    "C": 4.0,
    "word_ngrams": (1, 2),
    "char_ngrams": (4, 4),
    "random_state": 42,
    #: share of the training rows also seen inside neutral surroundings
    #: (:mod:`classifiers.augment`; read by the training, not by the pipeline)
    "surround": SURROUND_SHARE,
}
#: Below this many texts, character n-grams seen once are kept (see build_pipeline).
SMALL_SET = 200
#: Operating points are kept inside this band: a threshold of 0.01 or 0.99 would flag
#: everything or nothing as soon as the data drifts a little.
THRESHOLD_BAND = (0.05, 0.95)


def build_pipeline(
    *,
    C: float = 4.0,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] = (4, 4),
    char_min_df: int = 2,
    random_state: int = 42,
) -> Pipeline:
    """An unfitted one-label pipeline: normalised texts in, a decision score out.

    ``char_min_df`` drops character n-grams seen in one text only (they inflate the
    vector norm of every text with rare words); a small set (training passes 1 below
    :data:`SMALL_SET` texts) needs them all."""
    features = FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=tuple(word_ngrams),
                                 sublinear_tf=True, min_df=1, max_features=200_000,
                                 token_pattern=r"(?u)\b\w+\b")),  # noqa: S106 (no password)
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams),
                                 sublinear_tf=True, min_df=char_min_df,
                                 max_features=300_000)),
    ])
    classifier = LogisticRegression(C=C, max_iter=2000, random_state=random_state)
    return Pipeline([("features", features), ("clf", classifier)])


@dataclass
class Component:
    """One label's fitted scorer, its calibration and its operating point."""

    pipeline: Pipeline
    #: Platt scaling of the decision score ``s``: p = 1 / (1 + exp(a * s + b)).
    sigmoid: tuple[float, float]
    #: The component's own operating point, as a calibrated probability.
    threshold: float
    #: Where it came from: version trained in, corpora and counts (the model card's).
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def places(self) -> str | None:
        """How its texts treat place names (:func:`classifiers.text.prepare`)."""
        return self.provenance.get("places")

    @property
    def platform(self) -> str | None:
        """How its texts treat mentions, links and retweet marks
        (:func:`classifiers.text.prepare`)."""
        return self.provenance.get("platform")

    def prepare(self, texts: Sequence[str]) -> list[str]:
        """``texts`` read as this component was trained to read them."""
        return prepare(texts, places=self.places, platform=self.platform)

    def decision(self, prepared: Sequence[str]) -> NDArray[np.float64]:
        """Decision scores of texts already read as this component reads them
        (:meth:`prepare`)."""
        return np.asarray(self.pipeline.decision_function(list(prepared)), dtype=np.float64)

    def calibrate(self, scores: NDArray[np.float64]) -> NDArray[np.float64]:
        a, b = self.sigmoid
        return np.asarray(expit(-(a * scores + b)), dtype=np.float64)

    #: Feature names, coefficients and readability of the word features, built on the
    #: first call of :meth:`word_weights` (not saved).
    _words: tuple[Any, ...] | None = field(default=None, init=False, repr=False,
                                           compare=False)

    def word_weights(self) -> tuple[NDArray[np.str_], NDArray[np.float64], NDArray[np.bool_],
                                    TfidfVectorizer]:
        """The word features' names, coefficients and whether a person can read them as
        a reason, with their vectoriser (computed once per component)."""
        if self._words is None:
            union: FeatureUnion = self.pipeline.named_steps["features"]
            word: TfidfVectorizer = union.transformer_list[0][1]
            names = word.get_feature_names_out()
            clf: LogisticRegression = self.pipeline.named_steps["clf"]
            readable = np.fromiter((is_readable_term(str(n)) for n in names), dtype=bool,
                                   count=len(names))
            self._words = (names, np.ravel(clf.coef_)[: len(names)], readable, word)
        return self._words  # type: ignore[return-value]


def operating_point(sigmoid: tuple[float, float]) -> float:
    """The calibrated probability at decision score 0 (the class-balanced boundary)."""
    low, high = THRESHOLD_BAND
    return round(min(high, max(low, float(expit(-sigmoid[1])))), 4)


@dataclass
class TextModel:
    """The served model: a component per label, in the workspace's label order."""

    components: dict[str, Component]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.components)

    @property
    def thresholds(self) -> dict[str, float]:
        return {label: c.threshold for label, c in self.components.items()}

    def threshold(self, label: str, overrides: dict[str, float] | None = None) -> float:
        """The threshold in force: a setting for ``label`` if any, else the model's own."""
        if overrides and label in overrides:
            return float(overrides[label])
        return float(self.components[label].threshold)

    def predict_proba(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Rows of per-label probabilities, in ``labels`` order."""
        return self.score(texts, reasons=0)[0]

    def reasons(self, texts: Sequence[str], top: int = 5) -> list[dict[str, list[str]]]:
        return self.score(texts, reasons=top)[1]

    def score(self, texts: Sequence[str], reasons: int = 5
              ) -> tuple[NDArray[np.float64], list[dict[str, list[str]]]]:
        """Probabilities (rows x labels) and, per text and label, up to ``reasons`` readable
        words and bigrams that pushed the score up most.

        Each text is normalised once and each component's features built once: the
        word block of the feature matrix gives the reasons (TF-IDF value times
        coefficient; character n-grams add score but are no reading for a person), and
        function words and digit tokens ("yang", "dari", "0") are never shown.
        """
        proba = np.zeros((len(texts), len(self.components)))
        why: list[dict[str, list[str]]] = [{} for _ in texts]
        if not texts:
            return proba, why
        prepared: dict[tuple[str | None, str | None], list[str]] = {}
        for j, (label, component) in enumerate(self.components.items()):
            reading = (component.places, component.platform)
            if reading not in prepared:  # once per way of reading, usually one
                prepared[reading] = component.prepare(texts)
            x = component.pipeline.named_steps["features"].transform(prepared[reading])
            clf: LogisticRegression = component.pipeline.named_steps["clf"]
            proba[:, j] = component.calibrate(np.asarray(clf.decision_function(x)))
            if reasons:
                _add_reasons(why, label, component, x, reasons)
        return proba, why


def _add_reasons(why: list[dict[str, list[str]]], label: str, component: Component, x: Any,
                 top: int) -> None:
    names, coef, readable, _ = component.word_weights()
    x_word = x.tocsr()[:, : len(names)]
    for row in range(x_word.shape[0]):
        start, end = x_word.indptr[row], x_word.indptr[row + 1]
        cols, vals = x_word.indices[start:end], x_word.data[start:end]
        keep = readable[cols]
        cols, contrib = cols[keep], vals[keep] * coef[cols[keep]]
        order = np.argsort(-contrib)[:top]
        why[row][label] = [str(names[cols[i]]) for i in order if contrib[i] > 0]
