"""The digest's use cases, each one call for the CLI and the scheduler: build one,
send one (once), and the scheduler's "send if due and not given up"."""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy import select

from sejuk.db.models import DigestRecord
from sejuk.digest.build import (
    DEFAULT_ITEM_LIMIT,
    Digest,
    build_digest,
    due_day,
    parse_cutoff,
)
from sejuk.digest.deliver import (
    DEFAULT_ATTEMPTS,
    DEFAULT_BACKOFF,
    DeliveryResult,
    deliver,
)
from sejuk.digest.query import gather_inputs, jurisdiction_zone, resolve_jurisdiction
from sejuk.errors import InputError
from sejuk.phrases import Phrases
from sejuk.settings import Settings
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

#: The scheduler stops retrying a digest after this many failed attempts in total.
MAX_TOTAL_ATTEMPTS = 9


def default_day(workspace: Workspace, jurisdiction: str | None,
                now: datetime | None = None) -> date:
    """The latest day whose cut-off has passed in the jurisdiction's zone."""
    settings = workspace.settings
    with workspace.session() as session:
        _name, prefixes = resolve_jurisdiction(session, jurisdiction)
    return due_day(now or utc_now(), parse_cutoff(settings.digest.cutoff),
                   jurisdiction_zone(prefixes, settings))


def make_digest(workspace: Workspace, day: date, jurisdiction: str | None, *,
                language: str | None = None, item_limit: int | None = None) -> Digest:
    settings = workspace.settings
    language = language or settings.dashboard.language
    if language not in ("id", "en"):
        raise InputError.said(_SERVICE, "language", language=language)
    with workspace.session() as session:
        inputs = gather_inputs(session, settings, day, jurisdiction, language=language,
                               item_limit=item_limit or DEFAULT_ITEM_LIMIT)
    return build_digest(inputs)


def recipients_for(settings: Settings, *names: str | None) -> list[str]:
    """``[digest.recipients]`` entry of the first name that has one (case-insensitive)."""
    table = {key.strip().lower(): value for key, value in settings.digest.recipients.items()}
    for name in names:
        if name and name.strip().lower() in table:
            return list(table[name.strip().lower()])
    return []


def send_digest(workspace: Workspace, day: date, jurisdiction: str | None, *,
                to: Sequence[str] = (), language: str | None = None, actor: str,
                force: bool = False, attempts: int = DEFAULT_ATTEMPTS,
                backoff: float = DEFAULT_BACKOFF,
                sleep: Callable[[float], object] = time.sleep,
                context: ssl.SSLContext | None = None) -> DeliveryResult:
    """Build and send the digest of ``day``, unless it was sent already."""
    digest = make_digest(workspace, day, jurisdiction, language=language)
    recipients = list(to) or recipients_for(workspace.settings, digest.jurisdiction,
                                            jurisdiction)
    if not recipients:
        raise InputError.said(_SERVICE, "no_recipients", jurisdiction=digest.jurisdiction)
    return deliver(workspace, digest, recipients=recipients, smtp=workspace.settings.smtp,
                   actor=actor, attempts=attempts, backoff=backoff, force=force, sleep=sleep,
                   context=context)


def ledger(workspace: Workspace, day: date, jurisdiction: str | None
           ) -> tuple[str, DigestRecord | None]:
    """(canonical jurisdiction name, its ledger row for ``day`` or None)."""
    with workspace.session() as session:
        name, _prefixes = resolve_jurisdiction(session, jurisdiction)
        row = session.scalar(select(DigestRecord).where(DigestRecord.day == day,
                                                        DigestRecord.jurisdiction == name))
        if row is not None:
            session.expunge(row)
        return name, row


def scheduled_send(workspace: Workspace, jurisdiction: str, day: date, *, actor: str,
                   sleep: Callable[[float], object] = time.sleep,
                   backoff: float = DEFAULT_BACKOFF,
                   context: ssl.SSLContext | None = None) -> str:
    """The scheduler's step: skip what was sent, in progress or given up; else send."""
    _name, row = ledger(workspace, day, jurisdiction)
    if row is not None:
        if row.status == "sent":
            return "already_sent"
        if row.status == "sending":
            return "in_progress"
        if row.status == "failed" and row.attempts >= MAX_TOTAL_ATTEMPTS:
            return f"gave_up after {row.attempts} attempts"
    result = send_digest(workspace, day, jurisdiction, actor=actor, sleep=sleep,
                         backoff=backoff, context=context)
    return result.status


_SERVICE: Phrases = {
    "language": {"id": "bahasa tidak dikenal {language!r}; pakai id atau en",
                 "en": "unknown language {language!r}; use id or en"},
    "no_recipients": {
        "id": "tidak ada penerima untuk {jurisdiction!r}: tambahkan di [digest.recipients] "
              "sejuk.toml atau beri `--to ALAMAT`",
        "en": "no recipients for {jurisdiction!r}: add them under [digest.recipients] in "
              "sejuk.toml or give `--to ADDRESS`"},
}
