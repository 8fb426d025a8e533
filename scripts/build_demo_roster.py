"""Build the demo TPS roster and community-leader list for the offline demo workspace.

Writes ``sejuk/demo/data/tps.csv`` and ``sejuk/demo/data/leaders.csv`` from
``sejuk/data/gazetteer.csv.gz`` (see ``scripts/build_gazetteer.py``). Everything is drawn
from ``random.Random(2024)`` in a fixed order, so every run writes the same bytes.

What is real and what is invented
---------------------------------
* Real: the six demo regencies, their kecamatan and the desa/kelurahan picked inside them
  (names and Kemendagri codes come from the gazetteer, which the script checks).
* Approximate: TPS positions. Each TPS is scattered (at most ~400 m, its own random
  stream) around the real centroid of its desa from the shipped boundary data
  (``sejuk/data/boundaries``, see ``scripts/build_boundaries.py``), kept inside the
  kecamatan's polygon. They are for drawing a demo map only: no real TPS is located.
  (The first draws below still walk the old hand-entered kecamatan centres, so that the
  indicators, levels and leaders drawn after them stay as they were.)
* Invented: TPS numbers, voter counts (DPT 150-300), special TPS, every vulnerability
  indicator and level, and all community leaders (names, organisations, phone numbers in
  the unassigned-looking form 0812-0000-xxxx, notes).

Vulnerability levels
--------------------
Indicators are drawn with plausible correlations (a hard-to-reach TPS often has no signal
and logistics trouble; a desa with a history of conflict has more violence, intimidation,
vote-buying and non-neutral officials). About 70% of rows carry an assessed ``level``
that follows the rule in :func:`assess`; the rest are left empty for the app to compute.

How to rerun
------------
::

    /work/venv/bin/python scripts/build_demo_roster.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SEED = 2024
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GAZETTEER = REPO_ROOT / "sejuk" / "data" / "gazetteer.csv.gz"
DEFAULT_OUT_DIR = REPO_ROOT / "sejuk" / "demo" / "data"

INDICATORS: tuple[str, ...] = (
    "psu_history",
    "hard_to_reach",
    "no_signal",
    "no_electricity",
    "violence_history",
    "intimidation",
    "money_politics",
    "logistics_issue",
    "sara_incitement",
    "non_neutral_officials",
    "near_campaign_post",
    "disaster_prone",
    "many_additional_voters",
)
TPS_HEADER: tuple[str, ...] = (
    "provinsi",
    "kabkota",
    "kecamatan",
    "desa",
    "desa_code",
    "tps_number",
    "voters",
    "lat",
    "lon",
    "special_kind",
    "level",
    *INDICATORS,
)
LEADER_HEADER: tuple[str, ...] = (
    "name",
    "kind",
    "organisation",
    "region_code",
    "phone",
    "affiliation",
    "notes",
)

KURANG_RAWAN = "Kurang Rawan"
RAWAN = "Rawan"
SANGAT_RAWAN = "Sangat Rawan"
LEVELS: tuple[str, ...] = (KURANG_RAWAN, RAWAN, SANGAT_RAWAN)

#: Weight of each indicator in the demo assessment rule (severe 3, medium 2, light 1).
WEIGHTS: dict[str, int] = {
    "psu_history": 3,
    "violence_history": 3,
    "intimidation": 3,
    "sara_incitement": 3,
    "money_politics": 2,
    "non_neutral_officials": 2,
    "logistics_issue": 2,
    "hard_to_reach": 2,
    "no_signal": 1,
    "no_electricity": 1,
    "near_campaign_post": 1,
    "disaster_prone": 1,
    "many_additional_voters": 1,
}
SEVERE: tuple[str, ...] = tuple(name for name, weight in WEIGHTS.items() if weight == 3)


def score_of(flags: dict[str, int]) -> int:
    """Weighted indicator score."""
    return sum(WEIGHTS[name] * flags[name] for name in INDICATORS)


def assess(flags: dict[str, int]) -> str:
    """Demo assessment: two severe indicators or a score of 6+ is Sangat Rawan, 2+ Rawan."""
    score = score_of(flags)
    severe = sum(flags[name] for name in SEVERE)
    if severe >= 2 or score >= 6:
        return SANGAT_RAWAN
    if score >= 2:
        return RAWAN
    return KURANG_RAWAN


@dataclass(frozen=True, slots=True)
class KecamatanSpec:
    """A demo kecamatan: approximate centre and local risk profile."""

    code: str
    lat: float
    lon: float
    radius: float = 0.01
    remote: float = 0.02  # share of TPS that are hard to reach
    disaster: float = 0.05  # share of TPS in disaster-prone spots (flood, landslide)
    tension: float = 0.25  # chance that a desa has a history of local election conflict
    urban: float = 0.05  # share of TPS near a campaign post


DEMO_REGENCIES: dict[str, tuple[KecamatanSpec, ...]] = {
    # Kabupaten Cirebon
    "32.09": (
        KecamatanSpec("32.09.15", -6.765, 108.478, remote=0.06, urban=0.12),  # Sumber
        KecamatanSpec("32.09.18", -6.705, 108.477, tension=0.25),  # Plumbon
        KecamatanSpec("32.09.17", -6.705, 108.425, tension=0.2),  # Palimanan
        KecamatanSpec("32.09.24", -6.645, 108.410, tension=0.25, disaster=0.08),  # Arjawinangun
        KecamatanSpec("32.09.21", -6.665, 108.538, radius=0.008, disaster=0.15),  # Gunung Jati
        KecamatanSpec("32.09.03", -6.835, 108.800, radius=0.008, disaster=0.25),  # Losari
    ),
    # Kota Cirebon (all five kecamatan; small city on the coast)
    "32.74": (
        KecamatanSpec("32.74.01", -6.705, 108.556, radius=0.005, remote=0.0, urban=0.2),
        KecamatanSpec("32.74.02", -6.722, 108.566, radius=0.005, remote=0.0, disaster=0.1),
        KecamatanSpec("32.74.03", -6.752, 108.550, radius=0.006, remote=0.01),
        KecamatanSpec("32.74.04", -6.717, 108.559, radius=0.004, remote=0.0, urban=0.2),
        KecamatanSpec("32.74.05", -6.727, 108.545, radius=0.005, remote=0.0, urban=0.15),
    ),
    # Kabupaten Indramayu
    "32.12": (
        KecamatanSpec("32.12.15", -6.330, 108.325, radius=0.008, disaster=0.2, urban=0.15),
        KecamatanSpec("32.12.13", -6.475, 108.310, tension=0.3),  # Jatibarang
        KecamatanSpec("32.12.01", -6.460, 107.940, tension=0.25, remote=0.04),  # Haurgeulis
        KecamatanSpec("32.12.10", -6.465, 108.450, radius=0.008, disaster=0.2),  # Karangampel
        KecamatanSpec("32.12.21", -6.360, 108.100, disaster=0.25, tension=0.25),  # Kandanghaur
        KecamatanSpec("32.12.14", -6.395, 108.355, radius=0.008, disaster=0.15),  # Balongan
    ),
    # Kabupaten Kuningan
    "32.08": (
        KecamatanSpec("32.08.09", -6.976, 108.484, urban=0.15),  # Kuningan
        KecamatanSpec("32.08.18", -6.970, 108.450, remote=0.15, disaster=0.2),  # Cigugur
        KecamatanSpec("32.08.13", -6.880, 108.495, remote=0.1, disaster=0.15),  # Cilimus
        KecamatanSpec("32.08.12", -6.910, 108.490, remote=0.05),  # Jalaksana
        KecamatanSpec("32.08.06", -7.015, 108.630, remote=0.12, tension=0.2),  # Luragung
        KecamatanSpec("32.08.10", -6.965, 108.590, remote=0.05, tension=0.2),  # Ciawigebang
    ),
    # Kabupaten Pasuruan
    "35.14": (
        KecamatanSpec("35.14.14", -7.600, 112.782, disaster=0.15, urban=0.12),  # Bangil
        KecamatanSpec("35.14.11", -7.650, 112.690, urban=0.12),  # Pandaan
        KecamatanSpec("35.14.10", -7.690, 112.630, remote=0.2, disaster=0.15),  # Prigen
        KecamatanSpec("35.14.08", -7.765, 112.740, remote=0.05, tension=0.3),  # Purwosari
        KecamatanSpec("35.14.12", -7.560, 112.690, disaster=0.2, tension=0.2),  # Gempol
        KecamatanSpec("35.14.24", -7.890, 112.910, remote=0.5, disaster=0.25),  # Tosari
    ),
    # Kota Makassar (WITA)
    "73.71": (
        KecamatanSpec("73.71.04", -5.138, 119.418, radius=0.005, remote=0.0, urban=0.25),
        KecamatanSpec("73.71.09", -5.150, 119.447, radius=0.008, remote=0.0, tension=0.35),
        KecamatanSpec("73.71.10", -5.185, 119.418, radius=0.007, disaster=0.15, tension=0.2),
        KecamatanSpec("73.71.13", -5.170, 119.437, radius=0.006, remote=0.0, urban=0.15),
        KecamatanSpec("73.71.14", -5.125, 119.495, radius=0.008, remote=0.0, tension=0.4),
        KecamatanSpec("73.71.11", -5.090, 119.515, radius=0.008, remote=0.01, disaster=0.15),
    ),
}

#: A few special-location TPS: (kecamatan code, special_kind). The first TPS of the
#: kecamatan's first picked desa that has no special kind yet gets it.
SPECIAL_TPS: tuple[tuple[str, str], ...] = (
    ("32.74.05", "lapas"),
    ("32.12.15", "lapas"),
    ("73.71.09", "lapas"),
    ("32.09.24", "rumah_sakit"),
    ("32.08.09", "rumah_sakit"),
    ("35.14.14", "rumah_sakit"),
    ("73.71.14", "rumah_sakit"),
    ("32.12.21", "relokasi"),
    ("35.14.12", "relokasi"),
)


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str
    level: str
    parent: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class TpsRow:
    provinsi: str
    kabkota: str
    kecamatan: str
    kecamatan_code: str
    desa: str
    desa_code: str
    tps_number: int
    voters: int
    lat: float
    lon: float
    special_kind: str
    flags: dict[str, int]
    assessed: bool
    level: str = field(default="")

    def as_record(self) -> list[str]:
        return [
            self.provinsi,
            self.kabkota,
            self.kecamatan,
            self.desa,
            self.desa_code,
            str(self.tps_number),
            str(self.voters),
            f"{self.lat:.5f}",
            f"{self.lon:.5f}",
            self.special_kind,
            self.level if self.assessed else "",
            *(str(self.flags[name]) for name in INDICATORS),
        ]


def load_gazetteer(path: Path) -> dict[str, Place]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return {
            row["code"]: Place(
                code=row["code"],
                name=row["name"],
                level=row["level"],
                parent=row["parent"],
                lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None,
            )
            for row in reader
        }


def children_of(places: dict[str, Place], parent: str) -> list[Place]:
    return sorted((p for p in places.values() if p.parent == parent), key=lambda p: p.code)


def check_specs(places: dict[str, Place]) -> None:
    """Fail loudly if a demo code is missing or sits under the wrong parent."""
    for regency_code, specs in DEMO_REGENCIES.items():
        regency = places.get(regency_code)
        if regency is None or regency.level != "kabkota":
            raise SystemExit(f"demo regency {regency_code} not in gazetteer")
        for spec in specs:
            kecamatan = places.get(spec.code)
            if kecamatan is None or kecamatan.parent != regency_code:
                raise SystemExit(f"demo kecamatan {spec.code} not under {regency_code}")
    for kec_code, _kind in SPECIAL_TPS:
        if not any(spec.code == kec_code for specs in DEMO_REGENCIES.values() for spec in specs):
            raise SystemExit(f"special TPS kecamatan {kec_code} is not a demo kecamatan")


def _draw(rng: random.Random, probability: float) -> int:
    return 1 if rng.random() < probability else 0


def draw_flags(
    rng: random.Random, spec: KecamatanSpec, desa_remote: float, desa_conflict: bool
) -> dict[str, int]:
    """Draw one TPS's indicators, correlated the way field reports describe them."""
    hard = _draw(rng, desa_remote)
    flags = {"hard_to_reach": hard}
    flags["no_signal"] = _draw(rng, 0.6 if hard else 0.03)
    flags["no_electricity"] = _draw(rng, 0.2 if hard else 0.005)
    flags["disaster_prone"] = _draw(rng, spec.disaster)
    flags["logistics_issue"] = _draw(
        rng, (0.3 if hard else 0.04) + (0.1 if flags["disaster_prone"] else 0.0)
    )
    flags["violence_history"] = _draw(rng, 0.5 if desa_conflict else 0.01)
    flags["intimidation"] = _draw(
        rng, 0.6 if flags["violence_history"] else (0.15 if desa_conflict else 0.005)
    )
    flags["sara_incitement"] = _draw(rng, 0.12 if flags["violence_history"] else 0.005)
    flags["money_politics"] = _draw(rng, 0.3 if desa_conflict else 0.1)
    flags["non_neutral_officials"] = _draw(rng, 0.2 if desa_conflict else 0.04)
    flags["psu_history"] = _draw(rng, 0.15 if desa_conflict else 0.01)
    flags["near_campaign_post"] = _draw(rng, spec.urban)
    flags["many_additional_voters"] = _draw(rng, 0.04)
    return {name: flags[name] for name in INDICATORS}


