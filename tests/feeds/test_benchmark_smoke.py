"""The ingest benchmark's code runs (tiny size; speed is never asserted in tests)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_ingest_benchmark_runs_on_a_tiny_size() -> None:
    from benchmarks.ingest.__main__ import run

    result = run(feeds=2, entries=5, repeat=1)
    assert result["entries"] == 10
    assert result["raw_per_s"] > 0 and result["ours_per_s"] > 0


@pytest.mark.slow
def test_import_benchmark_runs_on_a_tiny_size() -> None:
    from benchmarks.imports.__main__ import STEPS, run

    result = run(rows=300)
    assert result["rows"] == 300
    assert all(result[step] >= 0 for step in STEPS)
