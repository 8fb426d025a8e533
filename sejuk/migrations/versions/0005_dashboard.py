"""Dashboard: users, sessions, triage.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import sejuk.db.types  # noqa: F401 (used by column types)

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Urgent items are counted on every dashboard page: an index keeps that a lookup.
    op.create_index("ix_items_triage", "items", ["triage"])


def downgrade() -> None:
    op.drop_index("ix_items_triage", table_name="items")
