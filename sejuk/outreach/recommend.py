"""Which kecamatan to visit, which leaders to invite, what to talk about: pure rules.

Everything here works on plain dataclasses (gathered from the database by
:mod:`sejuk.outreach.gather`), is deterministic (every sort has a full tie-break) and
explains itself: each area, leader and topic carries the reasons it was chosen, in the
words an officer would use when briefing the Kapolsek.

Rules, in order of weight:

- **Areas** come ranked by the priority engine (TPS vulnerability plus rising signals,
  :func:`sejuk.priorities.compute_priorities`).
- **Leaders**: those not met in the last :data:`RECENT_DAYS` days and not already invited
  to a planned dialogue before the others (reaching new people cools more than meeting the
  same ones again, and an invitation already sent needs no second one); then
  nearness (a leader in a desa where the signals or the Sangat Rawan TPS are; then those
  registered for the whole kecamatan; then other desa of the kecamatan); then never met
  before met long ago; then a mix of kinds (one of each kind before a second of any);
  then the longest since the last dialogue, then name.
- **Topics**: the area's narratives by recent volume and rise; each with its debunk, or,
  when no fact-check exists, the facts to counter it chosen by the claim's subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sejuk.outreach.leaders import LEADER_KINDS, LEADER_KINDS_EN
from sejuk.phrases import Phrases, say
from sejuk.signals import within

#: How long after a dialogue a leader counts as "recently met".
RECENT_DAYS = 30
#: Leaders suggested per area and topics per area.
LEADERS_PER_AREA = 5
TOPICS_PER_AREA = 3


# ---- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaRank:
    """One area in priority order, with the parts of its score and the reasons."""

    code: str
    name: str
    score: float
    components: Mapping[str, float]
    reasons: tuple[str, ...]
    focus_desa: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeaderCandidate:
    id: int
    name: str
    kind: str
    organisation: str
    region_code: str
    region_name: str
    last_met: date | None = None
    #: the local date of a planned (not yet held) dialogue this leader is invited to
    invited_for: date | None = None


@dataclass(frozen=True)
class DebunkRef:
    """A fact-check that refutes a narrative's claim."""

    item_id: int
    title: str
    summary: str
    link: str | None
    source: str
    similarity: float | None = None


@dataclass(frozen=True)
class NarrativeSignal:
    """One narrative (or, before clustering runs, one flagged item) seen in an area."""

    key: str
    title: str
    recent: int
    before: int
    labels: tuple[str, ...] = ()
    debunk: DebunkRef | None = None
    sample: str = ""

    @property
    def rising(self) -> bool:
        return self.recent > self.before


# ---- outputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaderSuggestion:
    leader: LeaderCandidate
    reasons: tuple[str, ...]
    recently_met: bool
    #: already on the list of a planned dialogue: listed, not invited again by default
    invited: bool = False

    @property
    def engaged(self) -> bool:
        """Met recently or already invited: someone else reaches more people first."""
        return self.recently_met or self.invited


@dataclass(frozen=True)
class TalkingPoint:
    narrative_key: str
    claim: str
    why: tuple[str, ...]
    debunk: DebunkRef | None
    counter_facts: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    rank: int
    area: AreaRank
    leaders: tuple[LeaderSuggestion, ...]
    talking_points: tuple[TalkingPoint, ...]
    notes: tuple[str, ...] = ()


# ---- areas ----------------------------------------------------------------------------------


def rank_areas(areas: Iterable[AreaRank], limit: int | None = None) -> list[AreaRank]:
    """Highest score first; ties by code so the order never depends on input order.
    Areas with no score at all (nothing known about them) are dropped."""
    ranked = sorted((a for a in areas if a.score > 0), key=lambda a: (-a.score, a.code))
    return ranked[:limit] if limit is not None else ranked


# ---- leaders --------------------------------------------------------------------------------


def _nearness(leader: LeaderCandidate, area_code: str, focus: Sequence[str]) -> int:
    """0: in a focus desa; 1: registered for the kecamatan itself; 2: another desa."""
    if leader.region_code in focus:
        return 0
    if leader.region_code == area_code:
        return 1
    return 2


