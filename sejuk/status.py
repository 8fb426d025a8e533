"""The workspace in numbers: what ``sejuk status`` prints and monitoring scripts read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from sejuk.db.models import Item, ItemRegion, ModelVersion, Prediction, Source
from sejuk.settings import Settings
from sejuk.tps import level_counts


def flagged_counts(session: Session, version: ModelVersion | None,
                   labels: tuple[str, ...]) -> dict[str, int]:
    """Items above threshold per label under ``version`` (every label present)."""
    counts = dict.fromkeys(labels, 0)
    if version is None:
        return counts
    rows = session.execute(
        select(Prediction.label, func.count())
        .where(Prediction.model_version_id == version.id, Prediction.flagged.is_(True))
        .group_by(Prediction.label)
    )
    for label, count in rows:
        counts[label] = int(count)
    return counts


def workspace_status(session: Session, settings: Settings) -> dict[str, Any]:
    """One JSON-ready object; its keys are a contract (see README, "sejuk status")."""
    version = session.scalar(select(ModelVersion).where(ModelVersion.status == "active"))
    items = session.scalar(select(func.count()).select_from(Item)) or 0
    debunks = session.scalar(select(func.count()).select_from(Item)
                             .where(Item.is_debunk.is_(True))) or 0
    return {
        "home": str(settings.home),
        "items": int(items),
        "debunks": int(debunks),
        "flagged": flagged_counts(session, version, settings.classifier.labels),
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
