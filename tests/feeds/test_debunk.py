"""Debunks are recognised, so they are never flagged as the hoax they refute."""

from __future__ import annotations

import pytest

from classifiers.text import normalise
from feeds.debunk import debunk_verdict


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        ("[HOAKS] Surat suara sudah dicoblos di gudang", "Penjelasan lengkap ...", "news"),
        ("[SALAH] Pencoblosan diundur", "", None),
        ("Kabar pencoblosan diundur", "Apa saja isinya", "factcheck"),
        ("KPU Kuningan membantah kabar TPS dipindah", "Jadwal tetap.", "news"),
        ("Polres pastikan info pemilih siluman tidak benar", "Hasil pengecekan ...", "news"),
        ("Beredar pesan", "Kasi Humas menegaskan informasi tersebut tidak benar", "news"),
    ],
)
def test_debunks(title: str, text: str, kind: str | None) -> None:
    verdict = debunk_verdict(title, text, kind)
    assert verdict.is_debunk
    assert verdict.reason


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Surat suara sudah dicoblos!", "Ini bukan hoaks, sebarkan sebelum dihapus KPU"),
        ("Katanya pencoblosan diundur", "Info dari grup sebelah"),
        ("Tidak benar kalau kami diam", "Ayo kepung kantor desa"),
    ],
)
def test_not_debunks(title: str, text: str) -> None:
    assert not debunk_verdict(title, text, "social").is_debunk


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Beredar pesan surat suara sudah dicoblos di Kecamatan Omben, warga diminta waspada",
         "Pesan berantai menyebut surat suara sudah dicoblos di gudang KPU Kecamatan Omben. "
         "Warga diminta tidak menyebarkan sebelum ada klarifikasi."),
        ("Warga minta klarifikasi KPU soal TPS dipindah", "Belum ada jawaban."),
        ("Video kotak suara dibuka viral", "Bawaslu belum memberikan klarifikasi."),
        ("Massa menuntut klarifikasi Bupati", "Mereka menunggu klarifikasi KPU."),
    ],
)
def test_news_of_a_claim_awaiting_clarification_is_no_debunk(title: str, text: str) -> None:
    """A report that a claim circulates and nobody has answered it yet is the opposite of
    a debunk: taken for one, it told officers the claim was "SUDAH DIBANTAH" and made the
    news item the debunk of every forward of the claim."""
    assert not debunk_verdict(title, text, "news").is_debunk


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Klarifikasi KPU soal surat suara tercoblos", "Surat suara masih tersegel."),
        ("Belum ada klarifikasi? KPU: informasi tersebut tidak benar", ""),
        ("KPU Sampang memberikan klarifikasi", "Kabar pemilu diundur tidak sesuai fakta."),
    ],
)
def test_clarification_given_is_still_a_debunk(title: str, text: str) -> None:
    assert debunk_verdict(title, text, "news").is_debunk


def test_normalise_handles_social_text() -> None:
    text = "Parahhh bgt!!! @warga_01 cek https://t.co/abc #TolakHasilPilkada TPS 12 yg gak jelas"
    out = normalise(text)
    assert "parah" in out.split()
    assert "banget!!!" in out.split(), "punctuation is kept: dropping it cost macro-F1"
    assert "urltoken urltco" in out, "the host stays, the short link's random path goes"
    assert "abc" not in out
    assert "mentiontoken" in out and "warga_01" not in out
    assert "tolak hasil pilkada" in out
    assert "tps 12" in out, "digits are kept: mapping them to 0 cost macro-F1"
    assert "yang tidak jelas" in out
