"""Managing sources: add, list with health, enable, disable, remove."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feeds.fetch import check_url
from sejuk.db.models import ItemSource, Region, Source
from sejuk.errors import InputError, NotFound

SOURCE_KINDS = ("news", "factcheck", "social", "official")


@dataclass(frozen=True)
class SourceHealth:
    """A source as the health table and ``sources list --json`` show it."""

    name: str
    url: str
    kind: str
    region: str | None
    enabled: bool
    interval_minutes: int
    items: int
    last_status: int | None
    last_error: str | None
    last_fetch_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int
    next_due_at: datetime | None


def add_source(
    session: Session,
    url: str,
    name: str,
    kind: str,
    *,
    region_code: str | None = None,
    interval_minutes: int = 15,
    timezone: str | None = None,
) -> Source:
    """Register a feed; the URL, kind and region are checked before anything is stored."""
    reason = check_url(url)
    if reason:
        raise InputError(f"source {name!r}: {reason}")
    if kind not in SOURCE_KINDS:
        raise InputError(f"source {name!r}: kind must be one of {', '.join(SOURCE_KINDS)}")
    if not name.strip():
        raise InputError("source name must not be empty")
    if interval_minutes < 1:
        raise InputError(f"source {name!r}: interval must be at least 1 minute")
    if region_code and session.get(Region, region_code) is None:
        raise InputError(f"source {name!r}: unknown region code {region_code!r}")
    clash = session.scalar(select(Source).where((Source.name == name) | (Source.url == url)))
    if clash is not None:
        what = "name" if clash.name == name else "URL"
        raise InputError(f"source {name!r}: a source with this {what} exists ({clash.name})")
    source = Source(url=url, name=name.strip(), kind=kind, region_code=region_code,
                    interval_minutes=interval_minutes, timezone=timezone, enabled=True,
                    consecutive_failures=0)
    session.add(source)
    try:
        session.flush()
    except IntegrityError:
        raise InputError(f"source {name!r}: already exists") from None
    return source


def get_source(session: Session, name: str) -> Source:
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        raise NotFound(f"no source named {name!r}")
    return source


def set_enabled(session: Session, name: str, enabled: bool) -> Source:
    source = get_source(session, name)
    source.enabled = enabled
    if enabled:
        source.next_due_at = None
    return source


def remove_source(session: Session, name: str) -> None:
    """Remove a source; its items stay (other sources or exports may need them)."""
    session.delete(get_source(session, name))


def source_health(session: Session) -> list[SourceHealth]:
    counts = dict(session.execute(
        select(ItemSource.source_id, func.count()).group_by(ItemSource.source_id)
    ).all())
    return [
        SourceHealth(
            name=s.name, url=s.url, kind=s.kind, region=s.region_code, enabled=s.enabled,
            interval_minutes=s.interval_minutes, items=counts.get(s.id, 0),
            last_status=s.last_status, last_error=s.last_error, last_fetch_at=s.last_fetch_at,
            last_success_at=s.last_success_at, consecutive_failures=s.consecutive_failures,
            next_due_at=s.next_due_at,
        )
        for s in session.scalars(select(Source).order_by(Source.name))
    ]
