"""One collection run: select due sources, fetch and parse them, store, record health.

The three steps stay separate so that a step can be slotted in between (e.g. leasing
the selected sources to one of several collectors). Fetching and parsing run in a
bounded thread pool, so one slow or dead source delays no other beyond its own deadline;
storing runs in the calling thread, one transaction per source, so a crash leaves whole
batches or nothing and the next run simply continues. A failing source backs off
exponentially (interval x 2^failures, capped at a day).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from feeds.fetch import FetchResult, fetch, make_client
from feeds.fulltext import with_full_text
from feeds.parse import ParsedFeed, parse_feed
from feeds.platforms import adapt_entry, detect_platform
from feeds.problems import problem
from feeds.sources import MAX_INTERVAL
from feeds.store import store_entries
from feeds.terms import prepare_entry
from sejuk.access.privacy import ensure_salt
from sejuk.db.models import ItemSource, Source
from sejuk.errors import InputError, NotFound
from sejuk.fsutil import is_disk_full
from sejuk.phrases import Phrases, say
from sejuk.regions.tagger import RegionTagger, default_tagger
from sejuk.settings import CollectorSettings
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

MAX_BACKOFF = timedelta(days=1)
log = logging.getLogger(__name__)


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

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class CollectReport:
    outcomes: list[SourceOutcome] = field(default_factory=list)
    #: Due sources this run left alone because another collector holds their lease.
    leased_elsewhere: int = 0

    @property
    def new(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(o.failed for o in self.outcomes)

    def summary(self, lang: str = "id") -> str:
        """The run in one sentence, in ``lang`` (``id`` or ``en``)."""
        busy = (say(_SUMMARY, "busy", lang, n=self.leased_elsewhere)
                if self.leased_elsewhere else "")
        return say(_SUMMARY, "run", lang, n=len(self.outcomes), busy=busy, new=self.new,
                   dup=sum(o.duplicates + o.linked for o in self.outcomes),
                   unchanged=sum(o.not_modified for o in self.outcomes), failed=self.failed)


_SUMMARY: Phrases = {
    "run": {"id": "{n} sumber diperiksa{busy}: {new} item baru, {dup} duplikat, {unchanged} "
                  "tidak berubah, {failed} gagal",
            "en": "{n:|source|sources} checked{busy}: {new:|new item|new items}, "
                  "{dup:|duplicate|duplicates}, {unchanged} "
                  "unchanged, {failed} failed"},
    "busy": {"id": " ({n} sumber sedang diambil kolektor lain)",
             "en": " ({n:|source|sources} being fetched by another collector)"},
    "no_source": {"id": "tidak ada sumber bernama {names} (`sejuk sources list`)",
                  "en": "no source named {names} (`sejuk sources list`)"},
    "disabled": {"id": "sumber {names} nonaktif; jalankan `sejuk sources enable NAMA` dulu",
                 "en": "source {names} is disabled; `sejuk sources enable NAME` first"},
}


def collector_id() -> str:
    """Who holds a lease: host, process and a random part (a restarted pid differs)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def check_named_sources(session: Session, names: Sequence[str]) -> None:
    """Sources asked for by name exist and are enabled: a typo in ``--source`` must not
    pass for "nothing was due"."""
    enabled = dict(session.execute(select(Source.name, Source.enabled)
                                   .where(Source.name.in_(list(names)))).all())
    unknown = [name for name in names if name not in enabled]
    if unknown:
        raise NotFound.said(_SUMMARY, "no_source", names=", ".join(map(repr, unknown)))
    disabled = [name for name in names if not enabled[name]]
    if disabled:
        raise InputError.said(_SUMMARY, "disabled", names=", ".join(map(repr, disabled)))


def claim_due_sources(session: Session, now: datetime, owner: str, lease: timedelta,
                      names: Sequence[str] | None = None, force: bool = False
                      ) -> list[Source]:
    """Lease the due sources to ``owner`` so that concurrent collectors never fetch the
    same source at once.

    One conditional ``UPDATE ... RETURNING``: the lease condition sits in the UPDATE's own
    WHERE, which both databases re-check on the row they lock (SQLite holds the write lock
    for the statement; PostgreSQL re-evaluates after waiting), and on PostgreSQL the
    candidate rows are picked with ``FOR UPDATE SKIP LOCKED`` so collectors do not queue
    behind each other. A crashed collector's lease expires after ``lease``.
    """
    free = or_(Source.lease_until.is_(None), Source.lease_until < now)
    candidates = select(Source.id).where(Source.enabled.is_(True), free).order_by(Source.id)
    if names:
        candidates = candidates.where(Source.name.in_(list(names)))
    if not force:
        candidates = candidates.where(
            or_(Source.next_due_at.is_(None), Source.next_due_at <= now))
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    claimed = list(session.scalars(
        update(Source)
        .where(Source.id.in_(candidates.scalar_subquery()), free)
        .values(lease_owner=owner, lease_until=now + lease)
        .returning(Source.id)
    ))
    if not claimed:
        return []
    return list(session.scalars(select(Source).where(Source.id.in_(claimed))
                                .order_by(Source.id)))


