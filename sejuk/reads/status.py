"""The workspace in numbers: what ``sejuk status`` prints and monitoring scripts read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from classifiers.figures import reported
from classifiers.live import live_figures
from sejuk.db.models import (
    AuditEntry,
    ClaimMatch,
    Item,
    ItemRegion,
    Label,
    ModelVersion,
    Prediction,
    Source,
)
from sejuk.settings import Settings
from sejuk.signals import (
    CLAIM_LABEL,
    active_version,
    active_version_id,
    claim_only_clause,
    claims_count,
)
from sejuk.tps.roster import level_counts


def flagged_counts(session: Session, version: ModelVersion | None,
                   labels: tuple[str, ...]) -> dict[str, int]:
    """Signalled items per label (:mod:`sejuk.signals`: flagged for it under ``version``,
    or a claim match under ``hoaks``), every configured label present.

    One grouped count over the version's flagged predictions (one row per item and
    label), plus the claim matches no flag of ``hoaks`` covers (the matches are few), so
    a million-item workspace is not probed item by item."""
    counts = dict.fromkeys(labels, 0)
    version_id = version.id if version is not None else None
    if version_id is not None:
        for label, count in session.execute(
                select(Prediction.label, func.count())
                .where(Prediction.model_version_id == version_id,
                       Prediction.flagged.is_(True))
                .group_by(Prediction.label)):
            counts[label] = int(count)
    if claims_count(labels):
        counts[CLAIM_LABEL] += _claim_only(session, version_id, CLAIM_LABEL)
    return counts


def signalled_count(session: Session, version: ModelVersion | None,
                    labels: tuple[str, ...]) -> int:
    """Distinct items signalled under any label: what the item list holds."""
    version_id = version.id if version is not None else None
    flagged = 0
    if version_id is not None:
        flagged = int(session.scalar(
            select(func.count(distinct(Prediction.item_id)))
            .where(Prediction.model_version_id == version_id,
                   Prediction.flagged.is_(True))) or 0)
    return flagged + (_claim_only(session, version_id, None) if claims_count(labels) else 0)


def _claim_only(session: Session, version_id: int | None, label: str | None) -> int:
    """Claim-matched items the version did not flag (for ``label``, or for any label)."""
    return int(session.scalar(select(func.count(distinct(ClaimMatch.item_id))).where(
        claim_only_clause(ClaimMatch.item_id, version_id, label))) or 0)


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
            # the trained labels' figures, and the kept components' under "kept"
            "metrics": reported(session, version) if version else {},
            # the flags against the analysts' labels of random draws (classifiers.live)
            "live": {label: figures.to_dict() for label, figures in live_figures(
                session, version, settings.classifier.labels).items()},
        },
    }


def item_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Item)) or 0)


def data_version(session: Session) -> tuple[int, int, int, int]:
    """(max item id, max audit id, max label id, active model id): four primary-key
    lookups. New items, any audited action (triage, override, promotion ...) or a new
    label changes it, so a cache keyed by it is never stale and never scans a table."""
    return (
        int(session.scalar(select(func.max(Item.id))) or 0),
        int(session.scalar(select(func.max(AuditEntry.id))) or 0),
        int(session.scalar(select(func.max(Label.id))) or 0),
        int(active_version_id(session) or 0),
    )
