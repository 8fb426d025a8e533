"""The narratives' reads: the overview's top list, the Narasi page and one narrative's detail.

Kept apart from :mod:`sejuk.reads` (which re-exports them, so callers are unchanged)
because they share one row builder and nothing else with the other pages' reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from sejuk.db.models import Item, ItemRegion, ModelVersion, Narrative, Region
from sejuk.signals import signalled_clause


@dataclass(frozen=True)
class NarrativeRow:
    id: int
    title: str
    first_seen: datetime
    last_seen: datetime
    size: int
    recent: int
    debunk_title: str | None
    debunk_link: str | None


def top_narratives(session: Session, version: ModelVersion | None, since: datetime, *,
                   claims: bool = True, limit: int = 10) -> list[NarrativeRow]:
    """Narratives by how many of their *signalled* items (:mod:`sejuk.signals`: flagged
    by ``version``, or claim-matched when ``claims``) arrived since ``since``: the rule
    the digest's top narratives follow, so routine chatter copied by many posts does not
    outrank a hoax. ``recent`` is that count; ``size`` stays the narrative's whole size."""
    signal = signalled_clause(Item.id, version.id if version is not None else None,
                              claims=claims)
    if signal is None:
        return []
    # Grouped by an expression, not the bare column: grouping by ``narrative_id`` lets
    # SQLite walk the narrative index over the whole history (for its order) instead of
    # the window's range of ``published_at``.
    narrative = func.coalesce(Item.narrative_id, 0)
    recent = (select(narrative.label("narrative_id"), func.count().label("n"))
              .where(Item.published_at >= since, signal)
              .group_by(narrative).subquery())
    rows = session.execute(
        select(Narrative, recent.c.n).join(recent, recent.c.narrative_id == Narrative.id)
        .order_by(recent.c.n.desc(), Narrative.last_seen.desc()).limit(limit)).all()
    return _narrative_rows(session, rows)


def narratives_page(session: Session, since: datetime | None = None, *, search: str = "",
                    limit: int = 50, offset: int = 0) -> list[NarrativeRow]:
    """A page of narratives, most recently active first."""
    query = select(Narrative, Narrative.size)
    if since is not None:
        query = query.where(Narrative.last_seen >= since)
    if search.strip():
        query = query.where(Narrative.title.ilike(f"%{search.strip()}%"))
    rows = session.execute(query.order_by(Narrative.last_seen.desc(), Narrative.id.desc())
                           .limit(limit).offset(offset)).all()
    return _narrative_rows(session, rows)


def _narrative_rows(session: Session, rows: Sequence[Any]) -> list[NarrativeRow]:
    debunk_ids = [n.debunk_item_id for n, _ in rows if n.debunk_item_id]
    debunks = {i.id: i for i in session.scalars(select(Item).where(Item.id.in_(debunk_ids)))}
    out = []
    for narrative, recent in rows:
        debunk = debunks.get(narrative.debunk_item_id or -1)
        out.append(NarrativeRow(
            id=narrative.id, title=narrative.title, first_seen=narrative.first_seen,
            last_seen=narrative.last_seen, size=narrative.size, recent=int(recent or 0),
            debunk_title=debunk.title if debunk else None,
            debunk_link=debunk.link if debunk else None))
    return out


@dataclass(frozen=True)
class NarrativeDetail:
    narrative: NarrativeRow
    per_day: list[tuple[str, int]]
    regions: list[tuple[str, int]]


def narrative_detail(session: Session, narrative_id: int, *, limit_days: int = 60
                     ) -> NarrativeDetail | None:
    """One narrative over time (items per day) and over regions (items per kab/kota)."""
    narrative = session.get(Narrative, narrative_id)
    if narrative is None:
        return None
    (row,) = _narrative_rows(session, [(narrative, narrative.size)])
    day = func.substr(func.cast(Item.published_at, String), 1, 10)
    per_day = [(str(d), int(n)) for d, n in session.execute(
        select(day, func.count()).where(Item.narrative_id == narrative_id)
        .group_by(day).order_by(day.desc()).limit(limit_days))]
    kab = func.substr(ItemRegion.region_code, 1, 5)
    counts = session.execute(
        select(kab, func.count(func.distinct(ItemRegion.item_id)))
        .join(Item, Item.id == ItemRegion.item_id)
        .where(Item.narrative_id == narrative_id, func.length(ItemRegion.region_code) >= 5)
        .group_by(kab)).all()
    names = dict(session.execute(select(Region.code, Region.name)
                                 .where(Region.code.in_([c for c, _ in counts]))).all())
    regions = sorted(((names.get(c, c), int(n)) for c, n in counts), key=lambda r: -r[1])
    return NarrativeDetail(row, sorted(per_day), regions)
