"""The Alembic migrations and the SQLAlchemy models describe the same schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select

from sejuk.db.models import Base
from sejuk.workspace import Workspace


def test_models_match_migrations(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations disagree; add an Alembic revision: {diff}"


def test_versions_rolled_back_from_before_the_upgrade_become_withdrawn(
        workspace: Workspace) -> None:
    """An old history (v1 promoted, v2 promoted, rolled back to v1, v3 promoted) where
    rollback marked v2 'retired': after the upgrade, rolling back from v3 returns to v1,
    not to v2 which an administrator had withdrawn."""
    from alembic import command
    from sqlalchemy import text

    from sejuk.db.migrate import alembic_config, upgrade
    from sejuk.db.models import AuditEntry, ModelVersion
    from sejuk.timeutil import utc_now

    # back to 0007 properly (later revisions add columns), then pretend to be at 0006
    command.downgrade(alembic_config(workspace.engine), "0007")
    with workspace.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0006'"))
    when = utc_now()
    with workspace.session() as session:
        for vid, status in ((1, "retired"), (2, "retired"), (3, "active")):
            session.add(ModelVersion(id=vid, path=f"m{vid}.skops", sha256="0" * 64,
                                     labels=["hoaks"], status=status, promoted_at=when))
        for action, target, previous in (("model.promote", "v1", None),
                                         ("model.promote", "v2", 1),
                                         ("model.rollback", "v1", 2),
                                         ("model.promote", "v3", 1)):
            session.add(AuditEntry(actor="admin", action=action, target=target,
                                   details={"previous": previous}))
    upgrade(workspace.engine)
    with workspace.session() as session:
        statuses = {v.id: v.status for v in session.query(ModelVersion)}
        assert statuses == {1: "retired", 2: "withdrawn", 3: "active"}
        # what rollback (classifiers.registry) goes back to: a 'retired' version
        assert session.scalars(select(ModelVersion.id)
                               .where(ModelVersion.status == "retired")).all() == [1]


def test_links_lose_author_handles_and_unprocessed_items_are_queued(
        workspace: Workspace) -> None:
    """Revision 0009_hardening on rows stored before it: public posts' addresses and guids lose the
    author's name (the published link stays only for an item stored with its handle, the
    opt-in), and items a crash left unprocessed are queued for the next run."""
    from alembic import command

    from sejuk.access.privacy import ensure_salt
    from sejuk.db.migrate import alembic_config, upgrade
    from sejuk.db.models import IngestBacklog, Item, ItemSource, NarrativeBucket, Source
    from sejuk.timeutil import utc_now

    command.downgrade(alembic_config(workspace.engine), "0008_reports")
    now = utc_now()
    with workspace.session() as session:
        ensure_salt(session)
        social = Source(name="Mastodon #pemilu", url="https://m.example/tags/pemilu.rss",
                        kind="social", platform="mastodon")
        news = Source(name="Kabar", url="https://kabar.example/rss", kind="news")
        session.add_all([social, news])
        session.flush()
        rows = [
            (social, "https://m.example/@warga_a/1101", None),
            (social, "https://m.example/@warga_b/1102", "warga_b@m.example"),  # opt-in
            (news, "https://medium.example/@penulis/berita-1", None),  # a byline: kept
        ]
        for n, (source, link, handle) in enumerate(rows):
            # Core, with the columns of that revision: the ORM class writes today's columns
            item_id = session.execute(insert(Item.__table__).values(
                url=link, link=link, guid=link, source_id=source.id, kind="article", title="",
                text=f"isi {n}", published_at=now, fetched_at=now, content_hash=str(n),
                author_handle=handle, hashtags=[], is_debunk=False)).inserted_primary_key[0]
            session.add(ItemSource(item_id=item_id, source_id=source.id, guid=link,
                                   seen_at=now))
        session.flush()
        session.add(NarrativeBucket(bucket=1, item_id=1))  # item 1 was clustered
    upgrade(workspace.engine)
    with workspace.session() as session:
        items = {i.id: i for i in session.scalars(select(Item))}
        assert items[1].url == items[1].link == items[1].guid == "https://m.example/statuses/1101"
        assert items[2].url == items[2].guid == "https://m.example/statuses/1102"
        assert items[2].link == "https://m.example/@warga_b/1102"  # stored under the opt-in
        assert items[3].url == "https://medium.example/@penulis/berita-1"
        guids = set(session.scalars(select(ItemSource.guid)))
        assert not any("warga" in g for g in guids)
        assert set(session.scalars(select(IngestBacklog.item_id))) == {2, 3}


def test_leaders_phones_stored_before_are_normalised_and_refused_ones_kept(
        workspace: Workspace) -> None:
    """Revision 0010_leader_phones on a workspace at the revision before it, with phones as
    typed before :mod:`sejuk.phones` existed: those ``normalise_phone`` accepts take the
    stored form, the others are left exactly as they were, and the upgrade succeeds."""
    from alembic import command

    from sejuk.db.migrate import alembic_config, current_revision, head_revision, upgrade
    from sejuk.db.models import AuditEntry, Leader

    command.downgrade(alembic_config(workspace.engine), "0009_hardening")
    typed = {
        "81234567890": "0812-3456-7890",  # Excel dropped the leading 0
        "6281234567890": "0812-3456-7890",  # Excel dropped the plus
        "+62 812 3456 789": "0812-3456-789",
        "0812.3456.7890": "0812-3456-7890",
        "0812-3456-7890": "0812-3456-7890",  # already stored form
        "(022) 123 4567": "(022) 123 4567",  # a fixed line, as written
        "": "",
        "6.28123E+11": "6.28123E+11",  # refused: digits lost in scientific notation
        "12345": "12345",  # refused: no phone number
        "5551234567": "5551234567",  # refused: neither 0 nor +62
        "  0812 3456 7890123456 ": "  0812 3456 7890123456 ",  # refused: too many digits
    }
    with workspace.session() as session:
        session.add_all(Leader(name=f"Tokoh {n}", kind="agama", region_code="35.27",
                               phone=phone) for n, phone in enumerate(typed))
    upgrade(workspace.engine)
    assert current_revision(workspace.engine) == head_revision()
    with workspace.session() as session:
        stored = {leader.name: leader.phone for leader in session.scalars(select(Leader))}
        assert stored == {f"Tokoh {n}": typed[phone] for n, phone in enumerate(typed)}
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "leader.phones_normalised")).one()
        assert entry.details["rows"] == 4
        assert not any("812" in str(value) for value in entry.details.values())


@pytest.mark.slow
def test_downgrading_and_upgrading_again_loses_no_row(
        demo_home: Path, copy_workspace: Callable[[Path], Path]) -> None:
    """Down to 0007 and back to head on the demo, every stored row stays. On SQLite a
    batch-mode revision rebuilds its table by dropping it, and with foreign keys on that
    first deleted every row referencing it: downgrading 0008 (which rebuilds ``sources``)
    emptied ``item_sources``. Only the derived rollup may be emptied (0011 says so)."""
    from alembic import command
    from sqlalchemy import inspect, text

    from sejuk.db.migrate import alembic_config, upgrade
    from sejuk.workspace import open_workspace

    ws = open_workspace(copy_workspace(demo_home))
    try:
        tables = sorted(set(inspect(ws.engine).get_table_names())
                        - {"alembic_version", "area_day_signals"})

        def counts() -> dict[str, int]:  # of the tables the schema has at that revision
            present = set(inspect(ws.engine).get_table_names())
            with ws.engine.connect() as connection:
                return {t: int(connection.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                               or 0) for t in tables if t in present}

        before = counts()
        assert before["item_sources"] > 300 and before["predictions"] > 600
        command.downgrade(alembic_config(ws.engine), "0007")
        older = counts()
        assert older == {t: before[t] for t in older}
        assert "item_sources" in older and "ingest_backlog" not in older
        upgrade(ws.engine)
        assert counts() == before
        if ws.engine.dialect.name == "sqlite":  # the pragma is on again for the program
            with ws.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        ws.close()
