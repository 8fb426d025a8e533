"""How map values become colours: fixed classes per metric, shared by every map we draw.

The dashboard's choropleth, the digest's map and the printed plan use the same classes,
so a kecamatan that is dark red on the screen is dark red on paper, and two days can be
compared by eye (classes are fixed breaks, not quantiles of the day's data).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Fill of an area without data for the metric (e.g. no TPS for the TPS share).
NO_DATA = "#e6e6e6"
#: Fill of an area with data and a zero value (no signal).
ZERO = "#fbfbf8"

TPS_COLOURS = {1: "#2e7d32", 2: "#f9a825", 3: "#c62828"}
MARKER_COLOUR = "#5e35b1"
URGENT_COLOUR = "#d500f9"
OUTLINE_COLOUR = "#263238"


@dataclass(frozen=True)
class Metric:
    """One colouring of the map: its breaks (lower bounds of the classes above zero) and
    colours, and its name in both interface languages."""

    key: str
    name_id: str
    name_en: str
    breaks: tuple[float, ...]
    colours: tuple[str, ...]
    decimals: int = 1
    percent: bool = False

    def name(self, lang: str) -> str:
        return self.name_id if lang == "id" else self.name_en

    def colour(self, value: float | None) -> str:
        return self.classes()[self.index(value)][1]

    def index(self, value: float | None) -> int:
        """0 = no data, 1 = zero, 2.. = the classes from each break upwards."""
        if value is None:
            return 0
        if value <= 0:
            return 1
        found = 2
        for i, lower in enumerate(self.breaks):
            if value >= lower:
                found = 2 + i
        return found

    def _fmt(self, value: float, lang: str) -> str:
        text = f"{value * 100:.0f}%" if self.percent else f"{value:.{self.decimals}f}"
        text = text.rstrip("0").rstrip(".") if not self.percent and "." in text else text
        return text.replace(".", ",") if lang == "id" else text

    def classes(self, lang: str = "id") -> list[tuple[str, str]]:
        """(legend label, colour) for every class, no-data and zero first."""
        none = "tidak ada data" if lang == "id" else "no data"
        zero = "0%" if self.percent else ("0 · tanpa sinyal" if lang == "id"
                                          else "0 · no signal")
        out = [(none, NO_DATA), (zero, ZERO)]
        for i, lower in enumerate(self.breaks):
            upper = self.breaks[i + 1] if i + 1 < len(self.breaks) else None
            low = "> 0" if lower == 0 else self._fmt(lower, lang)
            label = (f"{low} – {self._fmt(upper, lang)}" if upper is not None
                     else f"≥ {self._fmt(lower, lang)}")
            out.append((label, self.colours[i]))
        return out


_REDS = ("#fdd0a2", "#fc9272", "#ef3b2c", "#cb181d", "#67000d")
METRICS: dict[str, Metric] = {
    "priority": Metric("priority", "Skor prioritas", "Priority score",
                       (0.0, 1.0, 2.0, 3.5, 5.0), _REDS),
    "intensity": Metric("intensity", "Intensitas sinyal", "Signal intensity",
                        (0.0, 1.0, 3.0, 6.0, 10.0),
                        ("#dadaeb", "#bcbddc", "#9e9ac8", "#6a51a3", "#3f007d")),
    "spike": Metric("spike", "Lonjakan (−log10 p)", "Spike (−log10 p)",
                    (0.0, 1.0, 2.0, 4.0, 6.0),
                    ("#fee391", "#fec44f", "#fe9929", "#d95f0e", "#993404")),
    "vulnerable_share": Metric("vulnerable_share", "Porsi TPS Rawan/Sangat Rawan",
                               "Share of Rawan/Sangat Rawan TPS",
                               (0.0, 0.25, 0.5, 0.75),
                               ("#fee8c8", "#fdbb84", "#e34a33", "#b30000"), percent=True),
}

__all__ = ["MARKER_COLOUR", "METRICS", "NO_DATA", "OUTLINE_COLOUR", "TPS_COLOURS",
           "URGENT_COLOUR", "ZERO", "Metric"]
