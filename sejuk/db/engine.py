"""Engines for SQLite (default) and PostgreSQL (by URL), configured the same way.

SQLite gets WAL (dashboards read while a collector writes), a busy timeout (a second
writer waits instead of failing) and foreign keys (off by default in SQLite).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, delete, event, false, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from sejuk.errors import DatabaseError
from sejuk.phrases import Phrases

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: The password of a URL too broken to parse, hidden when the URL is quoted back.
_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@]*@")
#: Refusals of a database URL, in the reader's language (the driver's reason as it says it).
_ERRORS: Phrases = {
    "invalid": {"id": "URL basis data tidak valid: {url!r}",
                "en": "database URL is not valid: {url!r}"},
    "no_driver": {"id": "tidak ada driver untuk URL basis data {url}: {reason}",
                  "en": "no driver for database URL {url}: {reason}"},
}


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


def sqlite_file(url: str) -> Path | None:
    """The database file a SQLite ``url`` names (None for another database, an in-memory
    one, or a URL too broken to parse, which :func:`make_engine` refuses by name)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for ``url``; raise :class:`DatabaseError` for a bad URL."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is no number
        raise DatabaseError.said(_ERRORS, "invalid", url=_PASSWORD.sub(r"\1***@", url)
                                 ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        connect_args["timeout"] = SQLITE_BUSY_TIMEOUT_MS / 1000
    elif parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = 10
        # Dashboards hold connections for hours; a restarted server must not break them.
        kwargs.setdefault("pool_pre_ping", True)
    try:
        engine = create_engine(parsed, connect_args=connect_args, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError.said(_ERRORS, "no_driver", url=_redact(url), reason=str(exc)) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
    # The sqlite3 module's implicit BEGIN (only before a write) is kept on purpose: reads
    # then run outside the write transaction, so concurrent collectors never hit SQLite's
    # read-to-write upgrade deadlock ("database is locked" without waiting). The price is
    # that SAVEPOINTs do not nest reliably here, so Sejuk does not use them.


def lock_for_writing(session: Session, table: Table) -> None:
    """Hold ``table`` for this session's transaction before reading what to update in it,
    so that two runs importing the same file one after the other update rows instead of
    both inserting them (four concurrent ``sejuk leaders import`` of 300 leaders stored
    3,000 rows). PostgreSQL: a SHARE ROW EXCLUSIVE table lock (other writers wait,
    readers do not). SQLite: a write that changes nothing begins the transaction and takes
    its write lock (other writers wait up to the busy timeout, readers do not)."""
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        name = dialect.identifier_preparer.format_table(table)
        session.execute(text(f"LOCK TABLE {name} IN SHARE ROW EXCLUSIVE MODE"))
    else:
        session.execute(delete(table).where(false()))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit, so results outlive the session."""
    return sessionmaker(engine, expire_on_commit=False)


def redact_url(url: str) -> str:
    """The URL without its password, for messages."""
    return _redact(url)
