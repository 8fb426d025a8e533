"""Area positions for maps drawn without internet.

An area's position is the mean of its TPS coordinates when the roster has them (where the
voters are), else the shipped boundary data's point for it (:mod:`sejuk.regions.boundaries`: a
desa's centroid, a kecamatan's or kabupaten's label point inside its polygon). Only codes
the boundary data lacks (``desa_gaps.txt``) and no TPS places have no position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import Region, Tps
from sejuk.regions import boundaries
from sejuk.signals import LEVEL_WIDTH, prefix_filter


@dataclass(frozen=True)
class Position:
    code: str
    name: str
    lat: float
    lon: float
    tps: int
    source: str  # "tps" (mean of its TPS), "boundary" (shipped data) or "gazetteer"


def area_positions(session: Session, level: str = "kecamatan",
                   prefixes: Sequence[str] | None = None) -> dict[str, Position]:
    """Code -> position for every area at ``level`` with TPS coordinates (or gazetteer ones)."""
    if level not in LEVEL_WIDTH:
        raise ValueError(f"level must be one of {', '.join(LEVEL_WIDTH)}")
    width = LEVEL_WIDTH[level]
    code = func.substr(Tps.region_code, 1, width)
    query = (select(code, func.avg(Tps.lat), func.avg(Tps.lon), func.count())
             .where(Tps.lat.is_not(None), Tps.lon.is_not(None)).group_by(code))
    where = prefix_filter(Tps.region_code, prefixes)
    if where is not None:
        query = query.where(where)
    rows = {c: (float(lat), float(lon), int(n)) for c, lat, lon, n in session.execute(query)}
    gaz_query = select(Region.code, Region.name, Region.lat, Region.lon).where(
        Region.level == level)
    gaz_where = prefix_filter(Region.code, prefixes)
    if gaz_where is not None:
        gaz_query = gaz_query.where(gaz_where)
    out: dict[str, Position] = {}
    names: dict[str, str] = {}
    for c, name, lat, lon in session.execute(gaz_query):
        names[c] = name
        if c in rows:
            continue
        point = boundaries.point(c)
        if point is not None:
            out[c] = Position(c, name, point[1], point[0], 0, "boundary")
        elif lat is not None and lon is not None:
            out[c] = Position(c, name, float(lat), float(lon), 0, "gazetteer")
    for c, (lat, lon, n) in rows.items():
        out[c] = Position(c, names.get(c, c), round(lat, 6), round(lon, 6), n, "tps")
    return out


__all__ = ["Position", "area_positions"]
