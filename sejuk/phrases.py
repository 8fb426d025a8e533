"""Phrase tables in two languages: the one lookup the TPS explanation, the dialogue plan,
the dashboard's string table, the CLI and the library's errors share.

A table maps a key to its text per language (``{"id": ..., "en": ...}``); Bahasa Indonesia
is the fallback, so a language a table lacks still reads, in Indonesian.

A count with its noun is written ``{n:|source|sources}`` ("1 source", "2 sources"; a
format before the bar still applies: ``{n:,|sample|samples}``; ``{n:~|row|rows}`` writes
the noun alone): English needs it, while Indonesian has no plural and writes ``{n} sumber``.
Numbers read as the sentence's language writes them: ``{n:,}`` is 131,072 in English and
131.072 in Indonesian, ``{f1:.3f}`` 0.799 and 0,799.

A command a sentence quotes is written between backticks (``jalankan `sejuk train```):
it stays as typed in every language (no Indonesian decimal comma in ``--threshold 0.5``),
and :func:`runs` hands it apart from the text, so the dashboard shows it as code while
escaping every value around it.

A sentence whose reader is not known yet (a bad row of a file, found by a library that
does not know who will read the refusal) is kept as a :class:`Said` and rendered later;
a value filled into a phrase that can say itself in a language (a :class:`Said`, a
:class:`Listing`, an error raised with ``said``) is rendered in the phrase's language.
"""

from __future__ import annotations

import ast
import functools
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

#: key -> language -> text (with ``str.format`` fields)
Phrases = Mapping[str, Mapping[str, str]]


def say(table: Phrases, key: str, lang: str = "id", /, **values: object) -> str:
    """``table[key]`` in ``lang`` (Indonesian when it has none), its fields filled in; a
    text asked for without values is returned as written."""
    if not values:  # the dashboard's labels: most lookups, nothing to fill in
        entry = table[key]
        return entry.get(lang) or entry["id"]
    return plain(runs(table, key, lang, **values))


@dataclass(frozen=True)
class Run:
    """A stretch of a rendered sentence: text, or a command the sentence quotes in
    backticks (``code``, backticks not included), which a renderer shows as code and
    which never reads in a language (numbers as they are typed)."""

    text: str
    code: bool = False


def runs(table: Phrases, key: str, lang: str = "id", /, **values: object) -> list[Run]:
    """:func:`say`'s sentence as its text and its quoted commands, so a renderer (the
    dashboard's Markdown) can escape what is text, values included, and show what is a
    command as code. A value that can split itself into runs (a :class:`Said`, a
    :class:`Listing`, an error raised with ``said``) is spliced in."""
    entry = table[key]
    written = lang if entry.get(lang) else "id"
    text = entry[written]
    found: list[Run] = []
    for index, segment in enumerate(_segments(text)):
        code = index % 2 == 1
        if not values:
            found.append(Run(segment, code))
        elif code:  # a command: values as typed, nested sentences as plain text
            found.append(Run(_PLAIN.vformat(
                segment, (), {name: _in(value, lang) for name, value in values.items()}), True))
        else:
            found.extend(_filled(segment, lang, _NUMBERS.get(written, _PLAIN), values))
    return _joined(found)


def _joined(found: Sequence[Run]) -> list[Run]:
    """Neighbouring stretches of text as one (a renderer escapes text whole: a link finder
    must not see two harmless halves of one address)."""
    joined: list[Run] = []
    for run in found:
        if joined and not run.code and not joined[-1].code:
            joined[-1] = Run(joined[-1].text + run.text)
        elif run.text or run.code:
            joined.append(run)
    return joined