def leased_elsewhere(session: Session, now: datetime, owner: str,
                     names: Sequence[str] | None = None, force: bool = False) -> int:
    """Due sources whose lease another collector holds now (what a second collector
    running at the same time finds): they are fetched by that one, not missed."""
    query = select(func.count()).select_from(Source).where(
        Source.enabled.is_(True), Source.lease_until >= now,
        or_(Source.lease_owner.is_(None), Source.lease_owner != owner))
    if names:
        query = query.where(Source.name.in_(list(names)))
    if not force:
        query = query.where(or_(Source.next_due_at.is_(None), Source.next_due_at <= now))
    return int(session.scalar(query) or 0)


def lease_length(settings: CollectorSettings) -> timedelta:
    """Long enough to fetch, parse and store one source; short enough to recover soon."""
    return timedelta(seconds=settings.deadline * 2 + 60)


def next_due(source: Source, now: datetime, failed: bool) -> datetime:
    # clamped: a source stored before intervals were bounded (99,999,999,999,999 minutes)
    # overflowed here and took the whole collection run down with it
    interval = timedelta(minutes=min(max(1, source.interval_minutes), MAX_INTERVAL))
    if not failed:
        return now + interval
    backoff: timedelta = interval * (2 ** min(source.consecutive_failures, 16))
    return now + min(backoff, MAX_BACKOFF)


@dataclass(frozen=True)
class FetchJob:
    """What a fetch worker needs to know about one source (no ORM object crosses threads)."""

    source_id: int
    url: str
    etag: str | None
    last_modified: str | None
    platform: str | None
    full_text: bool
    terms: str = "full"


@dataclass
class Fetched:
    """A fetch worker's result: the response and, when it had content, the parsed feed."""

    job: FetchJob
    result: FetchResult
    parsed: ParsedFeed | None = None


