"""Read models for the dashboard, digest and CLI: aggregates and pages of rows.

Every function takes the caller's session and returns plain dataclasses, so Streamlit
pages never touch SQLAlchemy and each query can be tested (and timed) on its own. None of
them loads a whole table: counts are aggregated in the database and lists are paged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from sejuk.db.models import (
    AuditEntry,
    Item,
    ItemRegion,
    Jurisdiction,
    Label,
    ModelVersion,
    Narrative,
    Operation,
    Prediction,
    Region,
    Source,
    Tps,
)
from sejuk.jurisdictions import jurisdiction_areas
from sejuk.narrative_views import (  # re-exported: the pages import them from here
    NarrativeDetail,
    NarrativeRow,
    narrative_detail,
    narratives_page,
    top_narratives,
)
from sejuk.outreach.plan import overdue_follow_ups as outreach_overdue
from sejuk.signals import (
    CLAIM_LABEL,
    LEVEL_WIDTH,
    active_version_id,
    area_column,
    best_claim_links,
    claim_only_clause,
    prefix_filter,
    signalled_clause,
    spikes,
)
from sejuk.tps import LEVEL_LABELS, Level

TRIAGE_STATES: tuple[str, ...] = ("verified", "false_alarm", "urgent")


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
                 now: datetime, *, claims: bool = True) -> list[LabelTrend]:
    """Signalled items per label (:mod:`sejuk.signals`: flagged for it, or a claim match
    under ``hoaks`` when ``claims``) in the last 24 hours, the 24 before and the week."""
    day = timedelta(days=1)
    start = now - 8 * day
    window = (Item.published_at >= start, Item.published_at <= now)
    rows: list[tuple[str, datetime]] = []
    if version is not None:
        rows += [(label, published) for label, published in session.execute(
            select(Prediction.label, Item.published_at)
            .join(Item, Item.id == Prediction.item_id)
            .where(Prediction.model_version_id == version.id, Prediction.flagged.is_(True),
                   *window))]
    if claims and CLAIM_LABEL in labels:
        rows += [(CLAIM_LABEL, published) for (published,) in session.execute(
            select(Item.published_at).where(*window, claim_only_clause(
                Item.id, version.id if version is not None else None, CLAIM_LABEL)))]
    buckets: dict[str, list[int]] = {label: [0] * 8 for label in labels}
    for label, published in rows:
        if label in buckets:
            buckets[label][min(7, int((now - published) / day))] += 1
    return [LabelTrend(label, b[0], b[1], round(sum(b[1:8]) / 7, 2))
            for label, b in buckets.items()]


@dataclass(frozen=True)
class FlaggedItem:
    """One item as every list shows it: text, link, scores, reasons, debunk, narrative."""

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
    triage_by: str | None = None
    narrative_id: int | None = None
    narrative: str | None = None
    debunk_title: str | None = None
    debunk_link: str | None = None
    debunk_similarity: float | None = None

    @property
    def urgent(self) -> bool:
        return self.triage == "urgent"

    @property
    def confidence(self) -> float:
        return max(self.scores.values(), default=0.0)


@dataclass(frozen=True)
class ItemFilter:
    """What the item page (and exports) can narrow by; every field is optional.

    ``region_prefixes`` holds a jurisdiction's codes or one chosen area: an item matches
    when one of its regions is, or lies inside, one of them. ``only_flagged`` keeps the
    items the model flags *or* that match a debunked claim (a ``hoaks`` signal; with
    ``min_confidence``, its similarity must reach it).
    """

    labels: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    region_prefix: str | None = None
    min_confidence: float = 0.0
    source_kind: str | None = None
    only_flagged: bool = True
    region_prefixes: tuple[str, ...] = ()
    narrative_id: int | None = None
    triage: str | None = None
    search: str = ""
    #: Whether debunked-claim matches count as a signal: only where ``hoaks`` is a
    #: configured label (pages set it from the settings).
    claim_signal: bool = True


def _item_query(version: ModelVersion | None, flt: ItemFilter) -> Any:
    query = select(Item, Source.name, Source.kind).outerjoin(Source, Source.id == Item.source_id)
    # Conditions on other tables are correlated EXISTS probes of their primary keys (which
    # start with item_id), so the query walks items.published_at and stops after one page;
    # an IN (subquery) would first collect every matching id of the whole history.
    needs_prediction = flt.only_flagged or flt.labels or flt.min_confidence
    if needs_prediction:
        # The claim-matching signal stands beside the model's (and works without one):
        # an item repeating a debunked claim is a hoax lead even when the model is unsure.
        clause = signalled_clause(Item.id, version.id if version is not None else None,
                                  claims=flt.claim_signal, labels=flt.labels,
                                  min_confidence=flt.min_confidence,
                                  flagged_only=flt.only_flagged)
        if clause is None:
            return None
        query = query.where(clause)
    if flt.since:
        query = query.where(Item.published_at >= flt.since)
    if flt.until:
        query = query.where(Item.published_at < flt.until)
    if flt.source_kind:
        query = query.where(Item.source_id.in_(
            select(Source.id).where(Source.kind == flt.source_kind)))
    prefixes = [*flt.region_prefixes, *([flt.region_prefix] if flt.region_prefix else [])]
    if prefixes:
        areas = select(ItemRegion.item_id).where(
            ItemRegion.item_id == Item.id, prefix_filter(ItemRegion.region_code, prefixes))
        query = query.where(areas.exists())
    if flt.narrative_id is not None:
        query = query.where(Item.narrative_id == flt.narrative_id)
    if flt.triage == "none":
        query = query.where(Item.triage.is_(None))
    elif flt.triage:
        query = query.where(Item.triage == flt.triage)
    if flt.search.strip():
        pattern = f"%{flt.search.strip()}%"
        query = query.where(Item.title.ilike(pattern) | Item.text.ilike(pattern))
    return query


def flagged_items(session: Session, version: ModelVersion | None, flt: ItemFilter,
                  *, limit: int = 50, offset: int = 0) -> list[FlaggedItem]:
    """A page of items, newest first, with their scores and reasons under ``version``.

    The query walks ``items.published_at`` backwards and stops after ``limit`` rows, so
    a page costs the same with a thousand or a million items.
    """
    query = _item_query(version, flt)
    if query is None:
        return []
    query = query.order_by(Item.published_at.desc(), Item.id.desc()).limit(limit).offset(offset)
    return _build_items(session, version, session.execute(query).all())


def _build_items(session: Session, version: ModelVersion | None, rows: Sequence[Any]
                 ) -> list[FlaggedItem]:
    if not rows:
        return []
    ids = [row[0].id for row in rows]
    predictions: dict[int, list[Prediction]] = defaultdict(list)
    if version is not None:
        for p in session.scalars(select(Prediction).where(
                Prediction.model_version_id == version.id, Prediction.item_id.in_(ids))):
            predictions[p.item_id].append(p)
    names = dict(session.execute(
        select(Region.code, Region.name).join(ItemRegion, ItemRegion.region_code == Region.code)
        .where(ItemRegion.item_id.in_(ids))).all())
    narrative_ids = {row[0].narrative_id for row in rows if row[0].narrative_id}
    narratives = {n.id: n for n in session.scalars(
        select(Narrative).where(Narrative.id.in_(narrative_ids)))}
    matches = best_claim_links(session, ids)
    for narrative in narratives.values():  # a narrative's debunk serves its items too
        if narrative.debunk_item_id:
            for row in rows:
                if row[0].narrative_id == narrative.id and row[0].id not in matches:
                    matches[row[0].id] = (narrative.debunk_item_id, float("nan"))
    debunks = {i.id: i for i in session.scalars(
        select(Item).where(Item.id.in_({d for d, _ in matches.values()})))}
    out = []
    for item, source_name, source_kind in rows:
        preds = predictions[item.id]
        match = matches.get(item.id)
        debunk = debunks.get(match[0]) if match else None
        narrative = narratives.get(item.narrative_id or -1)
        similarity = match[1] if match and match[1] == match[1] else None
        out.append(FlaggedItem(
            id=item.id, title=item.title, text=item.text, link=item.link,
            source=source_name or "-", source_kind=source_kind or "-",
            published_at=item.published_at,
            scores={p.label: p.probability for p in preds},
            flags=[p.label for p in preds if p.flagged],
            reasons={p.label: list(p.reasons or []) for p in preds},
            regions=[names.get(r.region_code, r.region_code) for r in item.regions],
            is_debunk=item.is_debunk, triage=item.triage, triage_by=item.triage_by,
            narrative_id=item.narrative_id, narrative=narrative.title if narrative else None,
            debunk_title=debunk.title if debunk else None,
            debunk_link=debunk.link if debunk else None, debunk_similarity=similarity,
        ))
    return out


def urgent_items(session: Session, version: ModelVersion | None, *, limit: int = 10
                 ) -> list[FlaggedItem]:
    """Items an analyst marked urgent, newest first (``items.triage`` is indexed)."""
    return flagged_items(session, version, ItemFilter(only_flagged=False, triage="urgent"),
                         limit=limit)


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


def area_overlay(session: Session, version: ModelVersion | None, since: datetime, *,
                 claims: bool = True) -> list[AreaRow]:
    """Kabupaten/kota with TPS or signals: TPS per level beside signalled items since
    ``since`` (flagged by ``version``, or claim-matched when ``claims``)."""
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

    item_kab, deep = area_column(ItemRegion.region_code, "kabkota")
    recent = and_(Item.id == ItemRegion.item_id, Item.published_at >= since)
    for code, count in session.execute(
        select(item_kab, func.count(func.distinct(ItemRegion.item_id)))
        .join(Item, recent).where(deep).group_by(item_kab)
    ):
        row(code).items = int(count)
    signalled = signalled_clause(ItemRegion.item_id, version.id if version else None,
                                 claims=claims)
    if signalled is not None:
        for code, count in session.execute(
            select(item_kab, func.count(func.distinct(ItemRegion.item_id)))
            .join(Item, recent).where(signalled, deep).group_by(item_kab)
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


# ---------------------------------------------------------------------------------------
# Data version: what cached reads are keyed by, so new data invalidates them.
# ---------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------
# Overview
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemVolume:
    """Items published in the last 24 hours, the 24 before, and the 7-day daily mean."""

    today: int
    previous: int
    baseline: float


def item_volume(session: Session, now: datetime) -> ItemVolume:
    day = timedelta(days=1)
    counts = []
    for start, end in ((now - day, now), (now - 2 * day, now - day), (now - 8 * day, now - day)):
        counts.append(int(session.scalar(
            select(func.count()).select_from(Item)
            .where(Item.published_at >= start, Item.published_at < end)) or 0))
    return ItemVolume(counts[0], counts[1], round(counts[2] / 7, 2))


@dataclass(frozen=True)
class AreaSpike:
    """An area spiking today: its signalled items so far and the expected per day."""

    code: str
    name: str
    today: int
    baseline: float


def area_spikes(session: Session, version: ModelVersion | None, now: datetime, *,
                zone: ZoneInfo, level: str = "kecamatan", limit: int = 10,
                claims: bool = True) -> list[AreaSpike]:
    """Areas whose signalled items of today (the local day of ``now`` in ``zone``, so
    far) spike under the one rule (:func:`sejuk.signals.spikes`), most surprising
    first: the areas the priorities table marks, where something is starting."""
    tests = spikes(session, version.id if version else None,
                   day=now.astimezone(zone).date(), level=level, claims=claims)
    today = sorted(((code, t[-1]) for code, t in tests.items() if t[-1].spike),
                   key=lambda ct: (-ct[1].surprise, ct[0]))[:limit]
    names = dict(session.execute(select(Region.code, Region.name)
                                 .where(Region.code.in_([c for c, _ in today]))).all())
    return [AreaSpike(code, names.get(code, code), t.count, t.expected) for code, t in today]


def urgent_count(session: Session) -> int:
    """Items marked urgent and not yet resolved: shown on every page (indexed column)."""
    return int(session.scalar(select(func.count()).select_from(Item)
                              .where(Item.triage == "urgent")) or 0)


def overdue_follow_ups(session: Session, today: date, *, limit: int = 20
                       ) -> list[tuple[str, str, date, str]]:
    """(description, owner, due date, area name) of open follow-ups past their date, as
    the outreach log defines them."""
    return [(f.description, f.owner, f.due_date, f.region_name)
            for f in outreach_overdue(session, today)[:limit]]


# ---------------------------------------------------------------------------------------
# Jurisdictions, operations, filters' choices
# ---------------------------------------------------------------------------------------

def jurisdiction_names(session: Session) -> list[str]:
    return list(session.scalars(select(Jurisdiction.name).order_by(Jurisdiction.name)))


def jurisdiction_codes(session: Session, name: str) -> tuple[str, ...]:
    """The region codes a police unit covers (its kecamatan/desa set)."""
    return tuple(jurisdiction_areas(session, name))


def kabkota_choices(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the kab/kota that have TPS or tagged items: the useful choices."""
    codes = set(session.scalars(select(func.substr(Tps.region_code, 1, 5)).distinct()))
    codes |= set(session.scalars(select(Source.region_code).where(
        Source.region_code.is_not(None)).distinct()))
    codes = {c[:5] for c in codes if c and len(c) >= 5}
    rows = session.execute(select(Region.code, Region.name).where(Region.code.in_(codes))
                           .order_by(Region.name)).all()
    return [(c, n) for c, n in rows]


