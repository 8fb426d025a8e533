"""Training copies in neutral surroundings: which rows get one, what a copy holds, that a
training run stays reproducible, and that the copies teach what they are for: a cue
inside chatter still counts."""

from __future__ import annotations

import random

import numpy as np

from classifiers import augment
from classifiers.copies import copy_groups
from classifiers.model import DEFAULT_PARAMS
from classifiers.text import prepare
from classifiers.training import fit_label

WORDS = ("warga", "desa", "hari", "jalan", "sekolah", "balai", "kantor", "pemuda", "motor",
         "sawah", "sungai", "pagi", "sore", "malam", "baru", "lama", "besar", "kecil")
RIOT = ("kepung", "serbu", "bakar", "usir")


def _corpus(n: int = 120) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(5)
    texts, y = [], []
    for i in range(n):
        words = list(rng.choice(WORDS, 5, replace=False))
        if i % 2:
            words += list(rng.choice(RIOT, 2, replace=False))
        rng.shuffle(words)
        texts.append(" ".join(words))
        y.append(i % 2)
    return texts, np.array(y)


def test_a_share_of_rows_is_copied_into_surroundings_reproducibly() -> None:
    texts = [f"teks nomor {i}" for i in range(2000)]
    copies, rows = augment.surrounded_copies(texts, share=0.25)
    assert 400 < len(rows) < 600, "about a quarter of the rows"
    assert len(copies) == len(rows) and sorted(set(rows.tolist())) == rows.tolist()
    for copy, row in zip(copies, rows, strict=True):
        assert texts[row] in copy and len(copy) > len(texts[row]), \
            "the text itself, whole, with sentences around it"
    again, rows_again = augment.surrounded_copies(texts, share=0.25)
    assert again == copies and rows_again.tolist() == rows.tolist(), \
        "the same training data gives the same training rows"
    assert augment.surrounded_copies(texts, share=0.0)[0] == []


def test_a_cue_inside_chatter_counts_more_after_training_with_surroundings() -> None:
    """As in the real corpora, ordinary chatter is among the negatives (so it leans
    "no"), and the positives are short: a riot call inside chatter then scores low. With
    copies in surroundings the model learns that the chatter says nothing either way."""
    texts, y = _corpus()
    chatter = [*augment.CHATTER, *augment.OPENERS, *augment.CLOSERS]
    texts, y = texts + chatter, np.concatenate([y, np.zeros(len(chatter), dtype=int)])
    local = np.zeros(len(y), dtype=bool)

    def fitted(share: float) -> object:
        return fit_label(prepare(texts), y, local, copy_groups(texts),
                         {**DEFAULT_PARAMS, "surround": share}).component

    rng = random.Random(11)
    riot = "warga kepung balai desa bakar"
    inside = prepare([augment.surround(riot, rng) for _ in range(20)])
    plain, trained = fitted(0.0), fitted(0.5)
    assert (trained.decision(inside) > 0).mean() > (plain.decision(inside) > 0).mean()
    alone = prepare([riot, "warga pagi jalan ke sekolah"])
    up, calm = trained.decision(alone)
    assert up > 0 > calm, "the texts alone are still read as before"
