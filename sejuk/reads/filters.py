"""The choices every page's filters offer: jurisdictions, kabupaten/kota and kecamatan
that hold data, and source kinds.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import (
    Jurisdiction,
    Region,
    Source,
    Tps,
)
from sejuk.regions.jurisdictions import jurisdiction_areas


def jurisdiction_names(session: Session) -> list[str]:
    return list(session.scalars(select(Jurisdiction.name).order_by(Jurisdiction.name)))


def jurisdiction_codes(session: Session, name: str) -> tuple[str, ...]:
    """The region codes a police unit covers (its kecamatan/desa set)."""
    return tuple(jurisdiction_areas(session, name))


def kabkota_choices(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the kab/kota that have TPS or tagged items: the useful choices."""
    codes = set(session.scalars(select(func.substr(Tps.region_code, 1, 5)).distinct()))
    codes |= set(session.scalars(select(Source.region_code).where(
        Source.region_code.is_not(None)).distinct()))
    codes = {c[:5] for c in codes if c and len(c) >= 5}
    rows = session.execute(select(Region.code, Region.name).where(Region.code.in_(codes))
                           .order_by(Region.name)).all()
    return [(c, n) for c, n in rows]


def kecamatan_choices(session: Session, kabkota: str) -> list[tuple[str, str]]:
    return [(c, n) for c, n in session.execute(
        select(Region.code, Region.name).where(Region.parent_code == kabkota,
                                               Region.level == "kecamatan")
        .order_by(Region.name))]


def source_kinds(session: Session) -> list[str]:
    return sorted(k for k in session.scalars(select(Source.kind).distinct()) if k)