def kecamatan_choices(session: Session, kabkota: str) -> list[tuple[str, str]]:
    return [(c, n) for c, n in session.execute(
        select(Region.code, Region.name).where(Region.parent_code == kabkota,
                                               Region.level == "kecamatan")
        .order_by(Region.name))]


def source_kinds(session: Session) -> list[str]:
    return sorted(k for k in session.scalars(select(Source.kind).distinct()) if k)


@dataclass(frozen=True)
class OperationRow:
    id: int
    name: str
    starts_at: datetime
    ends_at: datetime


def operations(session: Session) -> list[OperationRow]:
    return [OperationRow(o.id, o.name, o.starts_at, o.ends_at) for o in session.scalars(
        select(Operation).order_by(Operation.starts_at.desc()))]


# ---------------------------------------------------------------------------------------
# Map
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TpsPoint:
    id: int
    region_code: str
    desa: str
    number: int
    level: int
    voters: int
    lat: float
    lon: float


def tps_points(session: Session, region_prefix: str | None = None, *, limit: int = 20000
               ) -> list[TpsPoint]:
    """TPS with coordinates in an area (bounded: a map cannot show more anyway)."""
    query = (select(Tps, Region.name).outerjoin(Region, Region.code == Tps.region_code)
             .where(Tps.lat.is_not(None), Tps.lon.is_not(None)))
    if region_prefix:
        query = query.where(prefix_filter(Tps.region_code, [region_prefix]))
    return [TpsPoint(t.id, t.region_code, name or t.region_code, t.number, t.level, t.voters,
                     float(t.lat), float(t.lon))
            for t, name in session.execute(query.order_by(Tps.id).limit(limit))]


