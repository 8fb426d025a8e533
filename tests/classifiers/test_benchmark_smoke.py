"""The classifier benchmark's code runs (on a few rows of the real data when present)."""

from __future__ import annotations

import pytest

from benchmarks.classifier.bench import DEFAULT_DATA, main


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_slice(capsys: pytest.CaptureFixture[str]) -> None:
    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    assert main(["--limit", "300", "--sets", "umpo_tweets", "--resplits", "2"]) == 0
    out = capsys.readouterr().out
    assert "word TF-IDF + LR" in out and "Sejuk" in out and "target" in out
    assert "umpo_tweets: 2 splits" in out
