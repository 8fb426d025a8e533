"""Model versions rolled back from are 'withdrawn'.

Rollback used to mark the version it left 'retired', like a version replaced by a
promotion, and to refresh the reactivated version's promotion time; rollback now goes
to the most recently promoted 'retired' version, so on an old history it would return
to a version an administrator had already rolled back from. The audit log tells them
apart: a version whose last event is being rolled back from becomes 'withdrawn'.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_audit = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("action", sa.String),
                  sa.column("target", sa.String), sa.column("details", sa.JSON))
_versions = sa.table("model_versions", sa.column("id", sa.Integer),
                     sa.column("status", sa.String))


def _version_id(value: object) -> int | None:
    text = str(value).removeprefix("v") if value is not None else ""
    return int(text) if text.isdecimal() and text.isascii() else None


def upgrade() -> None:
    connection = op.get_bind()
    last_event: dict[int, str] = {}  # version id -> "active" | "replaced" | "rolled_back"
    rows = connection.execute(
        sa.select(_audit.c.action, _audit.c.target, _audit.c.details)
        .where(_audit.c.action.in_(["model.promote", "model.rollback"]))
        .order_by(_audit.c.id))
    for action, target, details in rows:
        if isinstance(details, str):
            details = json.loads(details or "{}")
        details = details or {}
        now_active = _version_id(target)
        left = _version_id(details.get("previous"))
        if left is not None:
            last_event[left] = "rolled_back" if action == "model.rollback" else "replaced"
        if now_active is not None:
            last_event[now_active] = "active"
    withdrawn = [v for v, event in last_event.items() if event == "rolled_back"]
    if withdrawn:
        connection.execute(sa.update(_versions)
                           .where(_versions.c.id.in_(withdrawn), _versions.c.status == "retired")
                           .values(status="withdrawn"))


def downgrade() -> None:
    """Nothing: revision 0006's code already writes 'withdrawn' itself, and turning it back
    into 'retired' would let rollback return to a withdrawn version."""
