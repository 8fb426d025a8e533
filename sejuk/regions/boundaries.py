"""Indonesia's administrative boundaries, shipped with Sejuk: maps without a tile server.

Polygons of the 38 provinces, 514 kabupaten/kota and 7,285 kecamatan and the centroids of
83,254 desa/kelurahan, keyed by Kemendagri code (``sejuk/data/boundaries/``, built by
``scripts/build_boundaries.py`` from MIT-licensed data; ``BOUNDARIES.md`` there names the
source). Each level is read and decoded once per process (``lru_cache``): a dashboard
serving many analysts pays for it once, and a CLI run that draws no map never does.

Everything here is pure: no database, no network. Coordinates are ``(lon, lat)`` in
degrees; rings are closed and exterior rings run clockwise (the order d3-geo, and so
plotly's geo subplot, expects).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from sejuk.signals.areas import LEVEL_WIDTH, overlaps

LEVELS: tuple[str, ...] = ("provinsi", "kabkota", "kecamatan")

#: A closed ring as an ``(n, 2)`` float array of ``(lon, lat)``.
Ring = np.ndarray


class BoundaryDataError(RuntimeError):
    """The shipped boundary files are missing or damaged (a broken installation)."""


@dataclass(frozen=True)
class Shape:
    """One area's outline: polygons (exterior ring first, then holes), a point well inside
    it for its marker and name, and its bounding box ``(lon0, lat0, lon1, lat1)``."""

    code: str
    name: str
    level: str
    polygons: tuple[tuple[Ring, ...], ...]
    label: tuple[float, float]
    bbox: tuple[float, float, float, float]

    def contains(self, lon: float, lat: float) -> bool:
        """Even-odd point-in-polygon over every ring (holes excluded)."""
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            return False
        inside = False
        for polygon in self.polygons:
            for ring in polygon:
                inside ^= _in_ring(ring, lon, lat)
        return inside

    def geojson(self) -> dict[str, Any]:
        return {"type": "MultiPolygon",
                "coordinates": [[ring.tolist() for ring in polygon]
                                for polygon in self.polygons]}


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    xs, ys = ring[:, 0], ring[:, 1]
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    crosses = (ys > y) != (yj > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = (xj - xs) * (y - ys) / (yj - ys) + xs
    return bool(np.count_nonzero(crosses & (x < at)) % 2)


def _decode_ring(values: Sequence[int], scale: float) -> Ring:
    ring = np.cumsum(np.asarray(values, dtype=np.int64).reshape(-1, 2), axis=0) / scale
    if len(ring) and (ring[0] != ring[-1]).any():
        ring = np.vstack([ring, ring[:1]])
    return ring


def _read(name: str) -> bytes:
    try:
        return resources.files("sejuk").joinpath(f"data/boundaries/{name}").read_bytes()
    except (FileNotFoundError, OSError) as exc:
        raise BoundaryDataError(f"boundary file {name} is missing from the installation "
                                "(rebuild with scripts/build_boundaries.py)") from exc


@lru_cache(maxsize=len(LEVELS))
def _raw_level(level: str) -> dict[str, Any]:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    try:
        data: dict[str, Any] = json.loads(gzip.decompress(_read(f"{level}.json.gz")))
    except (OSError, ValueError, EOFError) as exc:
        raise BoundaryDataError(f"boundary file {level}.json.gz is damaged: {exc}") from exc
    return data


@lru_cache(maxsize=len(LEVELS))
def shapes(level: str) -> dict[str, Shape]:
    """Code -> shape for every area of ``level`` (decoded once per process)."""
    raw = _raw_level(level)
    scale = float(raw["scale"])
    out: dict[str, Shape] = {}
    for f in raw["features"]:
        polygons = tuple(tuple(_decode_ring(ring, scale) for ring in polygon)
                         for polygon in f["polygons"])
        x0, y0, x1, y1 = (v / scale for v in f["bbox"])
        out[f["code"]] = Shape(f["code"], f["name"], level, polygons,
                               (f["label"][0] / scale, f["label"][1] / scale),
                               (x0, y0, x1, y1))
    return out


@lru_cache(maxsize=1)
def desa_centroids() -> dict[str, tuple[float, float]]:
    """Desa/kelurahan code -> ``(lon, lat)`` of its centroid."""
    text = gzip.decompress(_read("desa.csv.gz")).decode("utf-8")
    return {row["code"]: (float(row["lon"]), float(row["lat"]))
            for row in csv.DictReader(io.StringIO(text))}


def level_of(code: str) -> str:
    for level, width in LEVEL_WIDTH.items():
        if len(code) == width:
            return level
    raise ValueError(f"not a Kemendagri code: {code!r}")


def shape(code: str) -> Shape | None:
    """The shape of a province, kabupaten/kota or kecamatan code (None for a desa or gap)."""
    level = level_of(code)
    return shapes(level).get(code) if level in LEVELS else None


def point(code: str) -> tuple[float, float] | None:
    """Where to put a marker for ``code``: a desa's centroid, else the area's label point
    (inside its polygon). None when the shipped data has no such code."""
    if len(code) >= LEVEL_WIDTH["desa"]:
        return desa_centroids().get(code[:LEVEL_WIDTH["desa"]])
    found = shape(code)
    return found.label if found else None


def areas_in(level: str, prefixes: Sequence[str] | None) -> list[Shape]:
    """The shapes of ``level`` inside (or overlapping) the given area codes; every area of
    the level when ``prefixes`` is None. A jurisdiction given as desa codes keeps the
    kecamatan holding them."""
    table = shapes(level)
    if prefixes is None:
        return list(table.values())
    return [s for code, s in table.items() if overlaps(code, prefixes)]


def bounds(items: Iterable[Shape]) -> tuple[float, float, float, float] | None:
    boxes = [s.bbox for s in items]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _snapped(ring: Ring, grid: float) -> Ring | None:
    """The ring snapped to a grid of ``grid`` degrees, repeated points dropped. Neighbours
    share their border's vertices, so they snap alike: no slivers open between them."""
    cells = np.round(ring / grid)
    keep = np.ones(len(cells), dtype=bool)
    keep[1:] = (cells[1:] != cells[:-1]).any(axis=1)
    kept = cells[keep]
    if len(kept) < 4:
        return None
    # An array, not nested lists: plotly deep-copies a figure's lists item by item (a
    # province's geometry costed more than its database reads) and writes arrays as lists.
    return np.round(kept * grid, 5)


