"""The classifier benchmark's code runs (on a few rows of the real data when present)."""

from __future__ import annotations

import pytest

from benchmarks.corpora import DEFAULT_DATA


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_slice(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.classifier.bench import main

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    assert main(["--limit", "300", "--sections", "starter", "speed"]) == 0
    out = capsys.readouterr().out
    assert "## starter as shipped" in out and "word TF-IDF + LR" in out
    assert "umpo_tweets test split" in out
    assert "posts:" in out and "articles of" in out


@pytest.mark.slow
def test_adaptation_benchmark_runs_on_a_tiny_slice(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.adaptation.bench import main

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    assert main(["--limit", "300", "--ks", "0", "25", "--seeds", "1"]) == 0
    out = capsys.readouterr().out
    assert "umpo_tweets (hoaks) as the new district" in out
    assert "ibrohim_hs (provokasi) as the new district" in out
    assert "label queue" in out and "plain word TF-IDF + LR, all train rows" in out
