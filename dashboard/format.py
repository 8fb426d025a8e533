"""Small display helpers shared by pages (pure, no Streamlit)."""

from __future__ import annotations

from sejuk.signals.urls import defuse_links


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|:~$=\"'&%@^/")


def md_escape(text: str | None) -> str:
    """Text that Streamlit's Markdown shows literally: the one helper every page uses for
    any text from a feed, an import or a report (titles, source names, hashtags, leader
    names, places, reasons ...), in every element that renders Markdown (markdown,
    caption, alerts, expander, tab, metric and widget labels, help tooltips).

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all
    of them), so ``<script>``, ``![img](...)``, ``[x](javascript:...)``, ``:red[...]``
    and ``$...$`` stay inert text. Escaping is not enough for addresses: the link finder
    of GitHub-flavoured Markdown runs on the text *after* unescaping and would turn
    ``http://...``, ``www....`` and ``a@b.example`` into live links, so an invisible
    word joiner is put where such a link would start.
    """
    if not text:
        return ""
    defused = defuse_links(text)
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in defused)


TRIAGE_ICONS = {"urgent": "🚨", "verified": "✅", "false_alarm": "✖️"}


def triage_badge(state: str | None, labels: dict[str, str]) -> str:
    """``🚨 MENDESAK`` etc.: the same mark in every table, so urgent items stand out."""
    if not state:
        return ""
    return f"{TRIAGE_ICONS.get(state, '')} {labels.get(state, state)}".strip()


def delta_text(change: int | float, suffix: str) -> str:
    """``+3 vs kemarin``, ``−2 vs kemarin``, ``±0 vs kemarin`` (never a signed zero)."""
    if change == 0:
        return f"±0 {suffix}"
    return f"{change:+g} {suffix}"
