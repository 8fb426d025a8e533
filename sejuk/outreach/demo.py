"""Fictional past and planned dialogues for the demo workspace, made with the library.

Written for Sejuk (places are real kecamatan names, people are the demo's fictional
leaders). Dates are relative to the demo day so the log, the effect view and the overdue
follow-up (there is always exactly one) look the same whenever the demo is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.access.auth import Principal
from sejuk.db.models import Leader, Outreach
from sejuk.outreach.plan import (
    add_follow_up,
    cancel_dialogue,
    complete_follow_up,
    record_outcome,
    schedule_dialogue,
)
from sejuk.timeutil import as_utc, zone_for_region


@dataclass(frozen=True)
class _Dialogue:
    region: str
    days_from_today: int
    place: str
    participants: tuple[str, ...]
    topics: tuple[str, ...]
    status: str
    outcome: str = ""
    commitments: str = ""
    # (description, owner, due in days from today, done)
    follow_ups: tuple[tuple[str, str, int, bool], ...] = ()


_DIALOGUES = (
    _Dialogue(
        "32.12.13", -12, "Aula Kantor Kecamatan Jatibarang",
        ("Kapolsek Jatibarang", "Camat Jatibarang", "Danramil Jatibarang", "Panwascam"),
        ("Isu surat suara tercoblos", "Ajakan menjaga TPS tanpa pengerahan massa"),
        "held",
        "Tokoh agama dan tokoh masyarakat sepakat menyampaikan imbauan sejuk di pengajian "
        "dan rapat RT; warga diminta melapor ke Bhabinkamtibmas bila menerima pesan berantai.",
        "Imbauan di tiga masjid pada Jumat berikutnya; grup warga dipantau bersama.",
        (("Menyampaikan imbauan sejuk di khotbah Jumat", "Ustadz Syaiful Anwar / Bhabin", -4,
          False),
         ("Membagikan nomor pengaduan Polsek ke grup warga desa", "Bhabinkamtibmas Sukalila",
          -8, True)),
    ),
    _Dialogue(
        "32.09.18", -6, "Balai Desa Kebarepan",
        ("Kapolsek Plumbon", "Camat Plumbon", "Kuwu Kebarepan"),
        ("Netralitas perangkat desa", "Kabar pergeseran logistik"),
        "held",
        "Dialog berjalan tertib; kelompok tani bersedia meluruskan kabar soal logistik.",
        "Kunjungan ulang setelah pergeseran logistik ke PPK.",
        (("Kunjungan ulang ke kelompok tani setelah pergeseran logistik",
          "Kanit Binmas Polsek Plumbon", 5, False),),
    ),
    _Dialogue(
        "32.74.05", 2, "Gedung Serbaguna Kelurahan Karyamulya",
        ("Kapolsek Kesambi", "Camat Kesambi", "PPK Kesambi"),
        ("Kabar TPS dipindah", "Cara mengecek daftar pemilih"),
        "planned",
    ),
    _Dialogue(
        "73.71.14", -6, "Masjid Raya Kecamatan (rencana)",
        ("Kapolsek", "Camat"),
        ("Ajakan turun ke jalan",),
        "cancelled",
        "Ditunda: bentrok jadwal dengan rapat koordinasi lintas sektoral Polrestabes.",
    ),
)


def seed_demo_dialogues(session: Session, today: date, *, actor: str = "demo") -> int:
    """Add the demo dialogues once (nothing when any dialogue exists); returns how many."""
    if session.scalar(select(func.count()).select_from(Outreach)):
        return 0
    principal = Principal(actor, "admin")
    count = 0
    for spec in _DIALOGUES:
        leaders = list(session.scalars(
            select(Leader.id).where(Leader.active.is_(True),
                                    Leader.region_code.startswith(spec.region + "."))
            .order_by(Leader.id)))
        day = today + timedelta(days=spec.days_from_today)
        at = as_utc(datetime.combine(day, time(9, 0)), zone_for_region(spec.region))
        outreach_id = schedule_dialogue(
            session, principal, region_code=spec.region, scheduled_at=at, place=spec.place,
            participants=spec.participants, leader_ids=leaders, topics=spec.topics)
        if spec.status == "held":
            record_outcome(session, principal, outreach_id, outcome=spec.outcome,
                           commitments=spec.commitments, attended=leaders, today=today)
        elif spec.status == "cancelled":
            cancel_dialogue(session, principal, outreach_id, reason=spec.outcome)
        for description, owner, due_in, done in spec.follow_ups:
            fid = add_follow_up(session, principal, outreach_id, description=description,
                                owner=owner, due_date=today + timedelta(days=due_in))
            if done:
                complete_follow_up(session, principal, fid, note="demo")
        count += 1
    return count
