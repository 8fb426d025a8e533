"""What a map of one jurisdiction shows, read from the database as plain data.

One call, :func:`map_data`, gives the dashboard's Peta page, the overview's small map,
the digest and the printed plan the same picture:

* every area of the scope at the colouring level (kecamatan; kabupaten/kota for a
  province-wide scope) with the priority engine's values: the score the outreach plan
  uses (:func:`sejuk.priorities.compute_priorities` over the same days), signal intensity,
  spike surprise and the share of Rawan/Sangat Rawan TPS, and the reasons behind them;
* TPS by level, placed by their roster coordinates, or at their desa's centroid when the
  roster has none (marked as such);
* item markers per desa named by items in the window, placed at the desa's centroid (or
  the mean of its TPS when the shipped data lacks the desa);
* areas with items that no shape or point can place: listed, never dropped silently.

Pure drawing lives elsewhere (:mod:`sejuk.maps.svg`, ``dashboard/mapfigure.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import (
    Item,
    ItemRegion,
    Jurisdiction,
    ModelVersion,
    Region,
    Tps,
)
from sejuk.priorities import AreaPriority, compute_priorities, reasons
from sejuk.regions import boundaries
from sejuk.regions.jurisdictions import resolve
from sejuk.signals import (
    LEVEL_WIDTH,
    active_version_id,
    area_column,
    claims_count,
    prefix_filter,
    signalled_clause,
)
from sejuk.timeutil import local_day_bounds

METRIC_KEYS = ("priority", "intensity", "spike", "vulnerable_share")
#: TPS drawn at most on one map, the most vulnerable first: a Polda holds 100,000 TPS,
#: which no map can show as points (the TPS page lists them all).
TPS_POINTS = 3000
#: A scope of at least this many kecamatan is coloured by kabupaten/kota by default.
PROVINCE_WIDE = 2


@dataclass(frozen=True)
class MapArea:
    """One coloured area with every value the map can show and why."""

    code: str
    name: str
    level: str
    score: float = 0.0
    intensity: float = 0.0
    surprise: float = 0.0
    spike: bool = False
    flagged: int = 0
    items: int = 0
    tps: dict[str, int] = field(default_factory=dict)
    tps_total: int = 0
    reasons: tuple[str, ...] = ()
    rank: int | None = None

    @property
    def vulnerable_share(self) -> float | None:
        if not self.tps_total:
            return None
        return (self.tps.get("Rawan", 0) + self.tps.get("Sangat Rawan", 0)) / self.tps_total

    def value(self, metric: str) -> float | None:
        if metric == "priority":
            return self.score
        if metric == "intensity":
            return self.intensity
        if metric == "spike":
            return self.surprise
        if metric == "vulnerable_share":
            return self.vulnerable_share
        raise ValueError(f"unknown map metric {metric!r}; use one of {', '.join(METRIC_KEYS)}")


@dataclass(frozen=True)
class MapTps:
    id: int
    code: str
    desa: str
    number: int
    level: int
    voters: int
    lon: float
    lat: float
    #: "roster" (the roster's coordinates) or "desa" (placed at its desa's centroid).
    placed: str


@dataclass(frozen=True)
class MapMarker:
    """Items about one desa (or an area the shipped shapes lack) in the window."""

    code: str
    name: str
    lon: float
    lat: float
    items: int
    flagged: int
    urgent: int
    placed: str  # "desa" centroid, "tps" mean, "area" label point


@dataclass(frozen=True)
class MapData:
    scope: str
    prefixes: tuple[str, ...] | None
    level: str
    outline_level: str
    day: date
    window_days: int
    areas: list[MapArea]
    outlines: list[str]
    tps: list[MapTps]
    markers: list[MapMarker]
    unplaced: list[tuple[str, str, int]]
    #: TPS in the scope (``tps`` holds at most :data:`TPS_POINTS` of them).
    tps_total: int = 0

    def top(self, n: int = 5) -> list[MapArea]:
        return [a for a in self.areas if a.rank is not None and a.rank <= n]


def default_level(prefixes: Sequence[str] | None) -> str:
    """kab/kota colouring for a province or more, kecamatan below."""
    if prefixes is None or any(len(p) <= 2 for p in prefixes):
        return "kabkota"
    return "kecamatan"


def _data_provinces(session: Session) -> list[str]:
    """Provinces holding TPS or tagged items: "every area" means these, not all 38."""
    codes = set(session.scalars(select(func.substr(Tps.region_code, 1, 2)).distinct()))
    codes |= set(session.scalars(select(func.substr(ItemRegion.region_code, 1, 2)).distinct()))
    return sorted(c for c in codes if c and len(c) == 2)


def _window(day: date, window_days: int, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start, _ = local_day_bounds(day - timedelta(days=window_days - 1), zone)
    _, end = local_day_bounds(day, zone)
    return start, end


def _areas(session: Session, settings: Any, scope: str | None,
           prefixes: Sequence[str] | None, level: str, day: date, window_days: int,
           lang: str) -> list[MapArea]:
    ranked = compute_priorities(session, settings, day=day, jurisdiction=scope,
                                window_days=window_days, level=level)
    by_code: dict[str, AreaPriority] = {p.code: p for p in ranked}
    ranks = {p.code: i for i, p in enumerate((p for p in ranked if p.score > 0), start=1)}
    shapes = boundaries.areas_in(level, prefixes)
    codes = [s.code for s in shapes] + sorted(set(by_code) - {s.code for s in shapes})
    names = {s.code: s.name for s in shapes}
    names.update({p.code: p.name for p in ranked if p.name != p.code})
    out = []
    for code in codes:
        p = by_code.get(code)
        if p is None:
            out.append(MapArea(code, names.get(code, code), level))
            continue
        out.append(MapArea(code, names.get(code, code), level, score=p.score,
                           intensity=p.intensity, surprise=p.surprise, spike=p.spike,
                           flagged=p.flagged, items=p.items, tps=dict(p.tps),
                           tps_total=p.tps_total, reasons=reasons(p, window_days, lang),
                           rank=ranks.get(code)))
    return out


def _tps(session: Session, prefixes: Sequence[str] | None, limit: int) -> list[MapTps]:
    """The scope's TPS, most vulnerable first, at most ``limit``."""
    query = (select(Tps.id, Tps.region_code, Region.name, Tps.number, Tps.level, Tps.voters,
                    Tps.lat, Tps.lon)
             .outerjoin(Region, Region.code == Tps.region_code)
             .order_by(Tps.level.desc(), Tps.id).limit(limit))
    where = prefix_filter(Tps.region_code, prefixes)
    if where is not None:
        query = query.where(where)
    out = []
    for tid, code, name, number, level, voters, lat, lon in session.execute(query):
        placed = "roster"
        if lat is None or lon is None:
            found = boundaries.point(code)
            if found is None:
                continue  # counted in the area's TPS figures, shown in the TPS table
            (lon, lat), placed = found, "desa"
        out.append(MapTps(tid, code, name or code, number, level, voters, float(lon),
                          float(lat), placed))
    return out


