"""Saving and loading models with skops: no pickle, only reviewed types.

A model file holds ``{"pipelines": {label: Pipeline}, "vocabularies": ...}``: plain scikit-
learn pipelines whose vectorisers' vocabularies travel as one newline-joined string per
vectoriser beside them (skops writes a dict entry by entry, which took 20 seconds to load
and 200 MB for the starter model's 240,000 terms; one string loads in milliseconds). Each
component's calibration sigmoid and threshold are kept in the model card (JSON, also in the
database), not in the file. A file is refused when its SHA-256 differs from the one recorded
at registration (tampering or corruption), when skops finds a type outside its defaults and
the short list below, or when it cannot be read at all. The caller keeps its current model
in service in each case.

Files written before per-label components (one ``Pipeline`` of shared features and a
``OneVsRestClassifier`` of calibrated regressions) still load: each label becomes a
component over the shared features with the calibration that file carried.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import skops.io as sio
from sklearn.pipeline import Pipeline

from classifiers.model import Component, TextModel, operating_point
from sejuk.errors import ModelError
from sejuk.fsutil import atomic_write

#: Types outside skops' defaults that a Sejuk model file may contain, each reviewed: the
#: private helpers CalibratedClassifierCV stores its per-fold calibrators in (files of
#: the earlier, one-pipeline format only).
TRUSTED_TYPES: list[str] = [
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(model: TextModel, card: dict[str, Any], path: Path) -> str:
    """Write ``path`` (.skops) and its JSON card beside it; returns the file's SHA-256.

    Written to a temporary name and renamed (:func:`sejuk.fsutil.atomic_write`), so a
    crash or a full disk never leaves half a model, or a temporary file, behind.
    """
    pipelines = {label: c.pipeline for label, c in model.components.items()}
    vocabularies = {label: _detach_vocabularies(p) for label, p in pipelines.items()}
    try:
        atomic_write(path, lambda handle: sio.dump(
            {"pipelines": pipelines, "vocabularies": vocabularies}, handle,
            compression=zipfile.ZIP_DEFLATED), text=False)
    finally:
        for label, pipeline in pipelines.items():
            _attach_vocabularies(pipeline, vocabularies[label])
    sha = file_sha256(path)
    atomic_write(path.with_suffix(".json"), json.dumps(
        {**card, "sha256": sha, "file": path.name}, indent=2, ensure_ascii=False))
    return sha


def _vectorisers(pipeline: Pipeline) -> list[tuple[str, Any]]:
    union = pipeline.named_steps.get("features")
    return [(name, t) for name, t in getattr(union, "transformer_list", ())
            if hasattr(t, "vocabulary_")]


def _detach_vocabularies(pipeline: Pipeline) -> dict[str, str]:
    """Take each vectoriser's vocabulary out as its terms in index order, joined by
    newlines (normalised text holds none)."""
    out = {}
    for name, vectoriser in _vectorisers(pipeline):
        terms = [""] * len(vectoriser.vocabulary_)
        for term, index in vectoriser.vocabulary_.items():
            terms[int(index)] = term
        if any("\n" in term for term in terms):
            raise ModelError(f"a {name} term holds a line break; the model cannot be saved")
        out[name] = "\n".join(terms)
        del vectoriser.vocabulary_
    return out


def _attach_vocabularies(pipeline: Pipeline, vocabularies: dict[str, str]) -> None:
    union = pipeline.named_steps.get("features")
    for name, vectoriser in getattr(union, "transformer_list", ()):
        if name in vocabularies:
            terms = vocabularies[name].split("\n") if vocabularies[name] else []
            vectoriser.vocabulary_ = {term: i for i, term in enumerate(terms)}


def load_model(path: Path, labels: list[str] | tuple[str, ...],
               expected_sha256: str | None = None, card: dict[str, Any] | None = None
               ) -> TextModel:
    """Load a model file, refusing anything tampered, corrupt or untrusted.

    ``card`` is the model card: each component's sigmoid, threshold and provenance.
    """
    if not path.exists():
        raise ModelError(f"model file {path} is missing")
    if expected_sha256 and file_sha256(path) != expected_sha256:
        raise ModelError(f"model file {path} does not match its recorded checksum "
                         "(modified or corrupt); refused")
    try:
        untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    except Exception as exc:  # skops raises many types for unreadable files
        raise ModelError(f"model file {path} cannot be read: {type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
    if untrusted:
        raise ModelError(f"model file {path} contains untrusted types "
                         f"{sorted(untrusted)}; refused")
    try:
        content = sio.load(path, trusted=TRUSTED_TYPES)
    except Exception as exc:
        raise ModelError(f"model file {path} cannot be loaded: {type(exc).__name__}") from None
    card = card or {}
    if isinstance(content, Pipeline):
        return _legacy(path, content, labels, card)
    pipelines = content.get("pipelines") if isinstance(content, dict) else None
    vocabularies = content.get("vocabularies") if isinstance(content, dict) else None
    if (not isinstance(pipelines, dict) or list(pipelines) != list(labels)
            or not isinstance(vocabularies, dict)):
        raise ModelError(f"model file {path} does not hold one pipeline per label "
                         f"({', '.join(labels)})")
    components = {}
    for label, pipeline in pipelines.items():
        _check_pipeline(path, pipeline)
        vocabulary = vocabularies.get(label)
        if not isinstance(vocabulary, dict) or not all(
                isinstance(v, str) for v in vocabulary.values()):
            raise ModelError(f"model file {path} has no vocabulary for {label!r}")
        _attach_vocabularies(pipeline, vocabulary)
        union = pipeline.named_steps["features"]
        if not all(hasattr(t, "vocabulary_") for _, t in getattr(union, "transformer_list", ())):
            raise ModelError(f"model file {path} lacks a vocabulary for {label!r}")
        sigmoid = card.get("sigmoids", {}).get(label)
        if sigmoid is None or len(sigmoid) != 2:
            raise ModelError(f"model card of {path} has no calibration for {label!r}")
        a, b = float(sigmoid[0]), float(sigmoid[1])
        threshold = float(card.get("thresholds", {}).get(label, operating_point((a, b))))
        components[label] = Component(pipeline, (a, b), threshold,
                                      dict(card.get("components", {}).get(label, {})))
    return TextModel(components)


def _check_pipeline(path: Path, pipeline: Any) -> None:
    if not isinstance(pipeline, Pipeline) or [n for n, _ in pipeline.steps] != ["features",
                                                                             "clf"]:
        raise ModelError(f"model file {path} is not a fitted Sejuk pipeline")
    if not hasattr(pipeline.named_steps["clf"], "coef_"):
        raise ModelError(f"model file {path} holds an unfitted classifier")


def _legacy(path: Path, pipeline: Pipeline, labels: list[str] | tuple[str, ...],
            card: dict[str, Any]) -> TextModel:
    """A file of the earlier format: shared features, ``OneVsRestClassifier`` of
    ``CalibratedClassifierCV(LogisticRegression, sigmoid, ensemble=False)``."""
    steps = dict(pipeline.steps)
    estimators = getattr(steps.get("clf"), "estimators_", None)
    if set(steps) != {"features", "clf"} or estimators is None:
        raise ModelError(f"model file {path} is not a fitted Sejuk pipeline")
    if len(estimators) != len(labels):
        raise ModelError(f"model file {path} predicts {len(estimators)} labels, its record "
                         f"names {len(labels)}")
    components = {}
    for label, estimator in zip(labels, estimators, strict=True):
        try:
            calibrated = estimator.calibrated_classifiers_[0]
            sigmoid = calibrated.calibrators[0]
            lr = calibrated.estimator
        except (AttributeError, IndexError):
            raise ModelError(f"model file {path} is not a calibrated Sejuk model") from None
        a, b = float(sigmoid.a_), float(sigmoid.b_)
        threshold = float(card.get("thresholds", {}).get(label, operating_point((a, b))))
        components[label] = Component(Pipeline([("features", steps["features"]), ("clf", lr)]),
                                      (a, b), threshold, {"format": "one pipeline (legacy)"})
    return TextModel(components)
