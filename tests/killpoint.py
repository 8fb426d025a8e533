"""Run the real ``sejuk`` command line, stopping at a chosen point until it is killed.

    python -m tests.killpoint MODULE:FUNCTION:N:before|after  sejuk-args...

The N-th call of ``MODULE.FUNCTION`` (looked up through the module at call time, as the
product code does) is wrapped: with ``before`` the process stops just before the call,
with ``after`` just after it returned (still inside the caller's transaction, when the
function runs in one). It then prints ``KILLPOINT`` on stderr and waits forever, so a
test can ``kill -9`` it at exactly that point: no timing, no sleeps
(:func:`killed_at` does both). With ``KILLPOINT_HOLD=1`` it waits for a line on its
standard input instead and then goes on, so a test can run something else in between
(:func:`held_at`).
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARK = "KILLPOINT"
ROOT = Path(__file__).resolve().parents[1]


def _reached(spec: str, args: tuple[str, ...], hold: bool) -> subprocess.Popen[str]:
    """Start ``sejuk ARGS`` under ``spec`` and return it once it stopped there."""
    import pytest

    env = {**os.environ, "PYTHONUNBUFFERED": "1", **({"KILLPOINT_HOLD": "1"} if hold else {})}
    proc = subprocess.Popen([sys.executable, "-m", "tests.killpoint", spec, *args],
                            stdin=subprocess.PIPE if hold else None, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith(MARK):
            return proc
    out, _ = proc.communicate(timeout=60)
    pytest.fail(f"{spec} never reached (exit {proc.returncode}): {''.join(seen)}{out}")


def killed_at(spec: str, *args: str) -> None:
    """Run ``sejuk ARGS`` until it reaches ``spec``, then SIGKILL it there."""
    proc = _reached(spec, args, hold=False)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


@dataclass
class Finished:
    """How a held run ended, once :func:`held_at` let it go on."""

    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""


@contextmanager
def held_at(spec: str, *args: str) -> Iterator[Finished]:
    """Run ``sejuk ARGS`` until it reaches ``spec`` and hold it there while the block runs;
    then let it go on and wait for it to end (the yielded object then says how)."""
    proc = _reached(spec, args, hold=True)
    finished = Finished()
    try:
        yield finished
    finally:
        out, err = proc.communicate("go\n", timeout=300)
        finished.returncode, finished.stdout, finished.stderr = proc.returncode, out, err


def _pause(spec: str) -> None:
    sys.stderr.write(f"{MARK} {spec}\n")
    sys.stderr.flush()
    if os.environ.get("KILLPOINT_HOLD"):
        sys.stdin.readline()
        return
    threading.Event().wait()


def install(spec: str) -> None:
    module_name, attribute, nth, when = spec.split(":")
    if when not in {"before", "after"}:
        raise SystemExit(f"killpoint: {when!r} is not before or after")
    module = importlib.import_module(module_name)
    original = getattr(module, attribute)
    calls = 0

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == int(nth) and when == "before":
            _pause(spec)
        result = original(*args, **kwargs)
        if calls == int(nth) and when == "after":
            _pause(spec)
        return result

    setattr(module, attribute, wrapper)


def main() -> None:
    spec, *args = sys.argv[1:]
    install(spec)
    from sejuk.cli import app

    app(args, prog_name="sejuk")


if __name__ == "__main__":
    main()
