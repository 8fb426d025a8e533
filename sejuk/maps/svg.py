"""A static map made on the machine: for the digest (inline SVG) and the printed plan
(SVG in HTML, vector drawing in the PDF). Nothing is fetched to draw or to open it.

:func:`picture` projects a :class:`~sejuk.maps.view.MapData` into page coordinates once
(areas coloured by a metric's fixed classes, the outlines of the level above, TPS by
level, the top areas numbered as in the ranking beside the map, a legend); the renderers
only paint it, so the e-mail, the HTML plan and the PDF show the same picture. Every
name is escaped: area names come from data files, and a title may come from a user.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any

from sejuk.maps.style import METRICS, OUTLINE_COLOUR, TPS_COLOURS
from sejuk.maps.view import MapData
from sejuk.regions import boundaries
from sejuk.tps.roster import Level

Point = tuple[float, float]
LEGEND_WIDTH = 178
#: Above this many TPS a static map shows none (dots would hide the colours).
MAX_TPS = 1500


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    rings: tuple[tuple[Point, ...], ...]
    fill: str
    highlight: bool = False


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    rank: int | None
    text: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    title: str
    areas: tuple[Area, ...]
    outlines: tuple[tuple[tuple[Point, ...], ...], ...]
    tps: tuple[tuple[float, float, int], ...]
    labels: tuple[Label, ...]
    legend_title: str
    legend: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]


class _Projection:
    """Equirectangular with longitudes shrunk by cos(latitude): true shapes near the
    equator, and Indonesia lies within 11 degrees of it."""

    def __init__(self, bbox: tuple[float, float, float, float], width: float,
                 height: float, pad: float = 10.0) -> None:
        x0, y0, x1, y1 = bbox
        self.kx = math.cos(math.radians((y0 + y1) / 2))
        span_x, span_y = max((x1 - x0) * self.kx, 1e-6), max(y1 - y0, 1e-6)
        self.scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
        self.ox = pad + ((width - 2 * pad) - span_x * self.scale) / 2 - x0 * self.kx * self.scale
        self.oy = pad + ((height - 2 * pad) - span_y * self.scale) / 2 + y1 * self.scale

    def __call__(self, lon: float, lat: float) -> Point:
        return (self.ox + lon * self.kx * self.scale, self.oy - lat * self.scale)


def _rings(shape: boundaries.Shape, project: _Projection) -> tuple[tuple[Point, ...], ...]:
    out = []
    for polygon in shape.polygons:
        for ring in polygon:
            pts: list[Point] = []
            for lon, lat in ring:
                p = project(float(lon), float(lat))
                if not pts or abs(p[0] - pts[-1][0]) + abs(p[1] - pts[-1][1]) >= 0.7:
                    pts.append(p)
            if len(pts) >= 3:
                out.append(tuple(pts))
    return tuple(out)


def picture(data: MapData, metric: str = "priority", *, width: int = 640, height: int = 420,
            lang: str = "id", title: str = "", top: int = 5, highlight: str | None = None,
            marks: list[tuple[str, int]] | None = None) -> Picture:
    """Project ``data`` into a ``width`` x ``height`` picture (legend on the right).

    The ``top`` ranked areas are numbered, or ``marks`` (code, number) when the caller
    lists its own ranking beside the map (a code may be finer than the coloured level).
    """
    style = METRICS[metric]
    level_shapes = boundaries.shapes(data.level)
    shaped = [a for a in data.areas if a.code in level_shapes]
    bbox = boundaries.bounds(level_shapes[a.code] for a in shaped) or (95.0, -11.0, 141.0, 6.0)
    project = _Projection(bbox, width - LEGEND_WIDTH, height)
    areas = tuple(Area(a.code, a.name, _rings(level_shapes[a.code], project),
                       style.colour(a.value(metric)), a.code == highlight) for a in shaped)
    outline_shapes = boundaries.shapes(data.outline_level)
    outlines = tuple(_rings(outline_shapes[c], project) for c in data.outlines
                     if c in outline_shapes)
    tps = tuple((*project(t.lon, t.lat), t.level) for t in data.tps) \
        if len(data.tps) <= MAX_TPS else ()
    ranked = marks if marks is not None else [(a.code, a.rank or 0) for a in data.top(top)]
    labels = []
    for code, rank in sorted(ranked, key=lambda m: m[1]):
        where = boundaries.point(code)
        if where is not None:
            x, y = project(*where)
            name = next((a.name for a in data.areas if a.code == code), None)
            labels.append(Label(x, y, rank, name or _name(code)))
    if highlight and highlight in level_shapes and all(
            lab.text != level_shapes[highlight].name for lab in labels):
        x, y = project(*level_shapes[highlight].label)
        labels.append(Label(x, y, None, level_shapes[highlight].name))
    labels = _spread(labels)
    notes = []
    if len(data.tps) > MAX_TPS:
        notes.append(f"{len(data.tps):,} TPS tidak digambar" if lang == "id"
                     else f"{len(data.tps):,} TPS not drawn")
    legend = tuple((label, colour) for label, colour in style.classes(lang))
    return Picture(width, height, title, areas, outlines, tps, tuple(labels),
                   style.name(lang), legend, tuple(notes))


def _name(code: str) -> str:
    found = boundaries.shape(code) if len(code) < 13 else None
    return found.name if found else code


def _spread(labels: list[Label]) -> list[Label]:
    """Move a label down until its line no longer overlaps one placed before it."""
    placed: list[Label] = []
    for lab in labels:
        y = lab.y
        for _ in range(6):
            if all(abs(y - p.y) >= 15 or abs(lab.x - p.x) >= 8 + 6.5 * len(p.text)
                   for p in placed):
                break
            y += 15
        placed.append(Label(lab.x, y, lab.rank, lab.text))
    return placed


def _path(rings: tuple[tuple[Point, ...], ...]) -> str:
    return " ".join("M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in ring) + " Z"
                    for ring in rings)


def _text(x: float, y: float, text: str, size: int = 11, weight: str = "normal",
          anchor: str = "start", fill: str = "#1a1a1a", halo: bool = True) -> str:
    stroke = ('stroke="#ffffff" stroke-width="3" paint-order="stroke" '
              'stroke-linejoin="round" ') if halo else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" font-family="Arial, Helvetica, sans-serif" {stroke}'
            f'fill="{fill}">{escape(text)}</text>')


def to_svg(p: Picture) -> str:
    """The picture as one standalone ``<svg>`` element (no script, no external reference)."""
    map_w = p.width - LEGEND_WIDTH
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{p.width}" height="{p.height}" '
             f'viewBox="0 0 {p.width} {p.height}" role="img" aria-label="{escape(p.title)}">',
             f"<title>{escape(p.title)}</title>",
             f'<rect x="0" y="0" width="{p.width}" height="{p.height}" fill="#ffffff"/>',
             f'<rect x="0" y="0" width="{map_w}" height="{p.height}" fill="#eef4f8"/>']
    for a in p.areas:
        parts.append(f'<path d="{_path(a.rings)}" fill="{a.fill}" fill-rule="evenodd" '
                     f'stroke="#8a8a8a" stroke-width="0.5"><title>{escape(a.name)}</title>'
                     "</path>")
    for rings in p.outlines:
        parts.append(f'<path d="{_path(rings)}" fill="none" stroke="{OUTLINE_COLOUR}" '
                     'stroke-width="1.6" stroke-linejoin="round"/>')
    for a in p.areas:
        if a.highlight:
            parts.append(f'<path d="{_path(a.rings)}" fill="none" stroke="#0d47a1" '
                         'stroke-width="3"/>')
    for x, y, level in p.tps:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{TPS_COLOURS[level]}" '
                     'stroke="#ffffff" stroke-width="0.5"/>')
    for lab in p.labels:
        if lab.rank is not None:
            parts.append(f'<circle cx="{lab.x:.1f}" cy="{lab.y:.1f}" r="8" fill="#1f2d3a" '
                         'stroke="#ffffff" stroke-width="1.5"/>')
            parts.append(_text(lab.x, lab.y + 4, str(lab.rank), 10, "bold", "middle",
                               "#ffffff", halo=False))
            parts.append(_text(lab.x + 11, lab.y + 4, lab.text, 11, "bold"))
        else:
            parts.append(_text(lab.x, lab.y + 4, lab.text, 11, "bold", "middle", "#0d47a1"))
    x0 = map_w + 12
    parts.append(_text(x0, 22, p.legend_title, 12, "bold", halo=False))
    y = 34
    for label, colour in p.legend:
        parts.append(f'<rect x="{x0}" y="{y}" width="14" height="12" fill="{colour}" '
                     'stroke="#8a8a8a" stroke-width="0.5"/>')
        parts.append(_text(x0 + 20, y + 10, label, 11, halo=False))
        y += 18
    if p.tps:
        y += 6
        for level, name in ((lv, f"TPS {lv.label}") for lv in reversed(Level)):
            parts.append(f'<circle cx="{x0 + 7}" cy="{y + 6}" r="4" '
                         f'fill="{TPS_COLOURS[level]}"/>')
            parts.append(_text(x0 + 20, y + 10, name, 11, halo=False))
            y += 18
    if p.labels and any(lab.rank for lab in p.labels):
        y += 6
        parts.append(f'<circle cx="{x0 + 7}" cy="{y + 6}" r="7" fill="#1f2d3a"/>')
        parts.append(_text(x0 + 7, y + 10, "1", 9, "bold", "middle", "#ffffff", halo=False))
        parts.append(_text(x0 + 20, y + 10, "peringkat prioritas", 11, halo=False))
        y += 18
    for note in p.notes:
        parts.append(_text(x0, y + 12, note, 10, fill="#555555", halo=False))
        y += 16
    parts.append(_text(x0, p.height - 8, "Batas: cahyadsn (MIT)", 9, fill="#777777",
                       halo=False))
    parts.append("</svg>")
    return "".join(parts)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _dot(pdf: Any, cx: float, cy: float, radius: float) -> None:
    """A filled disc centred on (cx, cy): ``ellipse`` takes its box the same way in every
    fpdf2 version (``circle`` changed its arguments in 2.8.1)."""
    pdf.ellipse(cx - radius, cy - radius, 2 * radius, 2 * radius, style="F")


def draw_pdf(pdf: Any, p: Picture, x: float, y: float, width: float,
             text: Any = str) -> float:
    """Paint the picture on an fpdf2 page at (x, y), ``width`` mm wide; returns its height
    in mm. ``text`` reduces strings to what the PDF's font can print."""
    k = width / p.width
    height = p.height * k

    def pt(point: Point) -> tuple[float, float]:
        return x + point[0] * k, y + point[1] * k

    map_w = (p.width - LEGEND_WIDTH) * k
    pdf.set_fill_color(238, 244, 248)
    pdf.rect(x, y, map_w, height, style="F")
    pdf.set_line_width(0.1)
    pdf.set_draw_color(138, 138, 138)
    for a in p.areas:
        pdf.set_fill_color(*_rgb(a.fill))
        for ring in a.rings:  # holes are rare (a kota inside its kabupaten): drawn over
            pdf.polygon([pt(q) for q in ring], style="DF")
    pdf.set_draw_color(*_rgb(OUTLINE_COLOUR))
    pdf.set_line_width(0.45)
    for rings in p.outlines:
        for ring in rings:
            pdf.polygon([pt(q) for q in ring], style="D")
    pdf.set_draw_color(13, 71, 161)
    pdf.set_line_width(0.8)
    for a in p.areas:
        if a.highlight:
            for ring in a.rings:
                pdf.polygon([pt(q) for q in ring], style="D")
    pdf.set_line_width(0.1)
    for tx, ty, level in p.tps:
        pdf.set_fill_color(*_rgb(TPS_COLOURS[level]))
        cx, cy = pt((tx, ty))
        _dot(pdf, cx, cy, 0.6)
    pdf.set_font("Helvetica", "B", 7)
    for lab in p.labels:
        cx, cy = pt((lab.x, lab.y))
        if lab.rank is not None:
            pdf.set_fill_color(31, 45, 58)
            _dot(pdf, cx, cy, 2.2)
            pdf.set_text_color(255, 255, 255)
            pdf.text(cx - pdf.get_string_width(str(lab.rank)) / 2, cy + 1, str(lab.rank))
            pdf.set_text_color(20, 20, 20)
            pdf.text(cx + 3, cy + 1, text(lab.text))
        else:
            pdf.set_text_color(13, 71, 161)
            pdf.text(cx - pdf.get_string_width(text(lab.text)) / 2, cy + 1, text(lab.text))
    pdf.set_text_color(20, 20, 20)
    pdf.set_draw_color(138, 138, 138)
    pdf.set_line_width(0.1)
    lx, ly = x + map_w + 3, y + 5
    pdf.set_font("Helvetica", "B", 8)
    pdf.text(lx, ly, text(p.legend_title))
    pdf.set_font("Helvetica", size=7)
    for label, colour in p.legend:
        ly += 4.5
        pdf.set_fill_color(*_rgb(colour))
        pdf.rect(lx, ly - 3, 4, 3.2, style="DF")
        pdf.text(lx + 6, ly, text(label))
    if p.tps:
        for level, name in ((lv, f"TPS {lv.label}") for lv in reversed(Level)):
            ly += 4.5
            pdf.set_fill_color(*_rgb(TPS_COLOURS[level]))
            _dot(pdf, lx + 2, ly - 1.2, 1.1)
            pdf.text(lx + 6, ly, name)
    pdf.set_font("Helvetica", size=6)
    pdf.text(lx, y + height - 2, "Batas: cahyadsn (MIT)")
    return height


__all__ = ["Picture", "draw_pdf", "picture", "to_svg"]
