"""Which area names the interactive map can write without one covering another.

Plotly writes a text trace where it is told, overlaps included: on a regency whose town
kecamatan are small and close (Plumbon, Depok, Weru and Plered in Cirebon), their names
were printed over each other and none could be read. This picks the names to write, most
important first (the ranked areas in rank order, then the larger areas, which have room),
and leaves out a name whose box would touch one already kept; a left-out area still shows
its name on hover. Pure geometry on the label points plotly is given; no plotly here.

The map is drawn in plotly's Mercator projection, fitted to the areas' bounds
(``fitbounds="locations"``): the scale is the smaller of width / span of longitude and
height / span of Mercator latitude. The figure's height is known, its width is the page's
column; :data:`WIDTH_PER_HEIGHT` is that of the Peta page at a 1440-pixel window (about
880 by 700 pixels beside the colour bar). On a narrower screen names sit closer than
estimated and may touch; on a wider one some could have been written (the map zooms, and
every name is on hover). The overview's small map (380 pixels high in a column two fifths
wide, about 1.0) writes only its few ranked names, which rarely meet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: The map column's width over the figure's height (see the module doc).
WIDTH_PER_HEIGHT = 1.25
#: Average advance of a character of the labels' sans-serif face, in ems.
CHAR_EM = 0.56
#: Clear space kept around every name, in pixels.
PAD = 2.0


@dataclass(frozen=True)
class NameSpot:
    """An area whose name the map may write: where (its label point) and how much it
    matters (its rank among the priority areas, if any; its size otherwise)."""

    code: str
    text: str
    lon: float
    lat: float
    rank: int | None = None
    size: float = 0.0


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def readable(spots: Sequence[NameSpot], bbox: tuple[float, float, float, float],
             height: float, font_size: float,
             width: float | None = None) -> list[NameSpot]:
    """The spots whose names can be written without overlapping, in drawing order.

    ``bbox`` is (lon0, lat0, lon1, lat1) of the areas the map is fitted to; ``width``
    defaults to :data:`WIDTH_PER_HEIGHT` times ``height``."""
    if not spots:
        return []
    x0, y0, x1, y1 = bbox
    width = width if width is not None else WIDTH_PER_HEIGHT * height
    span_x = max(math.radians(x1 - x0), 1e-9)
    span_y = max(_mercator_y(y1) - _mercator_y(y0), 1e-9)
    scale = min(width / span_x, height / span_y)
    order = sorted(spots, key=lambda s: (s.rank is None, s.rank or 0, -s.size, s.code))
    kept: list[NameSpot] = []
    boxes: list[tuple[float, float, float, float]] = []
    for spot in order:
        cx = math.radians(spot.lon) * scale
        cy = _mercator_y(spot.lat) * scale
        half_w = CHAR_EM * font_size * len(spot.text) / 2 + PAD
        half_h = font_size * 0.6 + PAD
        box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
        if all(box[2] <= b[0] or b[2] <= box[0] or box[3] <= b[1] or b[3] <= box[1]
               for b in boxes):
            kept.append(spot)
            boxes.append(box)
    return kept


__all__ = ["CHAR_EM", "PAD", "WIDTH_PER_HEIGHT", "NameSpot", "readable"]
