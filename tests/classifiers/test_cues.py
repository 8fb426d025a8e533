"""Cue lexicons: which texts they vote on and how, whole words only, and the names the
interface gives their categories."""

from __future__ import annotations

import pytest

from classifiers.cues import ABSTAIN, LEXICONS, NO, YES, categories, named, vote, votes


@pytest.mark.parametrize(("text", "expected"), [
    ("Dasar kafir, usir saja mereka dari kampung ini", YES),
    ("Siapkan massa, besok kita kepung kantor KPU", YES),
    ("Warga gotong royong membersihkan saluran air sebelum musim hujan", NO),
    ("Umat Islam di desa ini merayakan Maulid bersama", ABSTAIN),  # a group named alone
    ("Dasar goblok, kerjaan begitu saja tidak becus", ABSTAIN),  # a slur at a person
    ("Ayo kepung rumahnya malam ini", ABSTAIN),  # a call to a mass, no official named
    ("Buat KPPS TPS 07 hati2 aja ya, kami tau rumah kalian. jangan macem2 pas ngitung", YES),
    ("Awas saja kalau berani, kami tau rumah kalian", ABSTAIN),  # a threat, to no official
    # the words of routine news are no cue: police deployments, witnesses of the other
    # side, farm and health news, a city named Serang
    ("Polres kerahkan 500 personel untuk pengamanan TPS", NO),
    ("Saksi dari paslon lawan mengajukan keberatan di TPS", NO),
    ("Demam babi Afrika menyerang ternak warga di Papua", ABSTAIN),
    ("Umat Islam di Kota Serang merayakan Maulid", ABSTAIN),
    ("Pangeran Arab Saudi dikabarkan bunuh diri di bandara London", ABSTAIN),  # suicide
    ("Dasar kafir, bunuh saja mereka", YES),
])
def test_provokasi_votes_for_a_group_beside_violence_or_a_mass_against_officials(
        text: str, expected: int) -> None:
    assert vote(text, "provokasi") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("WASPADA!! Sebarkan ke grup keluarga: surat suara sudah dicoblos", YES),
    ("Info dari grup sebelah, katanya TPS dipindah", YES),
    ("Ketua KPU mengatakan rekapitulasi berjalan sesuai jadwal, ujarnya", NO),
    ("Waspada, menurut keterangan resmi Polres jalan ditutup", ABSTAIN),  # one each way
    ("Pemungutan suara dimulai pukul tujuh pagi", ABSTAIN),
    # a police appeal against hoaxes warns and asks as a forward does, the other way
    ("Polres imbau warga jangan sebarkan hoaks, waspada informasi palsu!!", NO),
    ("Polsek bagikan sembako kepada warga terdampak banjir", ABSTAIN),
    ("Buat KPPS hati2 aja ya, kami tau rumah kalian", ABSTAIN),  # a threat, not a warning
    # "!!" alone marks a rant as often as a forward; beside another cue it counts
    ("Jokowi yg mundur lebih pas!!", ABSTAIN),
    ("Parah!!! Menurut saya media pura2 tidak tahu", NO),
    ("Waspada!! Menurut keterangan resmi Polres jalan ditutup", YES),  # two for, one against
])
def test_hoaks_votes_for_a_forwards_manner_and_against_a_news_report(
        text: str, expected: int) -> None:
    assert vote(text, "hoaks") == expected


def test_cues_match_whole_words_in_any_case() -> None:
    assert categories("KAFIR", "provokasi") == {"kelompok_sara"}
    assert categories("Kebakaran lahan di perbatasan", "provokasi") == frozenset(), \
        "'bakar' inside another word is no cue"
    assert categories("Serangan jantung", "provokasi") == frozenset()


def test_a_label_without_a_lexicon_never_votes() -> None:
    assert "gosip" not in LEXICONS
    assert categories("Dasar kafir, usir mereka", "gosip") == frozenset()
    assert votes(["Dasar kafir, usir mereka", "Rapat warga"], "gosip").tolist() == [0, 0]
    assert votes(["Dasar kafir, usir mereka", "Rapat warga"], "provokasi").tolist() == [1, -1]


def test_categories_are_named_in_the_interfaces_language_most_found_first() -> None:
    counts = {"hinaan_kekerasan": 35, "kelompok_sara": 1200}
    assert named(counts, "id") == "kelompok SARA 1.200, hinaan atau kekerasan 35"
    assert named(counts, "en") == "religious or ethnic groups 1,200, slurs or violence 35"
    assert named({}, "id") == ""
