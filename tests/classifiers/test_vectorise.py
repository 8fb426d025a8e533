"""The cached fast transform gives the fitted pipeline's own matrix and probabilities."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from classifiers import vectorise
from classifiers.dataset import read_labelled_csv
from classifiers.model import TextModel, train
from classifiers.persist import load_model, save_model
from classifiers.text import SLANG, normalise, normalise_many, normalise_token, normalise_tokens
from classifiers.tokens import TokenIndex
from classifiers.vectorise import CachedUnion

DATA = Path(__file__).parent.parent / "data"
LABELS = ("hoaks", "provokasi")

#: Texts that exercise every normalisation step and the unusual tokenisations.
AWKWARD = [
    "Parahhh bgt!!! @warga_01 cek https://t.co/abc #TolakHasilPilkada TPS 12 yg gak jelas",
    "KPU\u00a0bohong!!  www.Contoh.co.id/x?y=1\nDemo   besok,jgn/gak datang",
    "ﬁtnah ①② Ｆａｋｅ İstanbul ΣΑΣ a b c d-e dll...",
    "",
    "   ",
    "\x00 separator \x00 inside",
    "surat suara dicoblos surat suara dicoblos surat",
    "e-KTP palsu, 1 2 3 @a@b.c #a #B",
]


#: Pieces of posts: known and unknown words, slang, repeats, links, mentions, hashtags,
#: punctuation, non-ASCII letters and every kind of whitespace str.split() knows.
PIECES = st.sampled_from([
    "surat", "suara", "tps", "hoaks", "gak", "yg", "parahhh", "BANGET", "pemilu2024",
    "https://t.co/Ab1", "www.Kpu.go.id/x?y", "HTTPS://WWW.LLL.Co/", "http://", "www.",
    "https://bit.ly/x…", "http://a@b.c#d", "@warga_01", "#TolakHasil", "e-KTP", "!!!",
    "…", "“kata”", "ﬁtnah", "İstanbul", "ΣΑΣ", "qwzx", "a", "12", "_", "dll.", "jgn/gak",
    " ", "  ", "\t", "\n", "\xa0", "\u3000", "\x1c", "\x00"])


@pytest.fixture(scope="module")
def model() -> TextModel:
    small = read_labelled_csv(DATA / "labelled_small.csv", LABELS)
    return train(small.texts, small.y, LABELS, holdout=0.25).model


def _reference(model: TextModel, texts: list[str]) -> np.ndarray:
    return np.asarray(model.pipeline.predict_proba(normalise_many(texts)))


def test_token_normalisation_equals_whole_text_steps() -> None:
    """normalise() joins per-token results; spot-check what the steps must produce."""
    out = normalise("Parahhh bgt!!! @warga_01 https://t.co/abc #TolakHasil dll")
    assert out == ("parah banget!!! mentiontoken urltoken urltco tolakhasil tolak hasil "
                   "dan lain lain")
    assert normalise_token("https://bit.ly/X") == "urltoken urlbitly"
    assert normalise("  ") == ""


def test_bulk_token_normalisation_equals_one_by_one() -> None:
    tokens = [t for text in AWKWARD for t in text.split()]
    tokens += ["yg/gak", "bgt!!!", "dll.", "jangan2", "Pemilu2024", "ajaa", "aj", "ga-k"]
    tokens += list(SLANG)
    assert normalise_tokens(tokens) == [normalise_token(t) for t in tokens]
    # Not whitespace-free: still the same answers, one by one.
    odd = ["a\nb", "x", "http://a\nb", "é", "x\ty", " yg", ""]
    assert normalise_tokens(odd) == [normalise_token(t) for t in odd]
    assert normalise_tokens([]) == []


@given(st.lists(st.lists(PIECES, max_size=6).map("".join), max_size=20))
@settings(max_examples=300, deadline=None)
def test_bulk_normalisation_equals_one_by_one_on_any_token(texts: list[str]) -> None:
    tokens = [t for text in texts for t in text.split()]
    normalise_token.cache_clear()  # no answer from the cache hides a difference
    assert normalise_tokens(tokens) == [normalise_token(t) for t in tokens]


def test_fast_features_equal_the_pipeline(model: TextModel) -> None:
    union = model.pipeline.named_steps["features"]
    fast = CachedUnion.from_union(union)
    assert fast is not None
    small = read_labelled_csv(DATA / "labelled_small.csv", LABELS)
    texts = [*AWKWARD, *small.texts]
    expected = union.transform(normalise_many(texts))
    for _ in range(2):  # cold, then every token from the cache
        got = fast.transform(texts)
        assert got.shape == expected.shape
        assert abs(got - expected).max() < 1e-12
    np.testing.assert_allclose(model.predict_proba(texts)[:, :],
                               _reference(model, texts), atol=1e-12)


@given(st.lists(st.lists(PIECES, max_size=12).map("".join), min_size=1, max_size=5))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fast_scores_equal_the_pipeline_on_any_text(model: TextModel, texts: list[str]) -> None:
    np.testing.assert_allclose(model.predict_proba(texts), _reference(model, texts),
                               atol=1e-12)


def test_fast_features_after_reset_and_one_text(model: TextModel) -> None:
    model.clear_caches()
    one = model.predict_proba([AWKWARD[0]])
    np.testing.assert_allclose(one, _reference(model, [AWKWARD[0]]), atol=1e-12)


def test_loaded_model_uses_the_same_fast_path(model: TextModel, tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    save_model(model, {}, path)
    loaded = load_model(path, LABELS)
    np.testing.assert_allclose(loaded.predict_proba(AWKWARD), model.predict_proba(AWKWARD),
                               atol=1e-12)


def test_unrecognised_union_falls_back_to_the_pipeline() -> None:
    union = FeatureUnion([("a", TfidfVectorizer(analyzer="char", ngram_range=(2, 3))),
                          ("b", TfidfVectorizer())]).fit(["satu dua", "tiga empat"])
    assert CachedUnion.from_union(union) is None


def test_threads_scoring_at_once_get_the_same_answers(model: TextModel) -> None:
    """The caches grow during scoring; concurrent callers (the dashboard) must not mix
    them up."""
    small = read_labelled_csv(DATA / "labelled_small.csv", LABELS)
    batches = [[f"{t} kata{i}x{j}" for j, t in enumerate(small.texts)] for i in range(6)]
    expected = [_reference(model, b) for b in batches]
    model.clear_caches()
    results: dict[int, np.ndarray] = {}

    def score(i: int) -> None:
        results[i] = model.predict_proba(batches[i])

    threads = [threading.Thread(target=score, args=(i,)) for i in range(len(batches))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i, want in enumerate(expected):
        np.testing.assert_allclose(results[i], want, atol=1e-12)


def test_a_failure_while_caching_leaves_no_stale_entries(
        model: TextModel, monkeypatch: pytest.MonkeyPatch) -> None:
    """Features are stored before the index numbers them; if anything fails in between
    (memory, an interrupt), the cache starts afresh instead of mismatching them."""
    model.clear_caches()
    model.predict_proba(AWKWARD[:2])
    calls = {"n": 0}
    real = TokenIndex.add_found

    def failing_once(self: TokenIndex, batch: object, tokens: np.ndarray) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise MemoryError("injected")
        real(self, batch, tokens)

    monkeypatch.setattr(TokenIndex, "add_found", failing_once)
    fresh = ["kata baru sekali qwzx", "surat suara dicoblos kata baru"]
    with pytest.raises(MemoryError):
        model.predict_proba(fresh)
    texts = [*fresh, *AWKWARD]
    np.testing.assert_allclose(model.predict_proba(texts), _reference(model, texts),
                               atol=1e-12)


def test_cache_starts_afresh_past_its_size_limit(
        model: TextModel, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectorise, "MAX_CACHED_POINTS", 50)
    model.clear_caches()
    long_token = "x" * 200
    for texts in ([long_token, *AWKWARD[:3]], AWKWARD[3:], [long_token + "y"]):
        np.testing.assert_allclose(model.predict_proba(texts), _reference(model, texts),
                                   atol=1e-12)
    fast = model._fast_union()
    assert fast is not None and fast._index.n_points < 250
