"""Public-post feeds: platform detection, author handles, post text vs link, hashtags.

Each fixture under tests/data/feeds/social is a small feed in the shape the platform (or
RSS-Bridge) publishes, with invented accounts and text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from feeds.collect import collect
from feeds.parse import parse_feed
from feeds.platforms import adapt_entry, detect_platform, handle_free_link
from feeds.sources import add_source
from sejuk.access.privacy import ensure_salt, hash_author
from sejuk.db.models import Item, ItemSource, Source
from sejuk.settings import PrivacySettings
from sejuk.workspace import Workspace
from tests.httpserver import TestServer, running_server

SOCIAL = Path(__file__).parent.parent / "data" / "feeds" / "social"


@pytest.mark.parametrize(("url", "platform"), [
    ("https://sosial.example/tags/pilkadadamai.rss", "mastodon"),
    ("https://sosial.example/@warga.rss", "mastodon"),
    ("https://bsky.app/profile/pantaupilkada.bsky.social/rss", "bluesky"),
    ("https://www.youtube.com/feeds/videos.xml?channel_id=UC123", "youtube"),
    ("https://www.reddit.com/r/indonesia/.rss", "reddit"),
    ("https://bridge.example/?action=display&bridge=TelegramBridge&username=x&format=Mrss",
     "telegram"),
    ("https://bridge.example/rssbridge/telegram/infowarga.xml", "telegram"),
    ("https://kabar.example/rss.xml", None),
])
def test_platform_is_detected_from_the_feed_url(url: str, platform: str | None) -> None:
    assert detect_platform(url) == platform


def _entries(name: str, platform: str) -> list:
    parsed = parse_feed((SOCIAL / name).read_bytes(), {"content-type": "application/xml"})
    assert not parsed.refused, parsed.problem
    return [adapt_entry(e, platform) for e in parsed.entries]


def test_mastodon_author_from_link_text_and_hashtags() -> None:
    first, second = _entries("mastodon_tag.rss", "mastodon")
    assert first.author == "RukunWarga_Weru@sosial.example"
    assert second.author == "kangdedi@kota.example"
    assert first.title == ""
    assert first.text.startswith("Ronda malam di Kec. Weru")
    assert "<span" not in first.text
    assert first.hashtags == ("pilkadadamai", "cirebon")
    assert second.links[-1] == "https://berita.example/kpu-bantah"


def test_bluesky_handle_from_profile_link() -> None:
    first, _ = _entries("bluesky_profile.rss", "bluesky")
    assert first.author == "pantaupilkada.bsky.social"
    assert first.hashtags == ("kawalsuara", "pilbup2024")
    assert first.guid.startswith("at://")


def test_youtube_keeps_title_and_description() -> None:
    (video,) = _entries("youtube_channel.xml", "youtube")
    assert video.title == "Simulasi Pengamanan TPS di Kabupaten Indramayu"
    assert video.text.startswith("Polres menggelar simulasi")
    assert video.author == "Kanal Kabar Daerah"
    assert video.hashtags == ("pilkadaaman", "indramayu")


def test_reddit_self_post_and_link_post() -> None:
    self_post, link_post = _entries("reddit_sub.xml", "reddit")
    assert self_post.author == "warga_kuningan"
    assert "submitted by" not in self_post.text
    assert self_post.text.startswith("Di grup WA beredar jadwal")
    assert link_post.text == "https://berita.example/kpu-kuningan-jadwal-tetap"
    assert link_post.title.startswith("KPU Kuningan")
    assert self_post.hashtags == ()  # the subreddit is a place, not a hashtag


def test_telegram_bridge_drops_truncated_title_and_names_the_channel() -> None:
    first, second = _entries("telegram_bridge.xml", "telegram")
    assert first.title == ""
    assert first.text.startswith("Copas dari grup sebelah: besok pagi kumpul")
    assert first.author == "infowargapesisir"
    assert first.hashtags == ("kawaldpt",)
    assert second.title == ""


@pytest.fixture
def server() -> Iterator[TestServer]:
    with running_server() as srv:
        yield srv


FEEDS = {
    "/tags/pilkadadamai.rss": "mastodon_tag.rss",
    "/profile/pantaupilkada.bsky.social/rss": "bluesky_profile.rss",
    "/feeds/videos.xml": "youtube_channel.xml",
    "/r/pilkadafiktif/.rss": "reddit_sub.xml",
    "/rssbridge/telegram/infowargapesisir.xml": "telegram_bridge.xml",
}
PLATFORM_OF_PATH = {
    "/tags/pilkadadamai.rss": "mastodon",
    "/profile/pantaupilkada.bsky.social/rss": "bluesky",
    "/feeds/videos.xml": "youtube",
    "/r/pilkadafiktif/.rss": "reddit",
    "/rssbridge/telegram/infowargapesisir.xml": "telegram",
}


def _serve_all(ws: Workspace, server: TestServer) -> None:
    with ws.session() as session:
        for path, name in FEEDS.items():
            url = server.static(path, (SOCIAL / name).read_bytes())
            # 127.0.0.1 hides the platform's host, so it is given as a user would.
            add_source(session, url, name, "social", platform=PLATFORM_OF_PATH[path])


def test_collected_posts_store_hashed_authors_only(workspace: Workspace,
                                                   server: TestServer) -> None:
    _serve_all(workspace, server)
    report = collect(workspace)
    assert report.failed == 0
    assert report.new == 9
    with workspace.session() as session:
        salt = ensure_salt(session)
        items = session.scalars(select(Item)).all()
        assert all(i.author_handle is None for i in items)
        assert all(i.kind == "post" for i in items)
        hashes = {i.author_hash for i in items}
        assert hash_author(salt, "RukunWarga_Weru@sosial.example") in hashes
        assert hash_author(salt, "@rukunwarga_weru@sosial.example") in hashes
        platforms = dict(session.execute(select(Source.name, Source.platform)).all())
        assert platforms["telegram_bridge.xml"] == "telegram"


def test_handles_kept_only_when_the_setting_allows(workspace: Workspace,
                                                   server: TestServer) -> None:
    workspace.settings = dataclasses.replace(
        workspace.settings, privacy=PrivacySettings(store_author_handles=True))
    _serve_all(workspace, server)
    collect(workspace)
    with workspace.session() as session:
        handles = set(session.scalars(select(Item.author_handle)))
    assert {"RukunWarga_Weru@sosial.example", "pantaupilkada.bsky.social",
            "warga_kuningan", "infowargapesisir"} <= handles


HANDLES = ("RukunWarga_Weru", "kangdedi", "pantaupilkada", "warga_kuningan")


def _stored_keys(ws: Workspace) -> list[str]:
    with ws.session() as session:
        rows = session.execute(select(Item.url, Item.link, Item.guid)).all()
        provenance = list(session.scalars(select(ItemSource.guid)))
    return [value or "" for row in rows for value in row] + provenance


def _export(ws: Workspace, fmt: str) -> str:
    from typer.testing import CliRunner

    from sejuk.cli import app

    result = CliRunner().invoke(app, ["items", "export", "--format", fmt, "--home",
                                      str(ws.home)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stored_and_exported_links_carry_no_author_handle(workspace: Workspace,
                                                         server: TestServer) -> None:
    _serve_all(workspace, server)
    assert collect(workspace).failed == 0
    keys = _stored_keys(workspace)
    assert not [k for k in keys if any(h.lower() in k.lower() for h in HANDLES)], keys
    assert "https://sosial.example/statuses/111234567890123456" in keys  # still opens
    for fmt in ("jsonl", "csv"):
        exported = _export(workspace, fmt)
        assert "statuses/111234567890123456" in exported
        assert not any(f"/@{h}".lower() in exported.lower() for h in HANDLES)
        assert "/profile/pantaupilkada" not in exported
    collect(workspace, force=True)  # the handle-free keys still find every post again
    with workspace.session() as session:
        assert len(session.scalars(select(Item)).all()) == 9


def test_the_opt_in_keeps_the_published_link_but_never_exports_it(
        workspace: Workspace, server: TestServer) -> None:
    workspace.settings = dataclasses.replace(
        workspace.settings, privacy=PrivacySettings(store_author_handles=True))
    _serve_all(workspace, server)
    collect(workspace)
    with workspace.session() as session:
        post = session.scalar(select(Item).where(Item.url.like("%111234567890123456")))
        assert post is not None
        assert post.link == "https://sosial.example/@RukunWarga_Weru/111234567890123456"
        assert post.url == "https://sosial.example/statuses/111234567890123456"
    exported = _export(workspace, "jsonl")
    assert "@RukunWarga_Weru" not in exported and "statuses/111234567890123456" in exported


@pytest.mark.parametrize(("url", "expected"), [
    ("https://m.example/@warga/113", "https://m.example/statuses/113"),
    ("https://m.example/@warga@lain.example/113?ref=x#a", "https://m.example/statuses/113"),
    ("https://m.example/users/warga/statuses/113", "https://m.example/statuses/113"),
    ("https://m.example/web/@warga/113", "https://m.example/statuses/113"),
    ("https://www.reddit.com/r/indonesia/comments/abc/judul/",
     "https://www.reddit.com/r/indonesia/comments/abc/judul/"),
    ("https://kabar.example/2024/11/berita.html", "https://kabar.example/2024/11/berita.html"),
    ("urn:uuid:1234", "urn:uuid:1234"),
])
def test_handle_free_link(url: str, expected: str) -> None:
    assert handle_free_link(url, "garam") == expected


@pytest.mark.parametrize("url", [
    "https://bsky.app/profile/warga.bsky.social/post/3kabc",
    "https://www.reddit.com/user/warga/comments/abc/judul/",
    "https://blog.example/@warga/tulisan-1",
])
def test_links_without_a_handle_free_form_get_a_stable_pseudonym(url: str) -> None:
    out = handle_free_link(url, "garam")
    assert out is not None and "warga" not in out and "~" in out
    assert handle_free_link(url, "garam") == out  # stable: a dedup key
    assert handle_free_link(out, "garam") == out  # idempotent
    assert handle_free_link(url, "garam-lain") != out  # salted
