"""The shipped source catalogue, its commands, and collection coping with what it warns
about: a browser-like User-Agent, 403/502 as health, Google News links, per-source terms."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from feeds.catalog import load_catalog, select_entries
from feeds.collect import collect
from feeds.parse import FeedEntry
from feeds.sources import add_source, source_health
from feeds.terms import apply_terms, google_news_target, lead, resolve_google_news
from sejuk.cli import app
from sejuk.db.models import AuditEntry, Item, Source
from sejuk.settings import DEFAULT_USER_AGENT
from sejuk.workspace import Workspace
from tests.httpserver import TestServer, running_server

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "sources" / "catalog.csv"
runner = CliRunner()


def test_catalogue_is_versioned_by_the_hash_of_its_data() -> None:
    data = resources.files("feeds") / "data"
    meta = json.loads((data / "catalog.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((data / "catalog.csv").read_bytes()).hexdigest()
    assert digest == meta["sha256"], "catalog.csv changed: rebuild with a new --version"
    catalog = load_catalog()
    assert catalog.version == meta["version"]
    assert len(catalog.entries) == meta["entries"] == 149
    assert len({e.id for e in catalog.entries}) == 149
    assert {e.terms for e in catalog.entries} == {"full", "lead", "title"}


def test_catalogue_matches_the_compiled_facts() -> None:
    if not SHARED.exists():
        pytest.skip("../shared/data not present")
    import csv

    with SHARED.open(encoding="utf-8") as handle:
        facts = {row["url"]: row for row in csv.DictReader(handle)}
    for entry in load_catalog().entries:
        assert facts[entry.url]["kind"] == entry.kind
        assert (facts[entry.url]["province"] or None) == entry.province


def test_province_selection_is_national_plus_that_province() -> None:
    catalog = load_catalog()
    jabar = select_entries(catalog, province="32.09")  # a Polres names its regency
    assert {e.province for e in jabar} == {None, "32"}
    assert any(e.province == "32" for e in jabar)
    high = select_entries(catalog, province="32", min_confidence="high", kind="news")
    assert high and all(e.confidence == "high" and e.kind == "news" for e in high)
    assert len(select_entries(catalog)) == 149


def test_cli_catalog_lists_and_adds_once(workspace: Workspace) -> None:
    home = str(workspace.home)
    listed = runner.invoke(app, ["sources", "catalog", "--province", "32", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert {r["province"] for r in rows} == {None, "32"}
    assert all(r["added_as"] is None for r in rows)
    first = runner.invoke(app, ["sources", "add", "--catalog", "--province", "32",
                                "--home", home])
    assert first.exit_code == 0, first.output
    assert f"{len(rows)} sumber ditambahkan, 0 sudah ada" in first.output
    again = runner.invoke(app, ["sources", "add", "--catalog", "--province", "32", "--home",
                                home])
    assert f"0 sumber ditambahkan, {len(rows)} sudah ada" in again.output
    with workspace.session() as session:
        sources = session.scalars(select(Source)).all()
        assert len(sources) == len(rows)
        regional = [s for s in sources if s.region_code == "32"]
        assert regional and all(s.catalog_id for s in sources)
        assert {s.terms for s in sources} <= {"full", "lead", "title"}
        assert session.scalar(select(AuditEntry).where(
            AuditEntry.action == "source.add_catalog")) is not None
    marked = json.loads(runner.invoke(app, ["sources", "catalog", "--province", "32",
                                            "--json", "--home", home]).output)
    assert all(r["added_as"] for r in marked)


def test_catalog_add_skips_a_source_already_there_by_url(workspace: Workspace) -> None:
    entry = select_entries(load_catalog(), kind="factcheck", min_confidence="high")[0]
    with workspace.session() as session:
        add_source(session, entry.url + "?utm_source=x", "Punya kami", "factcheck")
    result = runner.invoke(app, ["sources", "add", "--catalog", "--kind", "factcheck",
                                 "--min-confidence", "high", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as session:
        assert session.scalar(select(Source).where(Source.name == entry.name)) is None


def test_unknown_province_and_bad_options_are_refused(workspace: Workspace) -> None:
    """In the workspace's language (Indonesian by default; they were English only)."""
    home = str(workspace.home)
    for args, message, pesan in (
            (["--province", "99"], "unknown province code '99'",
             "kode provinsi '99' tidak dikenal"),
            (["--min-confidence", "sure"], "min confidence 'sure': must be one of high",
             "keyakinan minimal 'sure': harus salah satu dari high"),
            (["--kind", "blog"], "kind 'blog': must be one of", "jenis 'blog': harus salah")):
        for lang, expected in (("en", message), ("id", pesan)):
            result = runner.invoke(app, ["--lang", lang, "sources", "add", "--catalog", *args,
                                         "--home", home])
            assert result.exit_code == 1, result.output
            assert result.stderr.startswith(f"error: {expected}"), result.output
    with workspace.session() as session:
        assert session.scalars(select(Source)).all() == []


@pytest.mark.parametrize("province", ["99", "Jawa Barat", "32.99"])
def test_listing_refuses_an_unknown_province_without_a_workspace(province: str) -> None:
    """The listing printed the national entries for any code, as if it were known."""
    result = runner.invoke(app, ["--lang", "en", "sources", "catalog", "--province", province])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: unknown province code {province!r}")
    assert result.stdout == ""
    # Indonesian by default (it was English only)
    result = runner.invoke(app, ["sources", "catalog", "--province", province])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: kode provinsi {province!r} tidak dikenal "
                                    "(Kemendagri, mis. 32 untuk Jawa Barat; ")
    assert result.stdout == ""


# ---- collection: User-Agent, blocked answers, Google News, terms --------------------------

