"""Items and flagged items per local day and label over the last weeks, spike days marked.

The overview's trend: the database counts per day (``GROUP BY`` the local calendar day,
so a day is the analysts' day in WIB/WITA/WIT), over the shown days plus the seven before
them that a spike is measured against. A day is a spike for a label when its flagged
items stand well above the seven days before (:func:`sejuk.views.is_spike`, the rule of
the overview's area spikes).
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
from sejuk.signals import CLAIM_LABEL, claim_only_clause
from sejuk.timeutil import local_day_bounds
from sejuk.views import is_spike

BASELINE = 7


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
    out = []
    for i in range(days):
        d = first + timedelta(days=i)
        counts = {label: flagged.get((d, label), 0) for label in labels}
        spikes = tuple(label for label in labels if is_spike(
            counts[label], sum(flagged.get((d - timedelta(days=k), label), 0)
                               for k in range(1, BASELINE + 1)) / BASELINE))
        out.append(DayCount(d, items.get(d, 0), counts, spikes))
    return out


__all__ = ["DayCount", "daily_trend"]
