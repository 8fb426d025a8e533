"""A mention is no evidence: the model never reads whether a post names an account
(``@akun`` or an anonymised corpus's ``USER``), so the same text is scored alike with
or without one, while components trained before keep reading mentions as trained."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from classifiers.copies import copy_groups
from classifiers.dataset import LabelledSet
from classifiers.model import DEFAULT_PARAMS, TextModel
from classifiers.persist import load_model, save_model
from classifiers.selftrain import Pool
from classifiers.text import normalise, prepare
from classifiers.training import fit_label, train

DATA = Path(__file__).parents[2] / "classifiers" / "data"


def test_mentions_leave_no_token_and_links_stay() -> None:
    text = "@warga_01 USER cek https://bit.ly/x9 surat suara"
    assert prepare([text], places=None) == ["cek urltoken urlbitly surat suara"]
    assert prepare([text], places=None, mentions=None) == [
        "mentiontoken mentiontoken cek urltoken urlbitly surat suara"]
    assert normalise("@a@b.id #TolakHasil") == "mentiontoken tolakhasil tolak hasil"
    assert normalise("@a@b.id #TolakHasil", mentions=False) == "tolakhasil tolak hasil"
    assert prepare(["@a @b USER"]) == [""]
    # attached punctuation: a live mention goes, the corpora's placeholder only whole
    assert prepare(["RT @user: halo (@budi) kabar @a,@b USER: x"], places=None) == [
        "rt : halo ( ) kabar , user: x"]


def test_unlabelled_items_are_read_as_the_labelled_ones() -> None:
    """Self-training reads the district's unlabelled items with the training's reading."""
    items = ["@pak_rt kumpul di balai warga", "USER info jadwal posyandu"]
    assert Pool.read(items, [False, False], []).texts == [
        "kumpul di balai warga", "info jadwal posyandu"]
    assert all("mentiontoken" in t for t in Pool.read(items, [False, False], [],
                                                      mentions=None).texts)


def _mention_biased_set() -> LabelledSet:
    """Every hoax names an account, no other text does: the starter's ``hoaks`` rows look
    like this (only the hoax tweets carry mentions)."""
    hoax = ["@{u} surat suara sudah dicoblos duluan di gudang",
            "@{u} kotak suara dibawa kabur petugas ke rumah kades",
            "@{u} data pemilih ganda ribuan orang ditemukan, curang!",
            "@{u} petugas dibayar untuk mencoblos paslon tertentu",
            "@{u} beredar rekaman penghitungan ulang diam-diam",
            "@{u} hasil suara sudah diatur sebelum pencoblosan"]
    plain = ["Rapat pleno rekapitulasi suara berjalan lancar",
             "Warga datang ke TPS sejak pagi dengan tertib",
             "Bawaslu mengawasi distribusi logistik pemilu",
             "Polisi menjaga gudang logistik KPU",
             "Pelipatan surat suara selesai tepat waktu",
             "Sosialisasi tata cara mencoblos digelar"]
    texts, y = [], []
    for i in range(4):
        texts += [t.format(u=f"akun{i}{j}") + f" ({i})" for j, t in enumerate(hoax)]
        texts += [t + f" ({i})" for t in plain]
        y += [[1, 0]] * len(hoax) + [[0, 0]] * len(plain)
    return LabelledSet(texts, np.array(y), ("hoaks", "provokasi"))


@pytest.fixture(scope="module")
def trained() -> TextModel:
    return train(_mention_biased_set(), train_labels=("hoaks",), keep=_any_model()).model


def _any_model() -> TextModel:
    """A model whose ``provokasi`` the run keeps (the set judges it with no positive)."""
    card = json.loads((DATA / "starter-model.json").read_text("utf-8"))
    return load_model(DATA / "starter-model.skops", ["hoaks", "provokasi"], card=card)


def test_a_text_scores_alike_with_or_without_a_mention(trained: TextModel) -> None:
    texts = ["Warga datang ke TPS sejak pagi dengan tertib",
             "@pak_rt Warga datang ke TPS sejak pagi dengan tertib",
             "USER USER Warga datang ke TPS sejak pagi dengan tertib"]
    proba = trained.predict_proba(texts)[:, 0]
    assert proba[0] == pytest.approx(proba[1]) and proba[0] == pytest.approx(proba[2])
    assert trained.components["hoaks"].mentions == "dropped"


def test_a_component_trained_on_mentions_is_scored_as_it_was_trained() -> None:
    """A card from before this change carries no ``mentions``: that component reads
    them, as it was trained, and learned them as a hoax cue (what dropping prevents)."""
    data = _mention_biased_set()
    fit = fit_label(prepare(data.texts, mentions=None), data.y[:, 0],
                    np.zeros(len(data.texts), dtype=bool), copy_groups(data.texts),
                    DEFAULT_PARAMS)
    fit.component.provenance["places"] = "dropped"
    assert fit.component.mentions is None
    old = TextModel({"hoaks": fit.component})
    texts = ["Warga datang ke TPS sejak pagi dengan tertib",
             "@pak_rt Warga datang ke TPS sejak pagi dengan tertib"]
    whole = fit.component.decision(prepare(texts, mentions=None))
    assert whole[1] > whole[0] + 0.5, "the old component scores the mention it learned"
    assert np.allclose(old.predict_proba(texts)[:, 0], fit.component.calibrate(whole))


def test_a_model_holding_both_readings_reads_each_component_its_own_way(
        trained: TextModel, tmp_path: Path) -> None:
    """A district that retrains one label of an older version keeps the other label's
    component, which reads mentions; saved and loaded, each keeps its reading."""
    data = _mention_biased_set()
    old = fit_label(prepare(data.texts, mentions=None), data.y[:, 0],
                    np.zeros(len(data.texts), dtype=bool), copy_groups(data.texts),
                    DEFAULT_PARAMS).component
    old.provenance["places"] = "dropped"
    mixed = TextModel({"hoaks": trained.components["hoaks"], "provokasi": old})
    texts = ["Warga datang ke TPS sejak pagi dengan tertib",
             "@pak_rt Warga datang ke TPS sejak pagi dengan tertib"]
    proba = mixed.predict_proba(texts)
    assert proba[0, 0] == pytest.approx(proba[1, 0]), "the new component ignores it"
    assert proba[1, 1] > proba[0, 1], "the old one reads the mention it learned"
    card = {"sigmoids": {k: list(c.sigmoid) for k, c in mixed.components.items()},
            "thresholds": mixed.thresholds,
            "components": {k: c.provenance for k, c in mixed.components.items()}}
    path = tmp_path / "mixed.skops"
    save_model(mixed, card, path)
    loaded = load_model(path, ["hoaks", "provokasi"], card=card)
    assert loaded.components["hoaks"].mentions == "dropped"
    assert loaded.components["provokasi"].mentions is None
    assert np.allclose(loaded.predict_proba(texts), proba)


def test_the_starter_reads_no_mentions() -> None:
    card = json.loads((DATA / "starter-model.json").read_text("utf-8"))
    assert {c["mentions"] for c in card["components"].values()} == {"dropped"}
    model = _any_model()
    tweet = "Cape ditanya hamil lagi, aku tu gendut bukan hamil!"
    proba = model.predict_proba([tweet, f"USER USER {tweet}", f"@teman {tweet}"])
    assert np.allclose(proba, proba[0])
