"""Small display helpers shared by pages (pure, no Streamlit)."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_link(url: str | None) -> str | None:
    """Only http(s) links become clickable; ``javascript:`` and friends are dropped."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in {"http", "https"} else None


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|:~$=\"'&%@^/")


def md_escape(text: str | None) -> str:
    """Text that Streamlit's Markdown shows literally: every ASCII punctuation character is
    backslash-escaped (CommonMark allows it for all of them), so ``<script>``, ``[x](
    javascript:...)``, ``:red[...]``, ``$...$`` and auto-links stay inert text."""
    if not text:
        return ""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


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
