"""Recognising debunks, so that a fact-check is never flagged as the hoax it refutes.

Debunks look like their hoaxes (they restate the claim), so the model alone confuses them.
A text is a debunk when it comes from a fact-check source, carries a fact-checker's
verdict tag (``[HOAKS]``, ``[SALAH]`` ...), or denies a claim in the voice of an authority
or a fact-checker ("KPU membantah ...", "informasi tersebut tidak benar"). A post that
insists it is "bukan hoaks" is the opposite of a debunk and is not matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERDICT_TAG = re.compile(
    r"\[\s*(hoaks|hoax|salah|disinformasi|misinformasi|keliru|menyesatkan|misleading|"
    r"konten\s+palsu|konten\s+yang\s+menyesatkan|fakta|klarifikasi|penjelasan|cek\s*fakta|"
    r"false|partly\s+false|satire)\s*\]",
    re.IGNORECASE,
)
DENIAL = re.compile(
    r"\b(klarifikasi|mengklarifikasi|membantah|dibantah|bantahan|menepis|meluruskan|"
    r"tidak\s+benar|tidak\s+sesuai\s+fakta|dipastikan\s+hoaks|adalah\s+hoaks|merupakan\s+hoaks|"
    r"dinyatakan\s+hoaks|cek\s+fakta|faktanya|hoaks\s+yang\s+beredar|jangan\s+mudah\s+percaya|"
    r"informasi\s+(tersebut|itu)\s+(tidak\s+benar|hoaks|keliru|salah))\b",
    re.IGNORECASE,
)
AUTHORITY = re.compile(
    r"\b(kpu|kpud|bawaslu|polri|polda|polres|polresta|polsek|kapolres|kapolresta|kapolda|"
    r"kominfo|komdigi|pemkab|pemkot|bupati|wali\s*kota|gubernur|mafindo|turnbackhoax|"
    r"cekfakta|cek\s+fakta|pihak\s+kepolisian|humas|kasi\s+humas|kabid\s+humas|panwas|ppk|pps)\b",
    re.IGNORECASE,
)
#: Words before a denial word that say the denial has not come: "sebelum ada
#: klarifikasi", "Bawaslu belum memberikan klarifikasi", "warga minta klarifikasi KPU".
AWAITED = re.compile(
    r"\b(?:belum|sebelum|tanpa|menunggu|tunggu|minta|meminta|dimintai|menuntut|tuntut|"
    r"mendesak|desak|perlu|butuh|membutuhkan|tidak\s+ada|tak\s+ada)"
    r"(?:\s+(?:ada|adanya|memberikan|memberi|memberikannya|mendapat|mendapatkan|"
    r"menyampaikan|sebuah|ada\s+pihak\s+yang))?\s+$", re.IGNORECASE)
SELF_DECLARED_TRUE = re.compile(r"\b(bukan\s+hoa(ks|x)|ini\s+fakta|asli\s+bukan)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DebunkVerdict:
    is_debunk: bool
    reason: str = ""


def debunk_verdict(title: str, text: str, source_kind: str | None = None) -> DebunkVerdict:
    """Whether a text refutes a claim, and the words that show it."""
    if source_kind == "factcheck":
        return DebunkVerdict(True, "sumber cek fakta")
    match = VERDICT_TAG.search(title) or VERDICT_TAG.search(text[:300])
    if match:
        return DebunkVerdict(True, f"label verifikasi {match.group(0)}")
    body = f"{title}\n{text[:3000]}"
    if SELF_DECLARED_TRUE.search(body):
        return DebunkVerdict(False)
    denial = next((m for m in DENIAL.finditer(body)
                   if not AWAITED.search(body[max(0, m.start() - 40):m.start()])), None)
    if denial and AUTHORITY.search(body):
        return DebunkVerdict(True, f"bantahan: “{denial.group(0)}”")
    return DebunkVerdict(False)


def looks_like_debunk(title: str, text: str, source_kind: str | None = None) -> bool:
    return debunk_verdict(title, text, source_kind).is_debunk
