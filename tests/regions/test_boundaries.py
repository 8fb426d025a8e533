"""The shipped boundaries: every gazetteer area can be drawn, points sit inside their
areas, the data is read once, and a damaged file says so."""

from __future__ import annotations

import random
from importlib import resources

import numpy as np
import pytest

from sejuk.regions import boundaries
from sejuk.regions.gazetteer import load_gazetteer


def _gaps() -> set[str]:
    text = resources.files("sejuk").joinpath("data/boundaries/desa_gaps.txt").read_text()
    return set(text.split())


def test_every_kabkota_and_kecamatan_of_the_gazetteer_has_a_shape() -> None:
    places = load_gazetteer()
    for level in ("provinsi", "kabkota", "kecamatan"):
        codes = [p.code for p in places if p.level == level]
        assert codes
        assert boundaries.missing(codes) == [], level
    assert len(boundaries.shapes("kabkota")) == 514
    assert len(boundaries.shapes("kecamatan")) == 7285


def test_desa_without_centroid_are_exactly_the_listed_known_gaps() -> None:
    desa = [p.code for p in load_gazetteer() if p.level == "desa"]
    lacking = set(boundaries.missing(desa))
    assert lacking == _gaps()
    assert len(lacking) < 0.01 * len(desa)  # 508 of 83,762 (README, BOUNDARIES.md)


def test_label_points_fall_inside_their_polygons() -> None:
    for level in boundaries.LEVELS:
        outside = [s.code for s in boundaries.shapes(level).values()
                   if not s.contains(*s.label)]
        assert outside == [], (level, outside[:5])


def test_desa_centroids_fall_inside_their_kecamatan_for_a_sample() -> None:
    rng = random.Random(17)
    centroids = boundaries.desa_centroids()
    sample = rng.sample(sorted(centroids), 800)
    outside = [code for code in sample
               if not boundaries.shapes("kecamatan")[code[:8]].contains(*centroids[code])]
    assert outside == []


def test_exterior_rings_run_clockwise_for_plotly() -> None:
    """d3-geo fills the whole globe *outside* a counter-clockwise exterior ring."""
    for shape in boundaries.shapes("kabkota").values():
        for polygon in shape.polygons:
            ring = polygon[0]
            x, y = ring[:, 0], ring[:, 1]
            signed = float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))
            assert signed < 0, shape.code


def test_a_known_area_is_where_it_should_be() -> None:
    plumbon = boundaries.shape("32.09.18")
    assert plumbon is not None and plumbon.name == "Plumbon"
    lon, lat = plumbon.label
    assert 108.3 < lon < 108.6 and -6.9 < lat < -6.6
    assert boundaries.shape("32.09").contains(lon, lat)  # type: ignore[union-attr]
    assert not boundaries.shape("32.74").contains(lon, lat)  # type: ignore[union-attr]
    desa = boundaries.point("32.09.18.2001")
    assert desa is not None and plumbon.contains(*desa)


def test_loaded_once_per_process() -> None:
    assert boundaries.shapes("kecamatan") is boundaries.shapes("kecamatan")
    assert boundaries.desa_centroids() is boundaries.desa_centroids()


def test_scope_selection_and_geojson() -> None:
    cirebon = boundaries.areas_in("kecamatan", ["32.09"])
    assert len(cirebon) == 40 and all(s.code.startswith("32.09.") for s in cirebon)
    # a jurisdiction given as desa codes keeps the kecamatan holding them
    assert [s.code for s in boundaries.areas_in("kecamatan", ["32.09.15.1001"])] == ["32.09.15"]
    collection = boundaries.feature_collection(cirebon[:2])
    feature = collection["features"][0]
    assert feature["id"] == cirebon[0].code and feature["geometry"]["type"] == "MultiPolygon"
    ring = feature["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1] and len(ring[0]) == 2


def test_a_damaged_boundary_file_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    boundaries._raw_level.cache_clear()
    monkeypatch.setattr(boundaries, "_read", lambda name: b"not gzip at all")
    try:
        with pytest.raises(boundaries.BoundaryDataError, match=r"kecamatan\.json\.gz is damaged"):
            boundaries._raw_level("kecamatan")
    finally:
        monkeypatch.undo()
        boundaries._raw_level.cache_clear()


def test_licence_ships_with_the_data() -> None:
    folder = resources.files("sejuk").joinpath("data/boundaries")
    licence = folder.joinpath("LICENSE").read_text()
    assert "MIT License" in licence and "Cahya DSN" in licence
    assert "cahyadsn/wilayah_boundaries" in folder.joinpath("BOUNDARIES.md").read_text()
