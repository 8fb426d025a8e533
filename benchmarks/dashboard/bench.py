"""Dashboard read paths at 10,000 and 1,000,000 items, both sizes in one run.

What is claimed: a page's cost depends on the window it shows, not on the history behind
it. Both workspaces therefore receive the same flow — ``RATE`` items a day, as a busy
Polda sees during a campaign — and differ only in how long it has been running:
10,000 items are 10 days of history, 1,000,000 items are 1,000 days. Every item has a
region tag and predictions for both labels under one active model version; 1 in 200 is
marked urgent, 1 in 3 belongs to a narrative; 20,000 TPS are the same in both.

Timed (minimum of ``--repeat`` runs after one warm-up, fresh session each run, the two
sizes alternating so that a busy machine slows both alike):

* overview: every read the Ringkasan page makes (the cached loader's body), end to end;
* item page: the default page (7 days, both labels, 25 rows + 1), and filtered by label,
  by kab/kota, by confidence and by source kind, each one page;
* map: area signals for 24 h at kecamatan level;
* map of a province: the read model of Jawa Barat with all its 627 kecamatan (priority
  scores over 3 days, TPS, desa markers) plus the plotly figure serialised to JSON (what
  the page sends to the browser), with the boundaries decoded once per process as in the
  dashboard.

Then the two pages as Streamlit runs them (``--pages``, AppTest, login off, data caches
cleared before each run so every run reads the database): the item page (its default
table) and the Peta page on Polda Jawa Barat with every kecamatan coloured. Target:
the province map within 2x the item page, at both sizes.

Prints one line per function with both timings and the ratio (target: <= 2).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text

from sejuk import reads
from sejuk.db.models import (
    ClaimMatch,
    Item,
    ItemRegion,
    ModelVersion,
    Narrative,
    Prediction,
    Region,
    Source,
    Tps,
)
from sejuk.maps import view as mapview
from sejuk.priorities import compute_priorities
from sejuk.signals import active_version
from sejuk.workspace import Workspace, init_workspace, open_workspace

RATE = 1_000  # items per day
BATCH = 20_000
LABELS = ("hoaks", "provokasi")
PROVINCES = ("32", "33", "35")


def narrative_of(item_id: int, items: int, narratives: int) -> int:
    """Narrative of the ``item_id``-th item: ids are time-ordered, so nearby narratives."""
    return min(narratives, item_id * narratives // items + item_id % 7 + 1)


def build(home: Path, items: int, *, tps: int = 20_000, seed: int = 11,
          now: datetime) -> Workspace:
    rng = random.Random(seed)
    ws = init_workspace(home)
    days = items / RATE
    with ws.session() as session:
        kecamatan = [c for c in session.scalars(select(Region.code).where(
            Region.level == "kecamatan")) if c[:2] in PROVINCES]
        desa = [c for c in session.scalars(select(Region.code).where(Region.level == "desa"))
                if c[:2] in PROVINCES]
        kinds = ["news"] * 6 + ["social"] * 3 + ["factcheck", "official"]
        session.execute(insert(Source), [
            {"id": i + 1, "name": f"Sumber {i + 1:03d}", "url": f"https://s{i + 1}.example/rss",
             "kind": kinds[i % len(kinds)], "region_code": rng.choice(kecamatan)[:5],
             "interval_minutes": 15, "enabled": True, "consecutive_failures": i % 5 == 0,
             "created_at": now, "last_success_at": now - timedelta(minutes=i)}
            for i in range(200)])
        version = ModelVersion(path="bench.skops", sha256="0" * 64, labels=list(LABELS),
                               metrics={"macro_f1": 0.9}, card={}, status="active",
                               trained_at=now, promoted_at=now, promoted_by="bench")
        session.add(version)
        session.flush()
        version_id = version.id
        n_narratives = max(10, items // 60)
        session.execute(insert(Narrative), [
            {"id": i + 1, "title": f"Narasi {i + 1}", "first_seen": now - timedelta(days=days),
             "last_seen": now - timedelta(days=days * i / n_narratives), "size": 30}
            for i in range(n_narratives)])

    def rows() -> Iterator[dict[str, Any]]:
        # Items arrive in time order (ids grow with time), as the collector stores them.
        step = days * 86_400 / items
        for i in range(1, items + 1):
            published = now - timedelta(seconds=(items - i) * step + rng.random() * step)
            yield {"id": i, "url": f"https://s.example/a/{i}", "link": f"https://s.example/a/{i}",
                   "guid": f"g{i}", "source_id": rng.randrange(200) + 1, "kind": "article",
                   "title": f"Judul {i}", "text": f"isi berita nomor {i} tentang pilkada",
                   "published_at": published, "fetched_at": published, "language": "id",
                   "hashtags": [], "content_hash": hashlib.sha1(str(i).encode()).hexdigest(),
                   "is_debunk": i % 50 == 0,
                   # A narrative lives for a while: its copies are close in time.
                   "narrative_id": narrative_of(i, items, n_narratives) if i % 3 == 0 else None,
                   "triage": "urgent" if i % 200 == 0 else None}

    batch: list[dict[str, Any]] = []

    def flush() -> None:
        with ws.session() as session:
            session.execute(insert(Item), batch)
            session.execute(insert(ItemRegion), [
                {"item_id": r["id"], "region_code": rng.choice(kecamatan), "level": "kecamatan",
                 "evidence": ""} for r in batch])
            predictions = []
            for r in batch:
                # the scorer's rules: nothing from a fact-check source, no debunk as hoaks
                factcheck = kinds[(r["source_id"] - 1) % len(kinds)] == "factcheck"
                for label in LABELS:
                    p = rng.betavariate(0.6, 3.0)
                    flagged = p >= 0.5 and not factcheck and not (
                        r["is_debunk"] and label == "hoaks")
                    predictions.append({"item_id": r["id"], "model_version_id": version_id,
                                        "label": label, "probability": round(p, 4),
                                        "flagged": flagged, "reasons": ["tps"],
                                        "scored_at": r["fetched_at"]})
            session.execute(insert(Prediction), predictions)
            # 4 in 100 items repeat the latest debunked claim (the claim-matching signal)
            session.execute(insert(ClaimMatch), [
                {"item_id": r["id"], "debunk_item_id": r["id"] - r["id"] % 50,
                 "similarity": round(0.42 + 0.4 * rng.random(), 3), "matched_at": r["fetched_at"]}
                for r in batch if r["id"] % 50 in (7, 31) and r["id"] > 50])
        batch.clear()

    for row in rows():
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    per_desa: dict[str, int] = {}
    tps_rows = []
    for _ in range(tps):
        code = rng.choice(desa)
        per_desa[code] = per_desa.get(code, 0) + 1
        level = rng.choice((1, 1, 1, 2, 2, 3))
        tps_rows.append({"region_code": code, "number": per_desa[code], "election": "",
                         "voters": 250, "lat": -7.0 + rng.random(), "lon": 110 + rng.random(),
                         "indicators": {}, "computed_level": level, "level": level})
    with ws.session() as session:
        session.execute(insert(Tps), tps_rows)
    with ws.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    return ws


def once(ws: Workspace, func: Callable[[Any], object]) -> float:
    with ws.session() as session:
        started = time.perf_counter()
        func(session)
        return time.perf_counter() - started


def compare(small: Workspace, large: Workspace, now: datetime, repeat: int
            ) -> list[tuple[str, float, float]]:
    """Each read path on both workspaces, alternating small and large run by run (so the
    noise of a shared machine hits both alike); the minimum of ``repeat`` runs after a
    warm-up is the cost with the least interference."""
    small_cases, large_cases = cases(small, now), cases(large, now)
    out = []
    for name, small_func in small_cases.items():
        large_func = large_cases[name]
        once(small, small_func), once(large, large_func)  # warm-up
        a, b = [], []
        for _ in range(repeat):
            a.append(once(small, small_func))
            b.append(once(large, large_func))
        out.append((name, min(a), min(b)))
    return out


def cases(ws: Workspace, now: datetime) -> dict[str, Callable[[Any], object]]:
    def version(session: Any) -> ModelVersion | None:
        return active_version(session)

    def overview(session: Any) -> object:
        model = version(session)
        return (reads.data_version(session), reads.item_volume(session, now),
                reads.label_trends(session, model, LABELS, now),
                reads.area_spikes(session, model, now,
                                  zone=ZoneInfo(ws.settings.timezone)),
                reads.top_narratives(session, model, now - timedelta(days=7)),
                reads.area_overlay(session, model, now - timedelta(days=7)),
                reads.source_freshness(session), reads.urgent_count(session),
                reads.urgent_items(session, model, limit=10),
                reads.overdue_follow_ups(session, now.date()))

    def page(flt: reads.ItemFilter) -> Callable[[Any], object]:
        return lambda session: reads.flagged_items(session, version(session), flt, limit=26)

    week = now - timedelta(days=7)
    # the priority ranking, which the overview also shows (cached per version)
    day = now.astimezone(ZoneInfo(ws.settings.timezone)).date()
    extra: dict[str, Callable[[Any], object]] = {"(regions) priorities": lambda s: (
        compute_priorities(s, ws.settings, day=day, limit=10))}
    return {**extra,
        "overview (all reads)": overview,
        "items: default page": page(reads.ItemFilter(labels=LABELS, since=week)),
        "items: label provokasi": page(reads.ItemFilter(labels=("provokasi",), since=week)),
        "items: kab/kota 32.09": page(reads.ItemFilter(labels=LABELS, since=week,
                                                       region_prefix="32.09")),
        "items: confidence >= 0.9": page(reads.ItemFilter(labels=LABELS, since=week,
                                                          min_confidence=0.9)),
        "items: source kind social": page(reads.ItemFilter(labels=LABELS, since=week,
                                                           source_kind="social")),
        "items: page 4": lambda s: reads.flagged_items(
            s, version(s), reads.ItemFilter(labels=LABELS, since=week), limit=26, offset=75),
        "map: kecamatan 24 h": lambda s: mapview.area_signals(
            s, version(s), now - timedelta(hours=24), now),
        "map: province, all kecamatan": lambda s: province_map(s, ws, now),
    }


def province_map(session: Any, ws: Workspace, now: datetime) -> object:
    """What the Peta page computes for Polda Jawa Barat with every kecamatan coloured."""
    from zoneinfo import ZoneInfo

    from dashboard.mapfigure import build_figure
    from sejuk.maps.view import map_data

    day = now.astimezone(ZoneInfo(ws.settings.timezone)).date()
    data = map_data(session, ws.settings, scope="32", day=day, window_days=3,
                    level="kecamatan")
    return build_figure(data, "priority").to_json()


def browser_times(home: Path, repeat: int) -> dict[str, float]:
    """Both pages in headless Debian Chromium against ``sejuk serve``: seconds from
    navigation until the table (item page) or all 627 kecamatan polygons (map page) are
    drawn and Streamlit is idle. First load with cold caches, then the best warm load."""
    import os
    import socket
    import subprocess
    import sys

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEJUK_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sejuk.cli", "serve", "--home", str(home), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    pages = {"item page": ("/item", "document.querySelector('[data-testid=\"stDataFrame\"]')"),
             "province map": ("/peta?wilayah=32&tingkat=kecamatan",
                              "document.querySelectorAll('.choroplethlocation').length >= 600")}
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            deadline = time.monotonic() + 90
            while True:
                try:
                    browser.new_page().goto(base + "/_stcore/health", timeout=5000)
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            for attempt in range(1 + repeat):
                for name, (path, ready) in pages.items():
                    page = browser.new_page(viewport={"width": 1440, "height": 1200})
                    started = time.perf_counter()
                    page.goto(base + path)
                    page.wait_for_function(f"() => {ready}", timeout=600_000)
                    page.wait_for_function(
                        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                        timeout=600_000)
                    took = time.perf_counter() - started
                    page.close()
                    key = f"chromium {'cold' if attempt == 0 else 'warm'}: {name}"
                    out[key] = min(out.get(key, float("inf")), took)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return out


def page_times(home: Path, repeat: int) -> dict[str, float]:
    """Item page and province map page, each run by Streamlit's AppTest (min of runs)."""
    import os

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import dashboard

    app = str(Path(dashboard.__file__).resolve().parent / "app.py")
    os.environ["SEJUK_HOME"] = str(home)
    toml = home / "sejuk.toml"
    text_ = toml.read_text(encoding="utf-8")
    if "login_required = false" not in text_:
        toml.write_text(text_.replace("login_required = true", "login_required = false"),
                        encoding="utf-8")
    at = AppTest.from_file(app, default_timeout=600)
    at.run()
    out: dict[str, float] = {}
    for name, screen, state in (
            ("page: items (default table)", "screens/items.py", {}),
            ("page: map, province, all kecamatan", "screens/map.py",
             {"map_region": "32", "map_level": "kecamatan"})):
        for key, value in state.items():
            at.session_state[key] = value
        at.switch_page(screen).run()  # warm-up: imports, boundaries decoded once
        runs = []
        for _ in range(repeat):
            st.cache_data.clear()
            started = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - started)
            assert not at.exception, at.exception
        out[name] = min(runs)
    return out


