"""The one ingest path: whatever brings items in (feeds over HTTP, an import file, a field
report, the demo), they end narrated, claim-matched, scored by the active model and
rolled up, through :func:`sejuk.pipeline.ingest`; and a step that fails leaves its items
in the backlog, which the next run of any intake finishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

import classifiers.claims
from sejuk.db.models import (
    AreaDaySignal,
    ClaimMatch,
    IngestBacklog,
    Item,
    NarrativeBucket,
    Prediction,
)
from sejuk.pipeline import CLAIMS, FeedSources, ImportFile, ingest
from sejuk.reports import ReportInput, submit_report
from sejuk.signals import active_version
from sejuk.signals.rollup import rebuild_rollup
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace
from tests.feeds.test_crash_repair import _assert_processed_once, _posts, _rss, _write_csv
from tests.httpserver import running_server

POSTS = 60  # copies of a hoax, its debunks (every 25th) and routine news


def _add_feed(workspace: Workspace, server: object, posts: int = POSTS) -> None:
    from feeds.sources import add_source

    with workspace.session() as session:
        url = server.static("/uji.xml", _rss(_posts(posts)))  # type: ignore[attr-defined]
        add_source(session, url, "Kabar Uji", "news", region_code="32.09")


def test_feed_collection_is_narrated_matched_scored_and_rolled_up(trained: Workspace) -> None:
    with running_server() as server:
        _add_feed(trained, server)
        report = ingest(trained, FeedSources(force=True))
    assert report.intake.new == POSTS and not report.intake.failed
    backlog = report.backlog
    assert (backlog.clustered, backlog.matched, backlog.scored, backlog.left) == (
        POSTS, POSTS, POSTS, 0)
    assert report.scored == POSTS and backlog.problem is None
    _assert_processed_once(trained.home, POSTS)


def test_import_file_is_narrated_matched_scored_and_rolled_up(trained: Workspace,
                                                               tmp_path: Path) -> None:
    posts = _write_csv(tmp_path / "posts.csv", _posts(POSTS))
    report = ingest(trained, ImportFile(posts, "analis"))
    assert (report.intake.rows, report.intake.new, report.scored) == (POSTS, POSTS, POSTS)
    _assert_processed_once(trained.home, POSTS)
    again = ingest(trained, ImportFile(posts, "analis"))  # idempotent: nothing new to do
    assert (again.intake.new, again.intake.duplicates + again.intake.linked,
            again.scored) == (0, POSTS, 0)


def test_field_report_finishes_its_own_item_and_leaves_the_rest(trained: Workspace,
                                                                 tmp_path: Path) -> None:
    ingest(trained, ImportFile(_write_csv(tmp_path / "posts.csv", _posts(POSTS)), "analis"))
    with trained.session() as session:  # a crashed collector's items, waiting for claims
        waiting = list(session.scalars(select(Item.id).limit(3)))
        session.add_all(IngestBacklog(item_id=i, stage=CLAIMS, queued_at=utc_now())
                        for i in waiting)
    [outcome] = submit_report(trained, ReportInput(
        text="Copas dari grup RT 7: surat suara sudah dicoblos di gudang KPU Kecamatan "
             "Sumber Kabupaten Cirebon untuk paslon nomor 2, sebarkan!!", region="32.09"),
        reporter="bhabin.sumber")
    with trained.session() as session:
        item = session.scalar(select(Item).order_by(Item.id.desc()).limit(1))
        assert item is not None and item.id not in waiting
        assert set(session.scalars(select(IngestBacklog.item_id))) == set(waiting)
        assert session.scalar(select(func.count()).select_from(NarrativeBucket)
                              .where(NarrativeBucket.item_id == item.id))
        assert item.narrative_id is not None, "a copy of the hoax joins its narrative"
        assert session.scalar(select(func.count()).select_from(ClaimMatch)
                              .where(ClaimMatch.item_id == item.id)), "matched to the debunk"
        version = active_version(session)
        assert version is not None
        assert session.scalar(select(func.count()).select_from(Prediction).where(
            Prediction.item_id == item.id, Prediction.model_version_id == version.id)) == len(
            trained.settings.classifier.labels)
        assert session.scalar(select(func.sum(AreaDaySignal.items)).where(
            AreaDaySignal.region_code.like("32.09%")))
    assert outcome.item_id == item.id


def test_failing_step_leaves_the_backlog_to_the_next_run(
        trained: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("claim matching fell over")

    with running_server() as server:
        _add_feed(trained, server)
        monkeypatch.setattr(classifiers.claims, "match_items", broken)
        with pytest.raises(RuntimeError, match="fell over"):
            ingest(trained, FeedSources(force=True))
        with trained.session() as session:  # stored and narrated; claims and scores owed
            assert session.scalar(select(func.count()).select_from(Item)) == POSTS
            assert dict(session.execute(select(IngestBacklog.stage, func.count())
                                        .group_by(IngestBacklog.stage)).all()) == {
                CLAIMS: POSTS}
            assert not session.scalar(select(func.count()).select_from(Prediction))
        monkeypatch.undo()
        repair = ingest(trained, FeedSources())  # nothing due: only the backlog
    assert repair.intake.new == 0 and not repair.intake.outcomes
    assert (repair.backlog.clustered, repair.backlog.matched, repair.scored) == (
        0, POSTS, POSTS)
    _assert_processed_once(trained.home, POSTS)


def test_demo_items_went_the_same_way(demo_workspace: Workspace) -> None:
    with demo_workspace.sessions() as session:
        items = session.scalar(select(func.count()).select_from(Item))
        version = active_version(session)
        assert items and version is not None
        assert session.scalar(select(func.count()).select_from(IngestBacklog)) == 0
        assert session.scalar(select(func.count(func.distinct(
            NarrativeBucket.item_id)))) == items
        assert session.scalar(select(func.count(func.distinct(Prediction.item_id))).where(
            Prediction.model_version_id == version.id)) == items
        assert session.scalar(select(func.count()).select_from(ClaimMatch))
        rollup = set(session.execute(select(
            AreaDaySignal.day, AreaDaySignal.region_code, AreaDaySignal.label,
            AreaDaySignal.items, AreaDaySignal.flagged)).all())
        rebuild_rollup(session, version.id)
        assert rollup and set(session.execute(select(
            AreaDaySignal.day, AreaDaySignal.region_code, AreaDaySignal.label,
            AreaDaySignal.items, AreaDaySignal.flagged)).all()) == rollup
        session.rollback()
