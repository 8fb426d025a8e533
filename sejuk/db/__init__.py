"""Storage: typed tables, engines for SQLite and PostgreSQL, Alembic migrations."""

from __future__ import annotations

from sejuk.db.engine import make_engine, session_factory
from sejuk.db.migrate import current_revision, head_revision, upgrade

__all__ = ["current_revision", "head_revision", "make_engine", "session_factory", "upgrade"]
