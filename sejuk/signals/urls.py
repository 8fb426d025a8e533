"""Which addresses may become clickable links (dashboard, digest, printed plan, replies)."""

from __future__ import annotations

from urllib.parse import urlsplit

_FORBIDDEN = frozenset("\x00\r\n\t <>\"'`")


def safe_url(url: str | None) -> str | None:
    """The address if it may become a link, else None.

    Absolute ``http(s)`` with a host, and none of whitespace, quotes, angle brackets or
    control characters: ``javascript:``, ``data:``, relative links and
    attribute-breaking addresses never reach an ``href``, whatever the renderer escapes.
    Surrounding spaces (common in feeds) are stripped first.
    """
    if not url:
        return None
    text = url.strip()
    if any(ch in _FORBIDDEN or ord(ch) < 32 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return text
