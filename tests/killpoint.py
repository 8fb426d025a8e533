"""Run the real ``sejuk`` command line, stopping at a chosen point until it is killed.

    python -m tests.killpoint MODULE:FUNCTION:N:before|after  sejuk-args...

The N-th call of ``MODULE.FUNCTION`` (looked up through the module at call time, as the
product code does) is wrapped: with ``before`` the process stops just before the call,
with ``after`` just after it returned (still inside the caller's transaction, when the
function runs in one). It then prints ``KILLPOINT`` on stderr and waits forever, so a
test can ``kill -9`` it at exactly that point: no timing, no sleeps
(:func:`killed_at` does both).
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

MARK = "KILLPOINT"
ROOT = Path(__file__).resolve().parents[1]


def killed_at(spec: str, *args: str) -> None:
    """Run ``sejuk ARGS`` until it reaches ``spec``, then SIGKILL it there."""
    import pytest

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "tests.killpoint", spec, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith(MARK):
            break
    else:
        out, _ = proc.communicate(timeout=60)
        pytest.fail(f"{spec} never reached (exit {proc.returncode}): {''.join(seen)}{out}")
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _pause(spec: str) -> None:
    sys.stderr.write(f"{MARK} {spec}\n")
    sys.stderr.flush()
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