def jitter(rng: random.Random, radius: float) -> float:
    return rng.uniform(-radius, radius)


def build_roster(rng: random.Random, places: dict[str, Place]) -> list[TpsRow]:
    rows: list[TpsRow] = []
    for regency_code, specs in DEMO_REGENCIES.items():
        regency = places[regency_code]
        provinsi = places[regency.parent]
        for spec in specs:
            kecamatan = places[spec.code]
            villages = children_of(places, spec.code)
            picked = sorted(
                rng.sample(villages, min(len(villages), rng.randint(2, 4))),
                key=lambda p: p.code,
            )
            for desa in picked:
                radius = spec.radius
                if desa.lat is not None and desa.lon is not None:
                    # real desa position: TPS scatter around it
                    desa_lat, desa_lon, scatter = desa.lat, desa.lon, 0.01
                else:
                    # approximate kecamatan centre: desa offset takes 3/4 of the radius,
                    # its TPS scatter over the remaining quarter
                    if kecamatan.lat is not None and kecamatan.lon is not None:
                        centre_lat, centre_lon = kecamatan.lat, kecamatan.lon
                    else:
                        centre_lat, centre_lon = spec.lat, spec.lon
                    desa_lat = centre_lat + jitter(rng, radius * 0.75)
                    desa_lon = centre_lon + jitter(rng, radius * 0.75)
                    scatter = radius * 0.25
                desa_remote = min(0.95, spec.remote * rng.uniform(0.0, 2.0))
                desa_conflict = rng.random() < spec.tension
                for number in range(1, rng.randint(2, 8) + 1):
                    rows.append(
                        TpsRow(
                            provinsi=provinsi.name,
                            kabkota=regency.name,
                            kecamatan=kecamatan.name,
                            kecamatan_code=kecamatan.code,
                            desa=desa.name,
                            desa_code=desa.code,
                            tps_number=number,
                            voters=rng.randint(150, 300),
                            lat=desa_lat + jitter(rng, scatter),
                            lon=desa_lon + jitter(rng, scatter),
                            special_kind="",
                            flags=draw_flags(rng, spec, desa_remote, desa_conflict),
                            assessed=rng.random() < 0.7,
                        )
                    )
    place_special_tps(rng, rows)
    place_on_map(rows)
    for row in rows:
        row.level = assess(row.flags)
    ensure_all_levels(rows)
    return rows


