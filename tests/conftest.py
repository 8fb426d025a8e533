"""Shared fixtures: fresh workspaces, and the demo workspace built once per test session
through the real collector, trainer and classifier.

Database-backed fixtures run on SQLite, and also on PostgreSQL when
``SEJUK_TEST_POSTGRES_URL`` points at a server where that role may create databases
(CI starts one; see ``.ci/run``). Each PostgreSQL workspace gets a database of its own,
cloned from a prepared template, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sejuk.settings import Settings
from sejuk.timeutil import local_today
from sejuk.workspace import Workspace, init_workspace, open_workspace

# No test may depend on the machine's speed: Hypothesis' per-example deadline (200 ms) and
# its "too slow" health check both race the wall clock on a loaded 2-core machine.
hypothesis_settings.register_profile("sejuk", deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("sejuk")

DATA = Path(__file__).parent / "data"
POSTGRES_URL = os.environ.get("SEJUK_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]

if os.environ.get("CI") and not POSTGRES_URL:  # pragma: no cover - a CI misconfiguration
    raise RuntimeError("CI must set SEJUK_TEST_POSTGRES_URL (see .ci/run)")


class PostgresDatabases:
    """Creates and drops the per-test databases on the test server."""

    def __init__(self, url: str) -> None:
        base = make_url(url)
        if base.drivername == "postgresql":
            base = base.set(drivername="postgresql+psycopg")
        self.base = base
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
        self.created: list[str] = []

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"sejuk_t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            if template:
                connection.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND usename = current_user "
                    "AND pid <> pg_backend_pid()"), {"name": template})
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            else:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return name

    def drop_all(self) -> None:
        """Best effort: a database still held by a server process (autovacuum) stays
        behind in the throwaway test cluster rather than failing the session."""
        with self.admin.connect() as connection:
            for name in self.created:
                try:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                except DBAPIError:
                    continue
        self.admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresDatabases | None]:
    if not POSTGRES_URL:
        yield None
        return
    databases = PostgresDatabases(POSTGRES_URL)
    yield databases
    databases.drop_all()


def _database_name(home: Path) -> str | None:
    """The PostgreSQL database a test workspace uses (None for SQLite)."""
    marker = home / ".test-database"
    return marker.read_text() if marker.exists() else None


def _point_at(home: Path, postgres: PostgresDatabases, name: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    settings = home / "sejuk.toml"
    lines = [line for line in (settings.read_text().splitlines() if settings.exists() else [])
             if not line.startswith("url = ")]
    if "[database]" not in lines:
        lines += ["[database]"]
    index = lines.index("[database]")
    lines.insert(index + 1, f'url = "{postgres.url(name)}"')
    settings.write_text("\n".join(lines) + "\n")
    (home / ".test-database").write_text(name)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own workspace or database settings."""
    for name in list(os.environ):
        if name.startswith("SEJUK_"):
            monkeypatch.delenv(name)


def clone_home(source: Path, target: Path, postgres: PostgresDatabases | None) -> Path:
    """Copy a workspace folder; on PostgreSQL also clone its database."""
    shutil.copytree(source, target)
    name = _database_name(source)
    if name and postgres is not None:
        _point_at(target, postgres, postgres.create(template=name))
    return target


@pytest.fixture
def copy_workspace(tmp_path: Path, postgres: PostgresDatabases | None
                   ) -> Callable[[Path], Path]:
    """``copy_workspace(home)`` -> a private copy (folder and database) to modify."""
    counter = iter(range(1000))

    def copy(source: Path) -> Path:
        return clone_home(source, tmp_path / f"copy{next(counter)}", postgres)

    return copy


@pytest.fixture(scope="session")
def template_home(tmp_path_factory: pytest.TempPathFactory, backend: str,
                  postgres: PostgresDatabases | None) -> Path:
    """One initialised workspace (schema + 91k gazetteer rows) to copy per test."""
    home = tmp_path_factory.mktemp(f"template-{backend}") / "ws"
    if backend == "postgresql":
        assert postgres is not None
        _point_at(home, postgres, postgres.create())
    ws = init_workspace(home)
    if backend == "sqlite":
        with ws.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()
    return home


@pytest.fixture
def workspace(tmp_path: Path, template_home: Path, postgres: PostgresDatabases | None
              ) -> Iterator[Workspace]:
    """A fresh, empty workspace of its own for each test."""
    home = clone_home(template_home, tmp_path / "ws", postgres)
    ws = open_workspace(home)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_homes(tmp_path_factory: pytest.TempPathFactory, backend: str,
               postgres: PostgresDatabases | None) -> Callable[[date], Path]:
    """``demo_homes(day)`` -> the demo workspace built for ``day``, built on first use.

    The dashboard reads "today" from the clock and the demo's planted rise is on its build
    day, so a run that crosses local midnight (00:00 WIB is 17:00 UTC) builds a second
    demo for the new day instead of testing yesterday's as if it were today's."""
    from sejuk.demo.build import build_demo

    built: dict[date, Path] = {}

    def home_for(day: date) -> Path:
        if day not in built:
            home = tmp_path_factory.mktemp(f"demo-{backend}-{day:%Y%m%d}") / "ws"
            if backend == "postgresql":
                assert postgres is not None
                _point_at(home, postgres, postgres.create())
            workspace, _summary = build_demo(home, today=day)
            workspace.close()
            built[day] = home
        return built[day]

    return home_for


@pytest.fixture
def demo_day() -> date:
    return local_today(Settings.timezone)  # the demo's own default day, when the test starts


@pytest.fixture
def demo_home(demo_homes: Callable[[date], Path], demo_day: date) -> Path:
    """The demo workspace built for today; tests that change it must use
    ``copy_workspace(demo_home)``."""
    return demo_homes(demo_day)


@pytest.fixture
def demo_workspace(demo_home: Path) -> Iterator[Workspace]:
    ws = open_workspace(demo_home)
    yield ws
    ws.close()
