"""Maps on the demo: the read model (every area, positions everywhere, the outreach plan's
score), the static SVG/PDF map (hostile names escaped), and the digest and printable plan
carrying their map."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fpdf import FPDF
from sqlalchemy import func, insert, select, update

from sejuk.access.auth import Principal
from sejuk.db.models import Item, ItemRegion, Source, Tps
from sejuk.digest import render
from sejuk.digest.service import make_digest
from sejuk.maps import svg as staticmap
from sejuk.maps.style import METRICS
from sejuk.maps.view import MapArea, MapData, MapMarker, MapTps, map_data
from sejuk.outreach.gather import plan_recommendations
from sejuk.outreach.printable import build_printable, render_html, render_pdf
from sejuk.regions import boundaries
from sejuk.workspace import Workspace, open_workspace

HOSTILE = '<script>alert("x")</script> & "Kec." <img src=x onerror=alert(1)>'


@pytest.fixture
def demo_copy(demo_home: Path, copy_workspace: Callable[[Path], Path]) -> Workspace:
    ws = open_workspace(copy_workspace(demo_home))
    yield ws  # type: ignore[misc]
    ws.close()


def test_a_polres_map_has_every_kecamatan_tps_and_the_outreach_score(
        demo_workspace: Workspace, demo_day: date) -> None:
    ws = demo_workspace
    with ws.session() as session:
        data = map_data(session, ws.settings, scope="Polres Cirebon", day=demo_day,
                        window_days=3)
        tps_total = session.scalar(select(func.count()).select_from(Tps)
                                   .where(Tps.region_code.startswith("32.09.")))
        plan = plan_recommendations(session, ws.settings, day=demo_day,
                                    jurisdiction="Polres Cirebon")
    assert data.level == "kecamatan" and data.outline_level == "kabkota"
    assert {a.code for a in data.areas} == {s.code for s in
                                            boundaries.areas_in("kecamatan", ["32.09"])}
    assert data.outlines == ["32.09"]
    assert len(data.tps) == tps_total and tps_total > 0
    assert data.unplaced == []
    # the colour is the score the outreach plan ranks by (same days, same engine)
    first = plan.recommendations[0].area
    top = next(a for a in data.areas if a.rank == 1)
    assert (top.code, round(top.score, 3)) == (first.code, round(first.score, 3))
    assert top.reasons and any("TPS" in r for r in top.reasons)


def test_a_province_map_colours_kabkota_and_can_show_every_kecamatan(
        demo_workspace: Workspace, demo_day: date) -> None:
    ws = demo_workspace
    with ws.session() as session:
        kab = map_data(session, ws.settings, scope="Polda Jawa Barat", day=demo_day)
        kec = map_data(session, ws.settings, scope="Polda Jawa Barat", day=demo_day,
                       level="kecamatan")
        everywhere = map_data(session, ws.settings, scope=None, day=demo_day)
    assert kab.level == "kabkota" and len(kab.areas) == 27 and kab.outlines == ["32"]
    assert len(kec.areas) == len(boundaries.areas_in("kecamatan", ["32"])) > 600
    assert {a.code[:2] for a in everywhere.areas} == {"32", "35", "73"}  # provinces with data


def test_positions_everywhere_tps_and_desa_without_coordinates(
        demo_copy: Workspace, demo_day: date) -> None:
    """A TPS without coordinates sits at its desa's centroid; items about a desa with no
    TPS get a marker at the desa's centroid; nothing is dropped."""
    ws = demo_copy
    quiet_desa = "32.09.18.2001"  # a desa of Plumbon without demo TPS
    now = datetime.now(UTC)
    with ws.session() as session:
        assert not session.scalar(select(func.count()).select_from(Tps)
                                  .where(Tps.region_code == quiet_desa))
        tps_id = session.scalar(select(Tps.id).where(Tps.region_code.startswith("32.09."))
                                .order_by(Tps.id).limit(1))
        tps_code = session.scalar(select(Tps.region_code).where(Tps.id == tps_id))
        session.execute(update(Tps).where(Tps.id == tps_id).values(lat=None, lon=None))
        source_id = session.scalar(select(Source.id).limit(1))
        item_id = session.scalar(select(func.max(Item.id))) + 1
        session.execute(insert(Item), [{
            "id": item_id, "url": "https://x.example/1", "link": "https://x.example/1",
            "guid": "map-test", "source_id": source_id, "kind": "article",
            "title": "Warga desa berkumpul", "text": "Warga desa berkumpul",
            "published_at": now - timedelta(hours=1), "fetched_at": now, "language": "id",
            "hashtags": [], "content_hash": "map-test", "is_debunk": False}])
        session.execute(insert(ItemRegion), [{"item_id": item_id, "region_code": quiet_desa,
                                              "level": "desa", "evidence": "test"}])
    with ws.session() as session:
        data = map_data(session, ws.settings, scope="32.09", day=demo_day, window_days=3)
    moved = next(t for t in data.tps if t.id == tps_id)
    assert moved.placed == "desa" and (moved.lon, moved.lat) == boundaries.point(tps_code)
    marker = next(m for m in data.markers if m.code == quiet_desa)
    assert marker.placed == "desa" and (marker.lon, marker.lat) == boundaries.point(quiet_desa)
    assert boundaries.shape("32.09.18").contains(marker.lon, marker.lat)  # type: ignore[union-attr]
    assert data.unplaced == []


