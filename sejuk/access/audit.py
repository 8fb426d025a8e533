"""The audit log: who labelled, exported, overrode or promoted what, and when.

Written in the same transaction as the action it records, so an action without its audit
entry (or the reverse) cannot be committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk.db.models import AuditEntry

SYSTEM_ACTOR = "system"


def record(session: Session, actor: str, action: str, target: str = "", **details: Any) -> None:
    """Add one audit entry to the caller's transaction."""
    session.add(AuditEntry(actor=actor or SYSTEM_ACTOR, action=action, target=target,
                           details=details))


def recent(session: Session, limit: int = 100, action: str | None = None) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEntry.action == action)
    return session.scalars(query).all()