@dataclass(frozen=True)
class AreaSignal:
    code: str
    name: str
    lat: float | None
    lon: float | None
    items: int
    flagged: int
    urgent: int


def area_signals(session: Session, version: ModelVersion | None, since: datetime,
                 until: datetime, *, level: str = "kecamatan",
                 region_prefix: str | None = None, claims: bool = True) -> list[AreaSignal]:
    """Items, signalled items and urgent items per kecamatan (or desa) in a time window."""
    length = LEVEL_WIDTH[level]
    area, deep = area_column(ItemRegion.region_code, level)
    window = (select(Item.id, Item.triage)
              .where(Item.published_at >= since, Item.published_at < until).subquery())
    base = (select(area, func.count(func.distinct(ItemRegion.item_id)))
            .join(window, window.c.id == ItemRegion.item_id).where(deep))
    if region_prefix:
        base = base.where(prefix_filter(ItemRegion.region_code, [region_prefix]))
    items = dict(session.execute(base.group_by(area)).all())
    flagged: dict[str, int] = {}
    signalled = signalled_clause(ItemRegion.item_id, version.id if version else None,
                                 claims=claims)
    if signalled is not None:
        flagged = dict(session.execute(base.where(signalled).group_by(area)).all())
    urgent = dict(session.execute(base.where(window.c.triage == "urgent").group_by(area)).all())
    regions = {r.code: r for r in session.scalars(select(Region).where(
        Region.code.in_(list(items))))}
    # The gazetteer carries no coordinates: an area sits at the mean of its TPS.
    tps_area = func.substr(Tps.region_code, 1, length)
    centres = {code: (lat, lon) for code, lat, lon in session.execute(
        select(tps_area, func.avg(Tps.lat), func.avg(Tps.lon))
        .where(tps_area.in_(list(items)), Tps.lat.is_not(None)).group_by(tps_area))}
    out = []
    for code, count in items.items():
        region = regions.get(code)
        lat, lon = (region.lat, region.lon) if region and region.lat is not None else \
            centres.get(code, (None, None))
        out.append(AreaSignal(code, region.name if region else code,
                              float(lat) if lat is not None else None,
                              float(lon) if lon is not None else None,
                              int(count), int(flagged.get(code, 0)), int(urgent.get(code, 0))))
    return sorted(out, key=lambda a: (-a.urgent, -a.flagged, -a.items, a.name))


