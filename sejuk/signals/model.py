"""The model version in service: whose flags every reader counts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk.db.models import ModelVersion


def active_version(session: Session) -> ModelVersion | None:
    """The one version with status ``active`` (indexed), or None before any promotion."""
    return session.scalar(select(ModelVersion).where(ModelVersion.status == "active"))


def active_version_id(session: Session) -> int | None:
    """Its id only: what SQL filters and cache keys need."""
    return session.scalar(select(ModelVersion.id).where(ModelVersion.status == "active"))