def collect(
    workspace: Workspace,
    *,
    names: Sequence[str] | None = None,
    force: bool = False,
    now: datetime | None = None,
    tagger: RegionTagger | None = None,
    on_source: Callable[[SourceOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> CollectReport:
    """Poll due sources once and store what they deliver.

    Three steps: select the due sources, fetch (and parse) them concurrently, store each
    one's batch in its own transaction as it arrives. ``on_start`` hears how many sources
    are due, ``on_source`` each outcome (progress display).
    """
    settings = workspace.settings
    now = now or utc_now()
    tagger = tagger or default_tagger()
    owner = collector_id()
    with workspace.session() as session:
        salt = ensure_salt(session)
        if names:
            check_named_sources(session, names)
    with workspace.session() as session:
        claimed = claim_due_sources(session, now, owner, lease_length(settings.collector),
                                    names, force)
        jobs = [FetchJob(s.id, s.url, s.etag, s.last_modified,
                         s.platform or detect_platform(s.url), bool(s.full_text),
                         s.terms or "full")
                for s in claimed]
        busy = leased_elsewhere(session, now, owner, names, force)
    report = CollectReport(leased_elsewhere=busy)
    if on_start:
        on_start(len(jobs))
    if not jobs:
        return report
    try:
        with make_client(settings.collector) as client, ThreadPoolExecutor(
            max_workers=max(1, min(settings.collector.concurrency, len(jobs))),
            thread_name_prefix="sejuk-fetch",
        ) as pool:
            futures = [pool.submit(fetch_and_parse, workspace, client, job) for job in jobs]
            for future in as_completed(futures):
                outcome = store_fetched(workspace, future.result(), salt=salt, tagger=tagger)
                report.outcomes.append(outcome)
                if on_source:
                    on_source(outcome)
    except BaseException:
        _release_leases(workspace, owner)  # the next run need not wait for them to expire
        raise
    return report


def _release_leases(workspace: Workspace, owner: str) -> None:
    """Best effort after a failed run (a full disk, Ctrl-C): give back what is still
    leased to ``owner``; if even that fails, the leases simply expire."""
    try:
        with workspace.session() as session:
            session.execute(update(Source).where(Source.lease_owner == owner)
                            .values(lease_owner=None, lease_until=None))
    except Exception:
        log.warning("could not release the leases of %s; they expire on their own", owner)


def fetch_and_parse(workspace: Workspace, client: httpx.Client, job: FetchJob) -> Fetched:
    """Fetch one source and parse it (worker thread); never raises for a bad source."""
    settings = workspace.settings.collector
    result = fetch(client, job.url, settings, etag=job.etag, last_modified=job.last_modified)
    if not result.ok:
        return Fetched(job, result)
    try:
        parsed = parse_feed(result.content, result.headers, result.final_url or result.url)
        if not parsed.refused:
            entries = [adapt_entry(e, job.platform) for e in parsed.entries]
            if job.full_text and job.terms == "full" and entries:
                with workspace.session() as session:
                    known = set(session.scalars(select(ItemSource.guid).where(
                        ItemSource.source_id == job.source_id,
                        ItemSource.guid.in_([e.guid for e in entries]))))
                entries = with_full_text(client, entries, settings, known)
            # Google News links made direct, then only what the source's terms allow
            entries = [prepare_entry(e, job.terms) for e in entries]
            parsed = dataclasses.replace(parsed, entries=entries)
    except Exception as exc:  # a parser bug must cost one source, not the run
        log.exception("parsing %s failed", job.url)
        parsed = ParsedFeed(problem=problem(
            "internal_parsing", kind=type(exc).__name__,
            detail=str(exc).splitlines()[0][:200] if str(exc) else ""), refused=True)
    return Fetched(job, result, parsed)


def store_fetched(workspace: Workspace, fetched: Fetched, *, salt: str,
                  tagger: RegionTagger) -> SourceOutcome:
    """Store one source's batch and health in one transaction.

    If storing fails (a bug, a lost database), the batch is rolled back as a whole, the
    failure is recorded on the source in a second transaction, and the run goes on with
    the other sources; the next run fetches the same entries again. A full disk stops the
    run instead (nothing more can be written), with the batch rolled back all the same.
    """
    try:
        return _store_result(workspace, fetched, salt=salt, tagger=tagger)
    except Exception as exc:
        if is_disk_full(exc):
            raise  # nothing more can be written: the command stops with one clear line
        log.exception("storing source %s failed", fetched.job.url)
        reason = problem("internal_storing", kind=type(exc).__name__)
        finished = utc_now()
        with workspace.session() as session:
            source = session.get(Source, fetched.job.source_id)
            name = source.name if source else fetched.job.url
            if source is not None:
                source.lease_owner = source.lease_until = None
                source.last_fetch_at = finished
                source.last_status = fetched.result.status
                source.consecutive_failures += 1
                source.last_error = reason
                source.next_due_at = next_due(source, finished, failed=True)
        return SourceOutcome(name=name, status=fetched.result.status, error=reason)


def _store_result(workspace: Workspace, fetched: Fetched, *, salt: str,
                  tagger: RegionTagger) -> SourceOutcome:
    result, parsed = fetched.result, fetched.parsed
    keep_handles = workspace.settings.privacy.store_author_handles
    finished = utc_now()
    with workspace.session() as session:
        source = session.get(Source, fetched.job.source_id)
        assert source is not None
        outcome = SourceOutcome(name=source.name, status=result.status)
        source.lease_owner = source.lease_until = None
        source.last_fetch_at = finished
        source.last_status = result.status
        error = result.error
        if result.not_modified:
            outcome.not_modified = True
        elif error is None and parsed is not None:
            outcome.problem = parsed.problem
            if parsed.refused:
                error = parsed.problem
            else:
                stats = store_entries(session, source, parsed.entries, salt=salt,
                                      keep_handles=keep_handles, tagger=tagger, now=finished)
                outcome.new, outcome.duplicates, outcome.linked = (
                    stats.new, stats.duplicates, stats.linked)
        if error is None:
            source.etag = result.etag or source.etag
            source.last_modified = result.last_modified or source.last_modified
            source.last_success_at = finished
            if not (result.not_modified and source.consecutive_failures == 0):
                # A 304 after a success is that same content: its remark (a malformed
                # feed) still holds and stays visible in `sources list`.
                source.last_error = outcome.problem
            source.consecutive_failures = 0
        else:
            outcome.error = error
            source.consecutive_failures += 1
            source.last_error = error
        source.next_due_at = next_due(source, finished, failed=error is not None)
    return outcome
