"""Charts drawn offline as inline SVG: no script, no external image, no network.

Mail clients that do not show SVG still show the numbers next to it (every chart sits
beside a table with the same counts), so a chart never carries information alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from sejuk.digest.build import LabelCount

PALETTE = ("#c0392b", "#d35400", "#2c3e50", "#16a085", "#8e44ad")


def trend_svg(counts: Sequence[LabelCount], day_labels: Sequence[str], *,
              title: str, width: int = 560, height: int = 160) -> str:
    """Grouped bars: flagged items per label for each of the last eight windows."""
    if not counts:
        return ""
    days = len(counts[0].daily)
    top = max([1, *(v for c in counts for v in c.daily)])
    pad_left, pad_bottom, pad_top = 28, 22, 18
    plot_w, plot_h = width - pad_left - 4, height - pad_bottom - pad_top
    group = plot_w / days
    bar = max(2.0, (group - 6) / len(counts))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>",
             f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
             f'<line x1="{pad_left}" y1="{pad_top + plot_h}" x2="{width - 4}" '
             f'y2="{pad_top + plot_h}" stroke="#999" stroke-width="1"/>',
             f'<text x="{pad_left - 4}" y="{pad_top + 4}" font-size="10" text-anchor="end" '
             f'font-family="Arial, sans-serif" fill="#555">{top}</text>',
             f'<text x="{pad_left - 4}" y="{pad_top + plot_h}" font-size="10" '
             f'text-anchor="end" font-family="Arial, sans-serif" fill="#555">0</text>']
    for d in range(days):
        x0 = pad_left + d * group + 3
        for i, c in enumerate(counts):
            value = c.daily[d]
            h = plot_h * value / top
            color = PALETTE[i % len(PALETTE)]
            opacity = "1" if d == days - 1 else "0.55"
            parts.append(f'<rect x="{x0 + i * bar:.1f}" y="{pad_top + plot_h - h:.1f}" '
                         f'width="{bar - 1:.1f}" height="{h:.1f}" fill="{color}" '
                         f'fill-opacity="{opacity}"><title>{escape(c.label)}: {value}'
                         f"</title></rect>")
        label = day_labels[d] if d < len(day_labels) else ""
        parts.append(f'<text x="{x0 + (group - 6) / 2:.1f}" y="{height - 6}" font-size="10" '
                     f'text-anchor="middle" font-family="Arial, sans-serif" fill="#555">'
                     f"{escape(label)}</text>")
    for i, c in enumerate(counts):
        color = PALETTE[i % len(PALETTE)]
        x = pad_left + 6 + i * 110
        parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="{x + 14}" y="13" font-size="11" font-family="Arial, sans-serif"'
                     f' fill="#333">{escape(c.label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
