"""Copies of a training text stay on one side of the holdout and of every CV fold."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from classifiers.copies import copy_groups
from classifiers.dataset import read_labelled_csv
from classifiers.model import cross_validate, holdout_split, train

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


def test_holdout_keeps_each_template_on_one_side() -> None:
    texts, y = _templated()
    groups = copy_groups(texts)
    assert len(set(groups.tolist())) == 12
    train_rows, test_rows, how = holdout_split(y, groups, 0.25, seed=3)
    assert how == "grouped"
    assert not set(groups[train_rows]) & set(groups[test_rows])
    assert y[test_rows].sum() >= 1 and (1 - y[test_rows]).sum() >= 1


def test_holdout_falls_back_to_stratified_when_groups_are_too_few() -> None:
    texts, y = _templated(n_templates=2)  # two groups: a grouped holdout cannot stratify
    _, test_rows, how = holdout_split(y, copy_groups(texts), 0.25, seed=3)
    assert how == "stratified"
    assert 0 < y[test_rows].sum() < len(test_rows)


def test_cross_validation_folds_keep_copies_together() -> None:
    texts, y = _templated(n_templates=16)
    scores = cross_validate(texts, y, ("hoaks",), folds=3)
    # Only a template's own words tell its label: with copies kept together a fold's
    # test templates were never seen and the score is far from the 1.0 of a random
    # split (where every template has copies in training).
    assert scores["hoaks"]["folds"] == 3
    assert scores["hoaks"]["macro_f1_mean"] < 0.9


def test_training_card_says_how_the_holdout_was_split() -> None:
    small = read_labelled_csv(DATA / "labelled_small.csv", LABELS)
    card = train(small.texts, small.y, LABELS, holdout=0.25).card
    assert card["holdout_split"] in ("grouped", "stratified")
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


def test_a_big_family_does_not_swell_the_holdout() -> None:
    rng = np.random.default_rng(2)
    copies = [f"Vaksin berisi chip pelacak warga desa {i} bagikan" for i in range(450)]
    others = [_words(rng, 8) for _ in range(550)]
    y = np.array([[1]] * 450 + [[int(rng.random() < 0.5)] for _ in range(550)])
    groups = copy_groups([*copies, *others])
    train_rows, test_rows, how = holdout_split(y, groups, 0.2, seed=0)
    assert 100 <= len(test_rows) <= 300  # 20% of 1,000, give or take
    assert how == "grouped"
    assert not set(groups[train_rows]) & set(groups[test_rows])


def test_a_small_multi_label_set_still_trains() -> None:
    """Four texts per label combination: too few for five stratified group folds."""
    rng = np.random.default_rng(3)
    y = np.array([[a, b] for a in (0, 1) for b in (0, 1) for _ in range(4)])
    texts = [_words(rng, 6) for _ in range(len(y))]
    result = train(texts, y, LABELS)
    assert result.card["holdout_split"] == "stratified"


def test_cross_validation_never_scores_a_fold_without_positives() -> None:
    """Eight positives in two families: a grouped three-fold split leaves one fold
    without a positive; the folds are then plain stratified ones."""
    rng = np.random.default_rng(4)
    family_a = [f"Kotak suara dibakar massa di balai desa Sukamaju malam {i}" for i in range(4)]
    family_b = [f"Petugas TPS diancam sekelompok orang bersenjata tajam {i}" for i in range(4)]
    texts = [*family_a, *family_b, *(_words(rng, 7) for _ in range(40))]
    y = np.array([[1]] * 8 + [[0]] * 40)
    scores = cross_validate(texts, y, ("provokasi",), folds=3)
    assert scores["provokasi"]["split"] == "stratified"