def _markers(session: Session, signalled: Any, prefixes: Sequence[str] | None,
             since: datetime, until: datetime, shaped_level: str
             ) -> tuple[list[MapMarker], list[tuple[str, str, int]]]:
    """Desa named by items in the window, and areas no shape or point can place.
    ``signalled`` is the :mod:`sejuk.signals` clause on ``ItemRegion.item_id`` (None: no
    signal can exist)."""
    window = (select(Item.id, Item.triage)
              .where(Item.published_at >= since, Item.published_at < until).subquery())
    base = (select(ItemRegion.region_code, func.count(func.distinct(ItemRegion.item_id)))
            .join(window, window.c.id == ItemRegion.item_id).group_by(ItemRegion.region_code))
    where = prefix_filter(ItemRegion.region_code, prefixes)
    if where is not None:
        base = base.where(where)
    items = {c: int(n) for c, n in session.execute(base)}
    flagged: dict[str, int] = {}
    if signalled is not None:
        flagged = {c: int(n) for c, n in session.execute(base.where(signalled))}
    urgent = {c: int(n) for c, n in session.execute(base.where(window.c.triage == "urgent"))}
    names = dict(session.execute(select(Region.code, Region.name)
                                 .where(Region.code.in_(list(items)))).all())
    tps_mean = {c: (float(lon), float(lat)) for c, lat, lon in session.execute(
        select(Tps.region_code, func.avg(Tps.lat), func.avg(Tps.lon))
        .where(Tps.region_code.in_([c for c in items if len(c) >= 13]),
               Tps.lat.is_not(None)).group_by(Tps.region_code))}
    markers, unplaced = [], []
    width = LEVEL_WIDTH[shaped_level]
    for code, n in sorted(items.items()):
        if width <= len(code) < 13 and boundaries.shape(code[:width]) is not None:
            continue  # the area's colour already shows it
        placed, where_ = "desa", boundaries.point(code) if len(code) >= 13 else None
        if where_ is None and code in tps_mean:
            placed, where_ = "tps", tps_mean[code]
        if where_ is None:
            # a coarser tag (a kabupaten on a kecamatan map), or a code the shapes lack
            placed, where_ = "area", boundaries.point(code[:8]) or boundaries.point(code[:5])
        if where_ is None:
            unplaced.append((code, names.get(code, code), n))
            continue
        markers.append(MapMarker(code, names.get(code, code), where_[0], where_[1], n,
                                 flagged.get(code, 0), urgent.get(code, 0), placed))
    return markers, unplaced


