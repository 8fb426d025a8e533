"""Crash safety and ``sejuk watch``: whole batches or nothing, and a clean stop on signals.

Each source's batch is stored in one transaction, so a store step that fails midway and
a process killed while another source is still being fetched both leave no half-written
rows, and the next run picks up where the last one stopped. ``sejuk watch`` runs in a
real subprocess and is stopped with a real signal while a batch is in flight.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from sqlalchemy import func, select

from feeds.collect import collect, lease_length
from feeds.sources import add_source
from sejuk.db.models import Item, ItemRegion, ItemSource, Source
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace, open_workspace
from tests.httpserver import TestServer, running_server

# feeds/__init__ re-exports the function ``collect``, which hides the module.
COLLECT = importlib.import_module("feeds.collect")
FEEDS = Path(__file__).parent.parent / "data" / "feeds"
GOOD = (FEEDS / "rss2_good.xml").read_bytes()
OTHER = (FEEDS / "atom_good.xml").read_bytes()


@pytest.fixture
def server() -> Iterator[TestServer]:
    with running_server() as srv:
        yield srv


def _counts(home: Path) -> dict[str, int]:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            per_source = dict(session.execute(
                select(Source.name, func.count(ItemSource.item_id))
                .outerjoin(ItemSource, ItemSource.source_id == Source.id)
                .group_by(Source.name)).all())
            per_source["items"] = session.scalar(select(func.count()).select_from(Item)) or 0
            per_source["regions"] = session.scalar(
                select(func.count()).select_from(ItemRegion)) or 0
            return per_source
    finally:
        ws.close()


def _wait_for(condition: Callable[[], bool], timeout: float = 120.0) -> bool:
    """Poll a condition without sleeping the test thread blindly."""
    tick = threading.Event()
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        tick.wait(0.05)
    return condition()


def test_exception_in_one_store_step_leaves_nothing_of_it(
        workspace: Workspace, server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    with workspace.session() as session:
        add_source(session, server.static("/a.xml", GOOD), "A", "news", region_code="32.09")
        add_source(session, server.static("/b.xml", OTHER), "B", "news")
    real = COLLECT.store_entries

    def failing(session, source, entries, **kwargs):  # type: ignore[no-untyped-def]
        stats = real(session, source, entries, **kwargs)  # rows are in the session ...
        if source.name == "B":
            session.flush()  # ... and even sent to the database
            raise RuntimeError("disk full (injected)")
        return stats

    monkeypatch.setattr(COLLECT, "store_entries", failing)
    report = collect(workspace)
    outcomes = {o.name: o for o in report.outcomes}
    assert outcomes["A"].new == 2
    assert outcomes["B"].error == "internal error while storing: RuntimeError"
    counts = _counts(workspace.home)
    assert counts == {"A": 2, "B": 0, "items": 2, "regions": counts["regions"]}
    with workspace.session() as session:
        b = session.scalar(select(Source).where(Source.name == "B"))
        assert b is not None and b.consecutive_failures == 1
    monkeypatch.setattr(COLLECT, "store_entries", real)
    retry = collect(workspace, force=True)
    assert {o.name: o.new for o in retry.outcomes} == {"A": 0, "B": 1}
    assert _counts(workspace.home)["B"] == 1


def _blocking(requested: threading.Event, release: threading.Event, body: bytes
              ) -> Callable[[BaseHTTPRequestHandler], None]:
    def route(h: BaseHTTPRequestHandler) -> None:
        requested.set()
        release.wait(60)
        h.send_response(200)
        h.send_header("Content-Type", "application/atom+xml")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return route


def _sejuk(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "sejuk.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env,
                            cwd=Path(__file__).parent.parent.parent)


@pytest.mark.slow
def test_killed_collector_leaves_whole_batches_and_the_next_run_continues(
        workspace: Workspace, server: TestServer) -> None:
    requested, release = threading.Event(), threading.Event()
    with workspace.session() as session:
        add_source(session, server.static("/a.xml", GOOD), "A", "news")
        add_source(session, server.add("/b.xml", _blocking(requested, release, OTHER)), "B",
                   "news")
    proc = _sejuk("collect", "--home", str(workspace.home))
    try:
        assert requested.wait(60), "B was never requested"
        assert _wait_for(lambda: _counts(workspace.home).get("A") == 2), "A never stored"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    counts = _counts(workspace.home)
    assert (counts["A"], counts["B"], counts["items"]) == (2, 0, 2)
    # B stays leased to the dead collector until its lease expires; then the next run
    # takes it (A is not due again).
    assert collect(workspace).outcomes == []
    later = utc_now() + lease_length(workspace.settings.collector) + timedelta(seconds=1)
    report = collect(workspace, now=later)
    assert [(o.name, o.new) for o in report.outcomes] == [("B", 1)]


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_watch_stops_on_signal_after_storing_the_batch_in_flight(
        workspace: Workspace, server: TestServer, sig: signal.Signals) -> None:
    requested, release = threading.Event(), threading.Event()
    with workspace.session() as session:
        add_source(session, server.add("/b.xml", _blocking(requested, release, OTHER)), "B",
                   "news")
    proc = _sejuk("watch", "--home", str(workspace.home))
    try:
        assert requested.wait(60), "watch never fetched the source"
        proc.send_signal(sig)  # while the fetch is in flight ...
        release.set()  # ... and then the response arrives
        out, err = proc.communicate(timeout=60)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "berhenti setelah batch ini" in err
    assert "1 item baru" in out
    assert "Berhenti: 1 putaran, 1 item baru." in out
    assert _counts(workspace.home)["B"] == 1
