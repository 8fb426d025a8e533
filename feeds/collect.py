"""One collection run: fetch due sources concurrently, parse, store, record health.

Fetching runs in a bounded thread pool so one slow or dead source delays no other beyond
its own deadline; parsing and storing run in the calling thread, one transaction per
source, so a crash leaves whole batches or nothing and the next run simply continues.
A failing source backs off exponentially (interval x 2^failures, capped at a day).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from feeds.fetch import FetchResult, fetch, make_client
from feeds.parse import parse_feed
from feeds.store import store_entries
from sejuk.db.models import Source
from sejuk.privacy import ensure_salt
from sejuk.tagger import RegionTagger, default_tagger
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

MAX_BACKOFF = timedelta(days=1)


@dataclass
class SourceOutcome:
    """What happened to one source in one run."""

    name: str
    status: int | None = None
    new: int = 0
    duplicates: int = 0
    linked: int = 0
    not_modified: bool = False
    error: str | None = None
    problem: str | None = None
    new_item_ids: list[int] = field(default_factory=list, repr=False)

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class CollectReport:
    outcomes: list[SourceOutcome] = field(default_factory=list)
    new_item_ids: list[int] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(o.failed for o in self.outcomes)

    def summary(self) -> str:
        unchanged = sum(o.not_modified for o in self.outcomes)
        dup = sum(o.duplicates + o.linked for o in self.outcomes)
        return (f"{len(self.outcomes)} sumber diperiksa: {self.new} item baru, {dup} duplikat, "
                f"{unchanged} tidak berubah, {self.failed} gagal")


def due_sources(session: Session, now: datetime, names: Sequence[str] | None = None,
                force: bool = False) -> list[Source]:
    """Enabled sources whose next poll is due (all named ones when ``force``)."""
    query = select(Source).where(Source.enabled.is_(True)).order_by(Source.id)
    if names:
        query = query.where(Source.name.in_(list(names)))
    if not force:
        query = query.where(or_(Source.next_due_at.is_(None), Source.next_due_at <= now))
    return list(session.scalars(query))


def next_due(source: Source, now: datetime, failed: bool) -> datetime:
    interval = timedelta(minutes=max(1, source.interval_minutes))
    if not failed:
        return now + interval
    return now + min(interval * (2 ** min(source.consecutive_failures, 16)), MAX_BACKOFF)


def collect(
    workspace: Workspace,
    *,
    names: Sequence[str] | None = None,
    force: bool = False,
    now: datetime | None = None,
    tagger: RegionTagger | None = None,
    on_source: Callable[[SourceOutcome], None] | None = None,
) -> CollectReport:
    """Poll due sources once and store what they deliver."""
    settings = workspace.settings
    now = now or utc_now()
    tagger = tagger or default_tagger()
    with workspace.session() as session:
        salt = ensure_salt(session)
        jobs = [(s.id, s.url, s.etag, s.last_modified) for s in due_sources(session, now, names,
                                                                           force)]
    report = CollectReport()
    if not jobs:
        return report
    with make_client(settings.collector) as client, ThreadPoolExecutor(
        max_workers=max(1, min(settings.collector.concurrency, len(jobs))),
        thread_name_prefix="sejuk-fetch",
    ) as pool:
        futures = {
            pool.submit(fetch, client, url, settings.collector, etag=etag,
                        last_modified=last_modified): source_id
            for source_id, url, etag, last_modified in jobs
        }
        for future in as_completed(futures):
            outcome = _store_result(workspace, futures[future], future.result(), salt=salt,
                                    tagger=tagger)
            report.outcomes.append(outcome)
            report.new_item_ids.extend(outcome.new_item_ids)
            if on_source:
                on_source(outcome)
    return report


def _store_result(workspace: Workspace, source_id: int, result: FetchResult, *, salt: str,
                  tagger: RegionTagger) -> SourceOutcome:
    keep_handles = workspace.settings.privacy.store_author_handles
    finished = utc_now()
    with workspace.session() as session:
        source = session.get(Source, source_id)
        assert source is not None
        outcome = SourceOutcome(name=source.name, status=result.status)
        source.last_fetch_at = finished
        source.last_status = result.status
        error = result.error
        if result.not_modified:
            outcome.not_modified = True
        elif error is None:
            parsed = parse_feed(result.content, result.headers, result.final_url or result.url)
            outcome.problem = parsed.problem
            if parsed.refused:
                error = parsed.problem
            else:
                stats = store_entries(session, source, parsed.entries, salt=salt,
                                      keep_handles=keep_handles, tagger=tagger, now=finished)
                outcome.new, outcome.duplicates, outcome.linked = (
                    stats.new, stats.duplicates, stats.linked)
                outcome.new_item_ids = stats.new_item_ids
        if error is None:
            source.etag = result.etag or source.etag
            source.last_modified = result.last_modified or source.last_modified
            source.last_success_at = finished
            source.consecutive_failures = 0
            source.last_error = outcome.problem
        else:
            outcome.error = error
            source.consecutive_failures += 1
            source.last_error = error
        source.next_due_at = next_due(source, finished, failed=error is not None)
    return outcome
