"""A large ``sejuk import`` end to end, at two sizes in one run: is it linear?

    python -m benchmarks.imports [--sizes 10000,100000] [--debunks 200] [--seed 5]
    python -m benchmarks.imports --debunk-share 0.02   # debunks grow with the file

For each size a CSV of public posts is generated (invented Indonesian election chatter
over two weeks and 40 channels: routine talk naming places, copies of 60 hoax claims
with the edits forwarding adds, calls to mobilise, and ``--debunks`` debunks of the
claims, the same number at every size: claim matching compares every item with every
known claim, so its cost per item follows the claims the store knows, not the size of
the import; ``--debunk-share`` makes them a share of the rows instead) and imported into a
fresh SQLite workspace whose model was trained on the bundled samples, through the
product's own path, :func:`sejuk.pipeline.ingest` with an import file: the import
(validate every row, then store ``[imports] batch_rows`` rows per transaction) and the
backlog's stages (narratives, claim matching, scoring and the rollup, in bounded
batches). Each step's time is reported, and for each step the ratio between the sizes:
linear growth is the size ratio (10x for 10,000 vs 100,000 rows).
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

_PLACES = ["Kecamatan Plumbon, Kabupaten Cirebon", "Kecamatan Sumber", "Kota Cirebon",
           "Kecamatan Jatibarang, Indramayu", "Kabupaten Kuningan", "Kecamatan Weru",
           "Kecamatan Tamalate, Kota Makassar", "Kecamatan Pandaan, Kabupaten Pasuruan"]
_SUBJECTS = ["warga", "ibu-ibu pengajian", "karang taruna", "relawan paslon 1",
             "pendukung paslon 2", "KPPS", "Linmas", "pak RT", "tim sukses", "mahasiswa"]
_ACTS = ["gotong royong mendirikan tenda TPS", "rapat persiapan pemungutan suara",
         "mengecek nama di DPT", "ronda malam menjaga kotak suara", "nonton debat bareng",
         "membagikan jadwal pencoblosan", "bersih-bersih balai desa untuk TPS",
         "mengantar lansia ke TPS", "diskusi soal visi misi calon"]
_CLAIMS = ["surat suara sudah dicoblos di gudang KPU untuk paslon nomor {n}",
           "pencoblosan diundur seminggu karena logistik {n} belum datang",
           "aplikasi hitung KPU diatur supaya paslon {n} menang",
           "ada pemilih siluman pakai KTP palsu di TPS {n}",
           "kotak suara dari kecamatan {n} dibawa kabur malam tadi",
           "amplop serangan fajar dibagikan di masjid dekat TPS {n}"]
_EDITS = ["Copas dari grup sebelah: {}", "{} Sebarkan!!", "INFO PENTING: {}",
          "{} #kawalpilkada", "Diteruskan: {}", "{}. Hati-hati warga {place}"]


def make_posts(path: Path, rows: int, seed: int, debunks: int = 200,
               debunk_share: float | None = None) -> Path:
    """``rows`` posts as an import CSV (the documented schema), ``debunks`` of them (or
    ``debunk_share`` of them) debunks."""
    rng = random.Random(seed)
    debunk_rows = set(rng.sample(range(rows), min(rows, round(rows * debunk_share)
                                                  if debunk_share is not None else debunks)))
    claims = [c.format(n=n % 9 + 1) + f" di {rng.choice(_PLACES)}"
              for n, c in enumerate(_CLAIMS * 10)]
    start = datetime(2024, 11, 13, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "source", "published_at", "text", "region", "author"])
        for i in range(rows):
            kind = rng.random()
            place = rng.choice(_PLACES)
            if i in debunk_rows:
                text = f"[HOAKS] {rng.choice(claims)}. Faktanya KPU membantah kabar itu."
            elif kind < 0.22:
                claim = rng.choice(claims)
                text = rng.choice(_EDITS).format(claim, place=place)
            elif kind < 0.28:
                text = (f"Ayo kepung kantor KPU di {place} besok pagi, bawa massa, "
                        f"tolak hasil curang! ({i})")
            else:
                text = (f"{rng.choice(_SUBJECTS).capitalize()} di {place} "
                        f"{rng.choice(_ACTS)} hari ini, semoga pilkada damai. ({i})")
            when = start + timedelta(seconds=rng.randrange(14 * 86400))
            writer.writerow([f"post-{i}", f"Grup Warga {i % 40}", when.isoformat(), text,
                             "32.09", f"akun{rng.randrange(rows // 3 + 1)}"])
    return path


def _trained_workspace(home: Path) -> object:
    """A fresh workspace with the shipped starter model active, as ``sejuk init`` leaves it."""
    from classifiers.starter import install_starter
    from sejuk.workspace import init_workspace

    workspace = init_workspace(home)
    settings = workspace.settings
    with workspace.session() as session:
        install_starter(session, settings.classifier.labels, settings.models_dir)
    return workspace


def run(rows: int, seed: int = 5, debunks: int = 200,
        debunk_share: float | None = None) -> dict[str, float]:
    """Seconds per step for one import of ``rows`` posts into a fresh workspace."""
    from sejuk.pipeline import ImportFile, ingest

    with tempfile.TemporaryDirectory() as tmp:
        posts = make_posts(Path(tmp) / "posts.csv", rows, seed, debunks, debunk_share)
        workspace = _trained_workspace(Path(tmp) / "ws")
        marks: dict[str, float] = {}  # each step's last report: when it was done
        started = time.perf_counter()
        result = ingest(workspace, ImportFile(posts, "bench"),  # type: ignore[arg-type]
                        progress=lambda step, _d, _t: marks.__setitem__(
                            step, time.perf_counter())).intake
        finished = time.perf_counter()
        workspace.close()  # type: ignore[attr-defined]
    if result.new != rows:
        raise RuntimeError(f"imported {result.new} of {rows} rows")
    validated = marks.get("periksa", started)
    imported = marks.get("simpan", validated)
    narratives = marks.get("narasi", imported)
    claims = marks.get("klaim", narratives)
    return {"rows": rows, "validate": validated - started, "store": imported - validated,
            "narratives": narratives - imported, "claims": claims - narratives,
            "scores": finished - claims, "total": finished - started}


STEPS = ("validate", "store", "narratives", "claims", "scores", "total")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--debunks", type=int, default=200)
    parser.add_argument("--debunk-share", type=float, default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = [run(size, args.seed, args.debunks, args.debunk_share) for size in sizes]
    print("step        " + "".join(f"{r['rows']:>12,.0f} rows" for r in results)
          + "       ratio")
    for step in STEPS:
        cells = "".join(f"{r[step]:>15.1f} s" for r in results)
        ratio = results[-1][step] / results[0][step] if results[0][step] else float("nan")
        print(f"{step:<12}{cells}  {ratio:>9.1f}x")
    print(f"data ratio: {sizes[-1] / sizes[0]:.0f}x; rows/s overall: "
          + ", ".join(f"{r['rows'] / r['total']:,.0f}" for r in results))


if __name__ == "__main__":
    main()
