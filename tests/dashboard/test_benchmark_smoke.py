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
    assert "map: province, all kecamatan" in names


def test_page_timing_runs_the_item_and_province_map_pages(tmp_path: Path, backend: str
                                                           ) -> None:
    if backend != "sqlite":
        pytest.skip("the benchmark builds SQLite workspaces")
    from benchmarks.dashboard.bench import page_times, run

    run((200, 300), repeat=1, keep=tmp_path)
    timings = page_times(tmp_path / "ws200", 1)
    assert set(timings) == {"page: items (default table)", "page: map, province, all kecamatan"}
    assert all(value > 0 for value in timings.values())
