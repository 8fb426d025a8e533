"""A crafted world every signal reader is fed: the edge cases where the copies disagreed.

D = 2026-11-20, all times WIB (Kabupaten Cirebon, 32.09). Today's items fall at 09:00-17:00,
so they are in calendar day D, in the digest window of D + 1 and in the overview's last
24 hours at D 18:00.

- K1 = 32.09.18 (Plumbon), quiet: one flagged item a week before (D-7, D-14, D-21, D-28);
  on D six signalled items: (a) two flagged hoaks in one desa, (b) one flagged hoaks *and*
  provokasi, (c) one only a claim match signals (the model does not flag it), (d) one
  flagged provokasi tagged with two desa, (e) one fact-check wording (``is_debunk``) from a
  news source flagged provokasi ("tidak benar ..., ayo kepung kantor KPU"); plus noise
  (unflagged, unmatched) and the debunk itself (a fact-check, never a signal).
- K2 = 32.09.21 (Gunung Jati), steady: two flagged hoaks a day on D-28 .. D-1, four on D.
- One flagged hoaks tagged with the kabupaten only (32.09): it counts at kab/kota level.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from sejuk.db.models import ClaimMatch, Item, ItemRegion, ModelVersion, Prediction, Source
from sejuk.signals.rollup import rebuild_rollup
from sejuk.timeutil import WIB
from sejuk.workspace import Workspace

D = date(2026, 11, 20)
KAB = "32.09"
K1 = "32.09.18"
K1_DESA = "32.09.18.2012"
K1_DESA2 = "32.09.18.2001"
K2 = "32.09.21"
K2_DESA = "32.09.21.2003"
LABELS = ("hoaks", "provokasi")

#: What every reader must count on D (distinct signalled items).
EXPECTED = {K1: 6, K2: 4, KAB: 11}
#: Per label on D in the whole kabupaten: a 2 + b + c + K2 4 + the kab item; b + d + e.
EXPECTED_LABELS = {"hoaks": 9, "provokasi": 3}


@dataclass
class AgreementWorld:
    version_id: int
    day: date = D
    #: item ids by their letter in the module docstring (a1, a2, b, c, d, e, ...).
    ids: dict[str, int] = field(default_factory=dict)


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=WIB).astimezone(UTC)


class _Writer:
    def __init__(self, session: Session, version: ModelVersion) -> None:
        self.session, self.version, self.n = session, version, 0

    def item(self, source: Source, published: datetime, regions: tuple[str, ...],
             flags: tuple[str, ...] = (), *, is_debunk: bool = False) -> int:
        self.n += 1
        digest = hashlib.sha256(f"agreement-{self.n}".encode()).hexdigest()
        item = Item(url=f"https://agreement.sejuk.example/{self.n}",
                    link=f"https://agreement.sejuk.example/{self.n}", source_id=source.id,
                    title=f"Kabar {self.n}", text=f"Isi kabar nomor {self.n}",
                    published_at=published, content_hash=digest, is_debunk=is_debunk)
        self.session.add(item)
        self.session.flush()
        for code in regions:
            level = {5: "kabkota", 8: "kecamatan", 13: "desa"}[len(code)]
            self.session.add(ItemRegion(item_id=item.id, region_code=code, level=level))
        for label in LABELS:  # the version scores every label; it flags some
            flagged = label in flags
            self.session.add(Prediction(item_id=item.id, model_version_id=self.version.id,
                                        label=label, probability=0.9 if flagged else 0.2,
                                        flagged=flagged, reasons=["kata"]))
        self.session.flush()
        return item.id


def build_agreement_world(workspace: Workspace) -> AgreementWorld:
    with workspace.session() as session:
        version = ModelVersion(path="test", sha256="0" * 64, labels=list(LABELS),
                               status="active", trained_at=at(D - timedelta(days=40), 9))
        news = Source(name="Kabar Cirebon", url="https://news.sejuk.example/rss",
                      kind="news", region_code=KAB)
        factcheck = Source(name="Cek Fakta", url="https://cek.sejuk.example/rss",
                           kind="factcheck")
        session.add_all([version, news, factcheck])
        session.flush()
        w = _Writer(session, version)
        world = AgreementWorld(version.id)
        for weeks in (1, 2, 3, 4):
            w.item(news, at(D - timedelta(days=7 * weeks), 10), (K1_DESA,), ("hoaks",))
        for days in range(1, 29):
            for hour in (10, 11):
                w.item(news, at(D - timedelta(days=days), hour), (K2_DESA,), ("hoaks",))
        ids = world.ids
        ids["a1"] = w.item(news, at(D, 9), (K1_DESA,), ("hoaks",))
        ids["a2"] = w.item(news, at(D, 10), (K1_DESA,), ("hoaks",))
        ids["b"] = w.item(news, at(D, 11), (K1,), ("hoaks", "provokasi"))
        ids["c"] = w.item(news, at(D, 12), (K1_DESA,))
        ids["d"] = w.item(news, at(D, 13), (K1_DESA, K1_DESA2), ("provokasi",))
        ids["e"] = w.item(news, at(D, 14), (K1,), ("provokasi",), is_debunk=True)
        ids["noise"] = w.item(news, at(D, 15), (K1_DESA,))
        ids["debunk"] = w.item(factcheck, at(D, 8), (K1,), is_debunk=True)
        session.add(ClaimMatch(item_id=ids["c"], debunk_item_id=ids["debunk"],
                               similarity=0.8))
        for hour in (9, 10, 11, 12):
            ids[f"k2_{hour}"] = w.item(news, at(D, hour), (K2_DESA,), ("hoaks",))
        ids["kab"] = w.item(news, at(D, 16), (KAB,), ("hoaks",))
        session.flush()
        rebuild_rollup(session, version.id)
        return world
