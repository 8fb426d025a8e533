"""What every stored item is owed: a narrative, claim matching, scores and their rollup.

Storing an item queues it in ``ingest_backlog`` in the same transaction
(:func:`feeds.store.store_entries`), so the work survives any crash, ``kill -9``
included. Every run of the ingest path (``sejuk collect``, ``watch``, ``import``, the
demo) then calls :func:`finish_backlog`, which finishes the whole backlog, whoever left
it: this run's new items and what a crashed run did not get to.

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
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from sejuk.db.models import IngestBacklog, Item
from sejuk.errors import ModelError
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

log = logging.getLogger(__name__)

NARRATIVES, CLAIMS, SCORES = 0, 1, 2
STAGE_NAMES = {NARRATIVES: "narasi", CLAIMS: "klaim", SCORES: "skor"}
#: Items per stage transaction: bounded memory, and on SQLite a bounded time for which
#: a concurrent collector waits for the write lock.
BATCH = 1000

#: ``progress(stage, done, total)``: a stage's items done so far this run.
Progress = Callable[[str, int, int], None]


@dataclass
class BacklogReport:
    """What one run finished, and why anything is left."""

    clustered: int = 0
    matched: int = 0
    scored: int = 0
    left: int = 0
    problem: str | None = None


def queue_items(session: Session, item_ids: Sequence[int]) -> int:
    """Queue items stored outside :func:`feeds.store.store_entries` (which queues its own)
    for the whole after-ingest work; items already queued keep their place."""
    ids = sorted(set(item_ids))
    if not ids:
        return 0
    queued = set(session.scalars(select(IngestBacklog.item_id)
                                 .where(IngestBacklog.item_id.in_(ids))))
    now = utc_now()
    rows = [{"item_id": i, "stage": NARRATIVES, "queued_at": now} for i in ids
            if i not in queued]
    if rows:
        session.execute(insert(IngestBacklog), rows)
    return len(rows)


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
                 only: Sequence[int] | None) -> tuple[int, str | None]:
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
                    return scored, f"items stored but not scored: {exc}"
            ids = _claim(session, SCORES, batch, only=only)
            if not ids:
                break
            scored += classify_items(session, version, loaded[1],
                                     workspace.settings.classifier, ids, new_only=True)
        step(SCORES, scored)
    return scored, None


def after_collect(workspace: Workspace, item_ids: Sequence[int] | None = None, *,
                  progress: Progress | None = None) -> int:
    """Finish the backlog after collecting or importing; returns how many items the
    active model scored in this run.

    Without ``item_ids``, the whole backlog: this run's items and any a crash left.
    With ``item_ids`` (a field report waiting for its answer), just those: queued first
    if they are not (items stored outside :func:`feeds.store.store_entries`), and the
    rest of the backlog is left to the collectors. A missing or unloadable model is
    reported and skipped: collection must not stop because the classifier cannot run,
    and the items are scored on the next run.
    """
    if item_ids:
        with workspace.session() as session:
            queue_items(session, item_ids)
        return finish_backlog(workspace, progress=progress, only=list(item_ids)).scored
    return finish_backlog(workspace, progress=progress).scored
