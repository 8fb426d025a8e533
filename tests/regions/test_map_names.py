"""The interactive map writes only names that do not cover one another: the ranked areas
first, then the larger ones; the real town kecamatan of Cirebon, whose names were printed
over each other, are thinned at the Peta page's size and all written on a big canvas."""

from __future__ import annotations

from datetime import date

from dashboard.mapfigure import build_figure
from sejuk.maps.names import NameSpot, readable
from sejuk.maps.view import MapArea, MapData
from sejuk.regions import boundaries

BOX = (108.0, -7.0, 109.0, -6.0)


def test_names_far_apart_are_all_written() -> None:
    spots = [NameSpot("a", "Plumbon", 108.1, -6.1), NameSpot("b", "Weru", 108.9, -6.9)]
    assert [s.code for s in readable(spots, BOX, 700, 11)] == ["a", "b"]


def test_of_two_names_on_one_spot_the_ranked_area_wins_over_a_larger_one() -> None:
    big = NameSpot("big", "Kedawung", 108.5, -6.5, size=9.0)
    ranked = NameSpot("ranked", "Plumbon", 108.5, -6.5, rank=1, size=0.1)
    assert [s.code for s in readable([big, ranked], BOX, 700, 11)] == ["ranked"]


def test_of_two_ranked_names_on_one_spot_the_higher_rank_wins() -> None:
    second = NameSpot("second", "Weru", 108.5, -6.5, rank=2, size=9.0)
    first = NameSpot("first", "Plumbon", 108.5, -6.5, rank=1, size=0.1)
    assert [s.code for s in readable([second, first], BOX, 700, 11)] == ["first"]


def test_among_unranked_names_the_larger_area_keeps_its_name() -> None:
    small = NameSpot("small", "Depok", 108.5, -6.5, size=0.2)
    large = NameSpot("large", "Sumber", 108.5, -6.501, size=3.0)
    assert [s.code for s in readable([small, large], BOX, 700, 11)] == ["large"]


def test_a_longer_name_reaches_further_sideways() -> None:
    # 0.05 degrees of longitude is about 35 pixels here: room beside a short name, not
    # beside a long one
    left = NameSpot("left", "Abc", 108.50, -6.5, rank=1)
    assert len(readable([left, NameSpot("r", "Def", 108.55, -6.5)], BOX, 700, 11)) == 2
    long_left = NameSpot("left", "Karangsembung", 108.50, -6.5, rank=1)
    assert len(readable([long_left, NameSpot("r", "Def", 108.55, -6.5)], BOX, 700, 11)) == 1


def _cirebon() -> list[NameSpot]:
    shapes = boundaries.shapes("kecamatan")
    return [NameSpot(code, s.name, *s.label,
                     size=(s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]))
            for code, s in shapes.items() if code.startswith("32.09.")]


def test_cirebon_town_names_are_thinned_at_page_size_and_all_fit_a_big_canvas() -> None:
    spots = _cirebon()
    box = boundaries.bounds(boundaries.shapes("kecamatan")[s.code] for s in spots)
    assert box is not None
    at_page = {s.text for s in readable(spots, box, 700, 9)}
    town = {"Plumbon", "Depok", "Weru", "Plered"}
    assert town - at_page  # the four could not all be read at 700 pixels
    assert len(at_page) >= len(spots) // 2  # most of the regency is still named
    assert {s.text for s in readable(spots, box, 20_000, 9)} == {s.text for s in spots}


def test_the_figure_writes_the_readable_names_and_keeps_every_name_on_hover() -> None:
    spots = _cirebon()
    areas = [MapArea(s.code, s.text, "kecamatan", score=4.0 if s.text == "Plered" else 0.0,
                     rank=1 if s.text == "Plered" else None) for s in spots]
    data = MapData("Kabupaten Cirebon", ("32.09",), "kecamatan", "kabkota",
                   date(2026, 11, 26), 3, areas, ["32.09"], [], [], [])
    figure = build_figure(data, show_tps=False, show_markers=False)
    names = next(tr for tr in figure.data if tr.type == "scattergeo" and tr.mode == "text")
    written = names.text
    assert "Plered" in written  # the top-ranked area's name is written first
    assert names.textfont.color == "#1a1a1a" and "#ffffff" in names.textfont.shadow  # halo
    assert len(written) < len(areas)
    hover = " ".join(next(tr for tr in figure.data if tr.type == "choropleth").hovertext)
    assert all(a.name in hover for a in areas)
