"""A workspace: a home folder with ``sejuk.toml``, a database, models and reports.

``open_workspace`` is the one place that turns a home folder into settings plus an
engine; it checks the things that go wrong in practice (a missing folder, a folder that
is not a workspace, a database that is not reachable or not a Sejuk schema) and reports
each as one sentence.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sejuk.access.privacy import ensure_salt
from sejuk.db import current_revision, head_revision, make_engine, session_factory, upgrade
from sejuk.db.engine import redact_url, sqlite_file
from sejuk.db.models import Meta
from sejuk.errors import DatabaseError, WorkspaceError
from sejuk.fsutil import atomic_write
from sejuk.phrases import Phrases
from sejuk.settings import DEFAULT_SETTINGS_TOML, SETTINGS_FILE, Settings, load_settings
from sejuk.timeutil import utc_now

KIND_KEY = "workspace_kind"

#: Why a workspace cannot be opened, in both languages (the CLI prints the reader's).
_WORDS: Phrases = {
    "missing": {"id": "{home}: folder ruang kerja tidak ada; jalankan `sejuk init --home {home}`",
                "en": "{home}: no such workspace directory; run `sejuk init --home {home}`"},
    "not_dir": {"id": "{home}: bukan folder", "en": "{home}: not a directory"},
    "exists_not_dir": {"id": "{home}: sudah ada dan bukan folder",
                       "en": "{home}: exists and is not a directory"},
    "no_schema": {"id": "{url} tidak berisi skema Sejuk; jalankan `sejuk init --home {home}`",
                  "en": "{url} holds no Sejuk schema; run `sejuk init --home {home}`"},
    "no_database": {"id": "{path}: berkas basis data tidak ada; jalankan "
                          "`sejuk init --home {home}`",
                    "en": "{path}: no such database file; run `sejuk init --home {home}`"},
    "old_schema": {
        "id": "skema basis data pada revisi {revision}, Sejuk ini memerlukan {head}; "
              "jalankan `sejuk init --home {home}` untuk memperbaruinya",
        "en": "database schema is at revision {revision}, this Sejuk needs {head}; run "
              "`sejuk init --home {home}` to upgrade"},
    "not_demo": {
        "id": "{home}: basis datanya {url} berisi ruang kerja standar; `sejuk demo` hanya "
              "membangun di folder baru atau ruang kerja demo (tidak ada data demo yang "
              "ditambahkan; pilih --home lain, mis. sejuk-demo)",
        "en": "{home}: its database {url} holds a standard workspace; `sejuk demo` builds "
              "only into a new folder or a demo workspace (no demo data was added; choose "
              "another --home, e.g. sejuk-demo)"},
}
CREATED_KEY = "created_at"


@dataclass
class Workspace:
    """Settings plus an engine; the caller opens sessions and passes them down."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def home(self) -> Path:
        return self.settings.home

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def kind(self) -> str:
        """``demo`` or ``standard``: a demo workspace needs no login."""
        with self.sessions() as session:
            row = session.get(Meta, KIND_KEY)
            return row.value if row else "standard"

    def close(self) -> None:
        self.engine.dispose()


def resolve_home(home: Path | str | None, env: Mapping[str, str] | None = None) -> Path:
    """``--home`` wins, then ``SEJUK_HOME``, then ``~/sejuk``."""
    env = os.environ if env is None else env
    if home:
        return Path(home).expanduser()
    if env.get("SEJUK_HOME"):
        return Path(env["SEJUK_HOME"]).expanduser()
    return Path.home() / "sejuk"


def _check_connection(engine: Engine, url: str) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            if engine.dialect.name == "sqlite":
                # Touches the file header: a non-database file fails here, not later.
                connection.execute(text("SELECT count(*) FROM sqlite_master"))
    except SADatabaseError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"cannot use database {redact_url(url)}: {reason}") from None


def init_workspace(
    home: Path, *, kind: str = "standard", env: Mapping[str, str] | None = None
) -> Workspace:
    """Create (or bring up to date) a workspace in ``home``; idempotent."""
    if home.exists() and not home.is_dir():
        raise WorkspaceError.said(_WORDS, "exists_not_dir", home=home)
    home.mkdir(parents=True, exist_ok=True)
    settings_path = home / SETTINGS_FILE
    if not settings_path.exists():
        atomic_write(settings_path, DEFAULT_SETTINGS_TOML)
    settings = load_settings(home, env)
    for folder in (settings.models_dir, settings.reports_dir):
        folder.mkdir(exist_ok=True)
    engine = make_engine(settings.db_url)
    _check_connection(engine, settings.db_url)
    try:
        upgrade(engine)
    except OperationalError as exc:
        raise DatabaseError(f"cannot migrate {redact_url(settings.db_url)}: {exc.orig}") from None
    workspace = Workspace(settings, engine, session_factory(engine))
    try:
        with workspace.session() as session:
            ensure_salt(session)
            if session.get(Meta, CREATED_KEY) is None:
                session.add(Meta(key=CREATED_KEY, value=utc_now().isoformat()))
            _claim_kind(session, kind, home, settings.db_url)
    except WorkspaceError:
        workspace.close()
        raise
    from sejuk.regions.gazetteer import install_gazetteer

    with workspace.session() as session:
        install_gazetteer(session)
    return workspace


def _claim_kind(session: Session, kind: str, home: Path, url: str) -> None:
    """Record a new workspace's kind; refuse to make a standard workspace a demo.

    Fictional items, leaders and TPS, and a dashboard without login, must never land in
    real data: a mistyped ``--home``, or ``SEJUK_DB_URL`` naming the production database.
    """
    row = session.get(Meta, KIND_KEY)
    if row is None:
        session.add(Meta(key=KIND_KEY, value=kind))
    elif kind == "demo" and row.value != "demo":
        raise WorkspaceError.said(_WORDS, "not_demo", home=home, url=redact_url(url))


def open_workspace(home: Path, env: Mapping[str, str] | None = None) -> Workspace:
    """Open an existing workspace; raise a one-line error when it cannot be used."""
    if not home.exists():
        raise WorkspaceError.said(_WORDS, "missing", home=home)
    if not home.is_dir():
        raise WorkspaceError.said(_WORDS, "not_dir", home=home)
    settings = load_settings(home, env)
    database = sqlite_file(settings.db_url)
    if database is not None and not database.exists():  # connecting would create it, empty
        raise DatabaseError.said(_WORDS, "no_database", path=database, home=home)
    engine = make_engine(settings.db_url)
    _check_connection(engine, settings.db_url)
    if "alembic_version" not in inspect(engine).get_table_names():
        engine.dispose()
        raise DatabaseError.said(_WORDS, "no_schema", url=redact_url(settings.db_url),
                                 home=home)
    revision = current_revision(engine)
    if revision != head_revision():
        engine.dispose()
        raise DatabaseError.said(_WORDS, "old_schema", revision=revision,
                                 head=head_revision(), home=home)
    return Workspace(settings, engine, session_factory(engine))
