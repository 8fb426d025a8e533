"""Retention keeps aggregates, audit and labelled samples; raw text goes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import AuditEntry, Item, ItemRegion, Label
from sejuk.retention import purge_expired
from sejuk.settings import PrivacySettings
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace


def _item(session, days_old: int, kind: str = "post", text: str = "isi") -> Item:
    item = Item(title="judul", text=text, kind=kind, published_at=utc_now() - timedelta(
        days=days_old), content_hash=f"{days_old}{kind}{text}", author_hash="a" * 32)
    item.regions = [ItemRegion(region_code="32.09", level="kabkota", evidence="x")]
    session.add(item)
    session.flush()
    return item


def test_old_text_is_purged_and_aggregates_kept(workspace: Workspace) -> None:
    with workspace.session() as session:
        old = _item(session, 40, text="teks lama yang dilabeli")
        old_article = _item(session, 40, kind="article")
        new = _item(session, 2)
        session.add(Label(item_id=old.id, label="hoaks", value=1, created_by="analis"))
        ids = old.id, old_article.id, new.id
    with workspace.session() as session:
        report = purge_expired(session, PrivacySettings(retention_days=30), actor="admin")
    assert report.purged == 2
    assert report.labels_kept == 1
    with workspace.session() as session:
        old, article, new = (session.get(Item, i) for i in ids)
        assert old.text == "" and old.title == "" and old.author_hash is None
        assert old.text_purged_at is not None
        assert article.title == "judul"  # a headline stays; post titles are the post
        assert new.text == "isi"
        assert [r.region_code for r in old.regions] == ["32.09"]
        label = session.scalar(select(Label))
        assert "teks lama yang dilabeli" in label.text
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "retention.purge"))
        assert entry.actor == "admin"
        assert entry.details["purged"] == 2


def test_dry_run_changes_nothing_and_second_run_is_empty(workspace: Workspace) -> None:
    with workspace.session() as session:
        _item(session, 400)
    with workspace.session() as session:
        assert purge_expired(session, PrivacySettings(retention_days=30),
                             dry_run=True).purged == 1
    with workspace.session() as session:
        assert purge_expired(session, PrivacySettings(retention_days=30)).purged == 1
    with workspace.session() as session:
        assert purge_expired(session, PrivacySettings(retention_days=30)).purged == 0


def test_cli(workspace: Workspace) -> None:
    with workspace.session() as session:
        _item(session, 400)
    result = CliRunner().invoke(app, ["retention", "run", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    assert "teks dan hash penulis 1 item dihapus (item, skor, narasi dan agregat tetap)" \
        in result.stdout


def test_purge_takes_the_account_name_out_of_a_kept_link(workspace: Workspace) -> None:
    """Under the handles opt-in ``link`` keeps the address as published, which names the
    author; past retention it must go with the handle itself."""
    with workspace.session() as session:
        old = _item(session, 40)
        old.author_handle = "warga_sumber"
        old.link = "https://mastodon.example/@warga_sumber/113000000000000001"
        old.url = "https://mastodon.example/statuses/113000000000000001"
        new = _item(session, 2)
        new.link = "https://mastodon.example/@warga_baru/113000000000000002"
        session.flush()
        ids = old.id, new.id
    with workspace.session() as session:
        purge_expired(session, PrivacySettings(retention_days=30))
    with workspace.session() as session:
        old, new = (session.get(Item, i) for i in ids)
        assert old.author_handle is None
        assert old.link == "https://mastodon.example/statuses/113000000000000001"
        assert "warga_baru" in new.link  # within retention: untouched
