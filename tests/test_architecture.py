"""The structure README promises: imports run one way (no cycle between modules, counting
imports inside functions), ``feeds`` never imports ``classifiers``, ``sejuk.signals``
stays a leaf every reader can import, no product function runs over 80 lines and no module
over 600 lines of code.

Pure ``ast`` work over the source files (nothing is imported), so it takes well under a
second; the same checks as /work/shared/tools/archcheck.py, kept here so CI enforces them.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGES = ("sejuk", "feeds", "classifiers", "dashboard")
ROOT = Path(__file__).resolve().parents[1]
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 600


@lru_cache(maxsize=1)
def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every product module (migrations excluded: Alembic
    loads them by path, and each is frozen history)."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            out[name] = path
    return out


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The dotted names an import statement may refer to (module or module.attribute)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:  # relative: resolve against the importing module's package
        parts = module.split(".")
        package = parts if _modules()[module].name == "__init__.py" else parts[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, *([base] if base else [])])
    yield base
    yield from (f"{base}.{alias.name}" for alias in node.names)


@lru_cache(maxsize=1)
def _graph() -> dict[str, frozenset[str]]:
    """Module -> the product modules it imports anywhere in its body (function-local
    imports included: a cycle hidden inside a function is still a cycle)."""
    modules = _modules()
    graph = {}
    for module, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Import | ast.ImportFrom) or (
                    isinstance(node, ast.ImportFrom) and node.module == "__future__"):
                continue
            for name in _imported(module, node):
                while name and name not in modules:  # module.attribute -> module
                    name = name.rpartition(".")[0]
                # a package's own submodules and its parents are not edges
                if name and name != module and not module.startswith(name + "."):
                    targets.add(name)
        graph[module] = frozenset(targets)
    return graph


def test_no_import_cycle_between_modules() -> None:
    try:
        tuple(graphlib.TopologicalSorter(_graph()).static_order())
    except graphlib.CycleError as exc:
        pytest.fail("import cycle: " + " -> ".join(exc.args[1]))


def test_feeds_never_import_classifiers() -> None:
    """Data flows feeds -> classifiers: the collector stores, the classifier scores."""
    offenders = sorted(f"{m} -> {t}" for m, targets in _graph().items()
                       if m.split(".")[0] == "feeds"
                       for t in targets if t.split(".")[0] == "classifiers")
    assert not offenders, offenders


def test_signals_imports_only_the_core_below_it() -> None:
    """sejuk.signals decides what every reader counts, so every reader must be able to
    import it: it may import only the models, the gazetteer, time and errors."""
    allowed = ("sejuk.signals", "sejuk.db", "sejuk.regions.gazetteer", "sejuk.timeutil",
               "sejuk.errors")
    offenders = sorted(f"{m} -> {t}" for m, targets in _graph().items()
                       if m.startswith("sejuk.signals")
                       for t in targets if not t.startswith(allowed))
    assert not offenders, offenders


def test_no_product_function_over_80_lines() -> None:
    long = []
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{module}:{node.lineno} {node.name} ({length} lines)")
    assert not long, long


def test_no_product_module_over_600_lines_of_code() -> None:
    """A module is one idea: past 600 lines of code (blank and comment lines not counted)
    it is holding several. Data is not code: the demo's prose lives in data files."""
    big = []
    for module, path in _modules().items():
        code = sum(1 for line in path.read_text(encoding="utf-8").splitlines()
                   if line.strip() and not line.strip().startswith("#"))
        if code > MAX_MODULE_LINES:
            big.append(f"{module} ({code} lines of code)")
    assert not big, big


def test_the_checks_see_the_whole_tree() -> None:
    """Guards the guards: the walk finds the packages, local imports and known edges."""
    graph = _graph()
    assert {"sejuk.reads", "feeds.store", "classifiers.scoring", "dashboard.loaders",
            "sejuk.signals.flags"} <= set(graph)
    assert "feeds.debunk" in graph["classifiers.scoring"]  # a module-level import
    assert "sejuk.outreach" in graph["sejuk.cli.outreach"]  # imported inside a function
    assert not any(m.startswith("sejuk.migrations") for m in graph)
