"""``sejuk collect`` output: one summary line per run, a progress bar only on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from feeds.sources import add_source
from sejuk.cli import app
from sejuk.workspace import Workspace
from tests.httpserver import TestServer, running_server

FEEDS = Path(__file__).parent.parent / "data" / "feeds"
runner = CliRunner()


@pytest.fixture
def server() -> Iterator[TestServer]:
    with running_server() as srv:
        yield srv


def _sources(ws: Workspace, server: TestServer) -> None:
    with ws.session() as session:
        add_source(session, server.static("/good.xml", (FEEDS / "rss2_good.xml").read_bytes()),
                   "Baik", "news")
        add_source(session, server.static("/500", b"oops", "text/plain", status=500),
                   "Rusak", "news")


def test_piped_collect_prints_failures_and_one_summary_without_a_bar(
        workspace: Workspace, server: TestServer) -> None:
    _sources(workspace, server)
    result = runner.invoke(app, ["collect", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output  # a failing source is not a failed run
    assert result.stdout.strip().splitlines() == [
        "2 sumber diperiksa: 2 item baru, 0 duplikat, 0 tidak berubah, 1 gagal; "
        "0 item dinilai model."]
    assert "! Rusak: HTTP 500" in result.stderr
    assert "Mengambil feed" not in result.stderr


def test_collect_refuses_a_source_name_it_does_not_know_or_that_is_disabled(
        workspace: Workspace, server: TestServer) -> None:
    _sources(workspace, server)
    home = str(workspace.home)
    result = runner.invoke(app, ["collect", "--home", home, "--source", "Baik", "--source",
                                 "Baikk"])
    assert result.exit_code == 1
    assert result.stderr == "error: tidak ada sumber bernama 'Baikk' (`sejuk sources list`)\n"
    english = runner.invoke(app, ["--lang", "en", "collect", "--home", home, "--source",
                                  "Baikk"])
    assert english.stderr == "error: no source named 'Baikk' (`sejuk sources list`)\n"
    assert runner.invoke(app, ["sources", "disable", "Rusak", "--home", home]).exit_code == 0
    result = runner.invoke(app, ["collect", "--home", home, "--source", "Rusak"])
    assert result.exit_code == 1 and "sumber 'Rusak' nonaktif" in result.stderr
    english = runner.invoke(app, ["--lang", "en", "collect", "--home", home, "--source",
                                  "Rusak"])
    assert english.exit_code == 1 and "'Rusak' is disabled" in english.stderr
    assert server.hits == {}, "nothing is fetched when a name is wrong"
    result = runner.invoke(app, ["collect", "--home", home, "--source", "Baik"])
    assert result.exit_code == 0 and result.stdout.startswith("1 sumber diperiksa: 2 item baru")


def test_an_english_summary_counts_in_singular_and_plural(workspace: Workspace,
                                                          server: TestServer) -> None:
    """It read "1 sources checked"."""
    _sources(workspace, server)
    home = str(workspace.home)
    result = runner.invoke(app, ["--lang", "en", "collect", "--home", home, "--source", "Baik"])
    assert result.stdout.splitlines() == [
        "1 source checked: 2 new items, 0 duplicates, 0 unchanged, 0 failed; 0 items scored "
        "by the model."]
    result = runner.invoke(app, ["--lang", "en", "collect", "--home", home])  # Baik not due
    assert result.stdout.splitlines() == [
        "1 source checked: 0 new items, 0 duplicates, 0 unchanged, 1 failed; 0 items scored "
        "by the model."]
    result = runner.invoke(app, ["--lang", "en", "collect", "--home", home])  # both wait
    assert result.stdout.startswith("0 sources checked: 0 new items, ")


@pytest.mark.slow
def test_collect_on_a_terminal_shows_a_progress_bar(workspace: Workspace,
                                                     server: TestServer) -> None:
    _sources(workspace, server)
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "sejuk.cli", "collect", "--home",
                             str(workspace.home)], stdout=subprocess.PIPE, stderr=slave,
                            env=env, cwd=Path(__file__).parent.parent.parent)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # a terminal is read while the program runs, or it blocks
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    out, _ = proc.communicate(timeout=300)
    reader.join(timeout=60)
    os.close(master)
    terminal = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0
    assert "Mengambil feed" in terminal
    assert "! Rusak: HTTP 500" in terminal
    assert "sumber diperiksa" in out.decode()
