"""Reads of the administration pages: model versions, the audit log and operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifiers.figures import LabelFigures, label_figures, reported
from sejuk.db.models import (
    AuditEntry,
    ModelVersion,
    Operation,
)


@dataclass(frozen=True)
class OperationRow:
    id: int
    name: str
    starts_at: datetime
    ends_at: datetime


def operations(session: Session) -> list[OperationRow]:
    return [OperationRow(o.id, o.name, o.starts_at, o.ends_at) for o in session.scalars(
        select(Operation).order_by(Operation.starts_at.desc()))]


@dataclass(frozen=True)
class ModelRow:
    id: int
    status: str
    trained_at: datetime
    macro_f1: float
    metrics: dict[str, Any]
    samples: int | None
    promoted_at: datetime | None
    promoted_by: str | None
    #: Per label: the version's own figures, or a kept component's (marked).
    figures: tuple[LabelFigures, ...] = ()
    #: label -> "local" (cross-validated on the workspace's own labels) or "all" (on every
    #: sample, the starter corpus included) for the labels it trained: figures on different
    #: data do not compare.
    scored_on: dict[str, str] = field(default_factory=dict)


def scored_on(card: dict[str, Any] | None) -> dict[str, str]:
    """What each label's cross-validated figure in a model card was computed on."""
    evaluation = (card or {}).get("evaluation") or {}
    return {label: str(e.get("scored_on", "all")) for label, e in evaluation.items()
            if isinstance(e, dict)}


def trained_on(card: dict[str, Any]) -> int | None:
    """The rows a version's training learnt from, as ``sejuk train`` says it ("dilatih dari
    N sampel") and ``sejuk models list`` and the Model page show it: a file judging one
    label loads the starter's rows of the others too, which only the kept components
    learnt from, in earlier versions. Cards from before the count: every row."""
    return card.get("n_trained_on", card.get("n_samples"))


def model_versions(session: Session, *, limit: int = 50) -> list[ModelRow]:
    """The latest versions; ``macro_f1`` is of the labels each trained (what promotion
    weighs), ``metrics`` and ``figures`` also hold its kept components' figures."""
    rows = []
    for v in session.scalars(select(ModelVersion).order_by(ModelVersion.id.desc())
                             .limit(limit)):
        metrics = reported(session, v)
        rows.append(ModelRow(v.id, v.status, v.trained_at, float(metrics.get("macro_f1", 0)),
                             metrics, trained_on(v.card or {}), v.promoted_at,
                             v.promoted_by, tuple(label_figures(v.labels, metrics)),
                             scored_on(v.card)))
    return rows


def audit_page(session: Session, *, action_prefix: str = "", limit: int = 50
               ) -> list[tuple[datetime, str, str, str, dict[str, Any]]]:
    query = select(AuditEntry)
    if action_prefix:
        query = query.where(AuditEntry.action.startswith(action_prefix))
    return [(a.at, a.actor, a.action, a.target, dict(a.details or {})) for a in session.scalars(
        query.order_by(AuditEntry.id.desc()).limit(limit))]
