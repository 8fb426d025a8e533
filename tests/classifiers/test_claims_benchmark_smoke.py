"""The claim benchmark's code runs end to end (on a sample of the texts, when the real
data is present): test set, the three matchers, tuning, report, sweep and throughput."""

from __future__ import annotations

import json

import pytest

from benchmarks.claims.bench import DEFAULT_DATA, main
from sejuk.settings import ClassifierSettings


@pytest.mark.slow
def test_benchmark_runs_on_a_sample(capsys: pytest.CaptureFixture[str]) -> None:
    if not (DEFAULT_DATA / "umpo_tweets" / "claims.csv").is_file():
        pytest.skip("benchmark data (../shared/data) not present")
    assert main(["--limit", "1500", "--large", "1200", "--rounds", "1",
                 "--timing-texts", "50", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["set"]["headlines"] == 1000
    points = {(r["system"], r["operating_point"]) for r in out["results"]}
    assert ("Sejuk", "shipped default") in points and ("Sejuk", "tuned on tune topics") in points
    for r in out["results"]:
        test = r["test"]
        assert test["n"] > 0
        assert test["own"] + test["wrong"] + test["none"] == pytest.approx(1.0)
        assert 0.0 <= test["false"] <= 1.0
    default = ClassifierSettings().claim_match_threshold
    sweep = dict(out["sweep"])
    assert default in sweep
    # a higher threshold never links more
    owns = [x["own"] + x["wrong"] for _, x in sorted(sweep.items())]
    assert owns == sorted(owns, reverse=True)
    assert set(out["speed"]["Sejuk"]) == {"1k", "10k"}


def test_without_the_data_it_says_so(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 0
    assert "benchmark data not found" in capsys.readouterr().out


def test_a_wrapped_forward_comes_back_as_one_post_of_its_chat() -> None:
    """The chats section's premise: a forward wrapped in a generated chat is read back as
    exactly one of the chat's posts (so the split reading can give the forward alone back),
    whatever the seed draws around it."""
    import random

    from benchmarks.claims.chats import wrap
    from sejuk.reports.chat import chat_posts, from_pasted

    forward = ("*Diteruskan*\nPENTING!! Surat suara sudah dicoblos di gudang KPU.\n\n"
               "Sebarkan ke grup lain sebelum dihapus!")
    expected = "PENTING!! Surat suara sudah dicoblos di gudang KPU.\nSebarkan ke grup lain " \
               "sebelum dihapus!"
    for seed in range(20):
        posts = [p.text for p in chat_posts(from_pasted(wrap(forward, random.Random(seed))))]
        assert posts.count(expected) == 1, (seed, posts)
        assert 2 <= len(posts) <= 5 and not any("Hasan" in p or "5555" in p for p in posts)
