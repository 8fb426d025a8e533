"""The escaping helper every page uses for text from feeds, imports and reports."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from dashboard.format import md_escape

#: What GitHub-flavoured Markdown's link finder looks for in text after unescaping.
AUTOLINK = re.compile(r"(?i)(https?://|www\.|mailto:|[\w.+-]@[\w-])")


def _unescaped(text: str) -> str:
    """The characters Markdown shows for an escaped text (a backslash escapes any ASCII
    punctuation character)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@given(st.text())
def test_escaped_text_reads_the_same_and_holds_no_markup(text: str) -> None:
    escaped = md_escape(text)
    shown = _unescaped(escaped)
    assert shown.replace("\u2060", "") == text
    assert not re.search(r"(?<!\\)[\[\]()<>*_`!:$#|~]", escaped)


@given(st.lists(st.sampled_from(["http://evil.example/x", "HTTPS://a.example", "www.b.example",
                                 "lapor@c.example", "mailto:d@e.example", "kata", " ", "\n"]),
                min_size=1))
def test_addresses_are_never_found_by_the_link_finder(parts: list[str]) -> None:
    assert not AUTOLINK.search(_unescaped(md_escape("".join(parts))))


def test_the_red_team_source_name() -> None:
    name = "Cek ![b](http://127.0.0.1:8999/beacon.png) [KLIK DI SINI](http://evil.example/phish)"
    escaped = md_escape(name)
    assert "](" not in escaped and "![" not in escaped
    assert _unescaped(escaped).replace("\u2060", "") == name
