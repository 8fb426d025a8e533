"""The overview's 28-day trend as a plotly figure: all items per day as grey bars,
flagged items per label as lines, spike days marked on their label's line."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.format import plotly_separators
from dashboard.i18n import t
from sejuk.reads.trend import DayCount

LABEL_COLOURS = ("#c62828", "#ef6c00", "#6a1b9a", "#00838f", "#2e7d32")


def trend_figure(days: Sequence[DayCount], lang: str, *, height: int = 380) -> go.Figure:
    x = [d.day for d in days]
    figure = go.Figure()
    figure.add_trace(go.Bar(x=x, y=[d.items for d in days], name=t("trend_items", lang),
                            marker={"color": "#cfd8dc"},
                            hovertemplate="%{x|%d/%m}: %{y}<extra></extra>"))
    labels = list(days[0].flagged) if days else []
    for i, label in enumerate(labels):
        colour = LABEL_COLOURS[i % len(LABEL_COLOURS)]
        figure.add_trace(go.Scatter(
            x=x, y=[d.flagged[label] for d in days], mode="lines+markers", name=label,
            line={"color": colour, "width": 2.5}, marker={"size": 4}, yaxis="y2",
            hovertemplate=f"{label} %{{x|%d/%m}}: %{{y}}<extra></extra>"))
        spikes = [d for d in days if label in d.spikes]
        if spikes:
            figure.add_trace(go.Scatter(
                x=[d.day for d in spikes], y=[d.flagged[label] for d in spikes],
                mode="markers", name=t("trend_spike", lang, label=label), yaxis="y2",
                marker={"symbol": "triangle-up", "size": 14, "color": colour,
                        "line": {"color": "#000000", "width": 1}},
                hovertemplate=t("trend_spike", lang, label=label)
                + " %{x|%d/%m}: %{y}<extra></extra>"))
    figure.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, barmode="overlay",
        separators=plotly_separators(lang),
        legend={"orientation": "h", "y": -0.15}, plot_bgcolor="#ffffff",
        xaxis={"tickformat": "%d/%m", "showgrid": False},
        # Flagged items (the lines) on the left axis and drawn over the bars of all items.
        yaxis={"title": {"text": t("trend_axis_items", lang)}, "side": "right",
               "rangemode": "tozero", "showgrid": False, "tickformat": ",d",
               **_whole_ticks(max((d.items for d in days), default=0))},
        yaxis2={"title": {"text": t("trend_axis_flagged", lang)},
                "overlaying": "y", "side": "left", "rangemode": "tozero",
                "gridcolor": "#eceff1", "tickformat": ",d",
                **_whole_ticks(max((n for d in days for n in d.flagged.values()),
                                   default=0))})
    if not any(d.items for d in days):  # an empty chart says why it is empty
        figure.add_annotation(text=t("trend_empty", lang), showarrow=False,
                              xref="paper", yref="paper", x=0.5, y=0.5,
                              font={"size": 15, "color": "#546e7a"})
    return figure


def per_day_figure(per_day: Sequence[tuple[str, int]], lang: str, *, height: int = 220
                   ) -> go.Figure:
    """A narrative's items per day: a bar per day on a date axis, labelled dd/mm like the
    trend (quiet days stay gaps; a bar is one day wide however far apart the days are)."""
    days = [day for day, _ in per_day]
    counts = [n for _, n in per_day]
    figure = go.Figure(go.Bar(x=days, y=counts, width=0.8 * _DAY_MS,
                              marker={"color": "#78909c"},  # a count, not a label
                              hovertemplate="%{x|%d/%m}: %{y}<extra></extra>"))
    figure.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="#ffffff",
        separators=plotly_separators(lang),
        xaxis={"type": "date", "tickformat": "%d/%m", "showgrid": False},
        yaxis={"title": {"text": t("col_items", lang)}, "rangemode": "tozero",
               "gridcolor": "#eceff1", "tickformat": ",d",
               **_whole_ticks(max(counts, default=0))})
    return figure


#: One day in milliseconds, plotly's unit for bar widths on a date axis.
_DAY_MS = 86_400_000


def _whole_ticks(top: int) -> dict[str, object]:
    """Counts are whole numbers, and so is every tick: a step of 1, 2 or 5 times a power
    of ten, at most about five steps to the top. Left to plotly, the flagged axis
    (overlaying the items axis) put its ticks at 3.11, 6.22, 9.34 ... and the ``,d``
    format labelled them 3, 6, 9, so the lines read against wrong numbers; below five,
    its ticks fell on fractions rounded into repeated labels (0 0 0 1 1 1)."""
    top = max(top, 1)
    magnitude = 10 ** max(0, len(str(top)) - 2)
    step = next(m * magnitude for m in (1, 2, 5, 10, 20, 50) if m * magnitude * 5 >= top)
    return {"tickmode": "linear", "tick0": 0, "dtick": step, "range": [0, top * 1.1]}


__all__ = ["per_day_figure", "trend_figure"]
