"""Place names are not evidence: the model never reads a place name the region tagger
accepts, so the same text is scored alike whichever area it names."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from classifiers.copies import copy_groups
from classifiers.dataset import LabelledSet
from classifiers.model import DEFAULT_PARAMS, TextModel
from classifiers.text import drop_places, prepare
from classifiers.training import fit_label, train
from sejuk.regions.tagger import default_tagger

STARTER_CARD = Path(__file__).parents[2] / "classifiers" / "data" / "starter-model.json"


def test_accepted_place_names_are_dropped_and_their_cue_words_stay() -> None:
    text = ("BREBES, Sejuk – Warga Desa Kaliwadas, Kecamatan Bumiayu, Kabupaten Brebes "
            "menolak hasil rekapitulasi di Kota Bandung.")
    assert drop_places(text) == (" , Sejuk – Warga Desa  , Kecamatan  , Kabupaten   menolak "
                                 "hasil rekapitulasi di Kota  .")


def test_what_the_tagger_does_not_accept_is_left_as_written() -> None:
    # a person named like a kabupaten, a bare word-like name, an ordinary word
    for text in ("Pak Bima mengatakan surat suara aman", "Kendal bukan nama orang",
                 "Harga cabai di pasar naik", ""):
        assert drop_places(text) == text


def test_group_names_that_are_also_places_stay_words() -> None:
    """Hate speech aimed at Papuans names them: "Papua" is a group here, not an area,
    even where the next word makes a province's name ("Papua tengah", "Aceh besar")."""
    kept = drop_places("Usir orang Papua dan Aceh dari kampung kita di Kota Bandung")
    assert "Papua" in kept and "Aceh" in kept and "Bandung" not in kept
    assert drop_places("Orang Papua tengah dianiaya aparat") == "Orang Papua  dianiaya aparat"
    assert drop_places("Dasar Aceh besar mulut") == "Dasar Aceh  mulut"


def test_a_group_name_after_a_cue_word_is_a_place() -> None:
    assert drop_places("Kota Gorontalo ricuh") == "Kota   ricuh"
    assert drop_places("Warga Kabupaten Aceh Besar") == "Warga Kabupaten  "


def test_names_inside_links_mentions_and_hashtags_stay_whole() -> None:
    """The normaliser reads a link's host, a mention and a hashtag as units; cutting a
    place out of them would turn a link's path into words."""
    for text in ("https://www.brebes.go.id/berita/123abcXYZ", "@Brebes_news bilang",
                 "#BrebesBersatu tolak hoaks", "lihat www.kab-brebes.example/kab/brebes"):
        assert drop_places(text) == text
    assert prepare(["https://www.brebes.go.id/berita/1 di Kab. Brebes"], platform=None) == [
        "urltoken urlbrebesgoid di kab."]


def test_place_spans_line_up_with_the_text() -> None:
    text = "Di Kab. Cirebon — “Polres Cirebon Kota” bilang… (Kec. Plumbon)"
    spans = default_tagger().place_spans(text)
    assert [text[a:b] for a, b, *_ in spans] == ["Cirebon", "Cirebon", "Plumbon"]
    longer = "İzin dari Kab. Cirebon"  # "İ" lower-cases to two characters
    assert drop_places(longer) == "İzin dari Kab.  "
    for text in ("di İ Kendal", "Desa İ Kaliwadas Kab. Brebes", "Papuaİ di Kota Bandung"):
        named = {text[a:b].lower() for a, b, *_ in default_tagger().place_spans(text)}
        assert named == {tag.evidence.split()[-1] for tag in default_tagger().tag(text)}
    assert prepare([text], places=None) != prepare([text])


def _place_biased_set() -> LabelledSet:
    """Every hoax names Kabupaten Brebes, every other text Kabupaten Cirebon: a model
    that read place names would learn them as the label."""
    hoax = ["Surat suara sudah dicoblos duluan di gudang {p}",
            "Kotak suara dibawa kabur petugas ke rumah kades di {p}",
            "Data pemilih ganda ribuan orang ditemukan di {p}, curang!",
            "Petugas KPPS di {p} dibayar untuk mencoblos paslon tertentu",
            "Beredar rekaman penghitungan ulang diam-diam di {p}",
            "Hasil suara di {p} sudah diatur sebelum pencoblosan"]
    plain = ["Rapat pleno rekapitulasi suara di {p} berjalan lancar",
             "Warga {p} datang ke TPS sejak pagi dengan tertib",
             "Bawaslu {p} mengawasi distribusi logistik pemilu",
             "Polisi menjaga gudang logistik KPU di {p}",
             "Pelipatan surat suara di {p} selesai tepat waktu",
             "Sosialisasi tata cara mencoblos digelar di {p}"]
    texts, y = [], []
    for i in range(4):
        for t in hoax:
            texts.append(t.format(p="Kabupaten Brebes") + f" ({i})")
            y.append([1, 0])
        for t in plain:
            texts.append(t.format(p="Kabupaten Cirebon") + f" ({i})")
            y.append([0, 1 if "Polisi" in t else 0])
    return LabelledSet(texts, np.array(y), ("hoaks", "provokasi"))


@pytest.fixture(scope="module")
def biased() -> TextModel:
    return train(_place_biased_set()).model


def test_a_text_scores_alike_whichever_area_it_names(biased: TextModel) -> None:
    texts = [f"Antrean warga di TPS Kabupaten {place} mengular sejak pagi"
             for place in ("Brebes", "Cirebon", "Lampung Tengah")]
    proba = biased.predict_proba(texts)
    assert np.allclose(proba[0], proba[1]) and np.allclose(proba[0], proba[2])
    assert not {term for why in biased.reasons(texts) for terms in why.values()
                for term in terms} & {"brebes", "cirebon", "lampung", "tengah"}


def test_a_component_trained_on_place_names_is_scored_as_it_was_trained(
        biased: TextModel) -> None:
    """A card from before this change carries no ``places``: that component reads place
    names, as it was trained, and learned them (what dropping them prevents)."""
    data = _place_biased_set()
    fit = fit_label(prepare(data.texts, places=None), data.y[:, 0],
                    np.zeros(len(data.texts), dtype=bool), copy_groups(data.texts),
                    DEFAULT_PARAMS)
    assert fit.component.places is None and biased.components["hoaks"].places == "dropped"
    old = TextModel({"hoaks": fit.component})
    texts = ["Antrean warga di TPS Kabupaten Brebes mengular sejak pagi",
             "Antrean warga di TPS Kabupaten Cirebon mengular sejak pagi"]
    whole = old.components["hoaks"].decision(prepare(texts, places=None))
    assert whole[0] > whole[1] + 1.0, "the old component scores the place it learned"
    dropped = biased.components["hoaks"].decision(prepare(texts))
    assert dropped[0] == pytest.approx(dropped[1])
    assert np.allclose(old.predict_proba(texts)[:, 0],
                       old.components["hoaks"].calibrate(whole))


def test_the_starter_model_card_says_its_place_names_are_dropped() -> None:
    card = json.loads(STARTER_CARD.read_text("utf-8"))
    assert {c["places"] for c in card["components"].values()} == {"dropped"}
