"""The daily rollup is rebuilt: its per-area rows now carry the weight of distinct items.

The priority score's intensity read the per-label rows, one per tagged region code, so an
item tagged with two desa of a kecamatan weighed twice there while it was counted once.
It now reads the per-area rows (label ``*``), whose weight counts each item once, and
the per-label rows are no longer written (nothing reads them). Per-area rows written
before this revision hold no weight, so the rollup (derived data, rebuilt from
the stored predictions) is emptied here and rebuilt for each model version the first
time a page, the digest or ``sejuk priorities`` reads it
(:func:`sejuk.signals.rollup.ensure_rollup`); ``sejuk priorities --rebuild`` does it at
once. Nothing stored by a person is touched.

Revision ID: 0011_rollup_area_weights
Revises: 0010_leader_phones
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011_rollup_area_weights"
down_revision: str | None = "0010_leader_phones"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM area_day_signals")


def downgrade() -> None:
    # The older code needs its per-label rows: empty the derived table again, and its
    # own first read rebuilds the rollup as it writes it.
    op.execute("DELETE FROM area_day_signals")
