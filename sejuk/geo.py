"""Area positions for maps drawn without internet: centroids of TPS coordinates.

The gazetteer carries no coordinates (no PyPI package we found ships kecamatan or desa
centroids with Kemendagri codes; see ``sejuk/data/GAZETTEER.md``), so an area's position
is the mean of its TPS positions, or the gazetteer's own lat/lon when a future data file
has them. Areas with neither have no position, and the map says so rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import Region, Tps
from sejuk.jurisdictions import prefix_filter

LEVEL_WIDTH = {"provinsi": 2, "kabkota": 5, "kecamatan": 8, "desa": 13}


@dataclass(frozen=True)
class Position:
    code: str
    name: str
    lat: float
    lon: float
    tps: int
    source: str  # "tps" (centroid of TPS) or "gazetteer"


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
        if c not in rows and lat is not None and lon is not None:
            out[c] = Position(c, name, float(lat), float(lon), 0, "gazetteer")
    for c, (lat, lon, n) in rows.items():
        out[c] = Position(c, names.get(c, c), round(lat, 6), round(lon, 6), n, "tps")
    return out


__all__ = ["Position", "area_positions"]
