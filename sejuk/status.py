"""The workspace in numbers: what ``sejuk status`` prints and monitoring scripts read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from sejuk.db.models import Item, ItemRegion, ModelVersion, Source
from sejuk.settings import Settings
from sejuk.signals import active_version, claims_count, label_clause, signalled_clause
from sejuk.tps import level_counts


def flagged_counts(session: Session, version: ModelVersion | None,
                   labels: tuple[str, ...]) -> dict[str, int]:
    """Signalled items per label (:mod:`sejuk.signals`: flagged for it under ``version``,
    or a claim match under ``hoaks``), every configured label present."""
    counts = dict.fromkeys(labels, 0)
    version_id = version.id if version is not None else None
    for label in labels:
        clause = label_clause(Item.id, version_id, label, claims=claims_count(labels))
        if clause is not None:
            counts[label] = int(session.scalar(
                select(func.count()).select_from(Item).where(clause)) or 0)
    return counts


def signalled_count(session: Session, version: ModelVersion | None,
                    labels: tuple[str, ...]) -> int:
    """Distinct items signalled under any label: what the item list holds."""
    clause = signalled_clause(Item.id, version.id if version is not None else None,
                              claims=claims_count(labels))
    if clause is None:
        return 0
    return int(session.scalar(select(func.count()).select_from(Item).where(clause)) or 0)


def workspace_status(session: Session, settings: Settings) -> dict[str, Any]:
    """One JSON-ready object; its keys are a contract (see README, "sejuk status")."""
    version = active_version(session)
    items = session.scalar(select(func.count()).select_from(Item)) or 0
    debunks = session.scalar(select(func.count()).select_from(Item)
                             .where(Item.is_debunk.is_(True))) or 0
    return {
        "home": str(settings.home),
        "items": int(items),
        "debunks": int(debunks),
        "flagged": flagged_counts(session, version, settings.classifier.labels),
        "signalled": signalled_count(session, version, settings.classifier.labels),
        "sources": int(session.scalar(select(func.count()).select_from(Source)) or 0),
        "sources_failing": int(session.scalar(
            select(func.count()).select_from(Source)
            .where(Source.consecutive_failures > 0, Source.enabled.is_(True))) or 0),
        "regions": int(session.scalar(select(func.count(distinct(ItemRegion.region_code))))
                       or 0),
        "tps": level_counts(session),
        "model": {
            "version": version.id if version else None,
            "trained_at": version.trained_at.isoformat() if version else None,
            "metrics": version.metrics if version else {},
        },
    }
