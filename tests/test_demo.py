"""The demo workspace, end to end through the real collector, trainer and classifier."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import Item, ItemRegion, ItemSource, Prediction, Source
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace, open_workspace

pytestmark = pytest.mark.slow
runner = CliRunner()


def test_status_meets_the_demo_contract(demo_home: Path) -> None:
    result = runner.invoke(app, ["status", "--home", str(demo_home), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["items"] >= 300
    assert data["sources"] >= 8
    assert data["flagged"]["hoaks"] > 0
    assert data["flagged"]["provokasi"] > 0
    assert all(data["tps"][level] > 0 for level in ("Kurang Rawan", "Rawan", "Sangat Rawan"))
    assert data["regions"] >= 10
    assert data["model"]["version"] == 1
    assert data["model"]["trained_at"]
    assert "macro_f1" in data["model"]["metrics"]


def test_items_span_four_weeks_up_to_today(demo_workspace: Workspace) -> None:
    now = utc_now()
    with demo_workspace.session() as session:
        oldest, newest = session.execute(
            select(func.min(Item.published_at), func.max(Item.published_at))).one()
        today = session.scalar(select(func.count()).select_from(Item)
                               .where(Item.published_at >= now - timedelta(hours=24)))
    assert newest <= now
    assert now - oldest >= timedelta(days=20)
    assert today >= 5


def test_every_source_was_collected_over_http(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        sources = session.scalars(select(Source)).all()
        kinds = {s.kind for s in sources}
        assert {"news", "factcheck", "social", "official"} <= kinds
        for source in sources:
            assert source.last_status == 200, source.name
            assert source.url.startswith("http://127.0.0.1:")
            count = session.scalar(select(func.count()).select_from(ItemSource)
                                   .where(ItemSource.source_id == source.id))
            assert count > 0, source.name


def test_debunks_are_never_flagged_as_hoaks(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        flagged_debunks = session.scalar(
            select(func.count()).select_from(Prediction).join(Item, Item.id == Prediction.item_id)
            .where(Item.is_debunk.is_(True), Prediction.label == "hoaks",
                   Prediction.flagged.is_(True)))
        debunks = session.scalar(select(func.count()).select_from(Item)
                                 .where(Item.is_debunk.is_(True)))
    assert debunks >= 15
    assert flagged_debunks == 0


def test_social_authors_are_hashed(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        posts = session.scalars(select(Item).where(Item.kind == "post")).all()
    assert posts
    assert all(p.author_handle is None for p in posts)
    hashed = [p.author_hash for p in posts if p.author_hash]
    assert hashed
    assert all(len(h) == 32 and "@" not in h for h in hashed)


def test_items_are_tagged_with_demo_regions(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        codes = set(session.scalars(select(ItemRegion.region_code)))
    prefixes = {code[:5] for code in codes}
    assert {"32.09", "32.74", "32.12", "32.08", "35.14", "73.71"} <= prefixes


def test_hostile_item_is_stored_as_plain_text(demo_workspace: Workspace) -> None:
    with demo_workspace.session() as session:
        item = session.scalar(select(Item).where(Item.text.contains("javascript:")))
    assert item is not None
    assert "<script>alert(1)</script>" in item.text  # literal characters, escaped on output


def test_rebuilding_the_demo_adds_no_duplicates(demo_home: Path, copy_workspace) -> None:
    from sejuk.demo.build import build_demo

    told: list[str] = []
    workspace, summary = build_demo(copy_workspace(demo_home), progress=told.append, lang="en")
    try:
        assert summary.collect.new == 0
        # `sejuk --lang en demo` (or SEJUK_LANGUAGE=en) tells its steps in English
        assert told[0] == "Preparing TPS and leader data ..."
        assert any(" sources checked: 0 new items, " in line for line in told), told
        assert not any("Menyiapkan" in line or "diperiksa" in line for line in told), told
        with workspace.session() as session:
            assert session.scalar(select(func.count()).select_from(Source)) == len(
                summary.collect.outcomes)
    finally:
        workspace.close()


def test_a_demo_stays_on_the_day_it_was_first_built(tmp_path: Path) -> None:
    """Rebuilt on a later day, the demo keeps its day: its guids carry the planned dates,
    and rendering the feeds for the new day stored every story a second time (228 new
    items when a test run crossed midnight WIB). A folder from before the day was
    recorded is read from its newest item."""
    from sejuk.db.models import Meta
    from sejuk.demo.build import DAY_KEY, build_demo

    first_day = utc_now().date() - timedelta(days=3)
    workspace, summary = build_demo(tmp_path / "ws", today=first_day)
    workspace.close()
    assert summary.collect.new > 300
    for recorded in (True, False):
        told: list[str] = []
        workspace, summary = build_demo(tmp_path / "ws", progress=told.append, lang="en")
        try:
            assert summary.collect.new == 0
            assert (f"This demo stays dated {first_day}, the day it was first built; for "
                    "today's demo, build in another folder (--home).") in told
            with workspace.session() as session:
                assert session.get(Meta, DAY_KEY).value == first_day.isoformat()
                if recorded:  # the next round: a folder built by an earlier Sejuk
                    session.delete(session.get(Meta, DAY_KEY))
        finally:
            workspace.close()


def test_a_demo_refuses_another_date_and_adds_nothing(demo_home: Path, demo_day,
                                                       copy_workspace) -> None:
    home = copy_workspace(demo_home)

    def items() -> int:
        workspace = open_workspace(home)
        try:
            with workspace.session() as session:
                return int(session.scalar(select(func.count()).select_from(Item)) or 0)
        finally:
            workspace.close()

    before = items()
    other = demo_day - timedelta(days=1)
    result = runner.invoke(app, ["--lang", "en", "demo", "--home", str(home), "--no-serve",
                                 "--date", other.isoformat()])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        f"holds a demo dated {demo_day}; build the demo for {other} in another folder "
        "(--home), so the same stories are not stored twice (nothing was added)")
    assert "Traceback" not in result.output
    assert items() == before


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_on_root_and_health(demo_home: Path, tmp_path: Path) -> None:
    with _serving(demo_home, tmp_path) as (port, log):
        health = httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2,
                           trust_env=False)
        assert health.status_code == 200, log.read_text()
        assert health.text == "ok"
        root = httpx.get(f"http://127.0.0.1:{port}/", timeout=60, trust_env=False)
        assert root.status_code == 200
        assert "<html" in root.text.lower()
    # SIGTERM to `sejuk serve` stops the Streamlit server too: the port is free again.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2,
                         trust_env=False).text == "ok"
    except httpx.TransportError:
        return False


@contextmanager
def _serving(home: Path, tmp_path: Path, *args: str) -> Iterator[tuple[int, Path]]:
    """`sejuk serve` in a subprocess whose outside requests all go to a recording proxy
    (which must see none); yields the port once the dashboard answers, and its log."""
    from tests.httpserver import running_server

    port = _free_port()
    log = tmp_path / "serve.log"
    with running_server() as proxy:
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("SEJUK_")},
               "HTTP_PROXY": proxy.base, "HTTPS_PROXY": proxy.base, "NO_PROXY": ""}
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "sejuk.cli", "serve", "--home", str(home), "--port",
                 str(port), *args], env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300  # a bound for a hang, not a speed requirement
            while not _healthy(port) and time.monotonic() < deadline:
                try:  # paced by the server process: returns at once if it exits
                    process.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    continue
            yield port, log
        finally:
            process.terminate()
            process.wait(timeout=20)
        assert proxy.hits == {}, f"a request left for an outside server: {proxy.hits}"


def test_serve_on_a_wildcard_address_asks_no_outside_server(demo_home: Path,
                                                            tmp_path: Path) -> None:
    """Streamlit's welcome banner, on 0.0.0.0, asked checkip.amazonaws.com for the
    machine's external IP."""
    with _serving(demo_home, tmp_path, "--address", "0.0.0.0") as (port, log):
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=60,
                         trust_env=False).status_code == 200, log.read_text()
    assert "external IP" not in log.read_text()


def _websocket(port: int, host: str) -> int:
    """The status of the dashboard's WebSocket upgrade as a browser at
    https://sejuk.polres.example reaches it through a proxy sending ``Host: host``."""
    return httpx.get(f"http://127.0.0.1:{port}/_stcore/stream", timeout=60, trust_env=False,
                     headers={"Host": host, "Origin": "https://sejuk.polres.example",
                              "Connection": "Upgrade", "Upgrade": "websocket",
                              "Sec-WebSocket-Version": "13",
                              "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}).status_code


def test_behind_the_readme_reverse_proxy_the_dashboard_connects(demo_home: Path,
                                                                tmp_path: Path) -> None:
    """README's nginx lines must forward the public Host: with nginx's default (the
    upstream's address) Streamlit refused the WebSocket (403, a blank dashboard) after
    asking checkip.amazonaws.com whether the origin was this machine."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "proxy_set_header Host $host;" in readme
    with _serving(demo_home, tmp_path) as (port, _log):
        assert _websocket(port, "sejuk.polres.example") == 101
