"""The one ingest path: bring items in, then do the work every stored item is owed.

:func:`ingest` is what ``sejuk collect``, ``watch``, ``import``, a field report (CLI and
dashboard) and the demo call. Its intake step (:class:`FeedSources`, :class:`ImportFile`,
or a caller's own :class:`Intake`, as :mod:`sejuk.reports.intake` has for a report) stores
the items; then :func:`finish_backlog` gives them, in this order, a narrative, claim
matching, scores by the active model and the area x day rollup.

Storing an item queues it in ``ingest_backlog`` in the same transaction
(:func:`feeds.store.store_entries`), so the work survives any crash, ``kill -9``
included, and every run finishes the whole backlog, whoever left it: this run's new
items and what a crashed run did not get to (a field report, whose officer waits for the
answer, finishes just its own item and leaves the rest to the collectors).

The work goes in stages, each a bounded batch in one transaction that also moves the
batch to the next stage, so a crash mid-way redoes at most one batch of one stage and
never does a stage twice: 0 narratives (:func:`feeds.narratives.cluster_items`), 1 claim
matching (:func:`classifiers.claims.match_items`), 2 scoring with the active model and
the area x day rollup (:func:`classifiers.scoring.classify_items`), after which the row
is gone. Claiming a batch is one ``UPDATE ... RETURNING`` (with ``FOR UPDATE SKIP
LOCKED`` on PostgreSQL), so concurrent collectors share the backlog without doing an
item twice. Without an active model the scoring stage has nothing to do (promoting a
model scores every item it has not scored); a model that cannot be loaded leaves the
items queued, and the next run scores them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from feeds.collect import CollectReport, SourceOutcome, collect
from feeds.imports import ImportResult, Progress, import_file
from sejuk.db.models import IngestBacklog, Item
from sejuk.errors import ModelError
from sejuk.phrases import Phrases, Said
from sejuk.workspace import Workspace

log = logging.getLogger(__name__)

NARRATIVES, CLAIMS, SCORES = 0, 1, 2
STAGE_NAMES = {NARRATIVES: "narasi", CLAIMS: "klaim", SCORES: "skor"}
#: Items per stage transaction: bounded memory, and on SQLite a bounded time for which
#: a concurrent collector waits for the write lock.
BATCH = 1000

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass
class BacklogReport:
    """What one run finished, and why anything is left."""

    clustered: int = 0
    matched: int = 0
    scored: int = 0
    left: int = 0
    #: in the reader's language when rendered (``str()``: English)
    problem: Said | None = None


class Intake(Protocol[T_co]):
    """One way items come in (feeds, an import file, a field report): the step of
    :func:`ingest` that stores them, each queued in the backlog in the same transaction
    (:func:`feeds.store.store_entries` does that)."""

    def bring_in(self, workspace: Workspace, progress: Progress | None
                 ) -> tuple[T_co, Sequence[int] | None]:
        """Store the items; return the intake's own account of it and, when someone
        waits for just these items, their ids (``None``: finish the whole backlog)."""
        ...


@dataclass
class IngestReport(Generic[T]):
    """What one run of :func:`ingest` brought in (the intake's account: sources polled,
    rows read, a report's id) and what it finished (narratives, matches, scores)."""

    intake: T
    backlog: BacklogReport

    @property
    def scored(self) -> int:
        return self.backlog.scored


def ingest(workspace: Workspace, intake: Intake[T], *,
           progress: Progress | None = None) -> IngestReport[T]:
    """Bring items in through ``intake``, then finish the backlog: narratives, claim
    matching, scores by the active model, the rollup (see the module doc).

    A missing or unloadable model is reported (``backlog.problem``) and skipped: bringing
    items in must not stop because the classifier cannot run; they are scored next run.
    ``progress(step, done, total)`` hears the intake's steps and the stages.
    """
    brought, only = intake.bring_in(workspace, progress)
    return IngestReport(brought, finish_backlog(workspace, progress=progress, only=only))


@dataclass
class FeedSources:
    """Intake: poll the due sources once (``names`` only, if given; not yet due ones
    too with ``force``). ``on_start`` hears how many are polled, ``on_source`` each
    source's outcome (new items, duplicates, errors)."""

    names: Sequence[str] | None = None
    force: bool = False
    on_start: Callable[[int], None] | None = None
    on_source: Callable[[SourceOutcome], None] | None = None

    def bring_in(self, workspace: Workspace, progress: Progress | None
                 ) -> tuple[CollectReport, None]:
        return collect(workspace, names=self.names, force=self.force,
                       on_start=self.on_start, on_source=self.on_source), None


@dataclass
class ImportFile:
    """Intake: a CSV or JSONL file of posts exported by other tools
    (:func:`feeds.imports.import_file`: a bad row refuses the file; idempotent)."""

    path: Path
    actor: str
    fmt: str | None = None
    default_source: str | None = None

    def bring_in(self, workspace: Workspace, progress: Progress | None
                 ) -> tuple[ImportResult, None]:
        return import_file(workspace, self.path, fmt=self.fmt,
                           default_source=self.default_source, actor=self.actor,
                           progress=progress), None


def pending(session: Session) -> dict[int, int]:
    """Items queued per stage."""
    return dict(session.execute(select(IngestBacklog.stage, func.count())
                                .group_by(IngestBacklog.stage)).all())


def _claim(session: Session, stage: int, limit: int | None,
           debunks: bool | None = None, only: Sequence[int] | None = None) -> list[int]:
    """Take up to ``limit`` items at ``stage`` (oldest first; of ``only`` if given) and
    move them past it, in the caller's transaction; rows another processor holds are
    skipped on PostgreSQL."""
    candidates = select(IngestBacklog.item_id).where(IngestBacklog.stage == stage)
    if only is not None:
        candidates = candidates.where(IngestBacklog.item_id.in_(list(only)))
    if debunks is not None:
        candidates = candidates.join(Item, Item.id == IngestBacklog.item_id).where(
            Item.is_debunk.is_(debunks))
    candidates = candidates.order_by(IngestBacklog.item_id)
    if limit is not None:
        candidates = candidates.limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        # FOR UPDATE SKIP LOCKED, in a materialised CTE: as a plain ``IN (subquery)``
        # PostgreSQL may evaluate it again while deleting, and get the next rows.
        picked = (candidates.with_for_update(skip_locked=True, of=IngestBacklog)
                  .cte("picked").prefix_with("MATERIALIZED"))
        chosen = IngestBacklog.item_id.in_(select(picked.c.item_id))
    else:
        # Not a CTE here: Python's sqlite3 opens its transaction only before a statement
        # that starts with INSERT/UPDATE/DELETE, and one starting with WITH would commit
        # the claim at once, apart from the work it claims.
        chosen = IngestBacklog.item_id.in_(candidates.scalar_subquery())
    if stage == SCORES:
        statement: Any = delete(IngestBacklog).where(chosen, IngestBacklog.stage == stage)
    else:
        statement = (update(IngestBacklog).where(chosen, IngestBacklog.stage == stage)
                     .values(stage=stage + 1))
    return sorted(session.scalars(statement.returning(IngestBacklog.item_id)))


def finish_backlog(workspace: Workspace, *, progress: Progress | None = None,
                   batch: int = BATCH, only: Sequence[int] | None = None) -> BacklogReport:
    """Do the work every queued item is owed, stage by stage (see the module doc); with
    ``only``, just for those items (a field report answered while its officer waits)."""
    report = BacklogReport()
    with workspace.session() as session:
        totals = pending(session)

    def step(stage: int, done: int) -> None:
        if progress is not None:
            progress(STAGE_NAMES[stage], done, totals.get(stage, 0) + done_before[stage])

    done_before = {NARRATIVES: 0, CLAIMS: 0, SCORES: 0}
    report.clustered = _run_stage(workspace, NARRATIVES, batch, step, only)
    done_before[CLAIMS] = report.clustered
    report.matched = _run_stage(workspace, CLAIMS, batch, step, only)
    done_before[SCORES] = report.matched
    report.scored, report.problem = _score_stage(workspace, batch, step, only)
    with workspace.session() as session:
        report.left = sum(pending(session).values())
    return report


def _run_stage(workspace: Workspace, stage: int, batch: int,
               step: Callable[[int, int], None], only: Sequence[int] | None) -> int:
    from classifiers.claims import match_items
    from feeds.narratives import cluster_items

    threshold = workspace.settings.classifier.claim_match_threshold
    margin = workspace.settings.classifier.claim_match_margin
    done = 0
    # Claim matching takes copies before debunks, and the debunks in large batches at the
    # end: a batch with a new debunk re-matches recent items, so that happens once per
    # run (per 20 batches' worth of debunks), not once per batch.
    rounds: list[tuple[int | None, bool | None]] = (
        [(batch, False), (20 * batch, True)] if stage == CLAIMS else [(batch, None)])
    for limit, debunks in rounds:
        while True:
            with workspace.session() as session:
                ids = _claim(session, stage, limit, debunks, only)
                if not ids:
                    break
                if stage == NARRATIVES:
                    cluster_items(session, ids)
                else:
                    match_items(session, threshold, ids, margin)
            done += len(ids)
            step(stage, done)
    return done


def _score_stage(workspace: Workspace, batch: int, step: Callable[[int, int], None],
                 only: Sequence[int] | None) -> tuple[int, Said | None]:
    from classifiers.registry import load_version
    from classifiers.scoring import classify_items
    from sejuk.signals import active_version

    loaded: tuple[int, Any] | None = None
    scored = 0
    while True:
        with workspace.session() as session:
            version = active_version(session)
            if version is None:
                # Nothing to score with: promoting a model scores every unscored item.
                _claim(session, SCORES, None, only=only)
                break
            if loaded is None or loaded[0] != version.id:  # first batch, or promoted
                try:
                    loaded = (version.id, load_version(version, workspace.settings.models_dir))
                except ModelError as exc:
                    log.warning("items stored but not scored: %s", exc)
                    return scored, Said(_PIPELINE, "not_scored", {"error": exc})
            ids = _claim(session, SCORES, batch, only=only)
            if not ids:
                break
            scored += classify_items(session, version, loaded[1],
                                     workspace.settings.classifier, ids, new_only=True)
        step(SCORES, scored)
    return scored, None


_PIPELINE: Phrases = {"not_scored": {"id": "item tersimpan tetapi belum dinilai: {error}",
                                    "en": "items stored but not scored: {error}"}}
