"""Send each jurisdiction's digest when its cut-off passes, until told to stop.

A loop, not a daemon framework: it wakes at the next cut-off (or every ``poll`` seconds,
to retry a failed send), sends what is due and not yet sent, and returns promptly when
its stop event is set (``sejuk digest schedule`` sets it on SIGTERM/SIGINT). Sending
"once" is the ledger's job (:mod:`sejuk.digest.deliver`), so the loop, a cron job and a
systemd timer can overlap without sending twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sejuk.digest.build import due_day, next_cutoff
from sejuk.errors import SejukError
from sejuk.phrases import Phrases
from sejuk.timeutil import utc_now

log = logging.getLogger(__name__)

DEFAULT_POLL = 300.0


@dataclass(frozen=True)
class Target:
    """One jurisdiction to send for, and the zone its cut-off is read in."""

    jurisdiction: str
    zone: ZoneInfo


@dataclass
class Scheduler:
    """``send(jurisdiction, day)`` for every target whose digest is due.

    ``send`` returns a short status (``sent``, ``already_sent`` ...) and may raise a
    :class:`~sejuk.errors.SejukError`, which is logged and retried at the next wake-up.
    """

    targets: Sequence[Target]
    cutoff: time
    send: Callable[[str, date], str]
    stop: threading.Event = field(default_factory=threading.Event)
    clock: Callable[[], datetime] = utc_now
    poll: float = DEFAULT_POLL
    report: Callable[[str], None] = log.info
    #: How a status reads in the report line (the CLI says it in Indonesian).
    describe: Callable[[str], str] = str
    #: How a failure reads there (the CLI: in the run's language; the status keeps the
    #: English ``error: ...``).
    describe_error: Callable[[SejukError], str] = lambda exc: f"error: {exc}"

    def run_due(self) -> list[tuple[str, date, str]]:
        """One pass: send what is due now; returns (jurisdiction, day, status) per target."""
        done = []
        now = self.clock()
        for target in self.targets:
            if self.stop.is_set():
                break
            day = due_day(now, self.cutoff, target.zone)
            try:
                status = self.send(target.jurisdiction, day)
            except SejukError as exc:
                status, shown = f"error: {exc}", self.describe_error(exc)
            else:
                shown = self.describe(status)
            self.report(f"{day.isoformat()} {target.jurisdiction}: {shown}")
            done.append((target.jurisdiction, day, status))
        return done

    def seconds_to_next(self) -> float:
        now = self.clock()
        upcoming = min(next_cutoff(now, self.cutoff, t.zone) for t in self.targets)
        return max(1.0, min(self.poll, (upcoming - now).total_seconds()))

    def run(self) -> None:
        """Loop until ``stop`` is set; the first pass catches up a digest missed today."""
        if not self.targets:
            raise SejukError.said(_SCHEDULE, "no_targets")
        while not self.stop.is_set():
            self.run_due()
            self.stop.wait(self.seconds_to_next())


_SCHEDULE: Phrases = {"no_targets": {
    "id": "tidak ada wilayah hukum untuk dikirimi: atur [digest.recipients] atau beri "
          "`--jurisdiction`",
    "en": "no jurisdictions to send for: configure [digest.recipients] or give "
          "`--jurisdiction`"}}
