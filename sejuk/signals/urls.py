"""Which addresses may become clickable links (dashboard, digest, printed plan, replies)."""

from __future__ import annotations

import re
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


#: U+2060 WORD JOINER: invisible, and no letter, digit or punctuation to a link finder.
JOINER = "\u2060"
#: Where GitHub-flavoured Markdown's link finder starts a link in plain text: a scheme
#: (``http:``, ``mailto:`` ...), ``www.``, or the ``@`` of an e-mail address.
_LINK_START = re.compile(r"(?i)(https?|ftp|mailto|xmpp)(?=:)|(www)(?=\.)|(@)")


def defuse_links(text: str) -> str:
    """Text in which no Markdown link finder starts a link: escaping is not enough, as
    GitHub-flavoured Markdown finds ``http://...``, ``www....`` and ``a@b.example`` in
    the text *after* unescaping, so an invisible word joiner goes where one would start."""
    return _LINK_START.sub(lambda m: m.group(0) + JOINER, text)
