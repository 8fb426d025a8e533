"""The Markdown digest is pasted into chats and viewers that find links in plain text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sejuk.digest.render import md_escape

#: What GitHub-flavoured Markdown's link finder looks for in text after unescaping.
AUTOLINK = re.compile(r"(?i)(https?://|www\.|mailto:|[\w.+-]@[\w-])")


def _unescaped(text: str) -> str:
    """The characters Markdown shows (HTML entities decoded, backslash escapes removed)."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_a_title_quoting_an_address_makes_no_link() -> None:
    title = "HADIAH! klik http://evil.example/daftar atau www.evil.example, lapor@evil.example"
    shown = _unescaped(md_escape(title))
    assert not AUTOLINK.search(shown)
    assert shown.replace("\u2060", "") == title


@given(st.lists(st.sampled_from(["http://evil.example/x", "HTTPS://a.example", "www.b.example",
                                 "lapor@c.example", "mailto:d@e.example", "kata", " ", "<b>"]),
                min_size=1))
def test_addresses_are_never_found_by_the_link_finder(parts: list[str]) -> None:
    assert not AUTOLINK.search(_unescaped(md_escape("".join(parts))))
