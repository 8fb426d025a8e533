"""``sejuk watch``: poll forever, each source on its own interval, stop cleanly on a signal.

The loop runs one collection (the caller's: ``sejuk watch`` runs the one ingest path,
:func:`sejuk.pipeline.ingest`, which collects and finishes the backlog), then sleeps
until the earliest next due source, waking at least every :data:`MAX_NAP` seconds so
that a source added meanwhile is seen. A stop request (SIGTERM, SIGINT) only sets an
event: a run in progress finishes storing and scoring its batch, and the loop then
returns instead of starting another. Each source's batch is one transaction, so even a
``kill -9`` loses at most the batch being written, never half of one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from sejuk.db.models import Source
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

MIN_NAP = 1.0
MAX_NAP = 60.0


@dataclass
class WatchStats:
    runs: int = 0
    new: int = 0


def seconds_until_due(workspace: Workspace, now: datetime) -> float:
    """Seconds until the earliest enabled source is due (bounded to the nap limits)."""
    with workspace.session() as session:
        earliest = session.scalar(select(func.min(Source.next_due_at))
                                  .where(Source.enabled.is_(True)))
        never = session.scalar(select(func.count()).select_from(Source)
                               .where(Source.enabled.is_(True), Source.next_due_at.is_(None)))
    if never:
        return MIN_NAP
    if earliest is None:
        return MAX_NAP
    return max(MIN_NAP, min(MAX_NAP, (earliest - now).total_seconds()))


def watch(
    workspace: Workspace,
    stop: threading.Event,
    run: Callable[[], int],
    *,
    max_runs: int | None = None,
) -> WatchStats:
    """Call ``run`` (one collection; it returns how many new items it stored) until
    ``stop`` is set or ``max_runs`` runs have happened, sleeping until the next due
    source in between."""
    stats = WatchStats()
    while not stop.is_set():
        stats.new += run()
        stats.runs += 1
        if max_runs is not None and stats.runs >= max_runs:
            break
        stop.wait(seconds_until_due(workspace, utc_now()))
    return stats
