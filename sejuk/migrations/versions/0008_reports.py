"""Field reports and the source catalogue.

- ``reports``: who reported what, where it was seen, when, in which kind of group; the
  text itself lives in the item (a ``laporan`` source's), so the reporter is kept apart
  from the text.
- ``sources.catalog_id``: the catalogue entry a source was added from (a later release
  can correct that entry's address); ``sources.terms``: what may be stored of the
  source's items (``full`` text, the ``lead``, or only the ``title`` and link).

Revision ID: 0008_reports
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sejuk.db.types

revision: str = "0008_reports"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("catalog_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("terms", sa.String(length=16), nullable=False,
                                      server_default="full"))
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("reporter", sa.String(length=100), nullable=False),
        sa.Column("submitted_at", sejuk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sejuk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("region_code", sa.String(length=16), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("group_kind", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("images", sa.Integer(), nullable=False),
        sa.Column("image_hashes", sejuk.db.types.JSONType, nullable=False),
        sa.Column("forwarded", sa.Boolean(), nullable=False),
        sa.Column("redactions", sa.Integer(), nullable=False),
        sa.Column("ocr_engine", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_reporter"), ["reporter"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_submitted_at"), ["submitted_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_submitted_at"))
        batch_op.drop_index(batch_op.f("ix_reports_reporter"))
        batch_op.drop_index(batch_op.f("ix_reports_item_id"))
    op.drop_table("reports")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("terms")
        batch_op.drop_column("catalog_id")