def place_on_map(rows: list[TpsRow]) -> None:
    """Scatter each TPS around its desa's real centroid, inside its kecamatan."""
    from sejuk.regions import boundaries

    rng = random.Random(SEED + 1)
    for row in rows:
        lon, lat = boundaries.point(row.desa_code) or (row.lon, row.lat)
        kecamatan = boundaries.shape(row.kecamatan_code)
        for _ in range(20):
            x, y = lon + jitter(rng, 0.004), lat + jitter(rng, 0.004)
            if kecamatan is None or kecamatan.contains(x, y):
                break
        else:
            x, y = lon, lat
        row.lat, row.lon = y, x


def place_special_tps(rng: random.Random, rows: list[TpsRow]) -> None:
    for kec_code, kind in SPECIAL_TPS:
        row = next(r for r in rows if r.kecamatan_code == kec_code and not r.special_kind)
        row.special_kind = kind
        # special-location TPS serve voters registered elsewhere (DPTb)
        row.flags["many_additional_voters"] = _draw(rng, 0.8)
        if kind == "relokasi":
            row.flags["disaster_prone"] = 1
            row.flags["logistics_issue"] = _draw(rng, 0.5)


def ensure_all_levels(rows: list[TpsRow]) -> None:
    """Make sure every regency's assessed rows show all three levels (deterministically)."""
    for kabkota in dict.fromkeys(row.kabkota for row in rows):
        assessed = [r for r in rows if r.kabkota == kabkota and r.assessed and not r.special_kind]

        def score(row: TpsRow) -> int:
            return score_of(row.flags)

        present = {r.level for r in assessed}
        if SANGAT_RAWAN not in present:
            rawan = [r for r in assessed if r.level == RAWAN]
            row = max(rawan or assessed, key=score)
            row.flags["violence_history"] = 1
            row.flags["intimidation"] = 1
            row.level = assess(row.flags)
        if RAWAN not in {r.level for r in assessed}:
            row = next(r for r in assessed if r.level == KURANG_RAWAN)
            row.flags["money_politics"] = 1
            row.level = assess(row.flags)
        if KURANG_RAWAN not in {r.level for r in assessed}:
            row = min(assessed, key=score)
            row.flags = dict.fromkeys(INDICATORS, 0)
            row.level = assess(row.flags)


