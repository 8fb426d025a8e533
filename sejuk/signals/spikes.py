"""When signals spike: one rule, per area and local calendar day, for every screen.

``spike(day) = n >= 3 and P(X >= n | mu) < 0.01`` for ``X ~ Poisson(mu)``, where ``n``
counts the distinct signalled items (:mod:`sejuk.signals.flags`) tagged in the area that
local day and ``mu = max(EWMA_0.2(the 28 days before), 0.1)``. The surprise is
``-log10 p``. The test day is never part of its own baseline; recent days weigh more
(campaigns drift); a doubling at one or two items a day is chance (4 against 2 a day
happens on one day in seven), while a busy kecamatan going from 20 to 32 is not.

The overview's spike list, the trend chart, the digest, the priorities (score, map, plan)
all call this module, so a spike on one screen is a spike on every other. Known
limitation: real counts are overdispersed, so at high baselines the Poisson test alarms a
little easily; a negative-binomial test is the next step if big-city areas prove noisy.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from scipy.special import pdtrc
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import AreaDaySignal, ClaimMatch, Item, ItemRegion, Prediction
from sejuk.signals.areas import LEVEL_WIDTH, area_column, prefix_filter
from sejuk.signals.rollup import ANY, ensure_rollup
from sejuk.timeutil import zone_for_region


@dataclass(frozen=True)
class SpikeRule:
    """The rule's constants (README, "Spikes")."""

    baseline_days: int = 28
    alpha: float = 0.2
    prior_per_day: float = 0.1
    p: float = 0.01
    min_count: int = 3


RULE = SpikeRule()


@dataclass(frozen=True)
class DayTest:
    """One area-day (or label-day) tested."""

    day: date
    count: int
    expected: float  # per day: the baseline the count is held against
    p_value: float
    surprise: float  # -log10 p, uncapped (priorities cap it in the score)
    spike: bool


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


def test_day(day: date, count: int, history: Sequence[int],
             rule: SpikeRule = RULE) -> DayTest:  # noqa: PT028 (a rule, not a test)
    """The one spike rule (pure): Poisson tail of ``count`` against the EWMA of
    ``history`` (oldest first, the ``rule.baseline_days`` before ``day``), floored at
    ``rule.prior_per_day``."""
    mu = max(ewma(history[-rule.baseline_days:], rule.alpha), rule.prior_per_day)
    p = poisson_sf(count, mu)
    return DayTest(day=day, count=count, expected=round(mu, 4), p_value=p,
                   surprise=round(max(0.0, -math.log10(max(p, 1e-300))), 4),
                   spike=count >= rule.min_count and p < rule.p)


test_day.__test__ = False  # type: ignore[attr-defined]  # a rule, not a pytest test


def spike_tests(series: Mapping[str, Sequence[int]], last: date, days: int,
                rule: SpikeRule = RULE) -> dict[str, list[DayTest]]:
    """Pure: the last ``days`` of each series (oldest first, ending on ``last``; shorter
    series are padded with zeros in front), each day against the baseline_days before."""
    out: dict[str, list[DayTest]] = {}
    need = rule.baseline_days + days
    for key, values in series.items():
        full = [0] * max(0, need - len(values)) + list(values)[-need:]
        out[key] = [test_day(last - timedelta(days=days - 1 - i), full[rule.baseline_days + i],
                             full[i:rule.baseline_days + i], rule) for i in range(days)]
    return out


