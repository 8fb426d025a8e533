"""Hardening: an ingest backlog, login attempts, links without author handles.

- ``ingest_backlog``: items whose after-ingest work (narratives, claim matching,
  scoring) is still owed. Items a crash left unprocessed before this revision are
  queued here, so the next run repairs them: items never clustered (no LSH bucket) from
  the start, items clustered but not scored by the active model for scoring only.
  Items whose text retention purged are left alone (nothing left to process).
- ``login_attempts``: what dashboard lockouts are counted from, per account and source.
- Public posts' ``url`` and ``guid`` (items and item_sources) lose the author's account
  name (:func:`feeds.platforms.handle_free_link`); ``link`` keeps the published address
  only for items stored with their handle (the administrator's opt-in was on).

Revision ID: 0009_hardening
Revises: 0008_reports
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sejuk.db.types

revision: str = "0009_hardening"
down_revision: str | None = "0008_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHUNK = 2000


def upgrade() -> None:
    op.create_table(
        "ingest_backlog",
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("items.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("queued_at", sejuk.db.types.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_ingest_backlog_stage", "ingest_backlog", ["stage", "item_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sejuk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
    )
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])
    op.create_index("ix_login_attempts_user_source", "login_attempts",
                    ["username", "source", "at"])
    op.create_index("ix_login_attempts_source", "login_attempts", ["source", "at"])
    _queue_unprocessed()
    _strip_handles()


def _queue_unprocessed() -> None:
    from datetime import UTC, datetime

    bind = op.get_bind()
    now = sa.bindparam("now", datetime.now(UTC), type_=sejuk.db.types.UTCDateTime())
    bind.execute(sa.text(
        "INSERT INTO ingest_backlog (item_id, stage, queued_at) SELECT i.id, 0, :now "
        "FROM items i WHERE i.text_purged_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM narrative_buckets b WHERE b.item_id = i.id)"
    ).bindparams(now))
    active = bind.execute(sa.text(
        "SELECT id FROM model_versions WHERE status = 'active'")).scalar()
    if active is not None:
        bind.execute(sa.text(
            "INSERT INTO ingest_backlog (item_id, stage, queued_at) SELECT i.id, 2, :now "
            "FROM items i WHERE i.text_purged_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM ingest_backlog q WHERE q.item_id = i.id) "
            "AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.item_id = i.id "
            "AND p.model_version_id = :active)").bindparams(now), {"active": active})


def _strip_handles() -> None:
    from feeds.platforms import handle_free_link

    bind = op.get_bind()
    salt = bind.execute(sa.text("SELECT value FROM meta WHERE key = 'author_salt'")).scalar()
    if salt is None:  # an empty workspace: no item was ever stored
        return
    social = sa.text("SELECT id FROM sources WHERE kind = 'social' OR platform IS NOT NULL")
    source_ids = [row[0] for row in bind.execute(social)]
    if not source_ids:
        return
    taken = {row[0] for row in bind.execute(sa.text(
        "SELECT url FROM items WHERE url IS NOT NULL"))}
    rows = bind.execute(
        sa.text("SELECT id, url, link, guid, author_handle FROM items "
                "WHERE source_id IN :ids ORDER BY id")
        .bindparams(sa.bindparam("ids", expanding=True)), {"ids": source_ids}).all()
    updates = []
    for item_id, url, link, guid, handle in rows:
        new_url = handle_free_link(url, salt)
        if new_url != url and new_url in taken:
            new_url = None  # the same post under another address: keep one dedup key
        new_link = link if handle else handle_free_link(link, salt)
        new_guid = handle_free_link(guid, salt)
        if (new_url, new_link, new_guid) != (url, link, guid):
            taken.add(new_url)
            updates.append({"id": item_id, "url": new_url, "link": new_link,
                            "guid": new_guid})
    for start in range(0, len(updates), _CHUNK):
        bind.execute(sa.text("UPDATE items SET url = :url, link = :link, guid = :guid "
                             "WHERE id = :id"), updates[start:start + _CHUNK])
    provenance = bind.execute(
        sa.text("SELECT item_id, source_id, guid FROM item_sources WHERE source_id IN :ids")
        .bindparams(sa.bindparam("ids", expanding=True)), {"ids": source_ids}).all()
    keys = {(source_id, guid) for _item, source_id, guid in provenance}
    changes = []
    for item_id, source_id, guid in provenance:
        new_guid = handle_free_link(guid, salt) or guid
        if new_guid == guid:
            continue
        if (source_id, new_guid) in keys:  # the same post under two guids of one source
            new_guid = f"{new_guid}#item-{item_id}"
        keys.add((source_id, new_guid))
        changes.append({"item_id": item_id, "source_id": source_id, "guid": new_guid})
    for start in range(0, len(changes), _CHUNK):
        bind.execute(sa.text("UPDATE item_sources SET guid = :guid "
                             "WHERE item_id = :item_id AND source_id = :source_id"),
                     changes[start:start + _CHUNK])


def downgrade() -> None:
    """Drop the new tables; the handle-free links stay (the handles are not recoverable,
    which is the point)."""
    op.drop_index("ix_login_attempts_source", table_name="login_attempts")
    op.drop_index("ix_login_attempts_user_source", table_name="login_attempts")
    op.drop_index("ix_login_attempts_at", table_name="login_attempts")
    op.drop_table("login_attempts")
    op.drop_index("ix_ingest_backlog_stage", table_name="ingest_backlog")
    op.drop_table("ingest_backlog")
