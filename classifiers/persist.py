"""Saving and loading models with skops: no pickle, only reviewed types.

A model file is refused when its SHA-256 differs from the one recorded at registration
(tampering or corruption), when skops finds a type outside scikit-learn's defaults and
the short list below, or when it cannot be read at all. The caller keeps its current
model in service in each case.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import skops.io as sio
from sklearn.pipeline import Pipeline

from classifiers.model import TextModel
from sejuk.errors import ModelError

#: Types outside skops' defaults that a Sejuk pipeline contains, each reviewed: the
#: private helpers CalibratedClassifierCV stores its per-fold calibrators in.
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

    Written to a temporary name and renamed, so a crash never leaves half a model under
    the real name.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".skops.tmp")
    sio.dump(model.pipeline, tmp)
    tmp.replace(path)
    sha = file_sha256(path)
    card_path = path.with_suffix(".json")
    card_tmp = card_path.with_suffix(".json.tmp")
    card_tmp.write_text(json.dumps({**card, "sha256": sha, "file": path.name}, indent=2,
                                   ensure_ascii=False), encoding="utf-8")
    card_tmp.replace(card_path)
    return sha


def load_model(path: Path, labels: list[str] | tuple[str, ...],
               expected_sha256: str | None = None,
               thresholds: dict[str, float] | None = None) -> TextModel:
    """Load a model file, refusing anything tampered, corrupt or untrusted.

    ``thresholds`` are the model's own operating points, kept in its card (JSON).
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
        pipeline = sio.load(path, trusted=TRUSTED_TYPES)
    except Exception as exc:
        raise ModelError(f"model file {path} cannot be loaded: {type(exc).__name__}") from None
    if not isinstance(pipeline, Pipeline):
        raise ModelError(f"model file {path} does not hold a scikit-learn Pipeline")
    steps = dict(pipeline.steps)
    if set(steps) != {"features", "clf"} or not hasattr(steps["clf"], "estimators_"):
        raise ModelError(f"model file {path} is not a fitted Sejuk pipeline")
    if len(steps["clf"].estimators_) != len(labels):
        raise ModelError(f"model file {path} predicts {len(steps['clf'].estimators_)} "
                         f"labels, its record names {len(labels)}")
    return TextModel(pipeline=pipeline, labels=tuple(labels),
                     thresholds={k: float(v) for k, v in (thresholds or {}).items()})
