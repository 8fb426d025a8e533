"""Several collector processes on one database: no source fetched twice, no item lost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler

import pytest
from sqlalchemy import func, select

from feeds.sources import add_source
from sejuk.db.models import Item, ItemSource, Source
from sejuk.workspace import Workspace
from tests.httpserver import running_server

pytestmark = pytest.mark.slow

FEEDS = 24
ENTRIES = 5
COLLECTORS = 4


def _feed(n: int) -> bytes:
    items = "".join(
        f"<item><title>Kabar {n}-{i} dari Kecamatan Sumber</title>"
        f"<link>https://kabar{n}.example/{i}</link><guid>k{n}-{i}</guid>"
        f"<description>Isi berita nomor {i} dari sumber {n}.</description></item>"
        for i in range(ENTRIES))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"{items}</channel></rss>").encode()


def test_concurrent_collectors_fetch_each_source_once(workspace: Workspace) -> None:
    def route(body: bytes, arrived: threading.Event):
        def handle(h: BaseHTTPRequestHandler) -> None:
            arrived.set()
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        return handle

    with running_server() as server:
        with workspace.session() as session:
            for n in range(FEEDS):
                url = server.add(f"/f{n}.xml", route(_feed(n), threading.Event()))
                add_source(session, url, f"Feed {n}", "news", region_code="32.09")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SEJUK_")}
        processes = [
            subprocess.Popen([sys.executable, "-m", "sejuk.cli", "collect", "--home",
                              str(workspace.home)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
            for _ in range(COLLECTORS)
        ]
        outputs = [p.communicate(timeout=300) for p in processes]
        hits = dict(server.hits)

    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err.decode()
    assert sorted(hits) == sorted(f"/f{n}.xml" for n in range(FEEDS))
    assert set(hits.values()) == {1}, f"a source was fetched twice: {hits}"
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(Item)) == FEEDS * ENTRIES
        assert session.scalar(select(func.count()).select_from(ItemSource)) == FEEDS * ENTRIES
        leased = session.scalar(select(func.count()).select_from(Source)
                                .where(Source.lease_owner.is_not(None)))
        assert leased == 0, "every lease is released after its batch is stored"


def test_a_collector_finding_every_source_leased_says_so(workspace: Workspace) -> None:
    """The second of two collectors started together used to report "0 sumber
    diperiksa" and nothing else, as if the sources were gone."""
    from datetime import timedelta

    from typer.testing import CliRunner

    from feeds.collect import claim_due_sources
    from sejuk.cli import app
    from sejuk.timeutil import utc_now

    with running_server() as server, workspace.session() as session:
        for n in range(3):
            add_source(session, server.static(f"/f{n}.xml", _feed(n)), f"Feed {n}", "news")
        session.flush()
        claim_due_sources(session, utc_now(), "host-lain:4242:abcd", timedelta(minutes=5))
    result = CliRunner().invoke(app, ["collect", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "0 sumber diperiksa (3 sumber sedang diambil kolektor lain): 0 item baru")