def resolve_scope(session: Session, scope: str | None) -> tuple[str, tuple[str, ...] | None]:
    """(display name, area prefixes) of a jurisdiction name or region code; None = the
    provinces holding data."""
    if not scope:
        provinces = _data_provinces(session)
        return "", tuple(provinces) if provinces else None
    unit = resolve(session, scope)
    return unit.name, tuple(unit.codes)


def map_data(session: Session, settings: Any, *, scope: str | None, day: date,
             window_days: int = 3, level: str | None = None, lang: str = "id",
             tps_limit: int = TPS_POINTS) -> MapData:
    """The picture of ``scope`` for the ``window_days`` local days ending on ``day``.

    Areas and markers count the same signals (:mod:`sejuk.signals`: the active version's
    flags, and claim matches where ``hoaks`` is configured)."""
    name, prefixes = resolve_scope(session, scope)
    level = level or default_level(prefixes)
    if level not in ("kabkota", "kecamatan"):
        raise ValueError("level must be kabkota or kecamatan")
    zone = ZoneInfo(settings.timezone)
    since, until = _window(day, window_days, zone)
    areas = _areas(session, settings, scope or None, prefixes, level, day, window_days, lang)
    outline_level = "provinsi" if level == "kabkota" else "kabkota"
    outlines = [s.code for s in boundaries.areas_in(outline_level, prefixes)]
    tps = _tps(session, prefixes, tps_limit)
    signalled = signalled_clause(ItemRegion.item_id, active_version_id(session),
                                 claims=claims_count(settings.classifier.labels))
    markers, unplaced = _markers(session, signalled, prefixes, since, until, level)
    tps_total = sum(a.tps_total for a in areas) if len(tps) >= tps_limit else len(tps)
    return MapData(name, prefixes, level, outline_level, day, window_days, areas, outlines,
                   tps, markers, unplaced, tps_total)


def scope_choices(session: Session) -> list[tuple[str, str]]:
    """(value, label) of the scopes worth a map: stored jurisdictions, provinces and
    kabupaten/kota holding TPS or tagged items."""
    out = [(name, name) for name in session.scalars(select(Jurisdiction.name)
                                                   .order_by(Jurisdiction.name))]
    codes = set(session.scalars(select(func.substr(Tps.region_code, 1, 5)).distinct()))
    codes |= set(session.scalars(select(func.substr(ItemRegion.region_code, 1, 5))
                                 .distinct()))
    codes = {c for c in codes if c and len(c) == 5}
    provinces = sorted({c[:2] for c in codes})
    names = dict(session.execute(select(Region.code, Region.name).where(
        Region.code.in_([*codes, *provinces]))).all())
    out += [(p, f"Polda {names.get(p, p)}") for p in provinces]
    out += sorted(((c, names.get(c, c)) for c in codes), key=lambda pair: pair[1])
    return out


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
