"""The interactive map as a plotly figure: kecamatan (or kabupaten/kota) polygons coloured
by one metric, the outlines of the level above, TPS by level and item markers on top.

Drawn in plotly's *geo* subplot from the shipped boundaries (:mod:`sejuk.regions.boundaries`)
with every base layer off (``visible=False``) and ``locationmode="geojson-id"``: plotly.js
then has no reason to fetch its world topojson from a CDN, and no tile server is
involved; the browser test proves no request leaves the dashboard's own address.
No Streamlit here: the page draws what :func:`build_figure` returns.
"""

from __future__ import annotations

from html import escape

import numpy as np
import plotly.graph_objects as go

from dashboard.format import plotly_separators
from dashboard.i18n import t, words
from sejuk.maps.names import NameSpot, readable
from sejuk.maps.style import MARKER_COLOUR, METRICS, OUTLINE_COLOUR, TPS_COLOURS, URGENT_COLOUR
from sejuk.maps.view import MapArea, MapData
from sejuk.phrases import number
from sejuk.regions import boundaries
from sejuk.tps.roster import LEVEL_LABELS, Level

#: plotly.js config for every map: its world topojson, never needed here, would come from
#: the dashboard's own static folder (``dashboard/static``), not from a CDN.
PLOTLY_CONFIG = {"displaylogo": False, "scrollZoom": True, "topojsonURL": "app/static/"}

#: Names are written on the map when there are at most this many areas; above it only
#: the top-ranked ones, so that a province of 600 kecamatan stays readable.
ALL_NAMES = 45
TOP_NAMES = 12
#: A white halo behind the names (CSS text-shadow, which plotly.js applies to text).
HALO = ", ".join(f"{x}px {y}px 1px #ffffff" for x in (-1, 1) for y in (-1, 1))

def _hover(area: MapArea, parent: str, lang: str) -> str:
    w = words("mapfig_", lang)
    lines = [f"<b>{escape(area.name)}</b>" + (f" · {escape(parent)}" if parent else ""),
             f"{w['score']} {number(area.score, lang, '.2f')}"
             + (f" ({w['rank']} {area.rank})" if area.rank else "")
             + f" · {w['intensity']} {number(area.intensity, lang, '.2f')}"
             f" · {w['spike']} {number(area.surprise, lang, '.2f')}"]
    lines += [escape(r) for r in area.reasons] or [w["no_signal"]]
    if not area.tps_total:
        lines.append(w["none"])
    return "<br>".join(lines)


def _outline_trace(data: MapData, lang: str) -> go.Scattergeo | None:
    table = boundaries.shapes(data.outline_level)
    rings = [polygon[0] for code in data.outlines if code in table
             for polygon in table[code].polygons]
    if not rings:
        return None
    # numpy arrays (NaN between rings): plotly validates lists item by item.
    gap = np.array([[np.nan, np.nan]])
    joined = np.round(np.concatenate([part for ring in rings for part in (ring, gap)]), 4)
    lons, lats = joined[:, 0], joined[:, 1]
    return go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip",
                         line={"color": OUTLINE_COLOUR, "width": 1.8},
                         name=t("mapfig_outline_provinsi" if data.outline_level == "provinsi"
                                else "mapfig_outline_kabkota", lang))


def _tps_traces(data: MapData, lang: str) -> list[go.Scattergeo]:
    centroid = words("mapfig_", lang)["placed_desa"]
    traces = []
    for level in (1, 2, 3):
        points = [t for t in data.tps if t.level == level]
        if points:
            traces.append(go.Scattergeo(
                lon=np.array([t.lon for t in points]), lat=np.array([t.lat for t in points]),
                mode="markers",
                name=f"TPS {LEVEL_LABELS[Level(level)]}", customdata=[t.code for t in points],
                marker={"size": 5 + level, "color": TPS_COLOURS[level],
                        "line": {"color": "#ffffff", "width": 0.6}},
                hovertext=[f"TPS {t.number} {escape(t.desa)} · {t.voters} DPT"
                           + ("" if t.placed == "roster"
                              else "<br>" + centroid) for t in points],
                hoverinfo="text"))
    return traces


def _marker_trace(data: MapData, lang: str) -> go.Scattergeo:
    peak = max(m.flagged or m.items for m in data.markers) or 1
    w = words("mapfig_", lang)
    return go.Scattergeo(
        lon=[m.lon for m in data.markers], lat=[m.lat for m in data.markers],
        mode="markers", name=w["markers"], customdata=[m.code for m in data.markers],
        marker={"size": [9 + 22 * (m.flagged or m.items) / peak for m in data.markers],
                "color": [URGENT_COLOUR if m.urgent else MARKER_COLOUR for m in data.markers],
                "opacity": 0.55, "line": {"color": "#311b92", "width": 1.2}},
        hovertext=[f"<b>{escape(m.name)}</b><br>"
                   + t("mapfig_marker_counts", lang, flagged=m.flagged, items=m.items)
                   + (f" · {m.urgent} {w['urgent']}" if m.urgent else "")
                   + f"<br>{w['placed_' + m.placed]}" for m in data.markers],
        hoverinfo="text")


