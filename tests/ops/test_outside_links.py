"""Under the handles opt-in an item keeps its address as published, which names the
author; lists, dashboard exports and the digest give the handle-free address instead
(README, *Links without handles*: exports never carry it)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from dashboard.common import item_rows
from sejuk.db.models import Item, ItemRegion, ModelVersion, Prediction, Source
from sejuk.digest.build import Window
from sejuk.digest.query import flagged_rows
from sejuk.reads.items import ItemFilter, flagged_items
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

PUBLISHED = "https://mastodon.example/@warga_sumber/113000000000000001"
HANDLE_FREE = "https://mastodon.example/statuses/113000000000000001"


def _flagged_post(workspace: Workspace) -> ModelVersion:
    with workspace.session() as session:
        source = Source(name="Mastodon", url="https://mastodon.example/tags/pemilu.rss",
                        kind="social", platform="mastodon")
        version = ModelVersion(path="m.skops", sha256="0" * 64, labels=["hoaks"],
                               metrics={}, card={}, status="active")
        session.add_all([source, version])
        session.flush()
        item = Item(url=HANDLE_FREE, link=PUBLISHED, source_id=source.id, kind="post",
                    title="", text="Surat suara sudah dicoblos", author_handle="warga_sumber",
                    author_hash="a" * 32, published_at=utc_now() - timedelta(hours=2),
                    content_hash="h1")
        session.add(item)
        session.flush()
        session.add_all([ItemRegion(item_id=item.id, region_code="32.09", level="kabkota"),
                         Prediction(item_id=item.id, model_version_id=version.id,
                                    label="hoaks", probability=0.9, flagged=True)])
    return version


def test_lists_and_dashboard_exports_give_the_handle_free_address(workspace: Workspace
                                                                   ) -> None:
    version = _flagged_post(workspace)
    with workspace.session() as session:
        [found] = flagged_items(session, session.get(ModelVersion, version.id), ItemFilter())
    assert found.link == PUBLISHED  # the item page's source button, under the opt-in
    [row] = item_rows([found], "id", ZoneInfo("Asia/Jakarta"))
    assert HANDLE_FREE in row.values()
    assert not any("warga_sumber" in str(value) for value in row.values())


def test_the_digest_gives_the_handle_free_address(workspace: Workspace) -> None:
    version = _flagged_post(workspace)
    now = utc_now()
    with workspace.session() as session:
        [row] = flagged_rows(session, session.get(ModelVersion, version.id),
                             Window(now - timedelta(days=1), now, "Asia/Jakarta"), None,
                             ("hoaks",))
    assert row.link == HANDLE_FREE
