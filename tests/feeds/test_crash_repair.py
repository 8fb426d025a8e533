"""Nothing stays unprocessed after a crash: every run of the ingest path finishes the work
a killed run left (narratives, claim matching, scores, rollups), exactly once.

A real ``sejuk collect`` / ``sejuk import`` subprocess is stopped at a chosen point
(:mod:`tests.killpoint`: after the batches were stored, inside a stage's transaction,
between committed batches) and killed with SIGKILL there; the next ordinary run must
report the items it scored and leave the workspace as if nothing had happened.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from classifiers.claims import match_items
from feeds.sources import add_source
from sejuk.cli import app
from sejuk.db.models import (
    AreaDaySignal,
    ClaimMatch,
    IngestBacklog,
    Item,
    Narrative,
    NarrativeBucket,
    Prediction,
)
from sejuk.signals.rollup import rebuild_rollup
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace, open_workspace
from tests.httpserver import running_server
from tests.killpoint import killed_at as _killed_at

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
runner = CliRunner()


def _posts(n: int) -> list[dict[str, str]]:
    """Invented posts: routine news naming a kecamatan, copies of one hoax (narratives),
    and debunks of it (claim matching)."""
    start = utc_now() - timedelta(days=3)
    posts = []
    for i in range(n):
        when = (start + timedelta(minutes=2 * i)).isoformat()
        if i % 25 == 0:
            title = f"[HOAKS] Surat suara tercoblos di gudang KPU Kecamatan Sumber ({i})"
            text = ("Beredar pesan bahwa surat suara sudah dicoblos di gudang KPU. "
                    "Faktanya KPU Kabupaten Cirebon membantah kabar tersebut.")
        elif i % 3 == 0:
            title = ""
            text = (f"Copas dari grup RT {i}: surat suara sudah dicoblos di gudang KPU "
                    "Kecamatan Sumber Kabupaten Cirebon untuk paslon nomor 2, sebarkan!!")
        else:
            title = f"Warga Kecamatan Plumbon mendirikan tenda TPS {i}"
            text = (f"Warga Desa Plumbon, Kecamatan Plumbon, Kabupaten Cirebon bergotong "
                    f"royong mendirikan tenda TPS nomor {i} menjelang pemungutan suara.")
        posts.append({"id": f"p{i}", "title": title, "text": text, "published_at": when,
                      "url": f"https://kabar-uji.example/berita/{i}"})
    return posts


def _rss(posts: list[dict[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(p['title'] or p['text'][:60])}</title>"
        f"<link>{p['url']}</link><guid>{p['id']}</guid>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(p['published_at']))}</pubDate>"
        f"<description>{escape(p['text'])}</description></item>" for p in posts)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar Uji</title>'
            f"{items}</channel></rss>").encode()


def _backlog(home: Path) -> int:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return int(session.scalar(select(func.count()).select_from(IngestBacklog)) or 0)
    finally:
        ws.close()


def _assert_processed_once(home: Path, items: int) -> None:
    """The state an uninterrupted run leaves: every item scored by the active model,
    clustered once, matched against the claims, and the rollup equal to a rebuild."""
    ws = open_workspace(home)
    try:
        with ws.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Item)) == items
            assert session.scalar(select(func.count()).select_from(IngestBacklog)) == 0
            labels = len(ws.settings.classifier.labels)
            assert session.scalar(select(func.count()).select_from(Prediction)) == items * labels
            assert session.scalar(select(func.count(func.distinct(
                NarrativeBucket.item_id)))) == items
            members = session.scalar(select(func.count()).select_from(Item)
                                     .where(Item.narrative_id.is_not(None)))
            assert members and session.scalar(select(func.sum(Narrative.size))) == members
            matches = set(session.execute(select(ClaimMatch.item_id,
                                                 ClaimMatch.debunk_item_id)).all())
            rollup = set(session.execute(select(
                AreaDaySignal.day, AreaDaySignal.region_code, AreaDaySignal.label,
                AreaDaySignal.items, AreaDaySignal.flagged)).all())
            version = session.scalar(select(Prediction.model_version_id).limit(1))
            match_items(session, ws.settings.classifier.claim_match_threshold)  # from scratch
            assert matches and set(session.execute(select(
                ClaimMatch.item_id, ClaimMatch.debunk_item_id)).all()) == matches
            rebuild_rollup(session, version)
            assert rollup and set(session.execute(select(
                AreaDaySignal.day, AreaDaySignal.region_code, AreaDaySignal.label,
                AreaDaySignal.items, AreaDaySignal.flagged)).all()) == rollup
            session.rollback()
    finally:
        ws.close()


@pytest.mark.parametrize(("killpoint", "left_unscored"), [
    ("sejuk.pipeline:finish_backlog:1:before", 2000),  # all stored, nothing processed
    ("feeds.narratives:cluster_items:2:after", 2000),  # inside the 2nd narrative batch
    ("classifiers.scoring:classify_items:2:after", 1000),  # 1st score batch committed
])
def test_collect_killed_after_storing_is_finished_by_the_next_collect(
        trained: Workspace, killpoint: str, left_unscored: int) -> None:
    home = str(trained.home)
    with running_server() as server:
        with trained.session() as session:
            add_source(session, server.static("/uji.xml", _rss(_posts(2000))), "Kabar Uji",
                       "news", region_code="32.09")
        _killed_at(killpoint, "collect", "--home", home, "--force")
        assert _backlog(trained.home) > 0, "the crash left work on record"
        repair = runner.invoke(app, ["collect", "--home", home, "--force"])
    assert repair.exit_code == 0, repair.output
    assert "0 item baru" in repair.stdout
    assert f"; {left_unscored} item dinilai model." in repair.stdout
    _assert_processed_once(trained.home, 2000)
    again = runner.invoke(app, ["collect", "--home", home])
    assert again.exit_code == 0 and "; 0 item dinilai model." in again.stdout
    _assert_processed_once(trained.home, 2000)


def _write_csv(path: Path, posts: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "source", "title", "text",
                                                    "published_at", "url", "region"])
        writer.writeheader()
        for post in posts:
            writer.writerow({**post, "source": "Grup Warga", "region": "32.09"})
    return path


@pytest.mark.parametrize(("killpoint", "repair", "new", "scored"), [
    # killed while storing the 2nd of three batches: running the import again adds the rest
    ("feeds.imports:store_import:2:after", "import", "2000 item baru", 3000),
    # killed once everything was stored: any run of the ingest path finishes the work
    ("sejuk.pipeline:finish_backlog:1:before", "collect", "0 item baru", 3000),
])
def test_import_killed_midway_is_finished_by_the_next_run(
        trained: Workspace, tmp_path: Path, killpoint: str, repair: str, new: str,
        scored: int) -> None:
    home = str(trained.home)
    posts = _write_csv(tmp_path / "posts.csv", _posts(3000))
    _killed_at(killpoint, "import", str(posts), "--home", home)
    assert _backlog(trained.home) > 0
    args = (["import", str(posts)] if repair == "import" else ["collect"])
    result = runner.invoke(app, [*args, "--home", home])
    assert result.exit_code == 0, result.output
    assert new in result.stdout
    assert f"; {scored} item dinilai model." in result.stdout
    _assert_processed_once(trained.home, 3000)
