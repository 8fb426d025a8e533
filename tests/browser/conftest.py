"""A real ``sejuk serve`` on a copy of the demo workspace turned into a standard one (so
login is required), and headless Debian Chromium driven by Playwright.

Nothing is downloaded: Playwright is pointed at ``/usr/bin/chromium``; the tests skip
when Playwright or Chromium is missing (``.ci/run`` installs Chromium).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright

from sejuk.settings import Settings
from sejuk.timeutil import local_today
from tests.conftest import PostgresDatabases, clone_home
from tests.dashboard.conftest import PASSWORD as PASSWORD  # the browser tests import it here
from tests.dashboard.conftest import make_standard

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def served_home(demo_homes: Callable[[date], Path], tmp_path_factory: pytest.TempPathFactory,
                postgres: PostgresDatabases | None) -> Path:
    """Today's demo copied, marked standard, with one user per role."""
    demo_home = demo_homes(local_today(Settings.timezone))
    return make_standard(clone_home(demo_home, tmp_path_factory.mktemp("served") / "ws",
                                    postgres))


@contextmanager
def serving(home: Path) -> Iterator[str]:
    """``sejuk serve`` on ``home`` in a subprocess; ready when its health endpoint answers.

    Readiness is asked of the server, not read from its output: a ``select`` on a buffered
    pipe can miss lines already read into the buffer (Streamlit writes its URL in one
    burst), and the fixture then waited out its whole deadline. The output is collected
    by a thread and shown if the server never comes up."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sejuk.cli", "serve", "--home", str(home),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "SEJUK_HOME": str(home)}, text=True)
    assert process.stdout is not None
    seen: list[str] = []
    reader = threading.Thread(target=seen.extend, args=(process.stdout,), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # bounds a hang; a loaded machine starts slowly
    try:
        while not _healthy(base):
            try:  # paced by the server process: returns at once if it exits
                process.wait(timeout=0.25)
            except subprocess.TimeoutExpired:
                pass
            else:
                pytest.fail("sejuk serve exited: " + "".join(seen))
            if time.monotonic() > deadline:
                pytest.fail("sejuk serve did not come up in 300 s: " + "".join(seen))
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)
        reader.join(timeout=10)
        process.stdout.close()


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/_stcore/health", timeout=5).text == "ok"
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="module")
def server(served_home: Path) -> Iterator[str]:
    with serving(served_home) as base:
        yield base


# Module scope: Playwright's sync API keeps an event loop running while it is open, and
# other test modules that start their own Playwright must not find it still running.
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1440, "height": 1800},  # type: ignore[attr-defined]
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(120_000)  # bounds a hang; no test depends on page speed
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    page.goto(server)
    yield page
    context.close()


def shot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
