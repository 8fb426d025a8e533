"""The platform's tokens are no evidence: the model never reads whether a post names an
account (``@akun``, an anonymised corpus's ``USER``), carries a link or is a retweet, so
the same text is scored alike with or without them, while components trained before
keep reading them as trained."""

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


def test_mentions_links_and_retweet_marks_leave_no_token() -> None:
    text = "RT @warga_01: USER cek https://bit.ly/x9 surat suara URL"
    assert prepare([text], places=None) == ["cek surat suara"]
    assert prepare([text], places=None, platform=None) == [
        "rt mentiontoken : mentiontoken cek urltoken urlbitly surat suara urltoken"]
    assert normalise("@a@b.id #TolakHasil www.x.id/y") == (
        "mentiontoken tolakhasil tolak hasil urltoken urlxid")
    assert normalise("@a@b.id #TolakHasil www.x.id/y", platform=False) == (
        "tolakhasil tolak hasil")
    assert prepare(["@a @b USER URL https://t.co/x"]) == [""]
    # an addressing colon goes with its mention, other punctuation stays; a word that
    # starts with "url" and the neighbourhood unit RT are words
    assert prepare(["(@budi) kabar @a,@b USER: (URL) urlnya @c:d"], places=None) == [
        "( ) kabar , () urlnya :d"]
    assert prepare(["Pak RT 05 minta warga kumpul, RT/RW sepakat"], places=None) == [
        "pak rt 05 minta warga kumpul, rt/rw sepakat"]


@pytest.mark.parametrize(("text", "read"), [
    ("Setuju! RT @budi: ganti", "setuju! ganti"),      # a retweet inside a comment
    ('"RT USER: isi', '" isi'),
    ("RT @detikcom : berita", "berita"),               # a spaced addressing colon
    ("Pak RT @budi datang", "pak rt datang"),          # the neighbourhood unit stays
    ("Lapor ke RT USER dulu", "lapor ke rt dulu"),
    ("@USER halo #URL", "halo url url"),               # a hashtag's words are words
    ("https://USER.github.io/x www.URL.com/a cek", "cek"),  # placeholders inside links
    ("https:\\/\\/t.co\\/abc cek https:// lagi https:", "cek lagi"),  # escaped, cut short
    ("kontak budi@mail.com", "kontak budi@mail.com"),  # an address is no mention
    ("rt @budi: ganti", "ganti"),                      # a retweet mark in any case
    ("Rt USER: ganti", "ganti"),
    ("ＲＴ ＠budi： ganti", "ganti"),                    # full-width marks (pasted text)
    ("ＵＳＥＲ ｈｔｔｐｓ://t.co/x ganti", "ganti"),
    ("di rt @rw05 kumpul", "di rt kumpul"),            # after "di": the neighbourhood unit
])
def test_every_shape_of_a_platform_token_goes_and_nothing_else(text: str, read: str) -> None:
    assert prepare([text], places=None) == [read]


@pytest.mark.parametrize(("text", "read"), [
    ("ＲＴ ＠Garut： ricuh", "ricuh"),  # a place-named account, full-width: no stray marks
    ("rt ＠Bekasi info", "info"),
    ("＃Bogor ricuh", "bogor bogor ricuh"),  # a hashtag keeps its words, as #Bogor does
    ("ＧＡＲＵＴ ricuh", "ricuh"),  # a full-width place name goes as GARUT does
    ("grup rt @budi", "group rt"),  # the neighbourhood unit after grup, bpk, rapat, se-
    ("bpk rt @x datang", "bpk rt datang"),
    ("warga se-rt @x", "warga se-rt"),
])
def test_full_width_marks_go_before_place_names_are_looked_for(text: str, read: str) -> None:
    """As the product reads (place names dropped too): the full-width forms are read as
    ASCII before the place names, so a place inside a mention or hashtag stays inside it."""
    assert prepare([text]) == [read]


def test_the_reading_of_components_trained_before_is_unchanged() -> None:
    """Older components read platform tokens as tokens, exactly as when trained."""
    text = 'RT USER: cek https://bit.ly/x9 (URL) "@a:" Pak RT @budi https:\\/\\/t.co\\/z'
    assert prepare([text], places=None, platform=None) == [
        'rt user: cek urltoken urlbitly (url) " mentiontoken :" pak rt mentiontoken '
        'https:\\/\\/t.co\\/z']


