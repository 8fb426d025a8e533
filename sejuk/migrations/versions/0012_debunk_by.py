"""Items carry the analyst who settled whether they are a debunk.

Debunks are recognised from each item's words (:func:`feeds.debunk.looks_like_debunk`),
and a wrong verdict either way costs: a hoax that opens with "tidak benar" is never
flagged, and a real clarification that the rules miss is never offered as the answer to
its hoax's copies. ``debunk_by`` names the analyst whose word now decides (NULL: the rules
decide), so ``sejuk claims match`` recognising debunks again leaves that item alone. No
stored value changes.

Revision ID: 0012_debunk_by
Revises: 0011_rollup_area_weights
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_debunk_by"
down_revision: str | None = "0011_rollup_area_weights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not batch mode: on SQLite a batch rebuild of ``items`` drops the old
# table, and with foreign keys on that deletes every prediction, region tag and claim
# link of every item (ON DELETE CASCADE). SQLite has added and dropped a plain column in
# place since 3.35.


def upgrade() -> None:
    op.add_column("items", sa.Column("debunk_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.drop_column("items", "debunk_by")
