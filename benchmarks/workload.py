"""Synthetic but realistic workspaces for scale benchmarks: 10k, 100k or 1M items.

A Polda watching a province for a year: hundreds of sources over its kabupaten/kota,
items spread over a year with a weekly rhythm and an election-day surge, narratives
(clusters of copies), predictions of a real trained model version for every item,
analyst labels, and up to 800,000 TPS over the province's desa with Bawaslu-style
indicators. Rows are written with bulk inserts (the product's own ingest path is measured
separately, in ``benchmarks/ingest``); the daily area rollups are then rebuilt with the
product's own function, so every read path sees what production would.

    python -m benchmarks.workload --home /tmp/w100k --items 100000 --tps 80000
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from sejuk.db.models import (
    ClaimMatch,
    Item,
    ItemRegion,
    ItemSource,
    Label,
    Narrative,
    Prediction,
    Region,
    Source,
    Tps,
)
from sejuk.settings import DEFAULT_INDICATOR_WEIGHTS
from sejuk.workspace import Workspace, init_workspace

BATCH = 20_000
PROVINCES = ("32", "33", "35")  # Jawa Barat, Jawa Tengah, Jawa Timur: ~25k desa

WORDS = (
    "surat suara tps kpu bawaslu kpps paslon nomor urut calon bupati wali kota gubernur "
    "pemilih dpt logistik kotak distribusi gudang kecamatan desa warga massa aksi demo "
    "kantor rekapitulasi hasil hitung cepat sirekap kampanye debat relawan posko amplop "
    "serangan fajar intimidasi ancaman bentrok pendukung ormas tokoh agama masyarakat "
    "dialog kamtibmas patroli polres polsek pengamanan personel apel banjir jalan rusak "
    "sinyal listrik pindah diundur palsu hoaks viral beredar pesan berantai klarifikasi "
    "tidak benar membantah sebarkan tolak curang kepung bakar usir pendatang suku agama"
).split()


@dataclass(frozen=True)
class WorkloadSummary:
    items: int
    tps: int
    sources: int
    narratives: int
    model_version: int
    seconds: float


def _batches(rows: Iterator[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _train_model(workspace: Workspace) -> int:
    """The starter model shipped with Sejuk, active, for predictions."""
    from classifiers.starter import install_starter

    settings = workspace.settings
    with workspace.session() as session:
        version = install_starter(session, settings.classifier.labels, settings.models_dir,
                                  actor="benchmark")
        assert version is not None, "the benchmark workspace already had a model"
        return version.id


def build_workload(home: Path, *, items: int, tps: int, seed: int = 7, days: int = 365,
                   db_url: str | None = None, now: datetime | None = None
                   ) -> WorkloadSummary:
    """Create a workspace in ``home`` holding ``items`` items and ``tps`` TPS."""
    started = time.perf_counter()
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    home.mkdir(parents=True, exist_ok=True)
    if db_url:
        (home / "sejuk.toml").write_text(f'[database]\nurl = "{db_url}"\n')
    # Kind "demo": benchmarks open the dashboard without a login step.
    workspace = init_workspace(home, kind="demo")
    version = _train_model(workspace)
    labels = workspace.settings.classifier.labels

    with workspace.session() as session:
        kecamatan = list(session.scalars(select(Region.code).where(
            Region.level == "kecamatan", Region.parent_code.like("3%"))))
        kecamatan = [c for c in kecamatan if c[:2] in PROVINCES]
        desa = [c for c in session.scalars(select(Region.code).where(Region.level == "desa"))
                if c[:2] in PROVINCES]
        kabkota = sorted({c[:5] for c in kecamatan})
    desa_of: dict[str, list[str]] = {}
    for code in desa:
        desa_of.setdefault(code.rsplit(".", 1)[0], []).append(code)

    n_sources = max(20, min(400, items // 2500))
    kinds = ["news"] * 6 + ["social"] * 3 + ["factcheck", "official"]
    sources = [
        {"id": i + 1, "name": f"Sumber {i + 1:04d}", "url": f"https://sumber{i + 1}.example/rss",
         "kind": kinds[i % len(kinds)], "region_code": rng.choice(kabkota),
         "interval_minutes": 15, "enabled": True, "consecutive_failures": 0,
         "created_at": now, "last_status": 200, "last_success_at": now}
        for i in range(n_sources)
    ]
    n_narratives = max(10, items // 60)
    narratives = [
        {"id": i + 1, "title": _text(rng, 8), "first_seen": now - timedelta(days=days),
         "last_seen": now, "size": 0}
        for i in range(n_narratives)
    ]

    def item_rows() -> Iterator[dict[str, Any]]:
        for i in range(1, items + 1):
            # A weekly rhythm and a surge towards "now" (the vote).
            age = days * (rng.random() ** 1.6)
            published = now - timedelta(days=age, minutes=rng.randrange(1440))
            source = sources[rng.randrange(n_sources)]
            narrative = rng.randrange(n_narratives) + 1 if rng.random() < 0.3 else None
            text = _text(rng, rng.randint(25, 60))
            yield {
                "id": i, "url": f"https://sumber{source['id']}.example/a/{i}",
                "link": f"https://sumber{source['id']}.example/a/{i}", "guid": f"g{i}",
                "source_id": source["id"],
                "kind": "post" if source["kind"] == "social" else "article",
                "title": _text(rng, 8), "text": text, "published_at": published,
                "fetched_at": published, "language": "id",
                "author_hash": hashlib.sha256(str(rng.randrange(50_000)).encode()).hexdigest()[:32]
                if source["kind"] == "social" else None,
                "hashtags": [], "content_hash": hashlib.sha256(f"{i}{text}".encode()).hexdigest(),
                "is_debunk": source["kind"] == "factcheck", "narrative_id": narrative,
            }

    with workspace.session() as session:
        session.execute(insert(Source), sources)
        session.execute(insert(Narrative), narratives)
    debunks: list[int] = []
    for batch in _batches(item_rows()):
        with workspace.session() as session:
            session.execute(insert(Item), batch)
            session.execute(insert(ItemSource), [
                {"item_id": r["id"], "source_id": r["source_id"], "guid": r["guid"],
                 "seen_at": r["fetched_at"]} for r in batch])
            regions: list[dict[str, Any]] = []
            predictions: list[dict[str, Any]] = []
            for r in batch:
                code, level = rng.choice(kecamatan), "kecamatan"
                if rng.random() < 0.3 and desa_of.get(code):
                    code, level = rng.choice(desa_of[code]), "desa"
                regions.append({"item_id": r["id"], "region_code": code, "level": level,
                                "evidence": level})
                for label in labels:
                    p = rng.betavariate(0.6, 3.0)
                    # the scorer's rule: a fact-check source's items carry no flag
                    flagged = p >= 0.5 and not r["is_debunk"]
                    predictions.append({
                        "item_id": r["id"], "model_version_id": version, "label": label,
                        "probability": round(p, 4), "flagged": flagged,
                        "reasons": ["surat suara", "tps"] if flagged else [],
                        "scored_at": r["fetched_at"]})
            session.execute(insert(ItemRegion), regions)
            session.execute(insert(Prediction), predictions)
            debunks.extend(r["id"] for r in batch if r["is_debunk"])
            if debunks:  # 2 in 100 items repeat a debunked claim (the claim signal)
                session.execute(insert(ClaimMatch), [
                    {"item_id": r["id"], "debunk_item_id": rng.choice(debunks),
                     "similarity": round(0.42 + 0.4 * rng.random(), 3), "matched_at": now}
                    for r in batch if not r["is_debunk"] and rng.random() < 0.02])
            session.execute(insert(Label), [
                {"item_id": r["id"], "label": rng.choice(labels), "value": rng.randint(0, 1),
                 "origin": "dashboard", "created_by": "analis", "created_at": now}
                for r in batch if rng.random() < 0.005])

    weights = list(DEFAULT_INDICATOR_WEIGHTS)

    def tps_rows() -> Iterator[dict[str, Any]]:
        per_desa: dict[str, int] = {}
        for _ in range(tps):
            code = rng.choice(desa)
            per_desa[code] = per_desa.get(code, 0) + 1
            indicators = {k: 1 for k in weights if rng.random() < 0.06}
            score = sum(DEFAULT_INDICATOR_WEIGHTS[k] for k in indicators)
            level = 3 if score >= 5 else 2 if score >= 2 else 1
            yield {"region_code": code, "number": per_desa[code], "election": "",
                   "voters": rng.randint(150, 300), "lat": None, "lon": None,
                   "special_kind": None, "indicators": indicators, "assessed_level": None,
                   "computed_level": level, "level": level}

    for batch in _batches(tps_rows()):
        with workspace.session() as session:
            session.execute(insert(Tps), batch)

    _refresh_rollups(workspace)
    workspace.close()
    return WorkloadSummary(items=items, tps=tps, sources=n_sources, narratives=n_narratives,
                           model_version=version, seconds=time.perf_counter() - started)


def _refresh_rollups(workspace: Workspace) -> None:
    """Rebuild the daily area rollups with the product's own function."""
    from sejuk.signals import active_version_id
    from sejuk.signals.rollup import rebuild_rollup

    with workspace.session() as session:
        version = active_version_id(session)
        if version is not None:
            rebuild_rollup(session, version)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--tps", type=int, default=8_000)
    parser.add_argument("--db-url", default=None)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    summary = build_workload(args.home, items=args.items, tps=args.tps, db_url=args.db_url,
                             seed=args.seed)
    print(summary)


if __name__ == "__main__":
    main()
