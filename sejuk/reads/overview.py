"""Reads of the overview page: flags per label against yesterday, areas against their TPS,
spikes, volume, sources' freshness, urgent items and overdue follow-ups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from sejuk.db.models import (
    Item,
    ItemRegion,
    ModelVersion,
    Prediction,
    Region,
    Source,
    Tps,
)
from sejuk.outreach.plan import overdue_follow_ups as outreach_overdue
from sejuk.priorities import AreaPriority, compute_priorities
from sejuk.settings import Settings
from sejuk.signals import (
    CLAIM_LABEL,
    area_column,
    claim_only_clause,
    signalled_clause,
    spikes,
)
from sejuk.timeutil import local_today
from sejuk.tps.roster import LEVEL_LABELS, Level


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
                claims: bool = True, day: date | None = None) -> list[AreaSpike]:
    """Areas whose signalled items of ``day`` (default today: the local day of ``now`` in
    ``zone``, so far) spike under the one rule (:func:`sejuk.signals.spikes`), most
    surprising first: the areas the priorities table marks, where something is starting."""
    tests = spikes(session, version.id if version else None,
                   day=day or now.astimezone(zone).date(), level=level, claims=claims)
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


@dataclass(frozen=True)
class DayPicture:
    """The overview's tables of one local day: the priority engine's ranked areas and the
    areas whose signals spike, of the same day so that the ▲ in one is a row of the other."""

    day: date
    #: whether ``day`` is yesterday because today has no priority yet
    fallback: bool
    priorities: list[AreaPriority]
    spikes: list[AreaSpike]


def day_picture(session: Session, settings: Settings, version: ModelVersion | None,
                now: datetime, *, claims: bool = True, limit: int = 10) -> DayPicture:
    """Today's ranked areas and spikes, or yesterday's while today has no priority yet.

    Priorities are per local day, the overview's headline figures per rolling 24 hours:
    just after midnight the headline still counts last evening's flags, and a table saying
    "no priority areas today" beside them told the night shift nothing was going on.
    """
    zone = ZoneInfo(settings.timezone)
    today = local_today(zone, now)
    day, ranked = today, compute_priorities(session, settings, day=today, limit=limit)
    if not any(area.score > 0 for area in ranked):
        earlier = compute_priorities(session, settings, day=today - timedelta(days=1),
                                     limit=limit)
        if any(area.score > 0 for area in earlier):
            day, ranked = today - timedelta(days=1), earlier
    return DayPicture(day, day != today, ranked,
                      area_spikes(session, version, now, zone=zone, claims=claims, day=day,
                                  limit=limit))
