"""Read models for the dashboard, digest and CLI: aggregates and pages of rows.

Every function takes the caller's session and returns plain dataclasses, so Streamlit
pages never touch SQLAlchemy and each query can be tested (and timed) on its own. None of
them loads a whole table: counts are aggregated in the database and lists are paged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from sejuk.db.models import Item, ItemRegion, ModelVersion, Prediction, Region, Source, Tps
from sejuk.tps import LEVEL_LABELS, Level


def active_model(session: Session) -> ModelVersion | None:
    return session.scalar(select(ModelVersion).where(ModelVersion.status == "active"))


def item_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Item)) or 0)


@dataclass(frozen=True)
class LabelTrend:
    """Flagged items of one label: the last 24 hours, the 24 before, the 7-day daily mean."""

    label: str
    today: int
    previous: int
    baseline: float

    @property
    def change(self) -> int:
        return self.today - self.previous


def label_trends(session: Session, version: ModelVersion | None, labels: Sequence[str],
                 now: datetime) -> list[LabelTrend]:
    if version is None:
        return [LabelTrend(label, 0, 0, 0.0) for label in labels]
    day = timedelta(days=1)
    start = now - 8 * day
    rows = session.execute(
        select(Prediction.label, Item.published_at)
        .join(Item, Item.id == Prediction.item_id)
        .where(Prediction.model_version_id == version.id, Prediction.flagged.is_(True),
               Item.published_at >= start, Item.published_at <= now)
    )
    buckets: dict[str, list[int]] = {label: [0] * 8 for label in labels}
    for label, published in rows:
        if label in buckets:
            index = min(7, int((now - published) / day))
            buckets[label][index] += 1
    return [LabelTrend(label, b[0], b[1], round(sum(b[1:8]) / 7, 2))
            for label, b in buckets.items()]


@dataclass(frozen=True)
class FlaggedItem:
    id: int
    title: str
    text: str
    link: str | None
    source: str
    source_kind: str
    published_at: datetime
    scores: dict[str, float]
    flags: list[str]
    reasons: dict[str, list[str]]
    regions: list[str]
    is_debunk: bool
    triage: str | None


@dataclass(frozen=True)
class ItemFilter:
    labels: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    region_prefix: str | None = None
    min_confidence: float = 0.0
    source_kind: str | None = None
    only_flagged: bool = True


def flagged_items(session: Session, version: ModelVersion | None, flt: ItemFilter,
                  *, limit: int = 50, offset: int = 0) -> list[FlaggedItem]:
    """A page of items, newest first, with their scores and reasons under ``version``."""
    if version is None:
        return []
    pred = select(Prediction.item_id).where(Prediction.model_version_id == version.id)
    if flt.only_flagged:
        pred = pred.where(Prediction.flagged.is_(True))
    if flt.labels:
        pred = pred.where(Prediction.label.in_(flt.labels))
    if flt.min_confidence:
        pred = pred.where(Prediction.probability >= flt.min_confidence)
    query = select(Item, Source.name, Source.kind).outerjoin(Source, Source.id == Item.source_id)
    query = query.where(Item.id.in_(pred))
    if flt.since:
        query = query.where(Item.published_at >= flt.since)
    if flt.until:
        query = query.where(Item.published_at < flt.until)
    if flt.source_kind:
        query = query.where(Source.kind == flt.source_kind)
    if flt.region_prefix:
        areas = select(ItemRegion.item_id).where(
            (ItemRegion.region_code == flt.region_prefix)
            | ItemRegion.region_code.startswith(flt.region_prefix + "."))
        query = query.where(Item.id.in_(areas))
    query = query.order_by(Item.published_at.desc(), Item.id.desc()).limit(limit).offset(offset)
    rows = session.execute(query).all()
    if not rows:
        return []
    ids = [row[0].id for row in rows]
    predictions: dict[int, list[Prediction]] = defaultdict(list)
    for p in session.scalars(select(Prediction).where(Prediction.model_version_id == version.id,
                                                      Prediction.item_id.in_(ids))):
        predictions[p.item_id].append(p)
    names = dict(session.execute(
        select(Region.code, Region.name).join(ItemRegion, ItemRegion.region_code == Region.code)
        .where(ItemRegion.item_id.in_(ids))).all())
    out = []
    for item, source_name, source_kind in rows:
        preds = predictions[item.id]
        out.append(FlaggedItem(
            id=item.id, title=item.title, text=item.text, link=item.link,
            source=source_name or "-", source_kind=source_kind or "-",
            published_at=item.published_at,
            scores={p.label: p.probability for p in preds},
            flags=[p.label for p in preds if p.flagged],
            reasons={p.label: list(p.reasons or []) for p in preds},
            regions=[names.get(r.region_code, r.region_code) for r in item.regions],
            is_debunk=item.is_debunk, triage=item.triage,
        ))
    return out


@dataclass
class AreaRow:
    """One kabupaten/kota: its TPS by level and the signals about it."""

    code: str
    name: str
    tps: dict[str, int] = field(default_factory=dict)
    flagged: int = 0
    items: int = 0

    @property
    def worst_level(self) -> str | None:
        for level in reversed(Level):
            if self.tps.get(level.label):
                return level.label
        return None


def area_overlay(session: Session, version: ModelVersion | None, since: datetime
                 ) -> list[AreaRow]:
    """Kabupaten/kota with TPS or signals: TPS per level beside flagged items since ``since``."""
    areas: dict[str, AreaRow] = {}

    def row(code: str) -> AreaRow:
        if code not in areas:
            areas[code] = AreaRow(code=code, name=code,
                                  tps={label: 0 for label in LEVEL_LABELS.values()})
        return areas[code]

    kab = func.substr(Tps.region_code, 1, 5)
    for code, level, count in session.execute(
        select(kab, Tps.level, func.count()).group_by(kab, Tps.level)
    ):
        row(code).tps[Level(level).label] = int(count)

    item_kab = func.substr(ItemRegion.region_code, 1, 5)
    recent = and_(Item.id == ItemRegion.item_id, Item.published_at >= since)
    for code, count in session.execute(
        select(item_kab, func.count(func.distinct(ItemRegion.item_id)))
        .join(Item, recent)
        .where(func.length(ItemRegion.region_code) >= 5)
        .group_by(item_kab)
    ):
        row(code).items = int(count)
    if version is not None:
        flagged_ids = select(Prediction.item_id).where(
            Prediction.model_version_id == version.id, Prediction.flagged.is_(True))
        for code, count in session.execute(
            select(item_kab, func.count(func.distinct(ItemRegion.item_id)))
            .join(Item, recent)
            .where(ItemRegion.item_id.in_(flagged_ids), func.length(ItemRegion.region_code) >= 5)
            .group_by(item_kab)
        ):
            row(code).flagged = int(count)
    names = dict(session.execute(select(Region.code, Region.name)
                                 .where(Region.code.in_(list(areas)))).all())
    for code, area in areas.items():
        area.name = names.get(code, code)
    return sorted(areas.values(),
                  key=lambda a: (-a.flagged, -a.tps.get("Sangat Rawan", 0), a.name))


def source_freshness(session: Session) -> list[tuple[str, str, datetime | None, int]]:
    """(name, kind, last success, consecutive failures) for every enabled source."""
    return [
        (s.name, s.kind, s.last_success_at, s.consecutive_failures)
        for s in session.scalars(select(Source).where(Source.enabled.is_(True))
                                 .order_by(Source.consecutive_failures.desc(), Source.name))
    ]


__all__ = ["AreaRow", "FlaggedItem", "ItemFilter", "LabelTrend", "active_model",
           "area_overlay", "flagged_items", "item_count", "label_trends", "source_freshness"]