def geometry(shape: Shape, grid: float = 0.0) -> dict[str, Any]:
    """GeoJSON geometry of ``shape``; with ``grid`` > 0, simplified for display by
    snapping to that grid (a fraction of a screen pixel at the map's scale)."""
    if grid <= 0:
        return shape.geojson()
    polygons = []
    for polygon in shape.polygons:
        rings = [_snapped(ring, grid) for ring in polygon]
        if rings[0] is not None:
            polygons.append([r for r in rings if r is not None])
    if not polygons:
        return shape.geojson()
    return {"type": "MultiPolygon", "coordinates": polygons}


def feature_collection(items: Iterable[Shape], grid: float = 0.0) -> dict[str, Any]:
    """GeoJSON for plotly (``featureidkey="id"``): only the areas drawn, never the country;
    ``grid`` simplifies for display (see :func:`geometry`)."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": s.code, "properties": {"name": s.name},
                          "geometry": geometry(s, grid)} for s in items]}


def missing(codes: Iterable[str]) -> list[str]:
    """The codes (provinsi to desa) the shipped data cannot place: known gaps."""
    out = []
    for code in codes:
        level = level_of(code)
        table: Any = desa_centroids() if level == "desa" else shapes(level)
        if code not in table:
            out.append(code)
    return out


def iter_levels() -> Iterator[tuple[str, dict[str, Shape]]]:
    for level in LEVELS:
        yield level, shapes(level)


__all__ = ["LEVELS", "BoundaryDataError", "Shape", "areas_in", "bounds", "desa_centroids",
           "feature_collection", "geometry", "level_of", "missing", "point", "shape", "shapes"]
