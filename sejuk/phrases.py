"""Phrase tables in two languages: the one lookup the TPS explanation, the dialogue plan,
the dashboard's string table, the CLI and the library's errors share.

A table maps a key to its text per language (``{"id": ..., "en": ...}``); Bahasa Indonesia
is the fallback, so a language a table lacks still reads, in Indonesian.

A count with its noun is written ``{n:|source|sources}`` ("1 source", "2 sources"; a
format before the bar still applies: ``{n:,|sample|samples}``; ``{n:~|row|rows}`` writes
the noun alone): English needs it, while Indonesian has no plural and writes ``{n} sumber``.

A sentence whose reader is not known yet (a bad row of a file, found by a library that
does not know who will read the refusal) is kept as a :class:`Said` and rendered later;
a value filled into a phrase that can say itself in a language (a :class:`Said`, a
:class:`Listing`, an error raised with ``said``) is rendered in the phrase's language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: key -> language -> text (with ``str.format`` fields)
Phrases = Mapping[str, Mapping[str, str]]


def say(table: Phrases, key: str, lang: str = "id", /, **values: object) -> str:
    """``table[key]`` in ``lang`` (Indonesian when it has none), its fields filled in; a
    text asked for without values is returned as written."""
    entry = table[key]
    text = entry.get(lang) or entry["id"]
    if not values:
        return text
    return _FORMATTER.format(text, **{name: _in(value, lang) for name, value in values.items()})


class _Counting(string.Formatter):
    """``str.format`` plus ``{n:|one|many}``: the count, then the noun its number takes."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        spec, one, many = format_spec.split("|")
        noun = one if value == 1 else many
        return noun if spec == "~" else f"{format(value, spec)} {noun}"


_FORMATTER = _Counting()


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

    def __str__(self) -> str:
        return self.in_language("en")


@dataclass(frozen=True)
class Listing:
    """Several sentences (or values) joined by ``sep``, each in the reader's language."""

    items: Sequence[object]
    sep: str = "; "

    def in_language(self, lang: str) -> str:
        return self.sep.join(str(_in(item, lang)) for item in self.items)

    def __str__(self) -> str:
        return self.in_language("en")

