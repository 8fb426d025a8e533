"""Feed collection: source platform and full-text flag, LSH buckets for narratives.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sejuk.db.types  # noqa: F401 (used by column types)

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("platform", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("full_text", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.alter_column("full_text", server_default=None)
    op.create_table(
        "narrative_buckets",
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bucket", "item_id"),
    )
    with op.batch_alter_table("narrative_buckets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_narrative_buckets_item_id"), ["item_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("narrative_buckets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_narrative_buckets_item_id"))
    op.drop_table("narrative_buckets")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("full_text")
        batch_op.drop_column("platform")