def run(sizes: tuple[int, int], repeat: int, keep: Path | None, *, reuse: bool = False
        ) -> list[tuple[str, float, float]]:
    root = keep or Path(tempfile.mkdtemp(prefix="sejuk-bench-dashboard-"))
    stamp = root / "built_at"
    now = datetime.now(UTC).replace(microsecond=0)
    if reuse and stamp.exists():
        now = datetime.fromisoformat(stamp.read_text().strip())
    workspaces = []
    try:
        for size in sizes:
            home = root / f"ws{size}"
            if reuse and home.exists():
                workspaces.append(open_workspace(home))
                continue
            if home.exists():
                shutil.rmtree(home)
            started = time.perf_counter()
            workspaces.append(build(home, size, now=now))
            print(f"built {size:>9,} items in {time.perf_counter() - started:.0f} s", flush=True)
        stamp.write_text(now.isoformat())
        return compare(workspaces[0], workspaces[1], now, repeat)
    finally:
        for ws in workspaces:
            ws.close()
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the workspaces here and keep them")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: time the workspaces built there by an earlier run")
    parser.add_argument("--pages", action="store_true",
                        help="with --keep: also time the item and province map pages (AppTest)")
    args = parser.parse_args(argv)
    rows = run((args.small, args.large), args.repeat, args.keep, reuse=args.reuse)
    if args.pages and args.keep:
        pages = [{**page_times(args.keep / f"ws{size}", max(3, args.repeat // 3)),
                  **browser_times(args.keep / f"ws{size}", 3)}
                 for size in (args.small, args.large)]
        print(f"\n{'page (AppTest run)':<36} {args.small:>10,} {args.large:>12,}   1M/10k")
        for name in pages[0]:
            a, b = pages[0][name], pages[1][name]
            print(f"{name:<36} {a * 1000:>8.0f}ms {b * 1000:>10.0f}ms   {b / a:5.2f}")
        pairs = (("page: map, province, all kecamatan", "page: items (default table)"),
                 ("chromium cold: province map", "chromium cold: item page"),
                 ("chromium warm: province map", "chromium warm: item page"))
        for size, timing in zip((args.small, args.large), pages, strict=True):
            for map_key, item_key in pairs:
                ratio = timing[map_key] / timing[item_key]
                print(f"{map_key} / item page at {size:,} items: {ratio:.2f} (target <= 2)")
    print(f"\n{'read path':<28} {args.small:>10,} {args.large:>12,}   ratio")
    worst = 0.0
    for name, small, large in rows:
        ratio = large / small if small else float("inf")
        if not name.startswith("("):  # another module's function, shown for information
            worst = max(worst, ratio)
        print(f"{name:<28} {small * 1000:>8.1f}ms {large * 1000:>10.1f}ms   {ratio:5.2f}")
    print(f"\nworst ratio of the dashboard's read paths {worst:.2f} (target <= 2.0)")