def build_figure(data: MapData, metric: str = "priority", *, lang: str = "id",
                 height: int = 700, show_tps: bool = True, show_markers: bool = True,
                 names: bool | str = True) -> go.Figure:
    """The map of ``data`` coloured by ``metric`` (a key of :data:`sejuk.maps.style.METRICS`);
    ``names="top"`` writes only the ranked areas' names (a small map)."""
    style = METRICS[metric]
    table = boundaries.shapes(data.level)
    shaped = [a for a in data.areas if a.code in table]
    parents = boundaries.shapes("kabkota" if data.level == "kecamatan" else "provinsi")
    parent_width = 5 if data.level == "kecamatan" else 2
    classes = style.classes(lang)
    n = len(classes)
    # A stepped colour scale: z is the class index, so colours are the fixed classes.
    scale = []
    for i, (_, colour) in enumerate(classes):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    figure = go.Figure()
    # First trace: a plain lon/lat point. plotly.js decides whether to fetch its world
    # topojson from the *first* trace of a geo subplot (any ``locationmode``, even
    # "geojson-id", makes it fetch); a lon/lat trace has none, so nothing is fetched.
    # PLOTLY_CONFIG still points the fetch at the dashboard itself, should that change.
    box = boundaries.bounds(table[a.code] for a in shaped) or (95.0, -11.0, 141.0, 6.0)
    figure.add_trace(go.Scattergeo(lon=[(box[0] + box[2]) / 2], lat=[(box[1] + box[3]) / 2],
                                   mode="markers", marker={"opacity": 0, "size": 1},
                                   hoverinfo="skip", showlegend=False))
    # Simplified for display: a grid of about half a pixel at this map's scale.
    grid = max(box[2] - box[0], box[3] - box[1]) / 1500
    figure.add_trace(go.Choropleth(
        geojson=boundaries.feature_collection((table[a.code] for a in shaped), grid),
        locations=[a.code for a in shaped], featureidkey="id", locationmode="geojson-id",
        z=np.array([style.index(a.value(metric)) + 0.5 for a in shaped]), zmin=0, zmax=n,
        colorscale=scale, marker={"line": {"color": "#7b7b7b", "width": 0.6}},
        customdata=[a.code for a in shaped],
        hovertext=[_hover(a, parents[a.code[:parent_width]].name
                          if a.code[:parent_width] in parents else "", lang) for a in shaped],
        hoverinfo="text", name=style.name(lang),
        colorbar={"title": {"text": style.name(lang), "side": "right"},
                  "tickvals": [i + 0.5 for i in range(n)],
                  "ticktext": [label for label, _ in classes], "len": 0.75, "thickness": 14}))
    outline = _outline_trace(data, lang)
    if outline is not None:
        figure.add_trace(outline)
    if show_tps:
        for trace in _tps_traces(data, lang):
            figure.add_trace(trace)
    if show_markers and data.markers:
        figure.add_trace(_marker_trace(data, lang))
    if names:
        _add_names(figure, shaped, table, box, height, names)
    figure.update_geos(visible=False, fitbounds="locations", projection_type="mercator",
                       bgcolor="#eef4f8")
    figure.update_layout(height=height, margin={"l": 0, "r": 0, "t": 8, "b": 0},
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.0,
                                 "x": 0.0, "bgcolor": "rgba(255,255,255,0.7)"},
                         paper_bgcolor="#ffffff", dragmode="pan",
                         separators=plotly_separators(lang))
    return figure


def _add_names(figure: go.Figure, shaped: list[MapArea],
               table: dict[str, boundaries.Shape], box: tuple[float, float, float, float],
               height: int, names: bool | str) -> None:
    """Write the areas' names that fit without covering one another (ranked areas first:
    :func:`sejuk.maps.names.readable`); every name stays on hover."""
    offered = shaped if len(shaped) <= ALL_NAMES and names != "top" else sorted(
        (a for a in shaped if a.rank), key=lambda a: a.rank or 0)[:TOP_NAMES]
    if not offered:
        return
    size = 11 if len(offered) <= 25 else 9
    by_code = {a.code: a for a in offered}
    spots = [NameSpot(a.code, a.name, *table[a.code].label, rank=a.rank,
                      size=(table[a.code].bbox[2] - table[a.code].bbox[0])
                      * (table[a.code].bbox[3] - table[a.code].bbox[1])) for a in offered]
    labelled = [by_code[s.code] for s in readable(spots, box, height, size)]
    figure.add_trace(go.Scattergeo(
        lon=[table[a.code].label[0] for a in labelled],
        lat=[table[a.code].label[1] for a in labelled], mode="text",
        text=[escape(a.name) for a in labelled], hoverinfo="skip", showlegend=False,
        # dark letters with a white halo, as on the static map: readable on every class
        # and where a name is wider than its (dark) area and runs onto white neighbours
        textfont={"size": size, "color": "#1a1a1a", "shadow": HALO,
                  "family": "Arial, sans-serif"}))


__all__ = ["PLOTLY_CONFIG", "build_figure"]
