"""Labels record how the labelling queue drew their item.

An analyst's labels of items the queue drew at random (its cold start and its random
share) are a fair sample of the district's stream, so they measure how the active model
does on that stream (:mod:`classifiers.live`); labels of items the queue chose for the
model's uncertainty, or that an analyst picked while reading, are not. ``drawn`` keeps the
queue's reason (``cold``, ``sample``, ``uncertain``, ``cue``); NULL for labels given
before this revision and for labels from files. No stored value changes.

Revision ID: 0013_label_drawn
Revises: 0012_debunk_by
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_label_drawn"
down_revision: str | None = "0012_debunk_by"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not batch mode, as in 0012: SQLite adds and drops a plain column in
# place, and a batch rebuild would re-create the table.


def upgrade() -> None:
    op.add_column("labels", sa.Column("drawn", sa.String(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column("labels", "drawn")
