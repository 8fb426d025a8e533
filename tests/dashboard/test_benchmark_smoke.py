"""The dashboard benchmark's code runs (tiny sizes; no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_benchmark_runs_on_tiny_sizes(tmp_path: Path, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the benchmark builds SQLite workspaces")
    from benchmarks.dashboard.bench import run

    rows = run((300, 600), repeat=1, keep=tmp_path)
    names = {name for name, _small, _large in rows}
    assert {"overview (all reads)", "items: default page", "map: kecamatan 24 h"} <= names
    assert all(small > 0 and large > 0 for _name, small, large in rows)
