"""The only place the dashboard builds long-lived resources and caches reads, each keyed
by its arguments (so AppTest runs against different workspaces never share state).

Cached reads take the workspace's :func:`~sejuk.reads.data_version` as an argument: new
items, labels, audited actions or a promoted model change it, so a cached aggregate is
reused only while the data under it is unchanged.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import streamlit as st

from sejuk import reads
from sejuk.maps import view as mapview
from sejuk.reads import trend
from sejuk.signals import active_version, claims_count
from sejuk.timeutil import local_today
from sejuk.workspace import Workspace, open_workspace, resolve_home


def home_from_argv(argv: list[str] | None = None) -> Path:
    """``--home DIR`` after ``streamlit run app.py --``, else ``SEJUK_HOME``."""
    argv = sys.argv[1:] if argv is None else argv
    if "--home" in argv:
        index = argv.index("--home")
        if index + 1 < len(argv):
            return Path(argv[index + 1])
    return resolve_home(None, os.environ)


@st.cache_resource(show_spinner=False)
def workspace(home: str) -> Workspace:
    return open_workspace(Path(home))


def data_version(home: str) -> tuple[int, int, int, int]:
    with workspace(home).session() as session:
        return reads.data_version(session)


def minute(now: datetime) -> datetime:
    """``now`` rounded down to the minute: relative windows stay cacheable for a minute."""
    return now.replace(second=0, microsecond=0)


def urgent_total(home: str) -> int:
    return _urgent_total(home, data_version(home))


@st.cache_data(show_spinner=False, max_entries=64)
def _urgent_total(home: str, version: tuple[int, int, int, int]) -> int:
    with workspace(home).session() as session:
        return reads.urgent_count(session)


@st.cache_data(show_spinner=False, max_entries=64, ttl=timedelta(minutes=10))
def overview(home: str, version: tuple[int, int, int, int], now: datetime
             ) -> dict[str, object]:
    """Everything the overview aggregates, computed once per data version and minute."""
    ws = workspace(home)
    with ws.session() as session:
        model = active_version(session)
        labels = ws.settings.classifier.labels
        claims = claims_count(labels)
        return {
            "model": (model.id, float((model.metrics or {}).get("macro_f1", 0.0)))
            if model else None,
            "volume": reads.item_volume(session, now),
            "trends": reads.label_trends(session, model, labels, now, claims=claims),
            "narratives": reads.top_narratives(session, model, now - timedelta(days=7),
                                               claims=claims),
            "areas": reads.area_overlay(session, model, now - timedelta(days=7),
                                        claims=claims),
            # today's spikes and priorities, or yesterday's while today has none yet
            "day": reads.day_picture(session, ws.settings, model, now, claims=claims),
            "sources": reads.source_freshness(session),
            "urgent": reads.urgent_items(session, model, limit=10),
            "overdue": reads.overdue_follow_ups(session, local_today(ws.settings.timezone, now)),
        }


@st.cache_data(show_spinner=False, max_entries=64, ttl=timedelta(minutes=10))
def map_signals(home: str, version: tuple[int, int, int, int], since: datetime,
                until: datetime, level: str, region_prefix: str | None
                ) -> list[mapview.AreaSignal]:
    ws = workspace(home)
    with ws.session() as session:
        return mapview.area_signals(session, active_version(session), since, until,
                                  level=level, region_prefix=region_prefix,
                                  claims=claims_count(ws.settings.classifier.labels))


@st.cache_data(show_spinner=False, max_entries=16, ttl=timedelta(minutes=10))
def map_tps(home: str, version: tuple[int, int, int, int], region_prefix: str | None
            ) -> list[mapview.TpsPoint]:
    with workspace(home).session() as session:
        return mapview.tps_points(session, region_prefix)


@st.cache_data(show_spinner=False, max_entries=64, ttl=timedelta(minutes=10))
def daily_trend(home: str, version: tuple[int, int, int, int], now: datetime
                ) -> list[trend.DayCount]:
    """Items and flags per local day over 28 days, per data version and minute."""
    ws = workspace(home)
    with ws.session() as session:
        labels = ws.settings.classifier.labels
        return trend.daily_trend(session, active_version(session), labels, now,
                                 ZoneInfo(ws.settings.timezone), claims=claims_count(labels))


@st.cache_data(show_spinner=False, max_entries=32, ttl=timedelta(minutes=10))
def map_scopes(home: str, version: tuple[int, int, int, int]) -> list[tuple[str, str]]:
    with workspace(home).session() as session:
        return mapview.scope_choices(session)


@st.cache_data(show_spinner=False, max_entries=32, ttl=timedelta(minutes=10))
def map_view(home: str, version: tuple[int, int, int, int], scope: str, day: date,
             window_days: int, level: str | None, lang: str) -> mapview.MapData:
    """The map of one scope and period, computed once per data version (the boundaries
    themselves are decoded once per process by :mod:`sejuk.regions.boundaries`)."""
    ws = workspace(home)
    with ws.session() as session:
        return mapview.map_data(session, ws.settings, scope=scope or None, day=day,
                                window_days=window_days, level=level, lang=lang)


def busiest_kabkota(home: str, version: tuple[int, int, int, int], now: datetime) -> str:
    """The kabupaten/kota with the most flagged items this week ("" when none): where the
    map opens, since a whole-country map of a few regencies is mostly empty sea."""
    week = map_signals(home, version, minute(now) - timedelta(days=7),
                       minute(now) + timedelta(minutes=1), "kabkota", None)
    busiest = max(week, key=lambda s: (s.flagged, s.items), default=None)
    return busiest.code if busiest else ""


