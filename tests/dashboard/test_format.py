"""The escaping helper every page uses for text from feeds, imports and reports."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from dashboard.format import md_code, md_escape, md_message
from sejuk.errors import ModelError
from sejuk.phrases import Phrases, Said

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


def _code_span(markdown: str) -> str:
    """What a CommonMark code span shows (the whole of ``markdown`` must be one)."""
    fence = re.match(r"`+", markdown)
    assert fence and markdown.endswith(fence.group(0)), markdown
    inner = markdown[len(fence.group(0)):-len(fence.group(0))]
    assert fence.group(0) not in re.findall(r"`+", inner)  # nothing closes it early
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return inner


@given(st.text(st.characters(blacklist_categories=["Cs"])).filter(lambda s: "\n" not in s))
def test_a_code_span_shows_its_text_exactly(text: str) -> None:
    assert _code_span(md_code(text)) == text


COMMAND: Phrases = {"run": {
    "id": "{name}: model belum ada; jalankan `sejuk train --home {home}` lalu {why}",
    "en": "{name}: no model yet; run `sejuk train --home {home}` then {why}"}}


def test_a_message_shows_its_quoted_command_as_code_and_its_values_escaped() -> None:
    hostile = "<b>x</b> [klik](http://evil.example) *a* `b` :red[c] $d$"
    error = ModelError.said(COMMAND, "run", name=hostile, home="/data/ws `1`",
                            why=Said(COMMAND, "run", {"name": "n", "home": "h", "why": "w"}))
    shown = md_message(error, "id")
    assert shown.startswith(md_escape(hostile) + md_escape(": model belum ada; jalankan "))
    assert "`` sejuk train --home /data/ws `1` ``" in shown  # exactly as typed, as code
    # the nested sentence keeps its own command as code
    assert shown.endswith(md_escape(" lalu n: model belum ada; jalankan ")
                          + "`sejuk train --home h`" + md_escape(" lalu w"))
    # an error raised without a phrase, and any other value, is escaped whole
    assert md_message(ModelError("use `x`"), "en") == md_escape("use `x`")
    assert md_message(hostile, "en") == md_escape(hostile)
