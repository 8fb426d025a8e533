"""The per-label figures a model version reports: those its training measured, and those
of the components it kept from an earlier version, carried over and marked as kept.

A training run that judges only some labels keeps the active model's components for the
others (:mod:`classifiers.training`). Its cross-validated figures (``metrics``:
``labels`` and their mean ``macro_f1``) cover the labels it retrained, and the promotion
gate compares exactly those (:func:`classifiers.registry.promote`). The kept components'
figures go into ``metrics["kept"]`` and the card's ``kept`` (label -> precision, recall,
F1, macro-F1, support, ECE, plus ``kept_from``: the version the component was taken from,
``measured_in``: the version whose training measured them, ``scored_on``: ``local`` or
``all`` rows, ``data``: the rows and corpora that judged the label then), so an operator
sees every label measured; they are never averaged into ``macro_f1``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sejuk.db.models import ModelVersion

#: Versions followed back at most when a kept component was itself kept (a guard against
#: a loop in damaged records, far beyond any real history).
_MAX_HOPS = 100


def carried(session: Session, source: ModelVersion, labels: Iterable[str]
            ) -> dict[str, dict[str, Any]]:
    """The figures of ``labels`` as ``source`` reports them (measured in its training, or
    themselves kept), for a version that keeps ``source``'s components of them.
    A label no version measured (a file of the earliest format) carries no figures,
    only where it came from (``measured_in`` None)."""
    return {label: {**_measured(session, source, label), "kept_from": source.id}
            for label in labels}


def _measured(session: Session, version: ModelVersion, label: str) -> dict[str, Any]:
    for _ in range(_MAX_HOPS):
        metrics, card = version.metrics or {}, version.card or {}
        figures = (metrics.get("labels") or {}).get(label)
        component = (card.get("components") or {}).get(label) or {}
        if figures is not None:
            return {**figures, "ece": (metrics.get("ece") or {}).get(label),
                    "measured_in": version.id,
                    "scored_on": ((card.get("evaluation") or {}).get(label) or {}
                                  ).get("scored_on"),
                    "data": {"n": component.get("n"), "local": component.get("local"),
                             "sources": component.get("sources") or {},
                             "data_sha256": card.get("data_sha256")}}
        kept = (metrics.get("kept") or {}).get(label)
        if kept is not None:
            return {k: v for k, v in kept.items() if k != "kept_from"}
        earlier = component.get("kept_from")
        version = session.get(ModelVersion, earlier) if earlier is not None else None
        if version is None:
            break
    return {"measured_in": None}


def reported(session: Session, version: ModelVersion) -> dict[str, Any]:
    """``version``'s metrics as an operator reads them: its own, and ``kept`` for every
    component it kept (stored at training; looked up for versions trained before the
    figures were carried over)."""
    metrics = dict(version.metrics or {})
    components = (version.card or {}).get("components") or {}
    kept = dict(metrics.get("kept") or {})
    for label, component in components.items():
        origin = (component or {}).get("kept_from")
        if label in kept or origin is None or label in (metrics.get("labels") or {}):
            continue
        source = session.get(ModelVersion, origin)
        kept[label] = (carried(session, source, [label])[label] if source is not None
                       else {"measured_in": None, "kept_from": origin})
    if kept:
        metrics["kept"] = kept
    return metrics


@dataclass(frozen=True)
class LabelFigures:
    """One label's line in a version listing."""

    label: str
    f1: float | None
    macro_f1: float | None
    precision: float | None
    recall: float | None
    #: None for a label the version trained; else the version its component came from.
    kept_from: int | None = None
    #: The version whose training measured the figures (None: never measured).
    measured_in: int | None = None
    scored_on: str | None = None


def label_figures(labels: Sequence[str], metrics: dict[str, Any]) -> list[LabelFigures]:
    """Per label of the version, in its order: measured figures, else kept ones (marked),
    else nothing measured."""
    rows = []
    for label in labels:
        own = (metrics.get("labels") or {}).get(label)
        kept = (metrics.get("kept") or {}).get(label)
        figures = own if own is not None else (kept or {})
        rows.append(LabelFigures(
            label, *(_number(figures.get(k)) for k in ("f1", "macro_f1", "precision", "recall")),
            kept_from=None if own is not None or kept is None else kept.get("kept_from"),
            measured_in=None if own is not None else figures.get("measured_in"),
            scored_on=figures.get("scored_on")))
    return rows


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None
