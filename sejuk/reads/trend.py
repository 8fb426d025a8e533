"""Items and flagged items per local day and label over the last weeks, spike days marked.

The overview's trend: the database counts per day (``GROUP BY`` the local calendar day,
so a day is the analysts' day in WIB/WITA/WIT), over the shown days plus the 28 before
them that a spike is measured against. A day is a spike for a label under the one rule
every screen uses (:func:`sejuk.signals.test_day`: Poisson tail against the EWMA of the
28 days before), applied to the label's signalled items in the workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, cast, func, select, text
from sqlalchemy.orm import Session

from sejuk.db.models import Item, ModelVersion, Prediction
from sejuk.signals import CLAIM_LABEL, RULE, claim_only_clause, spike_tests
from sejuk.timeutil import local_day_bounds

BASELINE = RULE.baseline_days


@dataclass(frozen=True)
class DayCount:
    day: date
    items: int
    flagged: dict[str, int] = field(default_factory=dict)
    spikes: tuple[str, ...] = ()


def _day_expr(session: Session, hours: int) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(Item.published_at, f"+{hours} hours")
    return cast(func.timezone("UTC", Item.published_at) + text(f"interval '{hours} hours'"),
                Date)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def daily_trend(session: Session, version: ModelVersion | None, labels: Sequence[str],
                now: datetime, zone: ZoneInfo, days: int = 28, *,
                claims: bool = True) -> list[DayCount]:
    """One row per local day, oldest first, ending with today (``now`` in ``zone``).

    A label's count is its signalled items (:mod:`sejuk.signals`: flagged for it, or a
    claim match under ``hoaks`` when ``claims``), as on every other page."""
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    start, _ = local_day_bounds(first - timedelta(days=BASELINE), zone)
    _, end = local_day_bounds(today, zone)
    offset = now.astimezone(zone).utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset else 0
    day = _day_expr(session, hours).label("day")
    window = (Item.published_at >= start, Item.published_at < end)
    items = {_as_date(d): int(n) for d, n in session.execute(
        select(day, func.count()).where(*window).group_by(day))}
    flagged: dict[tuple[date, str], int] = {}
    version_id = version.id if version is not None else None
    if version_id is not None:
        for d, label, n in session.execute(
                select(day, Prediction.label, func.count())
                .join(Prediction, Prediction.item_id == Item.id)
                .where(*window, Prediction.model_version_id == version_id,
                       Prediction.flagged.is_(True))
                .group_by(day, Prediction.label)):
            flagged[(_as_date(d), str(label))] = int(n)
    if claims and CLAIM_LABEL in labels:  # claim matches the model did not flag hoaks
        for d, n in session.execute(
                select(day, func.count())
                .where(*window, claim_only_clause(Item.id, version_id, CLAIM_LABEL))
                .group_by(day)):
            key = (_as_date(d), CLAIM_LABEL)
            flagged[key] = flagged.get(key, 0) + int(n)
    span = [first + timedelta(days=i) for i in range(-BASELINE, days)]
    tests = spike_tests({label: [flagged.get((d, label), 0) for d in span]
                         for label in labels}, today, days)
    out = []
    for i, d in enumerate(span[BASELINE:]):
        counts = {label: flagged.get((d, label), 0) for label in labels}
        spikes = tuple(label for label in labels if tests[label][i].spike)
        out.append(DayCount(d, items.get(d, 0), counts, spikes))
    return out


__all__ = ["DayCount", "daily_trend"]