@pytest.fixture
def server() -> Iterator[TestServer]:
    with running_server() as srv:
        yield srv


def _gn_link(target: str) -> str:
    payload = b"\x08\x13\x22" + bytes([len(target)]) + target.encode() + b"\xd2\x01\x00"
    token = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"https://news.google.com/rss/articles/{token}?oc=5"


def _rss(items: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}'
            "</channel></rss>").encode()


def test_user_agent_is_browser_like_and_blocked_answers_are_health(
        workspace: Workspace, server: TestServer) -> None:
    seen: list[str] = []
    body = _rss("<item><title>Warta</title><link>https://a.example/1</link>"
                "<description>Isi</description><guid>1</guid></item>")

    def picky(h: BaseHTTPRequestHandler) -> None:
        seen.append(h.headers.get("User-Agent", ""))
        if "Mozilla/5.0" not in seen[-1]:
            h.send_error(403)
            return
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.end_headers()
        h.wfile.write(body)

    def bot_wall(h: BaseHTTPRequestHandler) -> None:
        h.send_error(502)

    with workspace.session() as session:
        add_source(session, server.add("/picky", picky), "Picky", "news")
        add_source(session, server.add("/wall", bot_wall), "Wall", "factcheck")
    report = collect(workspace)
    assert seen == [DEFAULT_USER_AGENT]
    assert report.new == 1 and report.failed == 1
    with workspace.session() as session:
        health = {h.name: h for h in source_health(session)}
    assert health["Wall"].last_status == 502
    assert "anti-bot" in (health["Wall"].last_error or "")
    assert health["Wall"].consecutive_failures == 1 and health["Picky"].last_status == 200


def test_a_configured_user_agent_is_sent(workspace: Workspace, server: TestServer) -> None:
    import dataclasses

    seen: list[str] = []

    def route(h: BaseHTTPRequestHandler) -> None:
        seen.append(h.headers.get("User-Agent", ""))
        h.send_error(403)

    collector = dataclasses.replace(workspace.settings.collector, user_agent="Polres-X/1.0")
    workspace.settings = dataclasses.replace(workspace.settings, collector=collector)
    with workspace.session() as session:
        add_source(session, server.add("/ua", route), "UA", "news")
    collect(workspace)
    with workspace.session() as session:
        (health,) = source_health(session)
    assert seen == ["Polres-X/1.0"]
    assert health.last_status == 403 and "user_agent" in (health.last_error or "")


def test_google_news_links_become_the_publishers_and_terms_apply(
        workspace: Workspace, server: TestServer) -> None:
    long_text = "Paragraf pertama berita. " * 30 + "\nParagraf kedua yang tidak disimpan."
    gn = _rss(f"<item><title>KPU tetapkan DPT - Kompas.com</title>"
              f"<link>{_gn_link('https://www.kompas.com/read/2024/dpt')}</link>"
              "<description>&lt;a href=\"x\"&gt;KPU tetapkan DPT&lt;/a&gt;&amp;nbsp;"
              "&lt;font&gt;Kompas.com&lt;/font&gt;</description><guid>g1</guid></item>")
    news = _rss(f"<item><title>Warta panjang</title><link>https://b.example/2</link>"
                f"<description>{long_text}</description><guid>n1</guid></item>")
    with workspace.session() as session:
        add_source(session, server.static("/gn", gn), "GNews", "news", terms="title")
        add_source(session, server.static("/news", news), "Koran", "news", terms="lead")
    collect(workspace)
    with workspace.session() as session:
        items = {i.title: i for i in session.scalars(select(Item))}
    assert items["KPU tetapkan DPT"].url == "https://kompas.com/read/2024/dpt"
    assert items["KPU tetapkan DPT"].text == ""
    stored = items["Warta panjang"].text
    assert stored.startswith("Paragraf pertama") and "kedua" not in stored
    assert len(stored) <= 402


def test_opaque_google_news_ids_keep_the_google_link() -> None:
    opaque = "https://news.google.com/rss/articles/CBMiAU_yqLNoPublisherHere?oc=5"
    assert google_news_target(opaque) is None
    entry = FeedEntry(guid="1", link=opaque, title="Judul - Detik", text="Judul Detik",
                      published=None)
    resolved = resolve_google_news(entry)
    assert resolved.link == opaque and resolved.title == "Judul"


def test_lead_and_title_terms() -> None:
    text = "Kalimat satu. Kalimat dua.\nParagraf dua."
    assert lead(text) == "Kalimat satu. Kalimat dua."
    entry = FeedEntry(guid="1", link=None, title="T", text=text, published=None)
    assert apply_terms(entry, "title").text == ""
    assert apply_terms(entry, "full").text == text
    assert lead("wort " * 200).endswith(" …") and len(lead("wort " * 200)) <= 402


def test_full_text_needs_full_terms(workspace: Workspace) -> None:
    from sejuk.errors import InputError

    with workspace.session() as session, pytest.raises(InputError, match="full text"):
        add_source(session, "https://c.example/rss", "C", "news", terms="lead", full_text=True)


def test_catalog_add_by_regency_names_the_province_it_added(workspace: Workspace) -> None:
    """A Polres names its regency (``--province 35.27``, Sampang): the summary said
    "provinsi 35.27", a code that is no province; it names Jawa Timur, whose entries came."""
    result = runner.invoke(app, ["sources", "add", "--catalog", "--province", "35.27",
                                 "--kind", "factcheck", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    assert "(nasional + provinsi Jawa Timur (35))" in result.output
    english = runner.invoke(app, ["--lang", "en", "sources", "add", "--catalog",
                                  "--province", "35", "--home", str(workspace.home)])
    assert "(national + province Jawa Timur (35))" in english.output
