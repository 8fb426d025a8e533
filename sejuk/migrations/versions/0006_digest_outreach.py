"""Digest and outreach.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sejuk.db.types  # noqa: F401 (used by column types)

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _upgrade_outreach()


def downgrade() -> None:
    _downgrade_outreach()


# ---- outreach (cooling-system dialogues) -------------------------------------------------
# Owned by the outreach work; the digest work keeps its own block above.


def _upgrade_outreach() -> None:
    with op.batch_alter_table("outreach", schema=None) as batch_op:
        batch_op.add_column(sa.Column("commitments", sa.Text(), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("outreach", schema=None) as batch_op:
        batch_op.alter_column("commitments", server_default=None)
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("done_by", sa.String(length=100), nullable=True))


def _downgrade_outreach() -> None:
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_column("done_by")
    with op.batch_alter_table("outreach", schema=None) as batch_op:
        batch_op.drop_column("commitments")
# ---- end outreach ------------------------------------------------------------------------
