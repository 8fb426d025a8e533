"""Per-item generation state of the demo: dates, the seeded RNG and the slot values.

Why this exists: every template of ``sejuk/demo/data`` names its variable parts as
``{slots}`` (``{kec}``, ``{kpu}``, ``{hari_h}`` ...). :meth:`Ctx.slots` draws one value
for each from the region and the day, always in the same order from the same seeded RNG,
so the demo is the same for the same ``(today, base_url, seed)``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sejuk.demo.material import MATERIAL as M
from sejuk.demo.material import Region

__all__ = ["HARI_H_OFFSET", "REGION_BY_CODE", "WINDOW_DAYS", "Ctx", "Draft", "allowed_kec",
           "fill", "short_date"]

#: Days covered by the demo, ending with (and including) ``today``.
WINDOW_DAYS = 28
#: The polling day is placed this many days after ``today``.
HARI_H_OFFSET = 6

REGION_BY_CODE: dict[str, Region] = {r.code: r for r in M.regions}


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _long_date(d: date) -> str:
    return f"{M.days[d.weekday()]}, {d.day} {M.months[d.month - 1]} {d.year}"


def short_date(d: date) -> str:
    return f"{d.day} {M.months[d.month - 1]}"


def _news_date(d: date) -> str:
    return f"{M.days[d.weekday()]} ({d.day}/{d.month}/{d.year})"


@dataclass
class Draft:
    """One item before its time, guid and link are set (see ``content._finalise``)."""

    source_key: str
    days_ago: int
    title: str
    text: str
    truth: frozenset[str]
    author: str | None = None
    narrative: str | None = None
    hour: int | None = None
    minute: int | None = None


class Ctx:
    """Per-call generation state: the dates, the RNG and the base URL."""

    def __init__(self, today: date, base_url: str, seed: int) -> None:
        self.today = today
        self.base = base_url.rstrip("/")
        self.rng = random.Random(f"sejuk-demo:{seed}:{today.isoformat()}")
        self.hari_h = today + timedelta(days=HARI_H_OFFSET)
        self.mundur = self.hari_h + timedelta(days=7)
        self.masa_tenang = self.hari_h - timedelta(days=3)

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def slots(
        self,
        region: Region,
        days_ago: int,
        kec: str | None = None,
        no: int | None = None,
    ) -> dict[str, str]:
        """All slot values a template may use, drawn for one item."""
        rng = self.rng
        kecs = region.kec_names()
        kec = kec if kec is not None else rng.choice(kecs)
        kec2 = rng.choice([k for k in kecs if k != kec])
        desa = rng.choice(region.desa_of(kec))
        n_cand = len(region.candidates)
        no = no if no is not None else rng.randint(1, n_cand)
        no2 = rng.choice([n for n in range(1, n_cand + 1) if n != no])
        cand = region.candidates[no - 1]
        tps = rng.randint(1, 28)
        tps2 = tps + rng.randint(1, 3)
        vh = region.village_head
        return {
            "base": self.base,
            "kab": region.name,
            "short": region.short,
            "kpu": f"KPU {region.name}",
            "bawaslu": f"Bawaslu {region.name}",
            "polres": region.polres,
            "race": region.race,
            "head": region.head,
            "gov_race": region.gov_race,
            "tag": region.tag,
            "kec": kec,
            "kec2": kec2,
            "desa": desa,
            "dw": region.desa_word(desa),
            "balai": "balai desa" if region.desa_word(desa) == "Desa" else "kantor kelurahan",
            "perangkat": ("perangkat desa" if region.desa_word(desa) == "Desa"
                          else "perangkat kelurahan"),
            "vh": vh,
            "vh_title": vh[0].upper() + vh[1:],
            "tps": f"{tps:02d}",
            "tps2": f"{tps2:02d}",
            "no": str(no),
            "no2": str(no2),
            "cand": cand,
            "calon": cand.split("–")[0],
            "tokoh": rng.choice(M.tokoh[M.tokoh_group[region.code]]),
            "hari_ini": _news_date(self.day(days_ago)),
            "kemarin": _news_date(self.day(days_ago + 1)),
            "hari_h": _long_date(self.hari_h),
            "hari_h_short": short_date(self.hari_h),
            "mundur_short": short_date(self.mundur),
            "masa_tenang": _long_date(self.masa_tenang),
            "n_tps": region.n_tps,
            "n_dpt": region.n_dpt,
            "n_kotak": _thousands(rng.randrange(180, 900, 10)),
            "n_pekerja": str(rng.randrange(120, 420, 10)),
            "n_rusak": _thousands(rng.randrange(300, 4800, 7)),
            "n_kurang": _thousands(rng.randrange(150, 2400, 5)),
            "n_hari": str(rng.randint(3, 5)),
            "n_apk": str(rng.randint(40, 260)),
            "n_rawan": _thousands(rng.randint(90, 640)),
            "n_personel": _thousands(rng.randrange(350, 1800, 25)),
            "n_siluman": _thousands(rng.randrange(2100, 9800, 100)),
            "n_tka": str(rng.randrange(150, 700, 50)),
            "n_suara": str(rng.randint(180, 290)),
            "pct": str(rng.randint(61, 78)),
            "no_surat": f"{rng.randint(1400, 2999)}/PL.02.1-SD/{rng.randint(10, 99)}/2024",
            "newplace": rng.choice(M.new_places),
        }


def fill(template: str, slots: Mapping[str, str]) -> str:
    """A template with its ``{slot}`` names replaced by this item's values."""
    return template.format_map(slots)


def allowed_kec(where: tuple[str, ...], region: Region) -> tuple[str, ...]:
    """Kecamatan of ``region`` a template may use (empty: not for this region)."""
    if not where:
        return region.kec_names()
    out: list[str] = []
    for w in where:
        code, _, kec = w.partition(":")
        if code == region.code:
            out.extend([kec] if kec else region.kec_names())
    return tuple(dict.fromkeys(out))