def _claim_only(session: Session, version_id: int | None, first: date, last: date,
                level: str, prefixes: Sequence[str] | None) -> dict[tuple[str, date], set[int]]:
    """(area, local day) -> items only a claim match signals (not flagged by the
    version). Read live, never rolled up: a new debunk re-matches 90 days of items.

    Two steps so that the cost follows the matches of the span, not its items (a Polda's
    busy day holds 100,000): the ids matched since the span began (``claim_matches`` is
    small; an item is matched after it is published), then those items, 500 at a time.
    """
    lo = datetime.combine(first, datetime.min.time(), tzinfo=UTC) - timedelta(hours=9)
    ids = sorted(session.scalars(select(ClaimMatch.item_id).distinct()
                                 .where(ClaimMatch.matched_at >= lo)))
    _, deep = area_column(ItemRegion.region_code, level)
    where = prefix_filter(ItemRegion.region_code, prefixes, ancestors=True)
    width = LEVEL_WIDTH[level]
    out: dict[tuple[str, date], set[int]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        query = (select(ItemRegion.region_code, Item.id, Item.published_at)
                 .join(ItemRegion, ItemRegion.item_id == Item.id)
                 # no range on published_at: SQLite would walk the span's items by it
                 # instead of seeking the 500 ids (the local day is checked below)
                 .where(Item.id.in_(ids[start:start + 500]), deep))
        if version_id is not None:
            query = query.where(~select(Prediction.item_id).where(
                Prediction.item_id == Item.id, Prediction.model_version_id == version_id,
                Prediction.flagged.is_(True)).exists())
        if where is not None:
            query = query.where(where)
        for code, item_id, published in session.execute(query):
            local = published.astimezone(zone_for_region(code)).date()
            if first <= local <= last:
                out[(code[:width], local)].add(item_id)
    return out


def area_day_counts(session: Session, version_id: int | None, *, first: date, last: date,
                    level: str = "kecamatan", prefixes: Sequence[str] | None = None,
                    claims: bool = True) -> dict[str, list[int]]:
    """Distinct signalled items per area and local day (the area's own zone), oldest
    first, for the areas with any: the version's flagged items from the rollup's
    per-area rows plus, with ``claims``, the items only a claim match signals (the two
    sets are disjoint, so the sum stays distinct). The count behind every spike."""
    n = (last - first).days + 1
    out: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    if version_id is not None:
        ensure_rollup(session, version_id)
        query = (select(AreaDaySignal.region_code, AreaDaySignal.day, AreaDaySignal.flagged)
                 .where(AreaDaySignal.model_version_id == version_id,
                        AreaDaySignal.label == ANY,
                        AreaDaySignal.day >= first, AreaDaySignal.day <= last,
                        func.length(AreaDaySignal.region_code) == LEVEL_WIDTH[level],
                        AreaDaySignal.flagged > 0))
        where = prefix_filter(AreaDaySignal.region_code, prefixes, ancestors=True)
        if where is not None:
            query = query.where(where)
        for code, d, flagged in session.execute(query):
            d = d if isinstance(d, date) else date.fromisoformat(str(d))
            out[code][(d - first).days] += int(flagged)
    if claims:
        for (code, d), ids in _claim_only(session, version_id, first, last, level,
                                          prefixes).items():
            out[code][(d - first).days] += len(ids)
    return dict(out)


def spikes(session: Session, version_id: int | None, *, day: date, days: int = 1,
           level: str = "kecamatan", prefixes: Sequence[str] | None = None,
           claims: bool = True, rule: SpikeRule = RULE) -> dict[str, list[DayTest]]:
    """Every area that reaches ``rule.min_count`` on one of the ``days`` ending on
    ``day``, each of those days tested (oldest first): what the overview, digest,
    priorities, map and plan call a spike (an area below the minimum on every day cannot
    spike, so only the candidates' baselines are read)."""
    recent = area_day_counts(session, version_id, first=day - timedelta(days=days - 1),
                             last=day, level=level, prefixes=prefixes, claims=claims)
    candidates = sorted(code for code, c in recent.items() if max(c) >= rule.min_count)
    if not candidates:
        return {}
    counts = area_day_counts(
        session, version_id, first=day - timedelta(days=rule.baseline_days + days - 1),
        last=day - timedelta(days=days), level=level, claims=claims,
        prefixes=candidates if len(candidates) <= 200 else prefixes)
    return spike_tests({code: [*counts.get(code, [0] * rule.baseline_days), *recent[code]]
                        for code in candidates}, day, days, rule)


__all__ = ["RULE", "DayTest", "SpikeRule", "area_day_counts", "ewma", "poisson_sf",
           "spike_tests", "spikes", "test_day"]
