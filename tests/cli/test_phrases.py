"""The command line's sentences come from its phrase tables, complete in both languages.

A sentence written straight into ``typer.echo`` or an error would print in one language
whatever the workspace says; these tests read the CLI's source to catch one.
"""

from __future__ import annotations

import ast
import importlib
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import sejuk.cli
from sejuk.phrases import Phrases

CLI = Path(sejuk.cli.__file__).parent
MODULES = sorted(p for p in CLI.glob("*.py") if p.name not in {"__init__.py", "__main__.py"})

#: Words a printed literal may hold in both languages: metric and unit names, codes, the
#: stable ``error:``/``warning:`` prefixes scripts look for.
NEUTRAL = {"error", "warning", "precision", "recall", "macro", "HTTP", "TPS", "ECE", "flag",
           "item", "Kec", "SR/R/KR", "sejuk"}
ERRORS = {"SejukError", "WorkspaceError", "SettingsError", "DatabaseError", "InputError",
          "ModelError", "NotFound"}


def _literals(node: ast.AST) -> Iterator[str]:
    """The string literals of an expression, not those inside calls (a phrase key is
    an argument of ``_``; a value's own formatting is its business)."""
    if isinstance(node, ast.Call):
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, ast.FormattedValue):
            yield from _literals(child)
        elif isinstance(child.value, ast.Constant | ast.JoinedStr | ast.BinOp | ast.IfExp):
            yield from _literals(child.value)


def _printed(tree: ast.AST) -> Iterator[tuple[int, ast.AST]]:
    """What a module prints or raises: the message of every ``typer.echo``/``prompt``,
    progress-bar task and domain error raised without a phrase table."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        prints = isinstance(func, ast.Attribute) and func.attr in {"echo", "prompt", "add_task"}
        raises = isinstance(func, ast.Name) and func.id in ERRORS
        if prints or raises:
            yield node.lineno, node.args[0]


def _prose(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z/]{2,}", text) if w not in NEUTRAL]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_printed_sentence_comes_from_a_phrase_table(path: Path) -> None:
    found = [f"{path.name}:{line}: {words}" for line, message in _printed(ast.parse(
        path.read_text(encoding="utf-8"))) for words in [_prose("".join(_literals(message)))]
        if words]
    assert not found, "\n".join(found)


def test_the_scan_sees_a_sentence_written_into_echo() -> None:
    """The scan itself: it must flag prose in an echo or an error, and only prose."""
    tree = ast.parse('typer.echo(f"{n} item dinilai model.")\n'
                     'raise InputError(f"{path}: no such file")\n'
                     'typer.echo(_("scored", n=n))\n'
                     'typer.echo(f"  ! {error}")\n'
                     'typer.echo(f"Sumber {\'diaktifkan\' if on else \'mati\'}.")\n'
                     'typer.echo(f"{r.score:>7.2f}  {r.code:<13}")\n')
    flagged = [line for line, message in _printed(tree) if _prose("".join(_literals(message)))]
    assert flagged == [1, 2, 5]


def _tables() -> Iterator[tuple[str, Phrases]]:
    for path in [CLI / "common.py", *MODULES]:
        module = importlib.import_module(f"sejuk.cli.{path.stem}")
        if hasattr(module, "_WORDS"):
            yield path.stem, module._WORDS


#: Entries that read the same in both languages (a column label, a code).
SAME_IN_BOTH = {("workspace", "s_workspace"), ("workspace", "s_tps"), ("workspace", "s_model")}


def _fields(text: str) -> set[str]:
    """The values a text prints (``{n:~|row|rows}`` prints a noun, not ``n``)."""
    return {name for _, name, spec, _ in string.Formatter().parse(text)
            if name and not (spec or "").startswith("~|")}


def test_every_phrase_reads_in_both_languages_with_the_same_fields() -> None:
    problems = []
    for module, table in _tables():
        for key, entry in table.items():
            if set(entry) != {"id", "en"} or not all(entry.values()):
                problems.append(f"{module}.{key}: needs both id and en")
            elif _fields(entry["id"]) != _fields(entry["en"]):
                problems.append(f"{module}.{key}: fields differ")
            elif entry["id"] == entry["en"] and (module, key) not in SAME_IN_BOTH:
                problems.append(f"{module}.{key}: not translated")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_phrase_key_used_is_in_its_table(path: Path) -> None:
    """A mistyped key would fail only when that line runs, in front of a user."""
    module = importlib.import_module(f"sejuk.cli.{path.stem}")
    table = getattr(module, "_WORDS", {})
    missing = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, args = node.func, node.args
        used = table
        if isinstance(func, ast.Name) and func.id == "_":
            key = args[0]
        elif isinstance(func, ast.Attribute) and func.attr == "said" and len(args) > 1:
            key = args[1]
            if isinstance(args[0], ast.Name):  # a table shared from the library
                used = getattr(module, args[0].id)
        else:
            continue
        choices = [key.body, key.orelse] if isinstance(key, ast.IfExp) else [key]
        keys = [c.value for c in choices if isinstance(c, ast.Constant)]
        missing += [f"{path.name}:{node.lineno}: {k}" for k in keys if k not in used]
    assert not missing, "\n".join(missing)


#: Library tables whose sentences the command line prints with counts in them.
PRINTED_TABLES = [("feeds.collect", "_SUMMARY"), ("feeds.imports", "_SUMMARY"),
                  ("sejuk.priorities", "_EXPLAIN"), ("sejuk.errors", "_ROWS"),
                  ("sejuk.tables", "_TABLES"), ("classifiers.dataset", "_DATASET"),
                  ("sejuk.regions.jurisdiction_files", "_FILES")]
#: A count written straight before a plural noun: "{n} sources" reads "1 sources".
_BARE_PLURAL = re.compile(
    r"\{\w+(?::[^}|]*)?\} (?:new |flagged |invalid )?(?:items|sources|rows|samples|days|"
    r"attempts|leaders|dialogues|follow-ups|files|reports|failures|locks|runs|entries|regions|"
    r"flags|narratives|columns|errors|duplicates|fields|characters)\b")
#: Counts that are never 1: more cells than a header of two, a limit in thousands.
NEVER_ONE = {"sejuk.tables._TABLES.too_many", "sejuk.tables._TABLES.long_cell",
             "classifiers.dataset._DATASET.too_few", "classifiers.dataset._DATASET.long_text",
             "classifiers.dataset._DATASET.too_many_rows", "sejuk.errors._ROWS.invalid_more"}


def test_english_counts_agree_with_their_noun() -> None:
    """English says "1 source", "2 sources": a count before a noun uses ``{n:|one|many}``."""
    tables = [*_tables(), *((f"{m}.{name}", getattr(importlib.import_module(m), name))
                            for m, name in PRINTED_TABLES)]
    bare = [f"{module}.{key}: {hit}" for module, table in tables for key, entry in table.items()
            for hit in _BARE_PLURAL.findall(entry.get("en", ""))
            if f"{module}.{key}" not in NEVER_ONE]
    assert not bare, "\n".join(bare)
