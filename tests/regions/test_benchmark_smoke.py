"""The priorities benchmark runs end to end on a tiny size (never timed here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.priorities.__main__ import measure


@pytest.mark.slow
def test_benchmark_code_runs_small(tmp_path: Path) -> None:
    out = measure(50, 80, tmp_path)
    assert out["areas"] > 0