def _hostile_map() -> MapData:
    areas = [MapArea("32.09.18", HOSTILE, "kecamatan", score=4.2, flagged=5, rank=1,
                     tps={"Sangat Rawan": 1, "Rawan": 1, "Kurang Rawan": 0}, tps_total=2,
                     reasons=(HOSTILE,)),
             MapArea("32.09.15", "Sumber", "kecamatan")]
    tps = [MapTps(1, "32.09.18.2001", HOSTILE, 1, 3, 250, 108.47, -6.74, "roster")]
    markers = [MapMarker("32.09.18.2001", HOSTILE, 108.47, -6.74, 3, 2, 1, "desa")]
    return MapData(HOSTILE, ("32.09",), "kecamatan", "kabkota", date(2026, 11, 26), 3, areas,
                   ["32.09"], tps, markers, [])


def test_hostile_area_names_are_escaped_in_the_svg() -> None:
    svg = staticmap.to_svg(staticmap.picture(_hostile_map(), title=HOSTILE))
    root = ET.fromstring(svg)  # well-formed: nothing broke out of an attribute or element
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert tags <= {"svg", "title", "rect", "path", "circle", "text"}
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg and "onerror=alert(1)&gt;" in svg
    texts = [e.text for e in root.iter() if e.tag.endswith("text") and e.text]
    assert HOSTILE in texts  # shown as the literal name it is


def test_the_static_map_numbers_the_top_areas_and_has_a_legend() -> None:
    picture = staticmap.picture(_hostile_map(), marks=[("32.09.18", 1), ("32.09.15", 2)])
    assert [(lab.rank, lab.text) for lab in picture.labels] == [(1, HOSTILE), (2, "Sumber")]
    assert picture.legend == tuple(METRICS["priority"].classes("id"))
    fills = {a.code: a.fill for a in picture.areas}
    assert fills["32.09.18"] == METRICS["priority"].colour(4.2) != fills["32.09.15"]
    pdf = FPDF()
    pdf.add_page()
    height = staticmap.draw_pdf(pdf, picture, 10, 10, 180,
                                text=lambda s: s.encode("latin-1", "replace").decode("latin-1"))
    assert 100 < height < 130 and bytes(pdf.output()).startswith(b"%PDF")


def test_digest_html_carries_the_map_and_json_does_not(demo_workspace: Workspace,
                                                       demo_day: date) -> None:
    digest = make_digest(demo_workspace, demo_day, "Polres Cirebon")
    assert digest.map_svg.startswith("<svg") and 'aria-label="Peta prioritas' in digest.map_svg
    html = render(digest, "html")
    assert html.count("<svg") == 2  # the 8-day chart and the map
    for rank, area in enumerate(digest.priorities, start=1):
        assert f">{rank}</text>" in digest.map_svg and area.name in digest.map_svg
    assert "map_svg" not in render(digest, "json")
    assert "<svg" not in render(digest, "md") and "<svg" not in render(digest, "txt")


def test_printable_plan_carries_the_map_in_html_and_pdf(demo_workspace: Workspace,
                                                        demo_day: date) -> None:
    ws = demo_workspace
    with ws.session() as session:
        plan = build_printable(session, ws.settings, kecamatan="32.09.18", day=demo_day,
                               principal=Principal("kasat", "viewer"))
    assert plan.map is not None
    assert [a.code for a in plan.map.areas if a.highlight] == ["32.09.18"]
    html = render_html(plan)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "Plumbon" in plan.map_svg
    pdf = render_pdf(plan)
    without = render_pdf(dataclasses.replace(plan, map=None))
    assert pdf.startswith(b"%PDF") and len(pdf) > len(without) + 3_000  # the drawn polygons
