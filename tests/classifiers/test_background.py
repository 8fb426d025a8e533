"""The starter's ordinary text (its background corpus) stands in for a district's own
ordinary text until the district's labels can say what that looks like; then it is left
out of the label's training, and the card and the command say so."""

from __future__ import annotations

import numpy as np
import pytest

from classifiers import starter
from classifiers.copies import copy_groups
from classifiers.dataset import STARTER, LabelledSet, merge_sets
from classifiers.model import DEFAULT_PARAMS
from classifiers.text import prepare
from classifiers.training import (
    BACKGROUND_NEGATIVES,
    BACKGROUND_REPLACED_AT,
    background_replaced,
    fit_label,
    train,
)
from classifiers.workflow import TrainOutcome
from dashboard.format import self_training_text
from sejuk.cli.classify import training_summary

CLAIMS = ("surat suara sudah dicoblos di gudang", "kotak suara dibawa kabur malam ini",
          "daftar pemilih diisi nama orang mati", "server kpu diretas hasil diubah")
CHATTER = ("besok arisan di rumah bu rt", "cuaca panas sekali hari ini",
           "ada yang jual gas elpiji dekat sini", "selamat pagi warga semua")
BACKGROUND = STARTER + "ordinary"


def _starter_rows(n: int = 60) -> tuple[list[str], list[int], list[str]]:
    texts, y, origins = [], [], []
    for i in range(n):
        texts.append(f"{CLAIMS[i % 4]} kata{i}")
        y.append(1)
        origins.append(STARTER + "samples")
        texts.append(f"kpu membantah kabar itu nomor {i}")
        y.append(0)
        origins.append(STARTER + "samples")
        texts.append(f"{CHATTER[i % 4]} nomor {i}")
        y.append(0)
        origins.append(BACKGROUND)
    return texts, y, origins


def _with_local(positives: int, negatives: int) -> LabelledSet:
    texts, y, origins = _starter_rows()
    texts += [f"warga bilang {CLAIMS[i % 4]} di tps {i}" for i in range(positives)]
    texts += [f"warga bilang {CHATTER[i % 4]} di rumah {i}" for i in range(negatives)]
    y += [1] * positives + [0] * negatives
    origins += ["file:polres.csv"] * (positives + negatives)
    return LabelledSet(texts, np.array(y).reshape(-1, 1), ("hoaks",), origins,
                       background=frozenset({BACKGROUND}))


def test_the_shipped_ordinary_tweets_are_the_starters_background() -> None:
    corpus = starter.starter_corpus(("hoaks", "provokasi"))
    assert corpus.background == frozenset({STARTER + "ibrohim_ordinary"})
    assert sum(o in corpus.background for o in corpus.origins) == 1000
    # a district's label of the same text makes it the district's own row, not background
    local = LabelledSet([corpus.texts[corpus.origins.index(STARTER + "ibrohim_ordinary")]],
                        np.array([[1, -1]]), ("hoaks", "provokasi"), ["file:polres.csv"])
    merged = merge_sets([corpus, local])
    assert merged.background == corpus.background
    assert sum(o in merged.background for o in merged.origins) == 999


@pytest.mark.parametrize(("positives", "negatives", "replaced"), [
    (0, 0, False),  # the starter alone: ordinary text is all the model knows of a stream
    (BACKGROUND_REPLACED_AT - BACKGROUND_NEGATIVES - 1, BACKGROUND_NEGATIVES, False),
    (BACKGROUND_REPLACED_AT, 0, False),  # no local negative says what ordinary text is
    (BACKGROUND_REPLACED_AT - BACKGROUND_NEGATIVES, BACKGROUND_NEGATIVES, True),
    (80, 20, True),
])
def test_the_district_replaces_the_background_once_its_labels_can(
        positives: int, negatives: int, replaced: bool) -> None:
    data = _with_local(positives, negatives)
    y, local = data.y[:, 0], np.array([not o.startswith(STARTER) for o in data.origins])
    background = np.array([o == BACKGROUND for o in data.origins])
    assert background_replaced(y, local) is replaced
    fit = fit_label(prepare(data.texts), y, local, copy_groups(data.texts),
                    dict(DEFAULT_PARAMS), background=background)
    assert fit.component.provenance["background"] == {"rows": 60, "used": not replaced}
    assert len(fit.y) == len(y) - (60 if replaced else 0), "the rows it learnt from"


def test_the_card_and_the_command_say_the_background_was_replaced() -> None:
    kept = train(_with_local(10, 3))
    assert BACKGROUND in kept.card["components"]["hoaks"]["sources"]
    assert "replaced" not in kept.card["components"]["hoaks"]["background"]
    result = train(_with_local(30, 10))
    component = result.card["components"]["hoaks"]
    assert BACKGROUND not in component["sources"]
    assert component["background"] == {"rows": 60, "used": False, "replaced": [BACKGROUND]}
    assert result.card["n_trained_on"] == result.card["n_samples"] - 60

    lines = "\n".join(training_summary(TrainOutcome(2, False, result, ("hoaks",))))
    assert (f"teks biasa korpus awal ({BACKGROUND}, 60 baris) tidak dipakai: label lokal "
            f"Anda (minimal {BACKGROUND_REPLACED_AT}, termasuk {BACKGROUND_NEGATIVES} "
            "negatif)") in lines
    toast = self_training_text(result.card["components"], ("hoaks",), "en")
    assert "the starter's ordinary text left out (hoaks)" in toast
    assert "ordinary text" not in self_training_text(kept.card["components"], ("hoaks",), "en")
