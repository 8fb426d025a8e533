"""Offline language detection: Indonesian (formal and chat style), English, or unknown."""

from __future__ import annotations

import pytest

from feeds.normalize import detect_language


@pytest.mark.parametrize(("text", "language"), [
    ("Polres menempatkan personel di gudang logistik KPU sejak Senin malam agar "
     "distribusi berjalan aman.", "id"),
    ("Bawaslu menyatakan bahwa para pengawas telah dilatih sebagai bagian dari persiapan.",
     "id"),
    ("info dr orang dalem: surat suara udah bolong, waspada warga! gak bisa dibiarin", "id"),
    ("The election commission said ballots were delivered to all polling stations on "
     "time.", "en"),
    ("Police have secured the warehouse and will escort the ballot boxes.", "en"),
    ("Pilkada 2024", None),
    ("😡😡😡 !!!", None),
])
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language
