"""Copies of a training text stay in one cross-validation fold."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from classifiers.copies import copy_groups
from classifiers.dataset import LabelledSet, read_labelled_csv
from classifiers.training import _folds, train

DATA = Path(__file__).parent.parent / "data"
LABELS = ("hoaks", "provokasi")

PLACES = ["Garut", "Bone", "Sleman", "Kupang", "Jember", "Sorong", "Bima", "Tegal"]


def _templated(n_templates: int = 12) -> tuple[list[str], np.ndarray]:
    """Each template filled with every place: eight copies per template. Only the
    template tells its label (no word shared across templates does)."""
    rng = np.random.default_rng(5)
    texts, y = [], []
    for t in range(n_templates):
        hoax = t % 2
        words = " ".join("".join(rng.choice(list("bcdfghjklmnprstw"), 6)) for _ in range(6))
        for place in PLACES:
            texts.append(f"Kabar dari {place}: {words} surat suara")
            y.append([hoax])
    return texts, np.array(y)


def test_copies_share_a_group_and_others_do_not() -> None:
    texts = [
        "Surat suara sudah dicoblos ditemukan di gudang kecamatan Garut malam ini",
        "Surat suara sudah dicoblos ditemukan di gudang kecamatan Bone malam ini",
        "KPU menetapkan jadwal rekapitulasi suara tingkat kabupaten pekan depan",
        "USER kafir",
        "USER kafir",
    ]
    groups = copy_groups(texts).tolist()
    assert groups[0] == groups[1]
    assert len({groups[0], groups[2], groups[3], groups[4]}) == 4  # short texts stay alone


def _fit(texts: list[str], y: np.ndarray, label: str = "hoaks") -> object:
    return train(LabelledSet(texts, y.reshape(-1, 1), (label,))).evidence[label]


def test_folds_keep_each_template_on_one_side() -> None:
    texts, y = _templated()
    groups = copy_groups(texts)
    assert len(set(groups.tolist())) == 12
    splits, how = _folds(y[:, 0], np.zeros(len(y), dtype=bool), groups, 3, seed=3)
    assert how == "grouped"
    for train_rows, test_rows in splits:
        assert not set(groups[train_rows]) & set(groups[test_rows])
        assert y[test_rows].sum() >= 1 and (1 - y[test_rows]).sum() >= 1


def test_folds_fall_back_to_stratified_when_groups_are_too_few() -> None:
    texts, y = _templated(n_templates=2)  # two groups: grouped folds cannot stratify
    _, how = _folds(y[:, 0], np.zeros(len(y), dtype=bool), copy_groups(texts), 3, seed=3)
    assert how == "stratified"


def test_cross_validation_folds_keep_copies_together() -> None:
    texts, y = _templated(n_templates=16)
    fit = _fit(texts, y)
    # Only a template's own words tell its label: with copies kept together a fold's
    # test templates were never seen and the score is far from the 1.0 of a random
    # split (where every template has copies in training).
    assert fit.folds == 3 and fit.split == "grouped"
    from classifiers.metrics import label_metrics

    assert label_metrics(fit.y, (fit.proba >= 0.5).astype(int)).macro_f1 < 0.9


def test_training_card_says_how_each_label_was_split() -> None:
    small = read_labelled_csv(DATA / "labelled_small.csv", LABELS)
    card = train(small).card
    assert {e["split"] for e in card["evaluation"].values()} <= {"grouped", "stratified"}
    assert set(card["copy_groups"]) == {"groups", "texts"}


def _words(rng: np.random.Generator, n: int) -> str:
    return " ".join("".join(rng.choice(list("bcdfghjklmnprstw"), 6)) for _ in range(n))


def test_a_family_larger_than_a_bucket_is_one_group() -> None:
    """A viral forward: hundreds of copies that differ by the sharer and a number."""
    rng = np.random.default_rng(1)
    claim = "Surat suara tercoblos ditemukan di gudang kecamatan sebarkan sebelum dihapus"
    copies = [f"RT @warga{i} {claim} {i}" for i in range(300)]
    others = [_words(rng, 8) for _ in range(50)]
    groups = copy_groups([*copies, *others])
    assert len(set(groups[:300].tolist())) == 1
    assert len(set(groups[300:].tolist())) == 50


def test_local_rows_are_spread_over_the_folds() -> None:
    rng = np.random.default_rng(2)
    texts = [_words(rng, 8) for _ in range(300)]
    y = np.array([int(rng.random() < 0.4) for _ in range(300)])
    local = np.zeros(300, dtype=bool)
    local[:30] = True
    splits, _ = _folds(y, local, copy_groups(texts), 3, seed=0)
    assert all(local[test].sum() >= 5 for _, test in splits)


def test_a_small_multi_label_set_still_trains() -> None:
    """Four texts per label combination: the folds shrink to what the classes allow."""
    rng = np.random.default_rng(3)
    y = np.array([[a, b] for a in (0, 1) for b in (0, 1) for _ in range(4)])
    texts = [_words(rng, 6) for _ in range(len(y))]
    result = train(LabelledSet(texts, y, LABELS))
    assert set(result.metrics.labels) == set(LABELS)


def test_cross_validation_never_scores_a_fold_without_positives() -> None:
    """Eight positives in two families: a grouped three-fold split leaves one fold
    without a positive; the folds are then plain stratified ones."""
    rng = np.random.default_rng(4)
    family_a = [f"Kotak suara dibakar massa di balai desa Sukamaju malam {i}" for i in range(4)]
    family_b = [f"Petugas TPS diancam sekelompok orang bersenjata tajam {i}" for i in range(4)]
    texts = [*family_a, *family_b, *(_words(rng, 7) for _ in range(40))]
    y = np.array([1] * 8 + [0] * 40)
    assert _fit(texts, y, "provokasi").split == "stratified"
