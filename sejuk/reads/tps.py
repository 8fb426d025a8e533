"""Reads of the TPS page: the roster, paged, with each TPS's level and where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk.db.models import (
    Region,
    Tps,
)
from sejuk.signals import (
    prefix_filter,
)


@dataclass(frozen=True)
class TpsRow:
    id: int
    region_code: str
    desa: str
    kecamatan: str
    number: int
    voters: int
    special_kind: str | None
    level: int
    computed_level: int
    assessed_level: int | None
    override_level: int | None
    override_reason: str | None
    override_by: str | None
    indicators: dict[str, Any]


def tps_page(session: Session, *, region_prefix: str | None = None, level: int | None = None,
             overridden_only: bool = False, limit: int = 100, offset: int = 0
             ) -> list[TpsRow]:
    query = select(Tps)
    if region_prefix:
        query = query.where(prefix_filter(Tps.region_code, [region_prefix]))
    if level:
        query = query.where(Tps.level == level)
    if overridden_only:
        query = query.where(Tps.override_level.is_not(None))
    tps = list(session.scalars(query.order_by(Tps.level.desc(), Tps.region_code, Tps.number)
                               .limit(limit).offset(offset)))
    codes = {t.region_code for t in tps} | {t.region_code[:8] for t in tps}
    names = dict(session.execute(select(Region.code, Region.name)
                                 .where(Region.code.in_(codes))).all())
    return [TpsRow(t.id, t.region_code, names.get(t.region_code, t.region_code),
                   names.get(t.region_code[:8], t.region_code[:8]), t.number, t.voters,
                   t.special_kind, t.level, t.computed_level, t.assessed_level,
                   t.override_level, t.override_reason, t.override_by, dict(t.indicators or {}))
            for t in tps]
