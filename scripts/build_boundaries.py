"""Build ``sejuk/data/boundaries/``: the offline map of Indonesia the product draws.

Where the data comes from
-------------------------
``../shared/data/boundaries/`` (or ``--source DIR``): GeoJSON of the 38 provinces, 514
kabupaten/kota and 7,285 kecamatan and a CSV of 83,254 desa/kelurahan centroids, keyed by
Kemendagri code, converted from the public repository ``cahyadsn/wilayah_boundaries``
(MIT, Copyright (c) 2024 Cahya DSN). The licence is copied next to the output, as MIT
requires.

What this script changes, and why
---------------------------------
* **Valid polygons.** The source stores each area as rings without saying which are
  holes, and ~10% of its simplified rings cross themselves. Each ring is repaired with
  ``shapely.make_valid`` and the rings of one area are combined even-odd (a ring inside
  another is a hole, e.g. a kota enclosed by its kabupaten), so every shipped area is a
  valid (Multi)Polygon.
* **Winding.** Exterior rings run clockwise, holes counter-clockwise: the order d3-geo
  (plotly's geo subplot) expects. RFC 7946's opposite order makes d3 fill the whole globe
  *except* the area.
* **Label points.** 235 kecamatan centroids of the source fall outside their own polygon
  (coasts, crescents); every area gets ``shapely.polylabel``'s pole of inaccessibility, a
  point well inside it, for markers and names.
* **Desa centroids** that lie outside their own kecamatan's polygon (the two come from
  different simplifications) are moved to the nearest point 100 m inside it, so a desa's
  items never appear in the neighbouring kecamatan. Their number is printed.
* **Size.** Kabupaten/kota and kecamatan keep the source's detail (already simplified by
  it, 4 decimals: ~11 m). Provinces are only the grey backdrop of a country-wide view and
  are simplified to 0.01 degree (~1 km). Coordinates are stored as integers in units of
  1e-4 degree, each ring as deltas from its previous point (TopoJSON's quantisation
  without shared arcs), which keeps the gzip files small (see BOUNDARIES.md).

Output (``sejuk/data/boundaries/``)
-----------------------------------
* ``provinsi.json.gz``, ``kabkota.json.gz``, ``kecamatan.json.gz``:
  ``{"level", "scale", "features": [{"code", "name", "label": [x, y], "bbox": [x0, y0,
  x1, y1], "polygons": [[ring, ...], ...]}]}`` where ``x``/``y`` are longitude/latitude
  times ``scale`` and a ring is ``[x0, y0, dx1, dy1, ...]`` (first point absolute, then
  deltas), exterior ring first;
* ``desa.csv.gz``: ``code,lat,lon`` (5 decimals);
* ``desa_gaps.txt``: desa/kelurahan codes of Sejuk's gazetteer without a centroid in
  the source (items there are placed by their desa's TPS, else at their kecamatan);
* ``LICENSE`` (the source's MIT notice); ``BOUNDARIES.md`` beside them is written by hand.

Every file is written with gzip mtime 0 and sorted by code: the same source gives the same
bytes. Needs ``shapely`` (in the ``test`` extra).

How to rerun
------------
::

    python scripts/build_boundaries.py [--source ../shared/data/boundaries]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from shapely import STRtree, make_valid
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points, polylabel, unary_union

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data" / "boundaries"
DEFAULT_OUTPUT = REPO_ROOT / "sejuk" / "data" / "boundaries"
SCALE = 10_000
LEVELS = {"prov": "provinsi", "kab": "kabkota", "kec": "kecamatan"}
SIMPLIFY = {"provinsi": 0.01}
#: How far inside its kecamatan a stray desa centroid is put (degrees, ~100 m).
INSIDE = 0.001


def _polygons(geometry: Any) -> list[Polygon]:
    """The polygons of any shapely geometry (lines and points of a repair are dropped)."""
    if isinstance(geometry, Polygon):
        return [geometry] if not geometry.is_empty else []
    if hasattr(geometry, "geoms"):
        return [p for g in geometry.geoms for p in _polygons(g)]
    return []


def _ring_polygon(ring: list[list[float]]) -> Any:
    if len(ring) < 4:
        return Polygon()
    return MultiPolygon(_polygons(make_valid(Polygon(ring))))


def repair(geometry: dict[str, Any]) -> MultiPolygon:
    """A valid MultiPolygon from the source's rings, combined even-odd."""
    if geometry["type"] == "Polygon":
        rings = geometry["coordinates"]
    else:
        rings = [ring for polygon in geometry["coordinates"] for ring in polygon]
    unique = {p.wkb: p for ring in rings for p in _polygons(_ring_polygon(ring))}
    parts = list(unique.values())
    # Even-odd without an O(n^2) chain of symmetric differences: a part lying (90% of
    # it: the source simplified holes and outlines separately) inside an odd number of
    # larger parts is a hole.
    tree = STRtree(parts)
    solid, holes = [], []
    for part in parts:
        depth = sum(1 for i in tree.query(part) if parts[i].area > part.area
                    and parts[i].intersection(part).area > 0.9 * part.area)
        (holes if depth % 2 else solid).append(part)
    shape = unary_union(solid)
    if holes:
        shape = shape.difference(unary_union(holes))
    return MultiPolygon([orient(p, sign=-1.0) for p in _polygons(make_valid(shape))])


def encode_ring(coords: Iterable[tuple[float, float]]) -> list[int]:
    out: list[int] = []
    px = py = 0
    points = [(round(x * SCALE), round(y * SCALE)) for x, y in coords]
    deduped = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    for i, (x, y) in enumerate(deduped):
        out.extend((x, y) if i == 0 else (x - px, y - py))
        px, py = x, y
    return out