@dataclass(frozen=True, slots=True)
class LeaderSpec:
    regency: str
    name: str
    kind: str
    organisation: str  # may use {wilayah} (Desa/Kelurahan X) or {kecamatan}
    affiliation: str
    notes: str
    kecamatan: str = ""  # pin to this kecamatan code; otherwise drawn


LEADERS: tuple[LeaderSpec, ...] = (
    # Kabupaten Cirebon
    LeaderSpec(
        "32.09",
        "KH. Ahmad Syarifuddin",
        "tokoh_agama",
        "Pondok Pesantren Nurul Falah {wilayah}",
        "Nahdlatul Ulama",
        "Pengasuh pesantren; jamaah pengajian rutin sekitar 300 orang.",
    ),
    LeaderSpec(
        "32.09",
        "H. Warsidi",
        "tokoh_masyarakat",
        "Kelompok Tani Sri Rejeki {wilayah}",
        "netral",
        "Mantan kuwu dua periode; disegani warga.",
    ),
    LeaderSpec(
        "32.09",
        "Ustadzah Hj. Nurhasanah",
        "tokoh_agama",
        "Majelis Taklim Al-Mubarokah {wilayah}",
        "Nahdlatul Ulama",
        "Memimpin pengajian ibu-ibu tiap Jumat.",
    ),
    LeaderSpec(
        "32.09",
        "Rizal Fauzi",
        "tokoh_pemuda",
        "Karang Taruna {wilayah}",
        "netral",
        "Ketua karang taruna; admin grup WhatsApp pemuda desa.",
    ),
    LeaderSpec(
        "32.09",
        "Ki Sarwadi",
        "tokoh_adat",
        "Sanggar Tari Topeng {wilayah}",
        "netral",
        "Budayawan setempat; sering diundang pada acara sedekah bumi.",
    ),
    LeaderSpec(
        "32.09",
        "Pak Casmadi",
        "tokoh_masyarakat",
        "Paguyuban Pedagang Pasar {kecamatan}",
        "netral",
        "Pernah menengahi sengketa hasil pilwu.",
    ),
    # Kota Cirebon
    LeaderSpec(
        "32.74",
        "KH. Mukhlas Hidayat",
        "tokoh_agama",
        "DKM Masjid Al-Ikhlas {wilayah}",
        "Muhammadiyah",
        "Khatib Jumat; didengar para pedagang di sekitar pasar.",
    ),
    LeaderSpec(
        "32.74",
        "Hj. Euis Rohaeti",
        "tokoh_masyarakat",
        "Tim Penggerak PKK {wilayah}",
        "netral",
        "Aktif di posyandu; jaringan ibu-ibu luas.",
    ),
    LeaderSpec(
        "32.74",
        "Dimas Prasetyo",
        "tokoh_pemuda",
        "Forum Pemuda {wilayah}",
        "netral",
        "Pernah mengoordinasi aksi damai; mudah dihubungi.",
    ),
    LeaderSpec(
        "32.74",
        "Pak Tarmidi",
        "tokoh_masyarakat",
        "Paguyuban Tukang Becak {kecamatan}",
        "netral",
        "Ketua paguyuban; tahu kabar yang beredar di jalan.",
    ),
    LeaderSpec(
        "32.74",
        "Pdt. Samuel Wijaya",
        "tokoh_agama",
        "Forum Lintas Iman {kecamatan}",
        "netral",
        "Penggerak dialog antarumat; siap hadir bila ada isu SARA.",
    ),
    # Kabupaten Indramayu
    LeaderSpec(
        "32.12",
        "KH. Abdul Muhyi",
        "tokoh_agama",
        "Pondok Pesantren Darul Hikam {wilayah}",
        "Nahdlatul Ulama",
        "Kiai kampung; sering dimintai pendapat soal pilwu.",
    ),
    LeaderSpec(
        "32.12",
        "H. Rasmadi",
        "tokoh_masyarakat",
        "Himpunan Nelayan {kecamatan}",
        "netral",
        "Tokoh nelayan; berpengaruh di tempat pelelangan ikan.",
        kecamatan="32.12.21",  # Kandanghaur, on the coast
    ),
    LeaderSpec(
        "32.12",
        "Bu Darsini",
        "tokoh_masyarakat",
        "Kelompok Wanita Tani {wilayah}",
        "netral",
        "Dekat dengan keluarga pekerja migran di desa.",
    ),
    LeaderSpec(
        "32.12",
        "Wahyu Hidayat",
        "tokoh_pemuda",
        "Karang Taruna {wilayah}",
        "netral",
        "Menggerakkan ronda malam menjelang pemungutan suara.",
    ),
    LeaderSpec(
        "32.12",
        "Ki Dalang Waryo",
        "tokoh_adat",
        "Paguyuban Seni Wayang Kulit {kecamatan}",
        "netral",
        "Dalang; pertunjukannya ramai saat hajatan desa.",
    ),
    LeaderSpec(
        "32.12",
        "Ustadz Syaiful Anwar",
        "tokoh_agama",
        "Majelis Taklim Nurul Iman {wilayah}",
        "Muhammadiyah",
        "Ceramahnya sering dibagikan di grup WhatsApp warga.",
    ),
    # Kabupaten Kuningan
    LeaderSpec(
        "32.08",
        "KH. Endang Kurnia",
        "tokoh_agama",
        "Pondok Pesantren Al-Falah {wilayah}",
        "Nahdlatul Ulama",
        "Bersedia menjadi penceramah dalam dialog kamtibmas.",
    ),
    LeaderSpec(
        "32.08",
        "Ustadz Asep Saepudin",
        "tokoh_agama",
        "DKM Masjid Jami' {wilayah}",
        "Persis",
        "Imam masjid jami'; jamaahnya banyak dari kalangan muda.",
    ),
    LeaderSpec(
        "32.08",
        "Pak Dadang Sunarya",
        "tokoh_masyarakat",
        "Paguyuban Peternak Sapi Perah {kecamatan}",
        "netral",
        "Mantan kepala desa; dihormati di kalangan peternak.",
    ),
    LeaderSpec(
        "32.08",
        "Ceu Iis Rostika",
        "tokoh_masyarakat",
        "Tim Penggerak PKK {wilayah}",
        "netral",
        "Kader posyandu; cepat menyebarkan informasi ke warga.",
    ),
    LeaderSpec(
        "32.08",
        "Asep Nugraha",
        "tokoh_pemuda",
        "Karang Taruna {wilayah}",
        "netral",
        "Ketua karang taruna; membantu distribusi logistik saat banjir.",
    ),
    LeaderSpec(
        "32.08",
        "Abah Oman Suherman",
        "tokoh_adat",
        "Paguyuban Seni Sunda {kecamatan}",
        "netral",
        "Sesepuh kampung; memimpin syukuran panen.",
        kecamatan="32.08.10",  # Ciawigebang
    ),
    # Kabupaten Pasuruan
    LeaderSpec(
        "35.14",
        "KH. Mas'ud Hasyim",
        "tokoh_agama",
        "Pondok Pesantren Raudlatul Muta'allimin {wilayah}",
        "Nahdlatul Ulama",
        "Pengasuh pesantren; pengaruhnya luas hingga kecamatan sekitar.",
    ),
    LeaderSpec(
        "35.14",
        "Gus Fahmi Ridlo",
        "tokoh_pemuda",
        "Ikatan Alumni Santri {kecamatan}",
        "Nahdlatul Ulama",
        "Putra kiai; banyak diikuti santri muda di media sosial.",
    ),
    LeaderSpec(
        "35.14",
        "H. Slamet Riyadi",
        "tokoh_masyarakat",
        "Paguyuban Pengusaha {kecamatan}",
        "netral",
        "Pengusaha lokal; sering menjadi donatur kegiatan desa.",
    ),
    LeaderSpec(
        "35.14",
        "Pak Sutarjo",
        "tokoh_adat",
        "Paguyuban Adat Tengger {wilayah}",
        "netral",
        "Sesepuh adat; didengar warga dalam urusan desa.",
        kecamatan="35.14.24",
    ),
    LeaderSpec(
        "35.14",
        "Hj. Siti Maimunah",
        "tokoh_agama",
        "Jamaah Yasinan Ibu-Ibu {wilayah}",
        "Nahdlatul Ulama",
        "Memimpin jamaah yasinan tiap Kamis malam.",
    ),
    LeaderSpec(
        "35.14",
        "Mochammad Rizki",
        "tokoh_pemuda",
        "Karang Taruna {wilayah}",
        "netral",
        "Buruh pabrik; berpengaruh di kalangan pekerja muda.",
    ),
    # Kota Makassar
    LeaderSpec(
        "73.71",
        "H. Andi Muh. Arsyad",
        "tokoh_masyarakat",
        "Kerukunan Keluarga {kecamatan}",
        "netral",
        "Dituakan keluarga besar di kelurahan; penengah perselisihan warga.",
    ),
    LeaderSpec(
        "73.71",
        "Daeng Ngalle",
        "tokoh_masyarakat",
        "Paguyuban Pengemudi Bentor {kecamatan}",
        "netral",
        "Ketua paguyuban pengemudi; cepat tahu isu yang beredar.",
    ),
    LeaderSpec(
        "73.71",
        "Ustadz Muhammad Yusran",
        "tokoh_agama",
        "Pengurus Masjid Nurul Huda {wilayah}",
        "Muhammadiyah",
        "Khatib; aktif mengisi kajian remaja masjid.",
    ),
    LeaderSpec(
        "73.71",
        "Pdt. Yohanis Tandi",
        "tokoh_agama",
        "Forum Lintas Iman {kecamatan}",
        "netral",
        "Dekat dengan warga perantau; mendukung dialog antarumat.",
    ),
    LeaderSpec(
        "73.71",
        "H. Abdul Kadir Daeng Tojeng",
        "tokoh_adat",
        "Lembaga Adat {wilayah}",
        "netral",
        "Sesepuh adat; dihormati dalam penyelesaian sengketa antarkampung.",
    ),
    LeaderSpec(
        "73.71",
        "Muh. Fadli Ramadhan",
        "tokoh_pemuda",
        "Ikatan Pemuda {wilayah}",
        "netral",
        "Mahasiswa; koordinator aksi damai, bisa diajak meredam.",
    ),
    LeaderSpec(
        "73.71",
        "Hj. Nurhayati Daeng Caya",
        "tokoh_masyarakat",
        "Majelis Taklim Al-Hidayah {wilayah}",
        "Nahdlatul Ulama",
        "Jaringan majelis taklim ibu-ibu se-kecamatan.",
    ),
)


