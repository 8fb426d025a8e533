"""Scale benchmark: the same work on a small and a large workspace, in one run.

Measures, on workspaces made by :mod:`benchmarks.workload` (10k and 1M items by default):
- peak RSS of the dashboard process (``sejuk serve``) after a headless Chromium session
  has opened the overview page and its tables have rendered;
- time to build the daily digest and the priorities for the last day.

    python -m benchmarks.scale --small /tmp/w10k --large /tmp/w1m [--build]

``--build`` creates the workspaces first (10k items/8k TPS and 1M items/800k TPS). Results
are printed as a table and as ratios large/small.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from benchmarks.workload import build_workload
from sejuk.timeutil import utc_now
from sejuk.workspace import open_workspace


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a process and its children, in MB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        status = Path(f"/proc/{p}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
    return total / 1024


def dashboard_memory(home: Path) -> tuple[float, float]:
    """(seconds until the overview rendered, peak RSS MB) for one served workspace."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEJUK_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sejuk.cli", "serve", "--home", str(home), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu",
                      "--disable-background-networking"])
            page = browser.new_page()
            deadline = time.monotonic() + 60
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}/", timeout=5000)
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            started = time.perf_counter()
            page.wait_for_selector("[data-testid='stMetric']", timeout=300_000)
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                timeout=300_000)
            rendered = time.perf_counter() - started
            browser.close()
        return rendered, _peak_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _timed(func: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def digest_and_priorities(home: Path) -> tuple[float, float]:
    """Best-of-3 seconds for the digest build and for the priorities of the last day."""
    workspace = open_workspace(home)
    settings = workspace.settings
    day = (utc_now() - timedelta(hours=1)).date()
    from sejuk.priorities import compute_priorities

    def priorities() -> None:
        with workspace.session() as session:
            compute_priorities(session, settings, day=day)

    def digest() -> None:
        from sejuk.digest.service import make_digest

        make_digest(workspace, day, None)

    result = _timed(digest), _timed(priorities)
    workspace.close()
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=Path, required=True)
    parser.add_argument("--large", type=Path, required=True)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--large-items", type=int, default=1_000_000)
    parser.add_argument("--large-tps", type=int, default=800_000)
    args = parser.parse_args(argv)
    if args.build:
        print(build_workload(args.small, items=10_000, tps=8_000))
        print(build_workload(args.large, items=args.large_items, tps=args.large_tps))
    rows = {}
    for name, home in (("small", args.small), ("large", args.large)):
        digest_s, priorities_s = digest_and_priorities(home)
        render_s, rss = dashboard_memory(home)
        rows[name] = {"digest_s": digest_s, "priorities_s": priorities_s,
                      "overview_render_s": render_s, "dashboard_peak_rss_mb": rss}
    print(f"{'measure':<26}{'small':>12}{'large':>12}{'large/small':>14}")
    for key in rows["small"]:
        small, large = rows["small"][key], rows["large"][key]
        print(f"{key:<26}{small:>12.3f}{large:>12.3f}{large / small:>14.2f}")


if __name__ == "__main__":
    main()
