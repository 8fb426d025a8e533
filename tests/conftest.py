"""Shared fixtures: fresh workspaces in temporary folders, and the demo workspace built
once per test session through the real collector, trainer and classifier."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sejuk.workspace import Workspace, init_workspace, open_workspace

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own workspace or database settings."""
    for name in list(os.environ):
        if name.startswith("SEJUK_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised workspace (schema + 91k gazetteer rows) to copy per test."""
    home = tmp_path_factory.mktemp("template") / "ws"
    ws = init_workspace(home)
    with ws.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()
    return home


@pytest.fixture
def workspace(tmp_path: Path, template_home: Path) -> Iterator[Workspace]:
    """A fresh, empty workspace of its own for each test."""
    home = tmp_path / "ws"
    shutil.copytree(template_home, home)
    ws = open_workspace(home)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_day() -> date:
    return date.today()


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory, demo_day: date) -> Path:
    """A demo workspace built once; tests that change it must use their own copy."""
    from sejuk.demo.build import build_demo

    home = tmp_path_factory.mktemp("demo") / "ws"
    workspace, _summary = build_demo(home, today=demo_day)
    workspace.close()
    return home


@pytest.fixture
def demo_workspace(demo_home: Path) -> Iterator[Workspace]:
    ws = open_workspace(demo_home)
    yield ws
    ws.close()
