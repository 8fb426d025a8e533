"""Where to act first: signal intensity, its spike and TPS vulnerability per area and day.

For each area (kecamatan by default; desa or kabupaten/kota on request) and day:

* **intensity** = sum over flagged items of confidence x source reach, plus a narrative
  term (each distinct narrative of two or more items seen there adds
  ``narrative_weight x log2(size)``).
  Reach = kind weight (news/official 1.0, social 0.7, factcheck 0.5) x
  ``min(1 + 0.5 x (outlets that carried it - 1), 3)``. An item flagged for two labels
  counts for both.
* **spike**: the signalled items in the window (``flagged``: distinct items, flagged by
  the version or claim-matched, :mod:`sejuk.signals`) against the area's own history (the
  ``baseline_days`` before it, EWMA with ``alpha``; floor ``prior_per_day``; read from
  the rollup, whose counts are model flags summed over labels and tagged regions).
  Poisson surprise ``-log10 P(X >= observed)``; a spike is ``p < spike_p`` with at least
  ``spike_min`` items.
* **vulnerability** ``V`` = mean TPS severity in [0, 1] (Kurang Rawan 0, Rawan 0.5, Sangat
  Rawan 1); 0 where no TPS are known.
* **score** = ``(w_signal x ln(1 + intensity) + w_spike x min(surprise, surprise_cap))
  x (1 + w_vulnerability x V)``: signals rank an area, vulnerability multiplies them so
  that places where both coincide come first; areas with TPS but no signal score 0 and
  are listed after, by vulnerability.

Every component is returned, so a ranking can be explained line by line.

Signals are read from the daily rollup ``area_day_signals`` (model version x local day x
tagged region x label), maintained when items are scored (:func:`refresh_rollup`), so the
cost of a ranking follows the number of areas and days, not of items. A day is the
area's local day (WIB, WITA or WIT by province).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from scipy.special import pdtrc
from sqlalchemy import (
    Date,
    Integer,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from sejuk.db.models import (
    AreaDaySignal,
    Item,
    ItemRegion,
    ItemSource,
    Narrative,
    Prediction,
    Region,
    Source,
    Tps,
)
from sejuk.errors import InputError
from sejuk.jurisdictions import optional_areas
from sejuk.signals import (
    active_version_id,
    area_column,
    area_of,
    best_claim_links,
    claims_count,
    prefix_filter,
    signal_labels,
)
from sejuk.timeutil import _WIT_PROVINCES, _WITA_PROVINCES, zone_for_region
from sejuk.tps import LEVEL_LABELS, Level

#: The levels a ranking can be made at (:data:`sejuk.signals.LEVEL_WIDTH` holds widths).
_LEVELS = ("kabkota", "kecamatan", "desa")
KIND_REACH = {"news": 1.0, "official": 1.0, "social": 0.7, "factcheck": 0.5}
SEVERITY = {Level.KURANG_RAWAN: 0.0, Level.RAWAN: 0.5, Level.SANGAT_RAWAN: 1.0}


@dataclass(frozen=True)
class PriorityParams:
    """The weights and thresholds of the score; defaults documented in the README."""

    w_signal: float = 1.0
    w_spike: float = 0.5
    w_vulnerability: float = 1.0
    narrative_weight: float = 0.5
    surprise_cap: float = 6.0
    baseline_days: int = 28
    alpha: float = 0.2
    prior_per_day: float = 0.1
    spike_p: float = 0.01
    spike_min: int = 3
    top_n: int = 5


@dataclass
class AreaPriority:
    """One area's rank, with every component that produced it."""

    code: str
    name: str
    level: str
    score: float = 0.0
    # TPS vulnerability
    tps: dict[str, int] = field(default_factory=lambda: {v: 0 for v in LEVEL_LABELS.values()})
    tps_total: int = 0
    vulnerability: float = 0.0
    # signal intensity in the window
    flagged: int = 0
    flagged_by_label: dict[str, int] = field(default_factory=dict)
    items: int = 0
    weighted: float = 0.0
    narratives: int = 0
    narrative_term: float = 0.0
    intensity: float = 0.0
    # baseline and spike
    baseline_per_day: float = 0.0
    expected: float = 0.0
    p_value: float = 1.0
    surprise: float = 0.0
    spike: bool = False
    # contributions to the score
    signal_part: float = 0.0
    spike_part: float = 0.0
    vulnerability_factor: float = 1.0
    top_items: list[int] = field(default_factory=list)
    top_narratives: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- rollup maintenance -----------------------------------------------------------------