def _engagement(leader: LeaderCandidate, day: date, recent_days: int) -> tuple[int, int]:
    """(bucket, -days since) : never met, then met long ago (longest first), then recent."""
    if leader.last_met is None:
        return 0, 0
    since = (day - leader.last_met).days
    return (1 if since > recent_days else 2), -since


def suggest_leaders(leaders: Iterable[LeaderCandidate], area_code: str, focus: Sequence[str],
                    day: date, *, limit: int = LEADERS_PER_AREA,
                    recent_days: int = RECENT_DAYS, lang: str = "id"
                    ) -> list[LeaderSuggestion]:
    """Up to ``limit`` leaders of the kecamatan ``area_code``, best first, with reasons.

    Leaders outside the kecamatan are ignored. The kind mix is enforced greedily: among
    equally near and equally (un)engaged leaders, a kind not yet chosen goes first.
    Recently met leaders are still listed (last), marked, so a small registry still
    yields a list.
    """
    pool = [lead for lead in leaders if within(lead.region_code, area_code)]

    def base_key(lead: LeaderCandidate) -> tuple[int, int, int, int]:
        bucket, days = _engagement(lead, day, recent_days)
        engaged = bucket == 2 or lead.invited_for is not None
        return (int(engaged), _nearness(lead, area_code, focus), bucket, days)

    chosen: list[LeaderSuggestion] = []
    kinds: dict[str, int] = {}
    remaining = list(pool)
    while remaining and len(chosen) < limit:
        best = min(remaining, key=lambda lead: (base_key(lead)[:3], kinds.get(lead.kind, 0),
                                                base_key(lead)[3], lead.name, lead.id))
        remaining.remove(best)
        adds_kind = bool(kinds) and best.kind not in kinds
        kinds[best.kind] = kinds.get(best.kind, 0) + 1
        chosen.append(LeaderSuggestion(
            best, _leader_reasons(best, area_code, focus, day, recent_days, adds_kind, lang),
            _engagement(best, day, recent_days)[0] == 2, best.invited_for is not None))
    return chosen


#: The plan's own words, Indonesian (the printed plan, the CLI) or English (the dashboard in
#: English). Counter facts stay Indonesian: they are what an officer says to leaders.
_WORDS: Phrases = {
    "near": {"id": "berdomisili/berperan di {place}, desa dengan sinyal atau TPS rawan",
             "en": "lives or works in {place}, a desa with signals or vulnerable TPS"},
    "kecamatan": {"id": "tokoh tingkat kecamatan ({place})",
                  "en": "kecamatan-level leader ({place})"},
    "same": {"id": "tokoh di {place}, dalam kecamatan yang sama",
             "en": "leader in {place}, in the same kecamatan"},
    "never": {"id": "belum pernah diajak dialog", "en": "never invited to a dialogue"},
    "invited": {"id": "sudah diundang ke dialog yang direncanakan {when}; belum terlaksana",
                "en": "already invited to the dialogue planned for {when}; not held yet"},
    "invited_past": {"id": "sudah diundang ke dialog yang direncanakan {when}; hasilnya belum "
                           "dicatat",
                     "en": "invited to the dialogue planned for {when}; its outcome is not "
                           "recorded yet"},
    "last": {"id": "dialog terakhir {since} hari lalu ({met})",
             "en": "last dialogue {since:|day|days} ago ({met})"},
    "recent": {"id": "baru ditemui {since} hari lalu ({met}); pertimbangkan tokoh lain dulu",
               "en": "met {since:|day|days} ago ({met}); consider other leaders first"},
    "recent_today": {"id": "baru ditemui hari ini; pertimbangkan tokoh lain dulu",
                     "en": "met today; consider other leaders first"},
    "kind": {"id": "melengkapi jenis tokoh: {kind}", "en": "adds a kind of leader: {kind}"},
    "volume": {"id": "{n} item di wilayah ini dalam periode terakhir",
               "en": "items in this area in the latest period: {n}"},
    "rising": {"id": "naik dari {n} pada periode sebelumnya",
               "en": "up from {n} in the period before"},
    "flagged": {"id": "ditandai: {labels}", "en": "flagged: {labels}"},
    "debunked": {"id": "sudah dibantah oleh {source}", "en": "already debunked by {source}"},
    "undebunked": {"id": "belum ada bantahan: gunakan fakta pembanding",
                   "en": "no debunk yet: use the counter facts"},
    "no_leaders": {"id": "Belum ada tokoh terdaftar di kecamatan ini: tambahkan di registri "
                         "tokoh atau minta Bhabinkamtibmas mengusulkan.",
                   "en": "No leaders registered in this kecamatan: add them to the leader "
                         "registry or ask the Bhabinkamtibmas to propose some."},
    "all_recent": {"id": "Semua tokoh yang tersedia baru saja ditemui atau sudah diundang "
                         "ke dialog yang direncanakan: pertimbangkan menambah tokoh baru.",
                   "en": "Every available leader was met recently or is already invited to "
                         "a planned dialogue: consider adding new leaders."},
    "no_narratives": {"id": "Belum ada narasi yang terpantau di wilayah ini: dialog bersifat "
                            "pencegahan (kerawanan TPS).",
                      "en": "No narratives seen in this area yet: the dialogue is "
                            "preventive (TPS vulnerability)."},
}