def one_line(text: str, limit: int) -> str:
    """``text`` as one line of at most ``limit`` characters: line breaks and runs of
    spaces fold to one space, and a longer text is cut with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def number(value: float, lang: str, spec: str = "") -> str:
    """``value`` formatted with ``spec`` as ``lang`` writes numbers (Indonesian: 131.072,
    0,799), for a figure a sentence builds outside a phrase table."""
    return _NUMBERS.get(lang, _PLAIN).format_field(value, spec)


def recognise(table: Phrases, text: str, lang: str = "en") -> Said | None:
    """The sentence of ``table`` whose ``lang`` text ``text`` is, or None: a line stored
    as text (a feed's last error, a failed delivery, kept in English so that scripts and
    exports read the same whatever the language), read again in another language.

    Values come back as they read (``{n:,}`` as a number, ``{x!r}`` unquoted); a value
    that is itself a sentence of ``table`` is recognised too. Entries are tried in order,
    so a table lists a sentence before a more general one that would also match it. A
    sentence whose text leaves a value out (``{n:~|row|rows}``) is never recognised.
    """
    for key, entry in table.items():
        best: tuple[int, dict[str, object]] | None = None
        for greedy in (False, True):  # "{a}: {b}" with ": " in a value splits two ways
            found = _pattern(entry.get(lang) or entry["id"], greedy)
            match = found[0].fullmatch(text) if found else None
            if match is None or found is None:
                continue
            values = {name: _read(match.group(name), kind, table, lang)
                      for name, kind in found[1].items()}
            said = sum(isinstance(value, Said) for value in values.values())
            if best is None or said > best[0]:
                best = (said, values)
        if best is not None:
            return Said(table, key, best[1])
    return None


@functools.lru_cache(maxsize=512)
def _pattern(template: str, greedy: bool) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """A regular expression matching what ``template`` renders to (text values as long
    as they can be when ``greedy``, else as short), and each field's kind (``number``,
    ``repr``, ``text``); None for a template it cannot read back."""
    parts: list[str] = []
    kinds: dict[str, str] = {}
    for literal, name, spec, conversion in _PLAIN.parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if not name.isidentifier() or (spec or "").startswith("~"):
            return None
        if name in kinds:
            parts.append(f"(?P={name})")
            continue
        spec, _, nouns = (spec or "").partition("|")
        if conversion == "r":
            kinds[name], group = "repr", r"'[^']*'|\"[^\"]*\""
        elif spec and spec[-1] in ",dfg":
            kinds[name], group = "number", r"-?[\d,]+(?:\.\d+)?"
        elif not spec and not conversion and nouns:
            kinds[name], group = "number", r"-?[\d,]+"
        elif not spec and not conversion:
            kinds[name], group = "text", ".+" if greedy else ".+?"
        else:
            return None
        parts.append(f"(?P<{name}>{group})")
        if nouns:
            parts.append(" (?:" + "|".join(re.escape(n) for n in nouns.split("|")) + ")")
    return re.compile("".join(parts), re.DOTALL), kinds


def _read(raw: str, kind: str, table: Phrases, lang: str) -> object:
    if kind == "repr":
        return ast.literal_eval(raw)
    if kind == "number":
        digits = raw.replace(",", "")
        return float(digits) if "." in digits else int(digits)
    return recognise(table, raw, lang) or raw


def plain(pieces: Sequence[Run]) -> str:
    """Runs as one line of plain text, commands between backticks as written."""
    return "".join(f"`{run.text}`" if run.code else run.text for run in pieces)


def _segments(text: str) -> list[str]:
    """``text`` split at its backticks: odd segments are quoted commands (a last, unpaired
    backtick stays in the text)."""
    segments = text.split("`")
    if len(segments) % 2 == 0:
        segments[-2:] = [segments[-2] + "`" + segments[-1]]
    return segments


def _filled(segment: str, lang: str, formatter: _Counting, values: Mapping[str, object]
            ) -> list[Run]:
    found = []
    for literal, name, spec, conversion in formatter.parse(segment):
        if literal:
            found.append(Run(literal))
        if name is None:
            continue
        value, _ = formatter.get_field(name, (), values)
        split = getattr(value, "runs", None)
        if callable(split) and not spec and not conversion:
            found.extend(split(lang))
            continue
        if conversion:
            value = formatter.convert_field(_in(value, lang), conversion)
        found.append(Run(formatter.format_field(_in(value, lang), spec or "")))
    return found


class _Counting(string.Formatter):
    """``str.format`` plus ``{n:|one|many}``: the count, then the noun its number takes;
    with ``decimal_comma``, numbers as Indonesian writes them (131.072; 0,799)."""

    def __init__(self, decimal_comma: bool = False) -> None:
        super().__init__()
        self.decimal_comma = decimal_comma

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            spec, one, many = format_spec.split("|")
            noun = one if value == 1 else many
            return noun if spec == "~" else f"{self.format_field(value, spec)} {noun}"
        text: str = super().format_field(value, format_spec)
        if self.decimal_comma and isinstance(value, Real) and not isinstance(value, bool):
            return text.translate(_SWAP_SEPARATORS)
        return text


_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})
_PLAIN = _Counting()
#: Languages whose numbers group thousands with a dot and mark decimals with a comma.
_NUMBERS = {"id": _Counting(decimal_comma=True)}


def _in(value: object, lang: str) -> object:
    in_language = getattr(value, "in_language", None)
    return in_language(lang) if callable(in_language) else value


@dataclass(frozen=True)
class Said:
    """``table[key]`` with its values, rendered when the reader's language is known;
    ``str()`` is the English text (logs, library callers)."""

    table: Phrases = field(repr=False)
    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def in_language(self, lang: str) -> str:
        return say(self.table, self.key, lang, **self.values)

    def runs(self, lang: str) -> list[Run]:
        return runs(self.table, self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.in_language("en")


@dataclass(frozen=True)
class Listing:
    """Several sentences (or values) joined by ``sep``, each in the reader's language."""

    items: Sequence[object]
    sep: str = "; "

    def in_language(self, lang: str) -> str:
        return plain(self.runs(lang))

    def runs(self, lang: str) -> list[Run]:
        found: list[Run] = []
        for index, item in enumerate(self.items):
            if index:
                found.append(Run(self.sep))
            split = getattr(item, "runs", None)
            found.extend(split(lang) if callable(split) else [Run(str(_in(item, lang)))])
        return _joined(found)

    def __str__(self) -> str:
        return self.in_language("en")