# ---------------------------------------------------------------------------------------
# TPS
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TpsRow:
    id: int
    region_code: str
    desa: str
    kecamatan: str
    number: int
    voters: int
    special_kind: str | None
    level: int
    computed_level: int
    assessed_level: int | None
    override_level: int | None
    override_reason: str | None
    override_by: str | None
    indicators: dict[str, Any]


def tps_page(session: Session, *, region_prefix: str | None = None, level: int | None = None,
             overridden_only: bool = False, limit: int = 100, offset: int = 0
             ) -> list[TpsRow]:
    query = select(Tps)
    if region_prefix:
        query = query.where(prefix_filter(Tps.region_code, [region_prefix]))
    if level:
        query = query.where(Tps.level == level)
    if overridden_only:
        query = query.where(Tps.override_level.is_not(None))
    tps = list(session.scalars(query.order_by(Tps.level.desc(), Tps.region_code, Tps.number)
                               .limit(limit).offset(offset)))
    codes = {t.region_code for t in tps} | {t.region_code[:8] for t in tps}
    names = dict(session.execute(select(Region.code, Region.name)
                                 .where(Region.code.in_(codes))).all())
    return [TpsRow(t.id, t.region_code, names.get(t.region_code, t.region_code),
                   names.get(t.region_code[:8], t.region_code[:8]), t.number, t.voters,
                   t.special_kind, t.level, t.computed_level, t.assessed_level,
                   t.override_level, t.override_reason, t.override_by, dict(t.indicators or {}))
            for t in tps]


