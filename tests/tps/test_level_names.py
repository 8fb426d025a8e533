"""One name per TPS level, in both languages: the interface's words (DOMAIN.md) are
Kurang Rawan / Rawan / Sangat Rawan. The TPS page, map and ``tps summary`` said "Very
vulnerable / Vulnerable / Low" in English while the overview, plan, digest and
``priorities --explain`` said the Indonesian words: an analyst read two scales."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sejuk.tps.roster import LEVEL_LABELS, Level, level_names

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("Kurang Rawan", "Rawan", "Sangat Rawan")
# an English level name as a string literal, or a level table written out again
ENGLISH_NAME = re.compile(r"""["'](Very vulnerable|Vulnerable|Low|Very high|Medium)["']""")
TABLE = re.compile(r"""\{\s*1\s*:\s*["']Kurang Rawan["']""")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_level_names_are_the_interface_words_in_both_languages(lang: str) -> None:
    assert [level_names(lang)[lv] for lv in Level] == list(WORDS)
    assert [lv.label for lv in Level] == [LEVEL_LABELS[lv] for lv in Level] == list(WORDS)


def _sources() -> list[Path]:
    return [p for folder in ("sejuk", "dashboard") for p in (ROOT / folder).rglob("*.py")]


def test_no_place_that_prints_levels_names_them_another_way() -> None:
    roster = ROOT / "sejuk" / "tps" / "roster.py"
    english, tables = [], []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if path != roster:  # the roster parses English input ("very vulnerable", "low")
            english += [f"{path.relative_to(ROOT)}: {m.group(0)}"
                        for m in ENGLISH_NAME.finditer(text)]
            tables += [str(path.relative_to(ROOT)) for _ in TABLE.finditer(text)]
    assert english == [] and tables == []
    assert any(path == roster for path in _sources())
