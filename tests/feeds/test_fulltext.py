"""Optional full text for summary-only feeds, fetched from 127.0.0.1 under the same limits."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from feeds.collect import collect
from feeds.fulltext import extract_main_text
from feeds.sources import add_source
from sejuk.db.models import Item, Source
from sejuk.settings import CollectorSettings
from sejuk.workspace import Workspace
from tests.httpserver import TestServer, running_server

ARTICLE = """<!doctype html><html><head><title>Berita</title><style>p{}</style></head>
<body><header><p>Menu: Beranda | Politik | Daerah | Olahraga | Hiburan | Kontak</p></header>
<nav><p>Terpopuler: lima berita yang banyak dibaca pekan ini di seluruh kanal kami</p></nav>
<article><h1>Gudang logistik dijaga</h1>
<p>Polres Cirebon Kabupaten menempatkan personel di gudang logistik KPU di Sumber sejak
Senin malam.</p><p>Penjagaan berlangsung 24 jam sampai distribusi kotak suara ke PPK
selesai, kata Kapolsek setempat.</p><script>track()</script>
<figure><p>Foto: dokumentasi</p></figure></article>
<aside><p>Baca juga: sepuluh tips memilih di TPS dengan tenang dan aman bagi lansia</p></aside>
<footer><p>Hak cipta 2024 Kabar Uji. Seluruh hak dilindungi undang-undang yang berlaku.</p>
</footer></body></html>"""


def test_extract_main_text_keeps_article_paragraphs_only() -> None:
    text = extract_main_text(ARTICLE)
    assert text.startswith("Polres Cirebon Kabupaten menempatkan personel")
    assert "Penjagaan berlangsung 24 jam" in text
    for noise in ("Menu:", "Terpopuler", "Baca juga", "Hak cipta", "track()", "Foto:"):
        assert noise not in text


def test_extract_without_article_takes_substantial_paragraphs() -> None:
    html = ("<div><p>Pendek.</p><p>" + "Kalimat panjang tentang rapat koordinasi. " * 3
            + "</p><footer><p>" + "Alamat redaksi dan kontak. " * 3 + "</p></footer></div>")
    assert extract_main_text(html).startswith("Kalimat panjang")
    assert "Alamat" not in extract_main_text(html)


def _feed(server: TestServer, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Judul {i}</title><link>{link}</link><guid>g{i}</guid>"
        f"<description>Ringkasan pendek {i}.</description>"
        "<pubDate>Mon, 25 Nov 2024 08:00:00 +0700</pubDate></item>"
        for i, link in enumerate(links))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}" \
           "</channel></rss>".encode()


@pytest.fixture
def server() -> Iterator[TestServer]:
    with running_server() as srv:
        yield srv


def test_full_text_is_fetched_once_for_new_entries_only(workspace: Workspace,
                                                        server: TestServer) -> None:
    workspace.settings = dataclasses.replace(
        workspace.settings, collector=CollectorSettings(max_bytes=5_000))
    good = server.static("/berita/1", ARTICLE.encode(), "text/html; charset=utf-8")
    huge = server.static("/berita/2", b"<p>" + b"x" * 10_000 + b"</p>", "text/html")
    missing = server.url("/berita/3")
    feed = server.static("/feed.xml", _feed(server, [good, huge, missing]))
    with workspace.session() as session:
        add_source(session, feed, "Ringkas", "news", full_text=True)
        add_source(session, server.static("/plain.xml", _feed(server, [good + "?p"])),
                   "Biasa", "news")
    report = collect(workspace)
    assert report.failed == 0
    with workspace.session() as session:
        texts = {i.title: i.text for i in session.scalars(
            select(Item).join(Source).where(Source.name == "Ringkas"))}
    assert texts["Judul 0"].startswith("Polres Cirebon Kabupaten")  # from the page
    assert texts["Judul 1"] == "Ringkasan pendek 1."  # page over the size cap: summary kept
    assert texts["Judul 2"] == "Ringkasan pendek 2."  # page 404: summary kept
    assert server.hits["/berita/1"] == 1  # the plain source never fetched pages
    collect(workspace, force=True)
    assert server.hits["/berita/1"] == 1  # known entries are not fetched again