# ---------------------------------------------------------------------------------------
# Labelling queue, models, sources
# ---------------------------------------------------------------------------------------

def items_by_id(session: Session, version: ModelVersion | None, ids: Sequence[int]
                ) -> list[FlaggedItem]:
    """The given items with their scores, in the given order."""
    if not ids:
        return []
    rows = session.execute(select(Item, Source.name, Source.kind)
                           .outerjoin(Source, Source.id == Item.source_id)
                           .where(Item.id.in_(list(ids)))).all()
    built = {r.id: r for r in _build_items(session, version, rows)}
    return [built[i] for i in ids if i in built]


def item_labels(session: Session, item_ids: Sequence[int]) -> dict[int, list[tuple[int, str, int,
                                                                                 str]]]:
    """Labels already given: item id -> [(label id, label, value, by)]."""
    out: dict[int, list[tuple[int, str, int, str]]] = defaultdict(list)
    for row in session.scalars(select(Label).where(Label.item_id.in_(list(item_ids)))
                               .order_by(Label.id)):
        if row.item_id is not None:
            out[row.item_id].append((row.id, row.label, row.value, row.created_by))
    return out


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


def model_versions(session: Session, *, limit: int = 50) -> list[ModelRow]:
    return [ModelRow(v.id, v.status, v.trained_at, float((v.metrics or {}).get("macro_f1", 0)),
                     dict(v.metrics or {}), (v.card or {}).get("n_samples"), v.promoted_at,
                     v.promoted_by)
            for v in session.scalars(select(ModelVersion).order_by(ModelVersion.id.desc())
                                     .limit(limit))]


def audit_page(session: Session, *, action_prefix: str = "", limit: int = 50
               ) -> list[tuple[datetime, str, str, str, dict[str, Any]]]:
    query = select(AuditEntry)
    if action_prefix:
        query = query.where(AuditEntry.action.startswith(action_prefix))
    return [(a.at, a.actor, a.action, a.target, dict(a.details or {})) for a in session.scalars(
        query.order_by(AuditEntry.id.desc()).limit(limit))]


__all__ = [
    "TRIAGE_STATES",
    "AreaRow",
    "AreaSignal",
    "AreaSpike",
    "FlaggedItem",
    "ItemFilter",
    "ItemVolume",
    "LabelTrend",
    "ModelRow",
    "NarrativeDetail",
    "NarrativeRow",
    "OperationRow",
    "TpsPoint",
    "TpsRow",
    "area_overlay",
    "area_signals",
    "area_spikes",
    "audit_page",
    "data_version",
    "flagged_items",
    "item_count",
    "item_labels",
    "item_volume",
    "items_by_id",
    "jurisdiction_codes",
    "jurisdiction_names",
    "kabkota_choices",
    "kecamatan_choices",
    "label_trends",
    "model_versions",
    "narrative_detail",
    "narratives_page",
    "operations",
    "overdue_follow_ups",
    "source_freshness",
    "source_kinds",
    "top_narratives",
    "tps_page",
    "tps_points",
    "urgent_count",
    "urgent_items",
]
