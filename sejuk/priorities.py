"""Where to act first: signal intensity, its spike and TPS vulnerability per area and day.

For each area (kecamatan by default; desa or kabupaten/kota on request) and day:

* **intensity** = sum over flagged items of confidence x source reach (an item that
  repeats a debunked claim and is not flagged ``hoaks`` weighs its claim similarity x
  reach under ``hoaks``, where it is counted), plus a narrative
  term (each distinct narrative of two or more items seen there adds
  ``narrative_weight x log2(size)``).
  Reach = kind weight (news/official 1.0, social 0.7, factcheck 0.5) x
  ``min(1 + 0.5 x (outlets that carried it - 1), 3)``. An item flagged for two labels
  counts for both.
* **spike**: the one rule of :mod:`sejuk.signals.spikes`, per local day of the window:
  the day's distinct signalled items (flagged by the version or claim-matched) against
  the EWMA of the area's 28 days before, Poisson surprise ``-log10 P(X >= observed)``.
  The window spikes when one of its days does; its surprise is the largest daily one.
* **vulnerability** ``V`` = mean TPS severity in [0, 1] (Kurang Rawan 0, Rawan 0.5, Sangat
  Rawan 1); 0 where no TPS are known.
* **score** = ``(w_signal x ln(1 + intensity) + w_spike x min(surprise, surprise_cap))
  x (1 + w_vulnerability x V)``: signals rank an area, vulnerability multiplies them so
  that places where both coincide come first; areas with TPS but no signal score 0 and
  are listed after, by vulnerability.

Every component is returned, so a ranking can be explained line by line.

Signals are read from the daily rollup ``area_day_signals`` (:mod:`sejuk.signals.rollup`:
model version x local day x region x label, plus distinct items per area), maintained when
items are scored (:func:`~sejuk.signals.rollup.refresh_rollup`), so the
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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import (
    AreaDaySignal,
    Item,
    ItemRegion,
    Narrative,
    Prediction,
    Region,
    Tps,
)
from sejuk.errors import InputError
from sejuk.phrases import Phrases, number, say
from sejuk.regions.jurisdictions import optional_areas
from sejuk.signals import (
    CLAIM_LABEL,
    LEVEL_WIDTH,
    RULE,
    DayTest,
    SpikeRule,
    active_version_id,
    area_column,
    area_day_counts,
    area_of,
    best_claim_links,
    claims_count,
    prefix_filter,
    signal_labels,
    spike_tests,
)
from sejuk.signals.rollup import ANY, item_reach
from sejuk.timeutil import zone_for_region
from sejuk.tps.roster import LEVEL_LABELS, Level

#: The levels a ranking can be made at (:data:`sejuk.signals.LEVEL_WIDTH` holds widths).
_LEVELS = ("kabkota", "kecamatan", "desa")
SEVERITY = {Level.KURANG_RAWAN: 0.0, Level.RAWAN: 0.5, Level.SANGAT_RAWAN: 1.0}


@dataclass(frozen=True)
class PriorityParams:
    """The weights and thresholds of the score; defaults documented in the README."""

    w_signal: float = 1.0
    w_spike: float = 0.5
    w_vulnerability: float = 1.0
    narrative_weight: float = 0.5
    surprise_cap: float = 6.0
    rule: SpikeRule = RULE
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


# -- scoring (pure) -----------------------------------------------------------------------
def vulnerability(counts: dict[Level, int]) -> float:
    total = sum(counts.values())
    if not total:
        return 0.0
    return sum(SEVERITY[level] * n for level, n in counts.items()) / total


def score_area(area: AreaPriority, tests: Sequence[DayTest],
               params: PriorityParams) -> AreaPriority:
    """Fill the baseline, spike and score fields of ``area`` from its components.

    ``tests`` are the window's days under the one spike rule
    (:func:`sejuk.signals.test_day`, oldest first): a spike is a fact about an area-day,
    so the window spikes when any of its days does, and the score takes the largest
    daily surprise; ``expected`` is the window's sum of daily baselines.
    """
    area.intensity = area.weighted + area.narrative_term
    if tests:
        worst = max(tests, key=lambda t: (t.surprise, t.day))
        area.baseline_per_day = round(tests[-1].expected, 4)
        area.expected = round(sum(t.expected for t in tests), 4)
        area.p_value = worst.p_value
        area.surprise = round(min(worst.surprise, params.surprise_cap), 4)
        area.spike = any(t.spike for t in tests)
    area.signal_part = round(params.w_signal * math.log1p(area.intensity), 4)
    area.spike_part = round(params.w_spike * area.surprise, 4)
    area.vulnerability_factor = round(1 + params.w_vulnerability * area.vulnerability, 4)
    area.score = round((area.signal_part + area.spike_part) * area.vulnerability_factor, 4)
    return area


def p_text(p: float, lang: str = "id") -> str:
    """A spike's p-value as a reader takes it: "p = 0,012", or "p < 0,001" where three
    decimals would print the misleading "p = 0,000" (a count far above its baseline has
    p around 1e-9, which no analyst needs written out)."""
    if p < 0.001:
        return "p < " + number(0.001, lang, ".3f")
    return "p = " + number(p, lang, ".3f")


def explain(area: AreaPriority, lang: str = "id") -> list[str]:
    """The score as lines an analyst can check, in ``lang`` (``id`` or ``en``)."""
    labels = ", ".join(f"{k} {v}" for k, v in sorted(area.flagged_by_label.items())) or "-"
    fields = {**asdict(area), "labels": labels,
              "spiked": say(_EXPLAIN, "spiked", lang) if area.spike else "",
              "p": p_text(area.p_value, lang),
              "very": area.tps["Sangat Rawan"], "vulnerable": area.tps["Rawan"],
              "low": area.tps["Kurang Rawan"]}
    return [say(_EXPLAIN, key, lang, **fields) for key in ("score", "signal", "spike", "tps")]


#: Refusals of a ranking's level or window, in the reader's language.
_ERRORS: Phrases = {
    "level": {"id": "tingkat harus salah satu dari {levels}, bukan {level!r}",
              "en": "level must be one of {levels}, got {level!r}"},
    "window": {"id": "jendela harus paling sedikit 1 hari, bukan {days}",
               "en": "window_days must be at least 1, got {days}"},
}
_EXPLAIN: Phrases = {
    "score": {"id": "Skor {score:g} = (sinyal {signal_part:g} + lonjakan {spike_part:g}) x "
                    "kerawanan {vulnerability_factor:g}",
              "en": "Score {score:g} = (signal {signal_part:g} + spike {spike_part:g}) x "
                    "vulnerability {vulnerability_factor:g}"},
    "signal": {"id": "Sinyal: {flagged} item ditandai ({labels}), bobot keyakinan x jangkauan "
                     "{weighted:g}, {narratives} narasi (+{narrative_term:g}); intensitas "
                     "{intensity:g}",
               "en": "Signal: {flagged:|flagged item|flagged items} ({labels}), confidence x "
                     "reach weight {weighted:g}, {narratives:|narrative|narratives} "
                     "(+{narrative_term:g}); intensity {intensity:g}"},
    "spike": {"id": "Lonjakan: {flagged} vs perkiraan {expected:g} (rata-rata "
                    "{baseline_per_day:g}/hari), {p}{spiked}",
              "en": "Spike: {flagged} vs expected {expected:g} (mean {baseline_per_day:g}/day), "
                    "{p}{spiked}"},
    "spiked": {"id": " -> LONJAKAN", "en": " -> SPIKE"},
    "tps": {"id": "TPS: {tps_total} (Sangat Rawan {very}, Rawan {vulnerable}, Kurang Rawan "
                  "{low}); kerawanan {vulnerability:g}",
            "en": "TPS: {tps_total} (Sangat Rawan {very}, Rawan {vulnerable}, Kurang Rawan "
                  "{low}); vulnerability {vulnerability:g}"},
}


def reasons(area: AreaPriority, window_days: int, lang: str = "id") -> tuple[str, ...]:
    """An area's score in an officer's words (outreach plan, map hover, printed map)."""
    out = []
    very, vulnerable = area.tps.get("Sangat Rawan", 0), area.tps.get("Rawan", 0)
    if very or vulnerable:
        out.append(f"{very} TPS Sangat Rawan, {vulnerable} TPS Rawan "
                   + ("dari" if lang == "id" else "of") + f" {area.tps_total} TPS")
    if area.flagged:
        labels = ", ".join(f"{k} {v}" for k, v in sorted(area.flagged_by_label.items()))
        out.append(say(_REASONS, "flagged", lang, flagged=area.flagged, days=window_days,
                       labels=labels, baseline=area.baseline_per_day))
    if area.spike:
        out.append(say(_REASONS, "spike", lang, p=p_text(area.p_value, lang)))
    if area.narratives:
        out.append(say(_REASONS, "narratives", lang, n=area.narratives))
    return tuple(out)


_REASONS: Phrases = {
    "flagged": {"id": "{flagged} item ditandai dalam {days} hari ({labels}); "
                      "dasar {baseline:.1f}/hari",
                "en": "{flagged:|flagged item|flagged items} in {days:|day|days} ({labels}); "
                      "baseline {baseline:.1f}/day"},
    "spike": {"id": "lonjakan sinyal ({p} terhadap dasar)",
              "en": "signal spike ({p} against the baseline)"},
    "narratives": {"id": "{n} narasi beredar",
                   "en": "{n:|narrative|narratives} circulating"},
}


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
        raise InputError.said(_ERRORS, "level", levels=", ".join(_LEVELS), level=level)
    if window_days < 1:
        raise InputError.said(_ERRORS, "window", days=window_days)
    prefixes = optional_areas(session, jurisdiction)
    version_id = version_id if version_id is not None else active_version_id(session)
    areas = _tps_areas(session, level, prefixes)
    window_start = day - timedelta(days=window_days - 1)
    claims = claims_count(settings.classifier.labels)
    # The one spike rule over each area's distinct signalled items per day (the window
    # and the baseline before it), as the overview's spike list and the digest read it.
    counts = area_day_counts(session, version_id, level=level, prefixes=prefixes,
                             claims=claims, last=day,
                             first=window_start - timedelta(days=params.rule.baseline_days))
    if version_id is not None:
        _rollup_window(session, version_id, areas, level, prefixes, window_start, day)
    _window_details(session, version_id, claims, areas, level, prefixes, window_start, day,
                    params)
    tests = spike_tests({code: counts.get(code, []) for code in areas}, day, window_days,
                        params.rule)
    for a in areas.values():
        a.weighted = round(a.weighted, 4)
        score_area(a, tests[a.code], params)
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


def _rollup_window(session: Session, version_id: int, areas: _Areas, level: str,
                   prefixes: list[str] | None, window_start: date, day: date) -> None:
    """Distinct items scored and the weight of their flags (the area's own :data:`ANY`
    rows) over the window, from the daily rollup."""
    code, deep = area_column(AreaDaySignal.region_code, level)
    own_area = func.length(AreaDaySignal.region_code) == LEVEL_WIDTH[level]
    query = (select(code, AreaDaySignal.label, func.sum(AreaDaySignal.items),
                    func.sum(AreaDaySignal.weight))
             .where(AreaDaySignal.model_version_id == version_id,
                    AreaDaySignal.day >= window_start, AreaDaySignal.day <= day, deep,
                    AreaDaySignal.label == ANY, own_area)
             .group_by(code, AreaDaySignal.label))
    where = prefix_filter(AreaDaySignal.region_code, prefixes, ancestors=True)
    if where is not None:
        query = query.where(where)
    for code_value, label, n_items, weight in session.execute(query):
        if label == ANY:  # distinct items: one tagged with two desa weighs once
            areas[code_value].items = int(n_items or 0)
            areas[code_value].weighted += float(weight or 0.0)


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
    # A claim match the version did not flag as hoaks counts under hoaks: it weighs its
    # similarity x reach there, as a flag weighs its confidence x reach in the rollup.
    claim_only = [i for i in matched if CLAIM_LABEL not in flags.get(i, {})]
    reach = item_reach(session, claim_only)
    claim_weight: dict[str, dict[int, float]] = defaultdict(dict)
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
        if item_id in reach:
            claim_weight[key][item_id] = matched[item_id] * reach[item_id]
        if narrative_id:
            narratives[key].add(narrative_id)
    for key, rows in best.items():
        a = areas[key]
        a.weighted += sum(claim_weight[key].values())
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


__all__ = ["AreaPriority", "PriorityParams", "compute_priorities", "explain", "reasons",
           "score_area", "vulnerability"]