def _say(key: str, lang: str, **values: object) -> str:
    return say(_WORDS, key, lang, **values)


def _leader_reasons(lead: LeaderCandidate, area_code: str, focus: Sequence[str], day: date,
                    recent_days: int, adds_kind: bool, lang: str = "id") -> tuple[str, ...]:
    nearness = _nearness(lead, area_code, focus)
    reasons = [_say(("near", "kecamatan", "same")[min(nearness, 2)], lang,
                    place=lead.region_name)]
    if lead.invited_for is not None:  # a past one: held or not, the log does not say yet
        reasons.append(_say("invited" if lead.invited_for >= day else "invited_past", lang,
                            when=f"{lead.invited_for:%d/%m/%Y}"))
    if lead.last_met is None:
        if lead.invited_for is None:
            reasons.append(_say("never", lang))
    else:
        since = (day - lead.last_met).days
        key = "last" if since > recent_days else "recent" if since else "recent_today"
        reasons.append(_say(key, lang, since=since, met=f"{lead.last_met:%d/%m/%Y}"))
    if adds_kind:
        kinds = LEADER_KINDS_EN if lang == "en" else LEADER_KINDS
        reasons.append(_say("kind", lang, kind=kinds.get(lead.kind, lead.kind)))
    return tuple(reasons)


# ---- talking points -------------------------------------------------------------------------

#: Subject keywords -> facts an officer can state when no fact-check exists yet. Written
#: for Sejuk as general procedure, to be checked against the current rules of KPU/Bawaslu.
COUNTER_FACTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("surat suara", "tercoblos", "kotak suara", "coblos"),
     "Surat suara dibuka, dihitung dan dicocokkan di TPS di depan saksi, pengawas TPS dan "
     "warga; selisih atau kerusakan dicatat dalam berita acara, bukan disembunyikan."),
    (("hasil", "quick count", "perolehan", "menang", "kalah", "rekap"),
     "Hasil resmi hanya diumumkan KPU melalui rekapitulasi berjenjang; angka yang beredar "
     "lebih dulu bukan hasil resmi. Salinan hasil tiap TPS dapat dicek terbuka."),
    (("dpt", "daftar pemilih", "ktp", "pemilih siluman", "data pemilih"),
     "Warga dapat mengecek sendiri namanya di daftar pemilih melalui layanan KPU atau PPS "
     "desa; keberatan diajukan ke PPS atau Bawaslu, bukan lewat grup percakapan."),
    (("uang", "amplop", "sembako", "serangan fajar", "bagi-bagi"),
     "Memberi atau menerima uang/barang agar memilih calon tertentu adalah pidana pemilu; "
     "laporkan ke Panwascam/Bawaslu atau Polsek dengan bukti."),
    (("sara", "agama", "kafir", "suku", "pribumi", "aseng", "murtad", "ulama"),
     "Perbedaan pilihan bukan soal iman atau suku; ajakan membenci kelompok lain dapat "
     "dipidana. Tokoh agama dan adat diminta menyejukkan jamaah dan warganya."),
    (("demo", "aksi", "kepung", "geruduk", "turun ke jalan", "mobilisasi", "serbu"),
     "Menyampaikan pendapat dijamin, dengan pemberitahuan kepada Polri; keberatan atas hasil "
     "diselesaikan lewat Bawaslu dan Mahkamah Konstitusi, bukan dengan pengerahan massa."),
    (("kpps", "petugas", "intimidasi", "ancam", "teror", "usir"),
     "Menghalangi atau mengancam pemilih dan petugas adalah pidana; pengamanan TPS oleh "
     "Polri dan Linmas siaga, dan setiap ancaman dapat dilaporkan ke Polsek."),
    (("tinta", "sidik jari", "server", "sistem", "sirekap", "aplikasi"),
     "Alat dan sistem pemilu diawasi penyelenggara dan saksi; klaim kecurangan teknis perlu "
     "bukti dan diadukan ke Bawaslu, bukan disebarkan sebagai kepastian."),
)
DEFAULT_FACT = ("Belum ada bantahan resmi: minta tokoh tidak meneruskan pesan sebelum ada "
                "konfirmasi KPU, Bawaslu atau Polres setempat, dan sampaikan kanal pengaduan "
                "resmi kepada warga.")