def wilayah_label(desa_code: str, name: str) -> str:
    """'Kelurahan X' for a kelurahan (4th segment 1xxx), 'Desa X' otherwise."""
    return f"{'Kelurahan' if desa_code.split('.')[3].startswith('1') else 'Desa'} {name}"


def build_leaders(rng: random.Random, rows: Sequence[TpsRow]) -> list[list[str]]:
    phones = rng.sample(range(1000, 10000), len(LEADERS))
    records: list[list[str]] = []
    for spec, phone in zip(LEADERS, phones, strict=True):
        candidates = [
            r
            for r in rows
            if r.desa_code.startswith(spec.regency + ".")
            and (not spec.kecamatan or r.kecamatan_code == spec.kecamatan)
        ]
        kecamatan_codes = sorted({r.kecamatan_code for r in candidates})
        kec_code = rng.choice(kecamatan_codes)
        in_kec = [r for r in candidates if r.kecamatan_code == kec_code]
        desa_by_code = {r.desa_code: r.desa for r in in_kec}
        desa_code = rng.choice(sorted(desa_by_code))
        kecamatan_name = in_kec[0].kecamatan
        if "{wilayah}" in spec.organisation:
            region_code = desa_code
            organisation = spec.organisation.format(
                wilayah=wilayah_label(desa_code, desa_by_code[desa_code])
            )
        else:
            region_code = kec_code
            organisation = spec.organisation.format(kecamatan=kecamatan_name)
        records.append(
            [
                spec.name,
                spec.kind,
                organisation,
                region_code,
                f"0812-0000-{phone:04d}",
                spec.affiliation,
                spec.notes,
            ]
        )
    return records