def _hours_expr(code: Any) -> ColumnElement[Any]:
    prov = func.substr(code, 1, 2)
    return case((prov.in_(sorted(_WIT_PROVINCES)), 9),
                (prov.in_(sorted(_WITA_PROVINCES)), 8), else_=7)


def _local_day_expr(session: Session, ts: Any, code: Any) -> ColumnElement[Any]:
    """The item's calendar day in the area's own zone (Indonesia keeps no DST)."""
    hours = _hours_expr(code)
    if session.get_bind().dialect.name == "sqlite":
        return func.date(ts, func.printf("+%d hours", hours))
    return cast(func.timezone("UTC", ts) + hours * text("interval '1 hour'"), Date)


def _rollup_select(session: Session, version_id: int,
                   where: ColumnElement[bool] | None) -> Any:
    """Rollup rows (version, day, region, label, items, flagged, weight) of the
    predictions ``where`` selects (all of the version's when None)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    least, greatest = (func.min, func.max) if sqlite else (func.least, func.greatest)
    outlets = (select(func.count()).where(ItemSource.item_id == Item.id)
               .correlate(Item).scalar_subquery())
    kind_reach = case(*[(Source.kind == k, v) for k, v in KIND_REACH.items()], else_=1.0)
    reach = kind_reach * least(1.0 + 0.5 * (greatest(outlets, 1) - 1), 3.0)
    day = _local_day_expr(session, Item.published_at, ItemRegion.region_code).label("day")
    query = (
        select(Prediction.model_version_id, day, ItemRegion.region_code,
               Prediction.label, func.count(), func.sum(cast(Prediction.flagged, Integer)),
               func.sum(case((Prediction.flagged.is_(True), Prediction.probability * reach),
                             else_=0.0)))
        .select_from(Prediction)
        .join(Item, Item.id == Prediction.item_id)
        .join(ItemRegion, ItemRegion.item_id == Prediction.item_id)
        .outerjoin(Source, Source.id == Item.source_id)
        .group_by(Prediction.model_version_id, day, ItemRegion.region_code,
                  Prediction.label)
    )
    if where is None:
        return query.where(Prediction.model_version_id == version_id)
    # A few (day, area) cells: "+ 0" keeps the planner off the version's index (a walk
    # of every prediction the version ever made) and on the cells' own rows.
    return query.where(Prediction.model_version_id + 0 == version_id, where)


_ROLLUP_COLUMNS = ["model_version_id", "day", "region_code", "label", "items", "flagged",
                   "weight"]


def _insert_rollup(session: Session, version_id: int,
                   where: ColumnElement[bool] | None) -> None:
    session.execute(insert(AreaDaySignal).from_select(
        _ROLLUP_COLUMNS, _rollup_select(session, version_id, where)))


def add_to_rollup(session: Session, version_id: int, item_ids: Sequence[int]) -> None:
    """Add the predictions of items the version scored for the first time to their cells.

    The cost follows the items, not the cells: a busy area-day holding 100,000 items is
    not recounted for every batch of new ones (which :func:`refresh_rollup` does, and
    must, when items are scored again). Only for items without an earlier contribution.
    """
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    session.flush()
    dialect_insert = pg_insert if session.get_bind().dialect.name == "postgresql" \
        else sqlite_insert
    ids = list(item_ids)
    table = AreaDaySignal.__table__
    for start in range(0, len(ids), 500):
        rows = [dict(zip(_ROLLUP_COLUMNS, row, strict=True)) for row in session.execute(
            _rollup_select(session, version_id,
                           Prediction.item_id.in_(ids[start:start + 500])))]
        for row in rows:  # SQLite computes the local day as text
            if isinstance(row["day"], str):
                row["day"] = date.fromisoformat(row["day"])
        if not rows:
            continue
        statement = dialect_insert(table).values(rows)
        session.execute(statement.on_conflict_do_update(
            index_elements=["model_version_id", "day", "region_code", "label"],
            set_={"items": table.c["items"] + statement.excluded["items"],
                  "flagged": table.c.flagged + statement.excluded.flagged,
                  "weight": table.c.weight + statement.excluded.weight}))


def rebuild_rollup(session: Session, version_id: int) -> None:
    """Recompute the whole rollup of one model version (after a full re-score)."""
    session.execute(delete(AreaDaySignal).where(AreaDaySignal.model_version_id == version_id))
    _insert_rollup(session, version_id, None)


def refresh_rollup(session: Session, version_id: int, item_ids: Sequence[int] | None = None
                   ) -> None:
    """Bring the rollup up to date for ``item_ids`` (None or very many: rebuild).

    The (day, region) cells those items touch are deleted and recomputed from every item
    in them, so re-scoring or re-tagging an item never counts it twice.
    """
    if item_ids is None or len(item_ids) > 50_000:
        rebuild_rollup(session, version_id)
        return
    session.flush()
    cells: dict[str, set[str]] = defaultdict(set)
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for code, published in session.execute(
            select(ItemRegion.region_code, Item.published_at)
            .join(Item, Item.id == ItemRegion.item_id).where(Item.id.in_(chunk))
        ):
            local = published.astimezone(zone_for_region(code)).date()
            cells[local.isoformat()].add(code)
    for day_text, codes in cells.items():
        day = date.fromisoformat(day_text)
        code_list = sorted(codes)
        session.execute(delete(AreaDaySignal).where(
            AreaDaySignal.model_version_id == version_id, AreaDaySignal.day == day,
            AreaDaySignal.region_code.in_(code_list)))
        lo = datetime.combine(day - timedelta(days=1), datetime.min.time(),
                              tzinfo=zone_for_region(None))
        hi = lo + timedelta(days=3)
        day_sql = _local_day_expr(session, Item.published_at, ItemRegion.region_code)
        _insert_rollup(session, version_id, and_(
            Item.published_at >= lo, Item.published_at < hi,
            ItemRegion.region_code.in_(code_list),
            day_sql == (day_text if session.get_bind().dialect.name == "sqlite" else day)))


def ensure_rollup(session: Session, version_id: int) -> None:
    """Build the rollup once for a version scored before the rollup existed."""
    has_rollup = session.scalar(select(exists().where(
        AreaDaySignal.model_version_id == version_id)))
    if has_rollup:
        return
    has_predictions = session.scalar(select(exists().where(
        Prediction.model_version_id == version_id)))
    if has_predictions:
        rebuild_rollup(session, version_id)


# -- scoring (pure) -----------------------------------------------------------------------
def poisson_sf(k: int, mu: float) -> float:
    """P(X >= k) for X ~ Poisson(mu)."""
    if k <= 0:
        return 1.0
    return float(pdtrc(k - 1, mu))


def ewma(series: Sequence[float], alpha: float) -> float:
    """Exponentially weighted mean, oldest first (0 for an empty series)."""
    value = 0.0
    for i, x in enumerate(series):
        value = x if i == 0 else alpha * x + (1 - alpha) * value
    return value


def vulnerability(counts: dict[Level, int]) -> float:
    total = sum(counts.values())
    if not total:
        return 0.0
    return sum(SEVERITY[level] * n for level, n in counts.items()) / total


def score_area(area: AreaPriority, history: Sequence[int], window_days: int,
               params: PriorityParams) -> AreaPriority:
    """Fill the baseline, spike and score fields of ``area`` from its components."""
    area.intensity = area.weighted + area.narrative_term
    per_day = max(ewma(history, params.alpha), params.prior_per_day)
    area.baseline_per_day = round(per_day, 4)
    area.expected = round(per_day * window_days, 4)
    p = poisson_sf(area.flagged, per_day * window_days)
    area.p_value = p
    area.surprise = round(min(max(0.0, -math.log10(max(p, 1e-300))), params.surprise_cap), 4)
    area.spike = p < params.spike_p and area.flagged >= params.spike_min
    area.signal_part = round(params.w_signal * math.log1p(area.intensity), 4)
    area.spike_part = round(params.w_spike * area.surprise, 4)
    area.vulnerability_factor = round(1 + params.w_vulnerability * area.vulnerability, 4)
    area.score = round((area.signal_part + area.spike_part) * area.vulnerability_factor, 4)
    return area


def explain(area: AreaPriority) -> list[str]:
    """The score as lines an analyst can check (Indonesian, as the interface)."""
    labels = ", ".join(f"{k} {v}" for k, v in sorted(area.flagged_by_label.items())) or "-"
    return [
        f"Skor {area.score:g} = (sinyal {area.signal_part:g} + lonjakan {area.spike_part:g})"
        f" x kerawanan {area.vulnerability_factor:g}",
        f"Sinyal: {area.flagged} item ditandai ({labels}), bobot keyakinan x jangkauan "
        f"{area.weighted:g}, {area.narratives} narasi (+{area.narrative_term:g}); "
        f"intensitas {area.intensity:g}",
        f"Lonjakan: {area.flagged} vs perkiraan {area.expected:g} (rata-rata "
        f"{area.baseline_per_day:g}/hari), p = {area.p_value:.2g}"
        + (" -> LONJAKAN" if area.spike else ""),
        f"TPS: {area.tps_total} (Sangat Rawan {area.tps['Sangat Rawan']}, Rawan "
        f"{area.tps['Rawan']}, Kurang Rawan {area.tps['Kurang Rawan']}); kerawanan "
        f"{area.vulnerability:g}",
    ]


def reasons(area: AreaPriority, window_days: int, lang: str = "id") -> tuple[str, ...]:
    """An area's score in an officer's words (outreach plan, map hover, printed map)."""
    out = []
    very, vulnerable = area.tps.get("Sangat Rawan", 0), area.tps.get("Rawan", 0)
    if very or vulnerable:
        out.append(f"{very} TPS Sangat Rawan, {vulnerable} TPS Rawan "
                   + ("dari" if lang == "id" else "of") + f" {area.tps_total} TPS")
    if area.flagged:
        labels = ", ".join(f"{k} {v}" for k, v in sorted(area.flagged_by_label.items()))
        out.append(f"{area.flagged} item ditandai dalam {window_days} hari ({labels}); "
                   f"dasar {area.baseline_per_day:.1f}/hari" if lang == "id" else
                   f"{area.flagged} flagged items in {window_days} days ({labels}); "
                   f"baseline {area.baseline_per_day:.1f}/day")
    if area.spike:
        out.append(f"lonjakan sinyal (p = {area.p_value:.3f} terhadap dasar)" if lang == "id"
                   else f"signal spike (p = {area.p_value:.3f} against the baseline)")
    if area.narratives:
        out.append(f"{area.narratives} narasi beredar" if lang == "id"
                   else f"{area.narratives} narratives circulating")
    return tuple(out)


# -- queries ------------------------------------------------------------------------------
def compute_priorities(session: Session, settings: Any, *, day: date,
                       jurisdiction: str | None = None, window_days: int = 1,
                       level: str = "kecamatan", params: PriorityParams | None = None,
                       version_id: int | None = None, limit: int | None = None
                       ) -> list[AreaPriority]:
    """Areas ranked by priority for the ``window_days`` ending on ``day`` (local days).

    ``settings`` is the workspace :class:`~sejuk.settings.Settings` (its labels say
    whether claim matches count, :func:`sejuk.signals.claims_count`); ``params``
    overrides the documented defaults.
    """
    params = params or PriorityParams()
    if level not in _LEVELS:
        raise InputError(f"level must be one of {', '.join(_LEVELS)}, got {level!r}")
    if window_days < 1:
        raise InputError("window_days must be at least 1")
    prefixes = optional_areas(session, jurisdiction)
    version_id = version_id if version_id is not None else active_version_id(session)
    areas = _tps_areas(session, level, prefixes)
    window_start = day - timedelta(days=window_days - 1)
    history: dict[str, list[int]] = {}
    if version_id is not None:
        ensure_rollup(session, version_id)
        history = _rollup_rows(session, version_id, areas, level, prefixes, window_start,
                               day, params)
    _window_details(session, version_id, claims_count(settings.classifier.labels), areas,
                    level, prefixes, window_start, day, params)
    for a in areas.values():
        a.weighted = round(a.weighted, 4)
        score_area(a, history.get(a.code, []), window_days, params)
    names = _names(session, list(areas))
    for a in areas.values():
        a.name = names.get(a.code, a.code)
    ranked = sorted(areas.values(), key=lambda a: (-a.score, -a.vulnerability, -a.tps_total,
                                                   a.code))
    return ranked[:limit] if limit else ranked


class _Areas(dict[str, AreaPriority]):
    """The areas of one ranking, created on first mention."""

    def __init__(self, level: str) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, code: str) -> AreaPriority:
        self[code] = AreaPriority(code=code, name=code, level=self.level)
        return self[code]


def _tps_areas(session: Session, level: str, prefixes: list[str] | None) -> _Areas:
    """Every area holding TPS, with its counts per level and vulnerability."""
    areas = _Areas(level)
    tps_code, _ = area_column(Tps.region_code, level)
    tps_query = select(tps_code, Tps.level, func.count()).group_by(tps_code, Tps.level)
    tps_where = prefix_filter(Tps.region_code, prefixes)
    if tps_where is not None:
        tps_query = tps_query.where(tps_where)
    tps_counts: dict[str, dict[Level, int]] = defaultdict(dict)
    for code, lvl, count in session.execute(tps_query):
        tps_counts[code][Level(lvl)] = int(count)
    for code, counts in tps_counts.items():
        a = areas[code]
        for lvl, n in counts.items():
            a.tps[lvl.label] = n
        a.tps_total = sum(counts.values())
        a.vulnerability = round(vulnerability(counts), 4)
    return areas


def _rollup_rows(session: Session, version_id: int, areas: _Areas, level: str,
                 prefixes: list[str] | None, window_start: date, day: date,
                 params: PriorityParams) -> dict[str, list[int]]:
    """Weights and items of the window from the daily rollup, and each area's flagged
    counts per day of the baseline before it (oldest first) for the spike test."""
    base_start = window_start - timedelta(days=params.baseline_days)
    code, deep = area_column(AreaDaySignal.region_code, level)
    query = (select(code, AreaDaySignal.day, AreaDaySignal.label,
                    func.sum(AreaDaySignal.items), func.sum(AreaDaySignal.flagged),
                    func.sum(AreaDaySignal.weight))
             .where(AreaDaySignal.model_version_id == version_id,
                    AreaDaySignal.day >= base_start, AreaDaySignal.day <= day, deep)
             .group_by(code, AreaDaySignal.day, AreaDaySignal.label))
    where = prefix_filter(AreaDaySignal.region_code, prefixes, ancestors=True)
    if where is not None:
        query = query.where(where)
    daily: dict[str, list[int]] = defaultdict(lambda: [0] * params.baseline_days)
    items_by_label: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for code_value, d, label, n_items, n_flagged, weight in session.execute(query):
        d = d if isinstance(d, date) else date.fromisoformat(str(d))
        if d >= window_start:
            items_by_label[code_value][label] += int(n_items or 0)
            areas[code_value].weighted += float(weight or 0.0)
        else:
            daily[code_value][(d - base_start).days] += int(n_flagged or 0)
    for code_value, per_label in items_by_label.items():
        areas[code_value].items = max(per_label.values())
    return dict(daily)


def _window_details(session: Session, version_id: int | None, claims: bool, areas: _Areas,
                    level: str, prefixes: list[str] | None, start: date, end: date,
                    params: PriorityParams) -> None:
    """Signalled items of the window (:mod:`sejuk.signals`: distinct items, flagged by the
    version or claim-matched), per label, their top items and narratives (a day's
    signalled items, not the archive)."""
    tagged = _window_items(session, level, prefixes, start, end)
    ids = sorted({item_id for _, item_id, _ in tagged})
    flags: dict[int, dict[str, float]] = defaultdict(dict)
    matched: dict[int, float] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        if version_id is not None:
            for item_id, label, prob in session.execute(
                select(Prediction.item_id, Prediction.label, Prediction.probability)
                .where(Prediction.model_version_id == version_id,
                       Prediction.flagged.is_(True), Prediction.item_id.in_(chunk))
            ):
                flags[item_id][label] = float(prob)
    if claims:
        matched = {i: s for i, (_, s) in best_claim_links(session, ids).items()}
    best: dict[str, dict[int, float]] = defaultdict(dict)
    labelled: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    narratives: dict[str, set[int]] = defaultdict(set)
    for key, item_id, narrative_id in tagged:
        labels = signal_labels(flags.get(item_id, {}), item_id in matched, claims=claims)
        if not labels:
            continue
        best[key][item_id] = max([*flags.get(item_id, {}).values(), matched.get(item_id, 0.0)])
        for label in labels:
            labelled[key][label].add(item_id)
        if narrative_id:
            narratives[key].add(narrative_id)
    for key, rows in best.items():
        a = areas[key]
        a.flagged = len(rows)
        a.flagged_by_label = {label: len(s) for label, s in sorted(labelled[key].items())}
        ranked = sorted(rows.items(), key=lambda r: (-r[1], r[0]))
        a.top_items = [item_id for item_id, _ in ranked[:params.top_n]]
    _narrative_terms(session, areas, narratives, params)


def _window_items(session: Session, level: str, prefixes: list[str] | None, start: date,
                  end: date) -> list[tuple[str, int, int | None]]:
    """(area, item id, narrative id) of the items tagged in the areas on the window's
    local days (each code's own zone)."""
    # Local days run from UTC+9 (WIT) to UTC+7 (WIB): the window's instants in UTC.
    lo = datetime.combine(start, datetime.min.time(), tzinfo=UTC) - timedelta(hours=9)
    hi = datetime.combine(end + timedelta(days=1), datetime.min.time(),
                          tzinfo=UTC) - timedelta(hours=7)
    # Two steps, driven by the published_at index: the window's tagged items, then their
    # flagged predictions (a join lets SQLite start from the predictions index instead).
    _, deep = area_column(ItemRegion.region_code, level)
    query = (select(ItemRegion.region_code, Item.id, Item.published_at, Item.narrative_id)
             .join(Item, Item.id == ItemRegion.item_id)
             .where(Item.published_at >= lo, Item.published_at < hi, deep))
    where = prefix_filter(ItemRegion.region_code, prefixes, ancestors=True)
    if where is not None:
        query = query.where(where)
    tagged: list[tuple[str, int, int | None]] = []
    for code, item_id, published, narrative_id in session.execute(query):
        local = published.astimezone(zone_for_region(code)).date()
        area = area_of(code, level)
        if start <= local <= end and area is not None:
            tagged.append((area, item_id, narrative_id))
    return tagged


def _narrative_terms(session: Session, areas: _Areas, narratives: dict[str, set[int]],
                     params: PriorityParams) -> None:
    """Each area's copied narratives (two or more items) and their score term."""
    sizes: dict[int, int] = {}
    all_narratives = sorted({n for s in narratives.values() for n in s})
    for chunk_start in range(0, len(all_narratives), 500):
        chunk = all_narratives[chunk_start:chunk_start + 500]
        sizes.update(session.execute(select(Narrative.id, Narrative.size)
                                     .where(Narrative.id.in_(chunk))).all())
    for key, narrative_ids in narratives.items():
        a = areas[key]
        # A narrative is a claim copied across items: a singleton adds nothing.
        copied = [n for n in narrative_ids if sizes.get(n, 1) >= 2]
        ranked = sorted(copied, key=lambda n: (-sizes.get(n, 1), n))
        a.narratives = len(copied)
        a.narrative_term = round(params.narrative_weight * sum(
            math.log2(sizes.get(n, 1)) for n in copied), 4)
        a.top_narratives = ranked[:params.top_n]


def _names(session: Session, codes: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        out.update(session.execute(select(Region.code, Region.name)
                                   .where(Region.code.in_(chunk))).all())
    return out


__all__ = ["AreaPriority", "PriorityParams", "compute_priorities", "ensure_rollup", "explain",
           "poisson_sf", "reasons", "rebuild_rollup", "refresh_rollup", "score_area",
           "vulnerability"]
