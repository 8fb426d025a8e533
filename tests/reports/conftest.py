"""Fixtures for field reports: an OCR engine (Debian's Tesseract, installed by .ci/run)
and a workspace holding one fact-check debunk for claim matching."""

from __future__ import annotations

import shutil

import pytest

from feeds.parse import FeedEntry
from feeds.sources import add_source
from feeds.store import store_entries
from sejuk.access.privacy import ensure_salt
from sejuk.reports.ocr import OcrEngine, TesseractEngine
from sejuk.workspace import Workspace

DEBUNK_TITLE = "[HOAKS] Surat suara sudah dicoblos di gudang KPU sebelum hari pemungutan"
DEBUNK_LINK = "https://cekfakta.example/hoaks-surat-suara-dicoblos"


@pytest.fixture(scope="session")
def ocr() -> OcrEngine:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr is not installed (.ci/run installs it)")
    return TesseractEngine()


@pytest.fixture
def debunked(workspace: Workspace) -> Workspace:
    """A workspace whose fact-check source has refuted the 'pre-punched ballots' claim."""
    with workspace.session() as session:
        source = add_source(session, "https://cekfakta.example/feed", "Cek Fakta Contoh",
                            "factcheck")
        store_entries(session, source, [FeedEntry(
            guid="d1", link=DEBUNK_LINK, title=DEBUNK_TITLE,
            text="Beredar pesan berantai yang mengklaim surat suara sudah dicoblos di gudang "
                 "KPU sebelum hari pemungutan suara. Faktanya, KPU membantah kabar tersebut.",
            published=None)], salt=ensure_salt(session))
    return workspace
