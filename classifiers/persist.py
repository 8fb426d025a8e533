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
from sejuk.phrases import Phrases

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
            raise ModelError.said(_FILES, "line_break", name=name)
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
        raise ModelError.said(_FILES, "missing", path=path)
    if expected_sha256 and file_sha256(path) != expected_sha256:
        raise ModelError.said(_FILES, "checksum", path=path)
    try:
        untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    except Exception as exc:  # skops raises many types for unreadable files
        raise ModelError.said(_FILES, "unreadable", path=path, kind=type(exc).__name__,
                              detail=str(exc).splitlines()[0] if str(exc) else "") from None
    if untrusted:
        raise ModelError.said(_FILES, "untrusted", path=path, types=sorted(untrusted))
    try:
        content = sio.load(path, trusted=TRUSTED_TYPES)
    except Exception as exc:
        raise ModelError.said(_FILES, "unloadable", path=path, kind=type(exc).__name__) from None
    card = card or {}
    if isinstance(content, Pipeline):
        return _legacy(path, content, labels, card)
    pipelines = content.get("pipelines") if isinstance(content, dict) else None
    vocabularies = content.get("vocabularies") if isinstance(content, dict) else None
    if (not isinstance(pipelines, dict) or list(pipelines) != list(labels)
            or not isinstance(vocabularies, dict)):
        raise ModelError.said(_FILES, "per_label", path=path, labels=", ".join(labels))
    components = {}
    for label, pipeline in pipelines.items():
        _check_pipeline(path, pipeline)
        vocabulary = vocabularies.get(label)
        if not isinstance(vocabulary, dict) or not all(
                isinstance(v, str) for v in vocabulary.values()):
            raise ModelError.said(_FILES, "no_vocabulary", path=path, label=label)
        _attach_vocabularies(pipeline, vocabulary)
        union = pipeline.named_steps["features"]
        if not all(hasattr(t, "vocabulary_") for _, t in getattr(union, "transformer_list", ())):
            raise ModelError.said(_FILES, "lacks_vocabulary", path=path, label=label)
        sigmoid = card.get("sigmoids", {}).get(label)
        if sigmoid is None or len(sigmoid) != 2:
            raise ModelError.said(_FILES, "no_calibration", path=path, label=label)
        a, b = float(sigmoid[0]), float(sigmoid[1])
        threshold = float(card.get("thresholds", {}).get(label, operating_point((a, b))))
        components[label] = Component(pipeline, (a, b), threshold,
                                      dict(card.get("components", {}).get(label, {})))
    return TextModel(components)


def _check_pipeline(path: Path, pipeline: Any) -> None:
    if not isinstance(pipeline, Pipeline) or [n for n, _ in pipeline.steps] != ["features",
                                                                             "clf"]:
        raise ModelError.said(_FILES, "not_pipeline", path=path)
    if not hasattr(pipeline.named_steps["clf"], "coef_"):
        raise ModelError.said(_FILES, "unfitted", path=path)


def _legacy(path: Path, pipeline: Pipeline, labels: list[str] | tuple[str, ...],
            card: dict[str, Any]) -> TextModel:
    """A file of the earlier format: shared features, ``OneVsRestClassifier`` of
    ``CalibratedClassifierCV(LogisticRegression, sigmoid, ensemble=False)``."""
    steps = dict(pipeline.steps)
    estimators = getattr(steps.get("clf"), "estimators_", None)
    if set(steps) != {"features", "clf"} or estimators is None:
        raise ModelError.said(_FILES, "not_pipeline", path=path)
    if len(estimators) != len(labels):
        raise ModelError.said(_FILES, "label_count", path=path, found=len(estimators),
                              recorded=len(labels))
    components = {}
    for label, estimator in zip(labels, estimators, strict=True):
        try:
            calibrated = estimator.calibrated_classifiers_[0]
            sigmoid = calibrated.calibrators[0]
            lr = calibrated.estimator
        except (AttributeError, IndexError):
            raise ModelError.said(_FILES, "not_calibrated", path=path) from None
        a, b = float(sigmoid.a_), float(sigmoid.b_)
        threshold = float(card.get("thresholds", {}).get(label, operating_point((a, b))))
        components[label] = Component(Pipeline([("features", steps["features"]), ("clf", lr)]),
                                      (a, b), threshold, {"format": "one pipeline (legacy)"})
    return TextModel(components)


_FILES: Phrases = {
    "line_break": {"id": "satu istilah {name} berisi ganti baris; model tidak bisa disimpan",
                   "en": "a {name} term holds a line break; the model cannot be saved"},
    "missing": {"id": "berkas model {path} tidak ada", "en": "model file {path} is missing"},
    "checksum": {"id": "berkas model {path} tidak cocok dengan checksum yang tercatat (diubah "
                       "atau rusak); ditolak",
                 "en": "model file {path} does not match its recorded checksum (modified or "
                       "corrupt); refused"},
    "unreadable": {"id": "berkas model {path} tidak bisa dibaca: {kind}: {detail}",
                   "en": "model file {path} cannot be read: {kind}: {detail}"},
    "untrusted": {"id": "berkas model {path} berisi tipe yang tidak dipercaya {types}; ditolak",
                  "en": "model file {path} contains untrusted types {types}; refused"},
    "unloadable": {"id": "berkas model {path} tidak bisa dimuat: {kind}",
                   "en": "model file {path} cannot be loaded: {kind}"},
    "per_label": {"id": "berkas model {path} tidak berisi satu pipeline per label ({labels})",
                  "en": "model file {path} does not hold one pipeline per label ({labels})"},
    "no_vocabulary": {"id": "berkas model {path} tidak punya kosakata untuk {label!r}",
                      "en": "model file {path} has no vocabulary for {label!r}"},
    "lacks_vocabulary": {"id": "berkas model {path} kekurangan kosakata untuk {label!r}",
                         "en": "model file {path} lacks a vocabulary for {label!r}"},
    "no_calibration": {"id": "kartu model {path} tidak punya kalibrasi untuk {label!r}",
                       "en": "model card of {path} has no calibration for {label!r}"},
    "not_pipeline": {"id": "berkas model {path} bukan pipeline Sejuk yang sudah dilatih",
                     "en": "model file {path} is not a fitted Sejuk pipeline"},
    "unfitted": {"id": "berkas model {path} berisi pengklasifikasi yang belum dilatih",
                 "en": "model file {path} holds an unfitted classifier"},
    "label_count": {"id": "berkas model {path} memprediksi {found} label, catatannya menyebut "
                          "{recorded}",
                    "en": "model file {path} predicts {found} labels, its record names "
                          "{recorded}"},
    "not_calibrated": {"id": "berkas model {path} bukan model Sejuk yang terkalibrasi",
                       "en": "model file {path} is not a calibrated Sejuk model"},
}
