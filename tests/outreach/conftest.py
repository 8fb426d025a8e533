"""A small, hand-made world for outreach tests: two kecamatan of Kabupaten Cirebon.

- Plumbon (32.09.18): Sangat Rawan TPS in Desa Kebarepan and a narrative ("surat suara
  sudah dicoblos") rising over the last two days, with a fact-check debunking it.
- Gunung Jati (32.09.21): Kurang Rawan TPS only and one old flagged item: the calm one.

Everything is written for these tests (no seed text); the day is fixed so the windows
are exact.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session

from sejuk.access.auth import Principal
from sejuk.db.models import (
    Item,
    ItemRegion,
    Leader,
    ModelVersion,
    Narrative,
    Prediction,
    Source,
    Tps,
)
from sejuk.timeutil import WIB
from sejuk.workspace import Workspace

DAY = date(2026, 11, 20)
HOT = "32.09.18"
HOT_DESA = "32.09.18.2012"
OTHER_DESA = "32.09.18.2001"
CALM = "32.09.21"
CALM_DESA = "32.09.21.2003"

ADMIN = Principal("admin1", "admin")
ANALYST = Principal("analis1", "analyst")
VIEWER = Principal("pemirsa1", "viewer")


@dataclass
class World:
    workspace: Workspace
    day: date
    leaders: dict[str, int]
    narrative_id: int
    debunk_id: int


def at_local(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=WIB).astimezone(UTC)


def add_item(session: Session, version: ModelVersion, source: Source, *, title: str,
             text: str, region: str, published: datetime, label: str = "hoaks",
             flagged: bool = True, narrative_id: int | None = None,
             is_debunk: bool = False, link: str | None = None) -> Item:
    digest = hashlib.sha256(f"{title}|{text}|{published}|{region}".encode()).hexdigest()
    item = Item(url=f"https://test.sejuk.example/{digest[:16]}", link=link,
                source_id=source.id, title=title, text=text, published_at=published,
                content_hash=digest, is_debunk=is_debunk, narrative_id=narrative_id)
    session.add(item)
    session.flush()
    level = "desa" if region.count(".") == 3 else "kecamatan"
    session.add(ItemRegion(item_id=item.id, region_code=region, level=level))
    if not is_debunk:
        session.add(Prediction(item_id=item.id, model_version_id=version.id, label=label,
                               probability=0.9 if flagged else 0.1, flagged=flagged))
    session.flush()
    return item


def build_world(workspace: Workspace, day: date = DAY) -> World:
    with workspace.session() as session:
        version = ModelVersion(path="test", sha256="0" * 64, labels=["hoaks", "provokasi"],
                               status="active")
        news = Source(name="Warta Uji", url="https://test.sejuk.example/rss", kind="news")
        checks = Source(name="Cek Uji", url="https://test.sejuk.example/cek", kind="factcheck")
        session.add_all([version, news, checks])
        session.flush()
        for number, level in ((1, 3), (2, 3), (3, 2)):
            session.add(Tps(region_code=HOT_DESA, number=number, level=level,
                            computed_level=level, voters=250))
        for number in (1, 2, 3):
            session.add(Tps(region_code=CALM_DESA, number=number, level=1, computed_level=1,
                            voters=250))
        debunk = add_item(session, version, checks,
                          title="[HOAKS] Surat suara Plumbon sudah dicoblos",
                          text="Faktanya surat suara masih tersegel di gudang logistik.",
                          region=HOT, published=at_local(day - timedelta(days=1), 8),
                          is_debunk=True, link="https://test.sejuk.example/cek/1")
        narrative = Narrative(title="Surat suara sudah dicoblos", first_seen=at_local(day),
                              last_seen=at_local(day), size=5, debunk_item_id=debunk.id)
        session.add(narrative)
        session.flush()
        for offset, hour in ((0, 9), (0, 11), (0, 13), (1, 9), (1, 15)):
            add_item(session, version, news,
                     title=f"Surat suara sudah dicoblos paslon 2 di Kebarepan ({offset}-{hour})",
                     text="Kabar berantai: surat suara sudah dicoblos. <script>alert(1)</script>",
                     region=HOT_DESA, published=at_local(day - timedelta(days=offset), hour),
                     narrative_id=narrative.id)
        add_item(session, version, news, title="Ajakan kumpul di kantor camat Gunung Jati",
                 text="Besok kumpul bawa massa", region=CALM_DESA, label="provokasi",
                 published=at_local(day - timedelta(days=10)))
        add_item(session, version, news, title="Jadwal rapat pleno PPK Gunung Jati",
                 text="Rapat pleno terbuka untuk umum", region=CALM_DESA, flagged=False,
                 published=at_local(day - timedelta(days=1)))
        leaders = {
            "agama_desa": Leader(name="Kyai Uji Satu", kind="tokoh_agama", region_code=HOT_DESA,
                                 phone="0812-1111-0001", organisation="Pesantren Uji"),
            "agama_desa2": Leader(name="Ustaz Uji Dua", kind="tokoh_agama",
                                  region_code=HOT_DESA, phone="0812-1111-0002"),
            "pemuda_desa": Leader(name="Pemuda Uji Tiga", kind="tokoh_pemuda",
                                  region_code=HOT_DESA, phone="0812-1111-0003"),
            "masyarakat_kec": Leader(name="Tokoh Uji Empat", kind="tokoh_masyarakat",
                                     region_code=HOT, phone="0812-1111-0004"),
            "adat_other": Leader(name="Sesepuh Uji Lima", kind="tokoh_adat",
                                 region_code=OTHER_DESA, phone="0812-1111-0005"),
            "calm": Leader(name="Tokoh Uji Enam", kind="tokoh_masyarakat",
                           region_code=CALM_DESA, phone="0812-1111-0006"),
        }
        session.add_all(leaders.values())
        session.flush()
        ids = {key: leader.id for key, leader in leaders.items()}
        return World(workspace, day, ids, narrative.id, debunk.id)


@pytest.fixture
def world(workspace: Workspace) -> World:
    return build_world(workspace)
