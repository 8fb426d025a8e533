"""Phrase tables in two languages: the one lookup the TPS explanation, the dialogue plan and
the dashboard's string table share.

A table maps a key to its text per language (``{"id": ..., "en": ...}``); Bahasa Indonesia
is the fallback, so a language a table lacks still reads, in Indonesian.
"""

from __future__ import annotations

from collections.abc import Mapping

#: key -> language -> text (with ``str.format`` fields)
Phrases = Mapping[str, Mapping[str, str]]


def say(table: Phrases, key: str, lang: str = "id", **values: object) -> str:
    """``table[key]`` in ``lang`` (Indonesian when it has none), its fields filled in; a
    text asked for without values is returned as written."""
    entry = table[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text
