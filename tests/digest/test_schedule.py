"""The schedule: what is due when, once per day, and a clean stop on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.digest.schedule import Scheduler, Target
from sejuk.errors import SejukError
from sejuk.timeutil import WIB, WIT
from tests.digest.smtpserver import RecordingHandler, start_server

runner = CliRunner()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_due_day_per_zone_and_wake_up_at_the_next_cutoff() -> None:
    clock = Clock(datetime(2026, 11, 25, 21, 30, tzinfo=UTC))  # 04:30 WIB, 06:30 WIT
    sent: list[tuple[str, date]] = []

    def send(name: str, day: date) -> str:
        sent.append((name, day))
        return "sent"

    scheduler = Scheduler([Target("Polres Cirebon", WIB), Target("Polres Jayapura", WIT)],
                          time(6, 0), send, clock=clock, poll=86400)
    scheduler.run_due()
    assert sent == [("Polres Cirebon", date(2026, 11, 25)),
                    ("Polres Jayapura", date(2026, 11, 26))]
    assert scheduler.seconds_to_next() == timedelta(hours=1, minutes=30).total_seconds()


def test_errors_are_reported_not_raised_and_stop_ends_the_loop() -> None:
    stop = threading.Event()
    lines: list[str] = []
    calls = 0

    def send(name: str, day: date) -> str:
        nonlocal calls
        calls += 1
        if calls == 2:
            stop.set()
        raise SejukError("SMTP down")

    scheduler = Scheduler([Target("X", WIB)], time(6, 0), send, stop=stop, poll=0.01,
                          clock=lambda: datetime(2026, 11, 26, 1, 0, tzinfo=UTC),
                          report=lines.append)
    worker = threading.Thread(target=scheduler.run)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive()
    assert lines == ["2026-11-26 X: error: SMTP down"] * 2


def _configure(home, port: int) -> dict[str, str]:
    settings = home / "sejuk.toml"
    settings.write_text(settings.read_text() + '\n[digest.recipients]\n'
                        '"Polres Cirebon" = ["kasat@polres.example"]\n')
    return {"SEJUK_SMTP_HOST": "127.0.0.1", "SEJUK_SMTP_PORT": str(port),
            "SEJUK_SMTP_TLS": "none"}


@pytest.mark.slow
def test_schedule_once_sends_each_day_once(demo_copy, monkeypatch) -> None:
    handler = RecordingHandler()
    controller = start_server(handler)
    for key, value in _configure(demo_copy.home, controller.port).items():
        monkeypatch.setenv(key, value)
    args = ["digest", "schedule", "--once", "--home", str(demo_copy.home)]
    try:
        first = runner.invoke(app, args)
        second = runner.invoke(app, args)
    finally:
        controller.stop()
    assert first.exit_code == 0, first.output
    assert first.stdout.strip().endswith("Polres Cirebon: terkirim")
    assert second.stdout.strip().endswith("Polres Cirebon: sudah terkirim sebelumnya")
    assert len(handler.received) == 1


@pytest.mark.slow
def test_schedule_loop_sends_then_stops_cleanly_on_sigterm(demo_copy) -> None:
    handler = RecordingHandler()
    controller = start_server(handler)
    env = {**os.environ, **_configure(demo_copy.home, controller.port)}
    demo_copy.close()
    process = subprocess.Popen(
        [sys.executable, "-m", "sejuk.cli", "digest", "schedule", "--home",
         str(demo_copy.home)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        assert handler.wait_for(1, timeout=120), process.stderr
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
        controller.stop()
    assert process.returncode == 0, err
    assert "Berhenti (SIGTERM)" in err
    assert "Polres Cirebon: terkirim" in out
    assert len(handler.received) == 1


def test_schedule_once_says_a_failed_delivery_in_the_run_language(demo_copy, monkeypatch
                                                                 ) -> None:
    """No mail server configured: the line reads in the workspace's language (or
    ``--lang``), the ledger keeps the English reason."""
    from sejuk.digest.service import ledger

    _configure(demo_copy.home, 25)
    monkeypatch.delenv("SEJUK_SMTP_HOST", raising=False)
    args = ["digest", "schedule", "--once", "--home", str(demo_copy.home)]
    indonesian = runner.invoke(app, args)
    english = runner.invoke(app, ["--lang", "en", *args])
    assert indonesian.exit_code == 1 and english.exit_code == 1
    assert re.search(r"Polres Cirebon: gagal: ringkasan \S+ Polres Kabupaten Cirebon tidak "
                     r"terkirim setelah 1 percobaan: tidak ada server SMTP: atur host di \[smtp\] "
                     r"sejuk\.toml atau SEJUK_SMTP_HOST; salinannya disimpan di \S+\.html$",
                     indonesian.stdout.strip()), indonesian.stdout
    assert re.search(r"Polres Cirebon: failed: digest \S+ Polres Kabupaten Cirebon not sent "
                     r"after 1 attempt\(s\): no SMTP server: set \[smtp\] host in sejuk\.toml or "
                     r"SEJUK_SMTP_HOST; kept at \S+\.html$", english.stdout.strip()), english.stdout
    day = date.fromisoformat(english.stdout.split()[0])
    (row,) = ledger(demo_copy, day, "Polres Cirebon")[1:]
    assert row is not None and row.error == (
        "no SMTP server: set [smtp] host in sejuk.toml or SEJUK_SMTP_HOST")