def counter_facts(claim: str, limit: int = 2) -> tuple[str, ...]:
    """Facts to counter a claim without a debunk, chosen by the subjects it mentions
    (keywords match at the start of a word: "menang" is not found in "pemenangan")."""
    text = claim.casefold()
    found = [fact for keywords, fact in COUNTER_FACTS
             if any(re.search(r"(?<!\w)" + re.escape(k), text) for k in keywords)]
    return (*found[:limit], DEFAULT_FACT)


def talking_points(narratives: Iterable[NarrativeSignal], *,
                   limit: int = TOPICS_PER_AREA, lang: str = "id") -> list[TalkingPoint]:
    """The area's top narratives (recent volume, then rise, then key) as talking points."""
    ordered = sorted(narratives, key=lambda n: (-n.recent, -(n.recent - n.before), n.key))
    points = []
    for narrative in ordered[:limit]:
        why = [_say("volume", lang, n=narrative.recent)]
        if narrative.rising:
            why.append(_say("rising", lang, n=narrative.before))
        if narrative.labels:
            why.append(_say("flagged", lang, labels=", ".join(narrative.labels)))
        if narrative.debunk is not None:
            why.append(_say("debunked", lang, source=narrative.debunk.source))
            facts: tuple[str, ...] = ()
        else:
            why.append(_say("undebunked", lang))
            facts = counter_facts(f"{narrative.title} {narrative.sample}")
        points.append(TalkingPoint(narrative.key, narrative.title, tuple(why),
                                   narrative.debunk, facts))
    return points


def build_recommendations(areas: Sequence[AreaRank],
                          leaders: Sequence[LeaderCandidate],
                          narratives: Mapping[str, Sequence[NarrativeSignal]],
                          day: date, *, leaders_per_area: int = LEADERS_PER_AREA,
                          topics_per_area: int = TOPICS_PER_AREA,
                          recent_days: int = RECENT_DAYS, lang: str = "id"
                          ) -> list[Recommendation]:
    """One recommendation per ranked area: leaders to invite and topics with answers."""
    out = []
    for rank, area in enumerate(rank_areas(areas), start=1):
        suggested = suggest_leaders(leaders, area.code, area.focus_desa, day,
                                    limit=leaders_per_area, recent_days=recent_days,
                                    lang=lang)
        points = talking_points(narratives.get(area.code, ()), limit=topics_per_area,
                                lang=lang)
        notes = []
        if not suggested:
            notes.append(_say("no_leaders", lang))
        elif all(s.engaged for s in suggested):
            notes.append(_say("all_recent", lang))
        if not points:
            notes.append(_say("no_narratives", lang))
        out.append(Recommendation(rank, area, tuple(suggested), tuple(points), tuple(notes)))
    return out
