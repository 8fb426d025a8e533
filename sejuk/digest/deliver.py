"""Send a digest once per date and jurisdiction, keep what was sent, audit it.

The ``digests`` table is the ledger. A send first *claims* its row (``sending``) with a
conditional update, so a cron job and ``sejuk digest schedule`` running at the same
minute cannot both send; a row left ``sending`` by a crash is not re-sent automatically
(the server may have accepted the mail) and needs ``--force`` after checking the inbox.
The rendered HTML, text and Markdown are written under ``reports/digests/`` before the
first attempt, so a digest that never left the building can still be read and forwarded.
"""

from __future__ import annotations

import logging
import re
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError

from sejuk.access import audit
from sejuk.db.models import DigestRecord
from sejuk.digest.build import Digest
from sejuk.digest.mail import SendError, build_message, send
from sejuk.digest.render import render, subject
from sejuk.errors import SejukError
from sejuk.phrases import Phrases
from sejuk.settings import SmtpSettings
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

log = logging.getLogger(__name__)

DEFAULT_ATTEMPTS = 3
DEFAULT_BACKOFF = 30.0


class DeliveryError(SejukError):
    """The digest could not be sent; the message names the kept copy."""


@dataclass(frozen=True)
class DeliveryResult:
    status: str  # "sent", "already_sent" or "in_progress"
    attempts: int
    recipients: list[str]
    path: Path


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "digest"


def report_base(reports_dir: Path, digest: Digest) -> Path:
    """``reports/digests/2026-11-26_polresta-cirebon`` (add the format's suffix)."""
    return reports_dir / "digests" / f"{digest.day.isoformat()}_{_slug(digest.jurisdiction)}"


def _write(path: Path, text: str) -> None:
    from sejuk.fsutil import atomic_write

    atomic_write(path, text)


def keep_rendered(reports_dir: Path, digest: Digest) -> dict[str, Path]:
    """Write the digest as HTML, plain text and Markdown; returns the paths by format."""
    base = report_base(reports_dir, digest)
    paths = {}
    for fmt in ("html", "txt", "md"):
        path = base.with_suffix(f".{fmt}")
        _write(path, render(digest, fmt))
        paths[fmt] = path
    return paths


def record_export(workspace: Workspace, digest: Digest, fmt: str, out: Path | None,
                  actor: str) -> None:
    """Audit an export (file or stdout): who took which digest out of Sejuk."""
    with workspace.session() as session:
        audit.record(session, actor, "digest.export",
                     f"{digest.day.isoformat()} {digest.jurisdiction}", format=fmt,
                     out=str(out) if out else "-", items=digest.items_total)


def _claim(workspace: Workspace, digest: Digest, recipients: Sequence[str], path: Path,
           force: bool) -> tuple[int | None, str]:
    """Mark the ledger row ``sending``; (row id, "") or (None, why not)."""
    allowed = ["rendered", "failed"] + (["sent", "sending"] if force else [])
    try:
        with workspace.session() as session:
            row = session.scalar(select(DigestRecord).where(
                DigestRecord.day == digest.day,
                DigestRecord.jurisdiction == digest.jurisdiction))
            if row is None:
                row = DigestRecord(day=digest.day, jurisdiction=digest.jurisdiction,
                                   status="rendered", attempts=0, recipients=[], path="")
                session.add(row)
                session.flush()
            result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                update(DigestRecord)
                .where(DigestRecord.id == row.id, DigestRecord.status.in_(allowed))
                .values(status="sending", recipients=list(recipients), path=str(path),
                        error=None)
                .execution_options(synchronize_session=False)
            )
            if not result.rowcount:
                session.refresh(row)
                return None, row.status
            return row.id, ""
    except IntegrityError:
        return None, "sending"


def _finish(workspace: Workspace, record_id: int, *, status: str, attempts: int,
            error: str | None, actor: str, digest: Digest, recipients: Sequence[str],
            path: Path) -> None:
    with workspace.session() as session:
        row = session.get(DigestRecord, record_id)
        assert row is not None
        row.status = status
        row.attempts = (row.attempts or 0) + attempts
        row.error = error
        if status == "sent":
            row.sent_at = utc_now()
        audit.record(session, actor, "digest.send" if status == "sent" else "digest.send_failed",
                     f"{digest.day.isoformat()} {digest.jurisdiction}",
                     recipients=list(recipients), attempts=attempts, path=str(path),
                     error=error, items=digest.items_total)


def deliver(workspace: Workspace, digest: Digest, *, recipients: Sequence[str],
            smtp: SmtpSettings, actor: str, attempts: int = DEFAULT_ATTEMPTS,
            backoff: float = DEFAULT_BACKOFF, force: bool = False,
            sleep: Callable[[float], object] = time.sleep,
            context: ssl.SSLContext | None = None) -> DeliveryResult:
    """Send ``digest`` unless the ledger says it was sent; retry transient failures.

    Waits ``backoff``, then twice that, ... between attempts (``sleep`` returning true,
    as ``threading.Event.wait`` does once set, abandons the retries). Raises
    :class:`DeliveryError` (after recording ``failed``) when every attempt failed.
    """
    paths = keep_rendered(workspace.settings.reports_dir, digest)
    message = build_message(subject=subject(digest), sender=smtp.sender,
                            recipients=recipients, text=paths["txt"].read_text("utf-8"),
                            html=paths["html"].read_text("utf-8"))
    record_id, why = _claim(workspace, digest, recipients, paths["html"], force)
    if record_id is None:
        status = "already_sent" if why == "sent" else "in_progress"
        log.info("digest %s %s not sent again: %s", digest.day, digest.jurisdiction, why)
        return DeliveryResult(status, 0, list(recipients), paths["html"])
    last: SendError | None = None
    tried = 0
    for attempt in range(1, max(1, attempts) + 1):
        tried = attempt
        try:
            send(message, smtp, context=context)
        except SendError as exc:
            last = exc
            log.warning("digest %s %s: attempt %d failed: %s", digest.day,
                        digest.jurisdiction, attempt, exc)
            if not exc.transient or attempt >= attempts:
                break
            if sleep(backoff * 2 ** (attempt - 1)):
                break  # asked to stop (``sleep`` is an Event.wait that was set)
            continue
        _finish(workspace, record_id, status="sent", attempts=attempt, error=None,
                actor=actor, digest=digest, recipients=recipients, path=paths["html"])
        return DeliveryResult("sent", attempt, list(recipients), paths["html"])
    error = str(last)
    _finish(workspace, record_id, status="failed", attempts=tried, error=error, actor=actor,
            digest=digest, recipients=recipients, path=paths["html"])
    raise DeliveryError.said(_DELIVERY, "not_sent", day=digest.day,
                             jurisdiction=digest.jurisdiction, n=tried, error=last,
                             kept=paths["html"])


_DELIVERY: Phrases = {"not_sent": {
    "id": "ringkasan {day} {jurisdiction} tidak terkirim setelah {n} percobaan: {error}; "
          "salinannya disimpan di {kept}",
    "en": "digest {day} {jurisdiction} not sent after {n} attempt(s): {error}; kept at {kept}"}}
