"""Timezone-aware time helpers: store UTC, show WIB/WITA/WIT.

Naive datetimes are a bug source in feed data (many Indonesian feeds omit the zone), so
every function here returns aware datetimes and converts naive ones with an explicit zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: Years a time Sejuk reads (a feed entry's, an import row's, a date typed on the command
#: line) may carry: outside them it is a mistake (0001-01-01, 9999-12-31), and such a time
#: cannot even be moved to UTC or a local day (it crashed a dozen commands and failed
#: whole feeds).
YEARS = (1990, 2100)


WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

ZONE_ABBREVIATIONS: dict[str, str] = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

#: Province code prefix -> IANA zone, following the Indonesian three-zone split.
_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def utc_now() -> datetime:
    """Now as an aware UTC datetime (never ``datetime.utcnow()``)."""
    return datetime.now(UTC)


def local_today(zone: ZoneInfo | str, now: datetime | None = None) -> date:
    """Today's date on the wall clock of ``zone``: from 17:00 UTC on, WIB is already on
    the next day, and "today" in a digest, a follow-up or a demo means the local day."""
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    return (now or utc_now()).astimezone(zone).date()


def as_utc(value: datetime, assume: ZoneInfo | str = WIB) -> datetime:
    """Return ``value`` in UTC, reading a naive value as wall time in ``assume``."""
    zone = ZoneInfo(assume) if isinstance(assume, str) else assume
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def zone_for_region(code: str | None) -> ZoneInfo:
    """The local zone of a Kemendagri region code (WIB when unknown)."""
    prefix = (code or "")[:2]
    if prefix in _WIT_PROVINCES:
        return WIT
    if prefix in _WITA_PROVINCES:
        return WITA
    return WIB


def zone_label(zone: ZoneInfo | str) -> str:
    """WIB/WITA/WIT for the Indonesian zones, the IANA key otherwise."""
    key = zone if isinstance(zone, str) else zone.key
    return ZONE_ABBREVIATIONS.get(key, key)


def local_day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC start and end of a calendar day in ``zone``: the unit analysts count in."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def format_local(value: datetime | None, zone: ZoneInfo = WIB, with_zone: bool = True) -> str:
    """``26/11/2026 14:05 WIB``: how analysts read times."""
    if value is None:
        return "-"
    local = as_utc(value).astimezone(zone)
    text = local.strftime("%d/%m/%Y %H:%M")
    return f"{text} {zone_label(zone)}" if with_zone else text