def test_unlabelled_items_are_read_as_the_labelled_ones() -> None:
    """Self-training reads the district's unlabelled items with the training's reading."""
    items = ["@pak_rt kumpul di balai warga", "USER info jadwal posyandu https://t.co/x"]
    assert Pool.read(items, [False, False], []).texts == [
        "kumpul di balai warga", "info jadwal posyandu"]
    assert all("mentiontoken" in t for t in Pool.read(items, [False, False], [],
                                                      platform=None).texts)


def _platform_biased_set() -> LabelledSet:
    """Every hoax names an account and carries a link, no other text does: the starter's
    ``hoaks`` rows look like this (only the hoax tweets carry them)."""
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
        texts += [t.format(u=f"akun{i}{j}") + f" ({i}) https://youtu.be/v{j}"
                  for j, t in enumerate(hoax)]
        texts += [t + f" ({i})" for t in plain]
        y += [[1, 0]] * len(hoax) + [[0, 0]] * len(plain)
    return LabelledSet(texts, np.array(y), ("hoaks", "provokasi"))


@pytest.fixture(scope="module")
def starter() -> TextModel:
    """The shipped starter (also the model whose ``provokasi`` a run on the biased set,
    which judges it with no positive, keeps)."""
    card = json.loads((DATA / "starter-model.json").read_text("utf-8"))
    return load_model(DATA / "starter-model.skops", ["hoaks", "provokasi"], card=card)


@pytest.fixture(scope="module")
def trained(starter: TextModel) -> TextModel:
    return train(_platform_biased_set(), train_labels=("hoaks",), keep=starter).model


def test_a_text_scores_alike_with_or_without_platform_tokens(trained: TextModel) -> None:
    texts = ["Warga datang ke TPS sejak pagi dengan tertib",
             "@pak_rt Warga datang ke TPS sejak pagi dengan tertib",
             "RT USER: Warga datang ke TPS sejak pagi dengan tertib https://youtu.be/v1",
             "Warga datang ke TPS sejak pagi dengan tertib URL"]
    proba = trained.predict_proba(texts)[:, 0]
    assert np.allclose(proba, proba[0])
    assert trained.components["hoaks"].platform == "dropped"


def test_a_component_trained_on_platform_tokens_is_scored_as_it_was_trained() -> None:
    """A card from before this change carries no ``platform``: that component reads
    them, as it was trained, and learned them as a hoax cue (what dropping prevents)."""
    data = _platform_biased_set()
    fit = fit_label(prepare(data.texts, platform=None), data.y[:, 0],
                    np.zeros(len(data.texts), dtype=bool), copy_groups(data.texts),
                    DEFAULT_PARAMS)
    fit.component.provenance["places"] = "dropped"
    assert fit.component.platform is None
    old = TextModel({"hoaks": fit.component})
    texts = ["Warga datang ke TPS sejak pagi dengan tertib",
             "@pak_rt Warga datang ke TPS sejak pagi dengan tertib"]
    whole = fit.component.decision(prepare(texts, platform=None))
    assert whole[1] > whole[0] + 0.5, "the old component scores the mention it learned"
    link = fit.component.decision(prepare([texts[0] + " https://youtu.be/zz"], platform=None))
    assert link[0] > whole[0] + 0.5, "and the link"
    assert np.allclose(old.predict_proba(texts)[:, 0], fit.component.calibrate(whole))


def test_a_model_holding_both_readings_reads_each_component_its_own_way(
        trained: TextModel, tmp_path: Path) -> None:
    """A district that retrains one label of an older version keeps the other label's
    component, which reads platform tokens; saved and loaded, each keeps its reading."""
    data = _platform_biased_set()
    old = fit_label(prepare(data.texts, platform=None), data.y[:, 0],
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
    assert loaded.components["hoaks"].platform == "dropped"
    assert loaded.components["provokasi"].platform is None
    assert np.allclose(loaded.predict_proba(texts), proba)


def test_the_starter_reads_no_platform_tokens(starter: TextModel) -> None:
    card = json.loads((DATA / "starter-model.json").read_text("utf-8"))
    assert {c["platform"] for c in card["components"].values()} == {"dropped"}
    model = starter
    tweet = "Cape ditanya hamil lagi, aku tu gendut bukan hamil!"
    proba = model.predict_proba([tweet, f"USER USER {tweet}", f"RT @teman: {tweet}",
                                 f"{tweet} https://www.kompas.com/read/2026/12/07/x",
                                 f"{tweet} https://www.youtube.com/watch?v=a1 URL"])
    assert np.allclose(proba, proba[0])