def write_csv(path: Path, header: Sequence[str], records: Sequence[Sequence[str]]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.getvalue().encode("utf-8"))


def summarise(rows: Sequence[TpsRow]) -> None:
    print(
        f"{'kabkota':<24} {'TPS':>4} " + " ".join(f"{lvl:>13}" for lvl in LEVELS) + "  unassessed"
    )
    for kabkota in dict.fromkeys(row.kabkota for row in rows):
        mine = [r for r in rows if r.kabkota == kabkota]
        counts = Counter(r.level for r in mine if r.assessed)
        print(
            f"{kabkota:<24} {len(mine):>4} "
            + " ".join(f"{counts[lvl]:>13}" for lvl in LEVELS)
            + f"  {sum(1 for r in mine if not r.assessed):>10}"
        )
    assessed = [r for r in rows if r.assessed]
    counts = Counter(r.level for r in assessed)
    shares = ", ".join(f"{lvl} {counts[lvl] / len(assessed):.0%}" for lvl in LEVELS)
    print(f"total {len(rows)} TPS, {len(assessed)} assessed ({shares})")
    computed = Counter(r.level for r in rows if not r.assessed)
    print("unassessed rows by rule: " + ", ".join(f"{lvl} {computed[lvl]}" for lvl in LEVELS))
    print(
        "special TPS: "
        + ", ".join(
            f"{r.desa_code}/{r.tps_number} {r.special_kind}" for r in rows if r.special_kind
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, default=DEFAULT_GAZETTEER)
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args(argv)

    places = load_gazetteer(args.gazetteer)
    check_specs(places)
    for regency_code, specs in DEMO_REGENCIES.items():
        names = ", ".join(places[spec.code].name for spec in specs)
        print(f"{regency_code} {places[regency_code].name}: {names}")

    rng = random.Random(SEED)
    rows = build_roster(rng, places)
    leaders = build_leaders(rng, rows)

    write_csv(args.out_dir / "tps.csv", TPS_HEADER, [row.as_record() for row in rows])
    write_csv(args.out_dir / "leaders.csv", LEADER_HEADER, leaders)
    summarise(rows)
    print(f"{len(leaders)} leaders; wrote {args.out_dir / 'tps.csv'} and leaders.csv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