def _area2(ring: list[int]) -> int:
    """Twice the signed area of an encoded ring (negative: clockwise)."""
    xs, ys, x, y = [], [], 0, 0
    for i in range(0, len(ring), 2):
        x, y = (ring[i], ring[i + 1]) if i == 0 else (x + ring[i], y + ring[i + 1])
        xs.append(x)
        ys.append(y)
    return sum(xs[i] * ys[i + 1] - xs[i + 1] * ys[i] for i in range(len(xs) - 1))


def feature(code: str, name: str, shape: MultiPolygon) -> dict[str, Any]:
    label = polylabel(max(shape.geoms, key=lambda p: p.area), tolerance=0.0005)
    x0, y0, x1, y1 = shape.bounds
    polygons = []
    for polygon in shape.geoms:
        rings = [encode_ring(polygon.exterior.coords)]
        rings += [r for r in (encode_ring(hole.coords) for hole in polygon.interiors)
                  if _area2(r)]
        if _area2(rings[0]) < 0:  # islets that quantisation flattens are dropped
            polygons.append(rings)
    return {"code": code, "name": name,
            "label": [round(label.x * SCALE), round(label.y * SCALE)],
            "bbox": [round(x0 * SCALE), round(y0 * SCALE), round(x1 * SCALE),
                     round(y1 * SCALE)],
            "polygons": polygons}


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="",
                       compresslevel=9) as handle:
        handle.write(data)
    return buffer.getvalue()


def build_level(source: Path, short: str, out: Path) -> dict[str, MultiPolygon]:
    level = LEVELS[short]
    with gzip.open(source / f"{short}.geojson.gz", "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    shapes: dict[str, MultiPolygon] = {}
    rows = []
    for f in sorted(features, key=lambda f: f["properties"]["kode"]):
        code, name = f["properties"]["kode"], f["properties"]["nama"]
        shape = repair(f["geometry"])
        tolerance = SIMPLIFY.get(level)
        if tolerance:
            shape = MultiPolygon([orient(p, sign=-1.0) for p in _polygons(
                shape.simplify(tolerance, preserve_topology=True))])
        if shape.is_empty or not shape.is_valid:
            raise SystemExit(f"{level} {code}: no valid polygon after repair")
        shapes[code] = shape
        rows.append(feature(code, name, shape))
    payload = json.dumps({"level": level, "scale": SCALE, "features": rows},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (out / f"{level}.json.gz").write_bytes(gzip_bytes(payload))
    points = sum(len(r) // 2 for f in rows for p in f["polygons"] for r in p)
    print(f"{level:<10} {len(rows):>6} areas {points:>8,} points "
          f"{(out / f'{level}.json.gz').stat().st_size:>10,} bytes")
    return shapes


def build_desa(source: Path, out: Path, kecamatan: dict[str, MultiPolygon]) -> None:
    moved = 0
    lines = ["code,lat,lon"]
    inner: dict[str, Any] = {}
    with gzip.open(source / "desa_centroids.csv.gz", "rt", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["kode"])
    for row in rows:
        code, lat, lon = row["kode"], float(row["lat"]), float(row["lng"])
        shape = kecamatan.get(code[:8])
        if shape is not None and not shape.covers(Point(lon, lat)):
            if code[:8] not in inner:
                shrunk = shape.buffer(-INSIDE)
                inner[code[:8]] = shrunk if not shrunk.is_empty else shape
            target = nearest_points(inner[code[:8]], Point(lon, lat))[0]
            lon, lat = target.x, target.y
            moved += 1
        lines.append(f"{code},{lat:.5f},{lon:.5f}")
    (out / "desa.csv.gz").write_bytes(gzip_bytes(("\n".join(lines) + "\n").encode("utf-8")))
    print(f"desa       {len(rows):>6} centroids, {moved} moved inside their kecamatan "
          f"{(out / 'desa.csv.gz').stat().st_size:>10,} bytes")


def write_gaps(out: Path, shapes: dict[str, dict[str, MultiPolygon]]) -> None:
    """Check every gazetteer code against the shipped data; list the desa without one."""
    gazetteer = REPO_ROOT / "sejuk" / "data" / "gazetteer.csv.gz"
    with gzip.open(gazetteer, "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with gzip.open(out / "desa.csv.gz", "rt", encoding="utf-8") as handle:
        desa = {r["code"] for r in csv.DictReader(handle)}
    short = {"provinsi": "prov", "kabkota": "kab", "kecamatan": "kec"}
    for level, key in short.items():
        lacking = [r["code"] for r in rows if r["level"] == level and r["code"] not in shapes[key]]
        if lacking:
            raise SystemExit(f"{len(lacking)} {level} of the gazetteer have no shape: "
                             f"{', '.join(lacking[:10])}")
    gaps = [r["code"] for r in rows if r["level"] == "desa" and r["code"] not in desa]
    (out / "desa_gaps.txt").write_text("".join(f"{code}\n" for code in gaps), encoding="utf-8")
    print(f"gazetteer: every provinsi, kabkota and kecamatan has a shape; {len(gaps)} desa "
          "have no centroid (desa_gaps.txt)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not (args.source / "kec.geojson.gz").exists():
        print(f"no boundary data in {args.source}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    shapes = {}
    for short in LEVELS:
        shapes[short] = build_level(args.source, short, args.out)
    build_desa(args.source, args.out, shapes["kec"])
    write_gaps(args.out, shapes)
    shutil.copyfile(args.source / "LICENSE", args.out / "LICENSE")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
