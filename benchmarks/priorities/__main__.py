"""Priorities at two sizes in one run: 8,000 TPS / 10,000 items vs 800,000 / 1,000,000.

Run: ``python -m benchmarks.priorities [--scale 100] [--small-tps 8000] [--small-items 10000]``

Each size gets its own workspace (a real SQLite file with the gazetteer); TPS, items,
region tags and predictions are written with ``executemany`` bulk inserts spread over 60
days and all kecamatan of Jawa Barat, Jawa Tengah and Jawa Timur. Timed: the full
rollup rebuild, then ``compute_priorities`` for one day (all areas, kecamatan level) and
for one Polres. Prints the cost ratios: the target is that cost grows no faster than
the data (ratio <= data ratio).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from sejuk.db.models import Item
from sejuk.priorities import compute_priorities
from sejuk.regions.gazetteer import load_gazetteer
from sejuk.signals.rollup import rebuild_rollup, refresh_rollup
from sejuk.workspace import Workspace, init_workspace

DAYS = 60
END = date(2026, 11, 20)


def populate(ws: Workspace, n_tps: int, n_items: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    desa = [p.code for p in load_gazetteer() if p.level == "desa" and p.code[:2] in
            {"32", "33", "35"}]
    with ws.engine.begin() as conn:
        raw = conn.connection.driver_connection
        cur = raw.cursor()
        cur.execute("INSERT INTO model_versions (id, trained_at, path, sha256, labels, metrics,"
                    " card, status) VALUES (1, '2026-01-01 00:00:00', 'x', '0', '[]', '{}',"
                    " '{}', 'active')")
        cur.executemany(
            "INSERT INTO tps (region_code, number, election, voters, lat, lon, indicators,"
            " computed_level, level) VALUES (?, ?, '', 200, NULL, NULL, '{}', 1, ?)",
            ((desa[i % len(desa)], i // len(desa) + 1, rng.choice((1, 1, 1, 2, 2, 3)))
             for i in range(n_tps)))
        start = datetime.combine(END - timedelta(days=DAYS - 1), datetime.min.time(),
                                 tzinfo=UTC)
        span = DAYS * 86400
        items, regions, preds = [], [], []
        for i in range(1, n_items + 1):
            at = (start + timedelta(seconds=rng.randrange(span))).strftime(
                "%Y-%m-%d %H:%M:%S.000000")
            items.append((i, f"https://b.example/{i}", at, at, f"h{i}"))
            code = rng.choice(desa)
            regions.append((i, code if rng.random() < 0.6 else code[:8],
                            "desa" if len(code) > 8 else "kecamatan"))
            for label in ("hoaks", "provokasi"):
                p = rng.random()
                preds.append((i, label, round(p, 4), int(p > 0.8)))
        cur.executemany("INSERT INTO items (id, url, kind, title, text, published_at,"
                        " fetched_at, hashtags, content_hash, is_debunk) VALUES"
                        " (?, ?, 'article', '', '', ?, ?, '[]', ?, 0)", items)
        cur.executemany("INSERT INTO item_regions (item_id, region_code, level, evidence)"
                        " VALUES (?, ?, ?, '')", regions)
        cur.executemany("INSERT INTO predictions (item_id, model_version_id, label,"
                        " probability, flagged, reasons, scored_at) VALUES"
                        " (?, 1, ?, ?, ?, '[]', '2026-11-20 00:00:00')", preds)


def measure(n_tps: int, n_items: int, root: Path) -> dict[str, float]:
    home = root / f"ws_{n_tps}"
    ws = init_workspace(home)
    t0 = time.perf_counter()
    populate(ws, n_tps, n_items)
    out = {"setup": time.perf_counter() - t0}
    with ws.session() as s:
        t0 = time.perf_counter()
        rebuild_rollup(s, 1)
        out["rollup_rebuild"] = time.perf_counter() - t0
    with ws.session() as s:
        # what every scoring run pays: refresh the cells of the 200 newest items
        newest = list(s.scalars(select(Item.id).order_by(Item.published_at.desc()).limit(200)))
        t0 = time.perf_counter()
        refresh_rollup(s, 1, newest)
        out["rollup_refresh"] = time.perf_counter() - t0
    with ws.session() as s:
        # warm-up: imports and the gazetteer index are process-wide, not per-size costs
        compute_priorities(s, ws.settings, day=END - timedelta(days=DAYS), limit=1,
                           jurisdiction="Polresta Cirebon")
        t0 = time.perf_counter()
        rows = compute_priorities(s, ws.settings, day=END)
        out["priorities_all"] = time.perf_counter() - t0
        out["areas"] = len(rows)
        t0 = time.perf_counter()
        compute_priorities(s, ws.settings, day=END, jurisdiction="Polresta Cirebon")
        out["priorities_polres"] = time.perf_counter() - t0
    ws.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-tps", type=int, default=8000)
    parser.add_argument("--small-items", type=int, default=10000)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="sejuk-bench-"))
    try:
        small = measure(args.small_tps, args.small_items, root)
        large = measure(args.small_tps * args.scale, args.small_items * args.scale, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"data ratio: {args.scale}x  (small {args.small_tps} TPS/{args.small_items} items,"
          f" large {args.small_tps * args.scale} TPS/{args.small_items * args.scale} items)")
    for key in ("setup", "rollup_rebuild", "rollup_refresh", "priorities_all",
                "priorities_polres"):
        ratio = large[key] / small[key] if small[key] else float("inf")
        print(f"{key:<18} small {small[key]:8.3f}s  large {large[key]:8.3f}s  ratio "
              f"{ratio:6.1f}x  {'OK' if ratio <= args.scale else 'OVER'}")
    print(f"areas ranked: small {small['areas']:.0f}, large {large['areas']:.0f}")


if __name__ == "__main__":
    main()
