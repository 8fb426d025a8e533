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
                       background={"hoaks": frozenset({BACKGROUND})})


def test_the_shipped_ordinary_and_written_texts_are_the_starters_background_for_hoaks_only(
        ) -> None:
    corpus = starter.starter_corpus(("hoaks", "provokasi"))
    ordinary, written = STARTER + "ibrohim_ordinary", STARTER + "sejuk_written"
    posts = STARTER + "sejuk_posts"
    assert corpus.background == {"hoaks": frozenset({ordinary, written, posts})}, \
        "the written articles stay beside a district's labels, its ordinary posts do not"
    assert sum(o == ordinary for o in corpus.origins) == 1000
    assert sum(o == written for o in corpus.origins) == 881
    assert sum(o == posts for o in corpus.origins) == 90
    assert sum(o == STARTER + "sejuk_articles" for o in corpus.origins) == 405
    # 518 of them are also hate-speech negatives of the set they come from, judged for
    # provokasi by it: for provokasi they are no background, and its training drops none;
    # the written texts teach provokasi's unrest signals whatever a district labels
    assert "provokasi" not in corpus.background
    assert corpus.label_origins("provokasi").count(STARTER + "ibrohim_hs") == 10400
    # a district's label of the same text makes it the district's own row, not background
    local = LabelledSet([corpus.texts[corpus.origins.index(ordinary)]],
                        np.array([[1, -1]]), ("hoaks", "provokasi"), ["file:polres.csv"])
    merged = merge_sets([corpus, local])
    assert merged.background == corpus.background
    assert sum(o == ordinary for o in merged.origins) == 999


def test_provokasi_keeps_its_negatives_when_a_district_labels_it() -> None:
    """The ordinary tweets' texts that are also hate-speech negatives stay in provokasi's
    training however many provokasi labels the district gives."""
    texts, y, origins = _starter_rows()
    texts += [f"usir pendukung paslon {i}" for i in range(25)]
    texts += [f"warga bilang {CHATTER[i % 4]} di rumah {i}" for i in range(10)]
    y += [1] * 25 + [0] * 10
    origins += ["file:polres.csv"] * 35
    data = LabelledSet(texts, np.column_stack([np.full(len(y), -1), y]),
                       ("hoaks", "provokasi"), origins,
                       background={"hoaks": frozenset({BACKGROUND})})
    hoaks_only = train(_with_local(0, 0)).model
    component = train(data, train_labels=("provokasi",),
                      keep=hoaks_only).card["components"]["provokasi"]
    assert "background" not in component and component["sources"][BACKGROUND] == 60


def test_a_district_label_of_an_ordinary_text_judges_only_its_own_label() -> None:
    """A district that labels ``provokasi`` on the very texts of the starter's ordinary
    tweets has said nothing about ``hoaks``: the merged rows keep their ``hoaks`` = 0 as
    the starter's background rows, not as the district's negatives (which would also have
    replaced the background), so ``hoaks`` is not retrained and its card names no file."""
    from classifiers.workflow import labels_to_train

    texts, y, origins = _starter_rows()
    start = LabelledSet(texts, np.column_stack([y, np.zeros(len(y), dtype=int)]),
                        ("hoaks", "provokasi"), origins,
                        background={"hoaks": frozenset({BACKGROUND})})
    ordinary = [t for t, o in zip(texts, origins, strict=True) if o == BACKGROUND][:25]
    hateful = [f"usir pendukung paslon {i} dari kampung" for i in range(10)]
    district = LabelledSet([t.upper() for t in ordinary] + hateful,  # the same texts, pasted
                           np.column_stack([np.full(35, -1), [0] * 25 + [1] * 10]),
                           ("hoaks", "provokasi"), ["file:polres.csv"] * 35)
    data = merge_sets([start, district])
    assert len(data.texts) == len(texts) + 10
    assert data.label_origins("hoaks")[:len(texts)] == origins
    assert data.label_origins("provokasi").count("file:polres.csv") == 35
    assert labels_to_train(data) == ("provokasi",)
    card = train(data).card["components"]
    assert card["hoaks"]["sources"] == {BACKGROUND: 60, STARTER + "samples": 120}
    assert card["hoaks"]["local"] == 0 and card["hoaks"]["background"]["used"] is True
    assert card["provokasi"]["sources"]["file:polres.csv"] == 35


def test_fact_check_claims_do_not_replace_the_ordinary_text() -> None:
    """Claims are the district's hoaxes, not its stream: 30 of them and 5 dashboard
    negatives still leave the ordinary tweets in."""
    data = _with_local(0, 0)
    claims = LabelledSet([f"klaim {CLAIMS[i % 4]} nomor {i}" for i in range(30)],
                         np.ones((30, 1), dtype=int), ("hoaks",), ["factcheck"] * 30)
    negatives = LabelledSet([f"warga bilang {CHATTER[i % 4]} {i}" for i in range(5)],
                            np.zeros((5, 1), dtype=int), ("hoaks",), ["dashboard"] * 5)
    record = train(merge_sets([data, claims, negatives])).card["components"]["hoaks"]
    assert record["background"] == {"rows": 60, "used": True, "own": 5, "own_negatives": 5}


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
    assert fit.component.provenance["background"] == {
        "rows": 60, "used": not replaced, "own": positives + negatives,
        "own_negatives": negatives}
    assert len(fit.y) == len(y) - (60 if replaced else 0), "the rows it learnt from"


def test_the_card_and_the_command_say_the_background_was_replaced(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sejuk.cli import common

    # the CLI's run state outlives a CliRunner call: another test's `--lang en` or English
    # workspace must not decide this one's words
    monkeypatch.setitem(common._run, "lang", "id")
    kept = train(_with_local(10, 3))
    assert BACKGROUND in kept.card["components"]["hoaks"]["sources"]
    assert "replaced" not in kept.card["components"]["hoaks"]["background"]
    result = train(_with_local(30, 10))
    component = result.card["components"]["hoaks"]
    assert BACKGROUND not in component["sources"]
    assert component["background"] == {"rows": 60, "used": False, "own": 40,
                                       "own_negatives": 10, "replaced": [BACKGROUND]}
    assert result.card["n_trained_on"] == result.card["n_samples"] - 60

    lines = "\n".join(training_summary(TrainOutcome(2, False, result, ("hoaks",))))
    assert (f"teks latar korpus awal ({BACKGROUND}, 60 baris) tidak dipakai: 40 label "
            f"lokal Anda (10 negatif; cukup mulai {BACKGROUND_REPLACED_AT} dengan "
            f"{BACKGROUND_NEGATIVES} negatif)") in lines
    toast = self_training_text(result.card["components"], ("hoaks",), "en")
    assert "the starter's background text left out (hoaks)" in toast
    assert "background text" not in self_training_text(kept.card["components"], ("hoaks",), "en")
