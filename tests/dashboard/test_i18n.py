"""Every interface string a page names exists in the one table, in both languages.

:func:`dashboard.i18n.t` shows the key itself for a missing entry (a page never crashes
on a string), so a mistyped key would only show up as odd text on screen: this test reads
every literal key the dashboard passes to ``t`` and fails on any the table lacks.
"""

from __future__ import annotations

import ast
from pathlib import Path

from dashboard.i18n import STRINGS

DASHBOARD = Path(__file__).parent.parent.parent / "dashboard"


def _literal_keys(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literal_keys(node.body) + _literal_keys(node.orelse)
    return []  # a key built at run time (f"triage_{state}") is not checked here


def _keys_used() -> dict[str, str]:
    used: dict[str, str] = {}
    for path in sorted(DASHBOARD.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "t" and node.args):
                for key in _literal_keys(node.args[0]):
                    used.setdefault(key, f"{path.name}:{node.lineno}")
    return used


def test_every_key_a_page_uses_is_in_the_table() -> None:
    used = _keys_used()
    assert len(used) > 100  # the scan found the pages' keys
    missing = {key: where for key, where in used.items() if key not in STRINGS}
    assert not missing, f"interface strings missing from dashboard/i18n.py: {missing}"


def test_every_entry_has_indonesian_and_english() -> None:
    incomplete = [key for key, entry in STRINGS.items()
                  if not entry.get("id") or not entry.get("en")]
    assert not incomplete


def test_english_counts_agree_with_their_noun() -> None:
    """"1 URGENT item(s)", "(1 days)": a count before a noun takes its number."""
    from dashboard.i18n import t

    assert t("urgent_badge", "en", n=1) == "🚨 1 URGENT item"
    assert t("urgent_badge", "en", n=3) == "🚨 3 URGENT items"
    assert t("urgent_badge", "id", n=1) == "🚨 1 item MENDESAK"
    assert t("dlog_total_days", "en", total=4, days=1) == "4 (1 day)"
    assert t("activated", "en", version=2, scored=1) == "Model v2 is active; it scored 1 item."
    assert t("map_caption", "en", n=1, tps=5, markers=1, days=7, day="5/12").startswith(
        "1 area · 5 TPS · 1 desa item marker · 7 days to 5/12")
    assert t("catalog_add", "en", n=1) == "Add 1 catalogue source"
    assert t("mapfig_marker_counts", "en", flagged=0, items=1) == "0 flagged items / 1 item"
    assert t("mapfig_marker_counts", "id", flagged=1, items=3) == "1 item ditandai / 3 item"
