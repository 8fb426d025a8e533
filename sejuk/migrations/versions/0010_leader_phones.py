"""Leaders' phone numbers in the stored form (0812-3456-7890), as Sejuk now writes them.

Rows stored before :mod:`sejuk.phones` keep what was typed or what Excel left of it
(``812...``, ``62812...``, ``+62 812 ...``). Each stored phone that
:func:`sejuk.phones.normalise_phone` accepts is rewritten in its form; one it refuses
(scientific notation, too few digits, a number without 0 or +62) is left exactly as it
is, for an officer to correct: nothing is guessed, nothing lost, and no value fails the
upgrade. The number of rows rewritten (never the numbers) goes to the audit log.

Revision ID: 0010_leader_phones
Revises: 0009_hardening
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sejuk.db.types

revision: str = "0010_leader_phones"
down_revision: str | None = "0009_hardening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHUNK = 2000


def upgrade() -> None:
    # Imported, not copied: this revision brings old rows to the form the application
    # writes, which is what normalise_phone defines (a frozen copy would drift from it,
    # and the duplicate check forbids one). It is pure and refuses with BadValue, a
    # ValueError; should it ever change, a row it refuses is still only left alone.
    from datetime import UTC, datetime

    from sejuk.phones import normalise_phone

    bind = op.get_bind()
    updates = []
    for leader_id, phone in bind.execute(sa.text("SELECT id, phone FROM leaders ORDER BY id")):
        try:
            stored = normalise_phone(phone or "")
        except ValueError:
            continue  # refused: kept as typed, for an officer to correct
        if stored != phone and len(stored) <= 64:
            updates.append({"id": leader_id, "phone": stored})
    for start in range(0, len(updates), _CHUNK):
        bind.execute(sa.text("UPDATE leaders SET phone = :phone WHERE id = :id"),
                     updates[start:start + _CHUNK])
    if updates:
        bind.execute(
            sa.text("INSERT INTO audit_log (at, actor, action, target, details) "
                    "VALUES (:at, 'system', 'leader.phones_normalised', 'leaders', :details)")
            .bindparams(sa.bindparam("at", type_=sejuk.db.types.UTCDateTime()),
                        sa.bindparam("details", type_=sa.JSON())),
            {"at": datetime.now(UTC), "details": {"rows": len(updates),
                                                  "revision": revision}})


def downgrade() -> None:
    """Nothing to undo: the stored form holds the same number (the typed spelling is not
    kept, which is the point)."""
