"""Regions, jurisdictions, TPS personnel rules and priorities.

Adds the per-jurisdiction personnel rule and the daily signal rollup that priorities and
baselines read.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import sejuk.db.types  # noqa: F401 (used by column types)

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("jurisdictions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("personnel", _JSON, nullable=False,
                                      server_default=sa.text("'{}'")))
    with op.batch_alter_table("jurisdictions", schema=None) as batch_op:
        batch_op.alter_column("personnel", server_default=None)
    op.create_table(
        "area_day_signals",
        sa.Column("model_version_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("region_code", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["model_version_id"], ["model_versions.id"],
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("model_version_id", "day", "region_code", "label"),
    )


def downgrade() -> None:
    op.drop_table("area_day_signals")
    with op.batch_alter_table("jurisdictions", schema=None) as batch_op:
        batch_op.drop_column("personnel")
