"""Synthetic, deterministic fixture content for the offline Sejuk demo.

Why this exists: the demo workspace must look alive without any network access. A
local HTTP server serves feeds rendered from these entries (see ``feedgen``) and the
real collector fetches them, so every downstream stage -- parsing, region tagging,
classification, near-duplicate clustering, claim matching, spike detection and the
daily digest -- has believable Indonesian material to work on.

Everything here is invented: outlets, domains, candidates, officials, quotes. Only the
administrative geography (kabupaten/kota, kecamatan and a few desa/kelurahan names)
is real, so that the region tagger can place items on the map.

Design notes
------------
* Pure and deterministic: :func:`demo_entries` depends only on ``(today, base_url,
  seed)``. Dates are laid out over the 28 days ending on ``today`` so the demo always
  looks current, and the polling day ("hari H") is placed six days after ``today``.
* ``DemoEntry.text`` is HTML for news, fact-check and official sources (it may contain
  ``<p>``, ``<a>`` and entities such as ``&amp;``) and *plain text* for social sources;
  the renderer escapes social text the way Mastodon or RSS-Bridge would.
* ``DemoEntry.truth`` is the ground truth for evaluation: a subset of
  ``{"hoaks", "provokasi", "debunk"}``; empty means routine or neutral.
* Hoaxes recur as *narratives* (``DemoEntry.narrative``): the same claim copied with
  small edits across sources and regions, each with a debunk in the fact-check feed
  that restates the claim, so clustering and claim matching have something to find.
* A rising trend is planted in the last three days in Kecamatan Plumbon (Kabupaten
  Cirebon) and Kecamatan Tamalate (Kota Makassar).
* Naive timestamps: the source ``losaripos`` (Asia/Makassar, RSS 2.0) has
  ``naive_times=True``; every fourth of its entries (in chronological order) carries a
  *naive* ``published`` that means local WITA wall-clock time. The feed renders those
  as an RFC 822 date without a zone, exercising the "use the source's time zone when
  the feed gives none" rule. All other entries are timezone-aware.
* Awkward-but-legitimate entries (search for ``AWKWARD``): an HTML-heavy official
  notice, a ~3000-character news report, an English-language post, an emoji post, and
  a hostile post containing ``<script>`` and a ``javascript:`` markdown link that the
  app must render as inert text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "SOURCES",
    "TRUTH_LABELS",
    "DemoEntry",
    "DemoSource",
    "demo_entries",
    "source_by_key",
    "source_zone",
]

TRUTH_LABELS: frozenset[str] = frozenset({"hoaks", "provokasi", "debunk"})

_HOAKS = frozenset({"hoaks"})
_PROV = frozenset({"provokasi"})
_BOTH = frozenset({"hoaks", "provokasi"})
_DEBUNK = frozenset({"debunk"})
_ROUTINE: frozenset[str] = frozenset()

#: Days covered by the demo, ending with (and including) ``today``.
WINDOW_DAYS = 28
#: The polling day is placed this many days after ``today``.
HARI_H_OFFSET = 6


# ---------------------------------------------------------------------------
# Public data model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSource:
    """One fixture feed: what it is, where the fixture server serves it, its zone.

    ``naive_times`` marks the source whose feed deliberately omits the zone on some
    entries, so the collector's source-timezone fallback is exercised.
    """

    key: str
    name: str
    kind: str  # news | factcheck | social | official
    region_code: str | None
    fmt: str  # rss2 | rss1 | atom | jsonfeed | mastodon
    path: str
    timezone: str
    interval_minutes: int
    naive_times: bool = False


@dataclass(frozen=True)
class DemoEntry:
    """One item of a fixture feed, with its ground-truth labels.

    ``text`` is HTML for news/fact-check/official sources and plain text for social
    ones. ``narrative`` names the hoax narrative a copy or debunk belongs to (``None``
    for everything else); it is ground truth for clustering and claim matching.
    """

    source_key: str
    guid: str
    link: str
    title: str
    text: str
    published: datetime
    author: str | None
    hashtags: tuple[str, ...]
    truth: frozenset[str]
    narrative: str | None = None


SOURCES: tuple[DemoSource, ...] = (
    DemoSource("kabarcirebon", "Kabar Cirebon Raya", "news", "32.09", "rss2",
               "/kabarcirebon/rss.xml", "Asia/Jakarta", 30),
    DemoSource("wartakotawali", "Warta Kota Wali", "news", "32.74", "atom",
               "/wartakotawali/atom.xml", "Asia/Jakarta", 30),
    DemoSource("dermayupos", "Dermayu Pos Daring", "news", "32.12", "jsonfeed",
               "/dermayupos/feed.json", "Asia/Jakarta", 30),
    DemoSource("lerengciremai", "Suara Lereng Ciremai", "news", "32.08", "rss1",
               "/lerengciremai/index.rdf", "Asia/Jakarta", 45),
    DemoSource("pasuruanterkini", "Pasuruan Terkini", "news", "35.14", "atom",
               "/pasuruanterkini/atom.xml", "Asia/Jakarta", 30),
    DemoSource("losaripos", "Losari Pos", "news", "73.71", "rss2",
               "/losaripos/rss.xml", "Asia/Makassar", 30, naive_times=True),
    DemoSource("cekfaktajernih", "Cek Fakta Jernih", "factcheck", None, "rss2",
               "/cekfaktajernih/rss.xml", "Asia/Jakarta", 60),
    DemoSource("mastodon-pilkadadamai", "Mastodon #pilkadadamai", "social", None,
               "mastodon", "/mastodon/tags/pilkadadamai.rss", "Asia/Jakarta", 15),
    DemoSource("tg-infowarga", "Info Warga Ciayumajakuning (Telegram)", "social", None,
               "rss2", "/rssbridge/telegram/infowargaciayumajakuning.xml",
               "Asia/Jakarta", 15),
    DemoSource("tg-wargamks", "Kabar Warga Mangkasara (Telegram)", "social", "73.71",
               "rss2", "/rssbridge/telegram/kabarwargamangkasara.xml",
               "Asia/Makassar", 15),
    DemoSource("penyelenggara", "Warta Penyelenggara Pilkada (KPU-Bawaslu, fiksi)",
               "official", None, "rss1", "/penyelenggara/pengumuman.rdf",
               "Asia/Jakarta", 60),
)


def source_zone(source: DemoSource) -> tzinfo:
    """The source's own time zone; a naive ``published`` is wall-clock time in it."""
    return _tz(source.timezone)


def source_by_key(key: str) -> DemoSource:
    """Look a fixture source up by key (raises ``KeyError`` for an unknown key)."""
    for src in SOURCES:
        if src.key == key:
            return src
    raise KeyError(key)


# ---------------------------------------------------------------------------
# Geography, candidates and other slot material
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Region:
    """A demo regency/city with the names the templates need."""

    code: str
    name: str
    short: str
    dateline: str
    polres: str
    race: str
    head: str
    gov_race: str
    tz: str
    city: bool
    kecamatan: tuple[tuple[str, tuple[str, ...]], ...]
    candidates: tuple[str, ...]
    n_tps: str
    n_dpt: str
    village_head: str
    tag: str
    kelurahan: frozenset[str] = frozenset()

    def kec_names(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.kecamatan)

    def desa_of(self, kec: str) -> tuple[str, ...]:
        for k, desa in self.kecamatan:
            if k == kec:
                return desa
        raise KeyError(kec)

    def desa_word(self, desa: str) -> str:
        return "Kelurahan" if self.city or desa in self.kelurahan else "Desa"


_REGIONS: tuple[_Region, ...] = (
    _Region(
        "32.09", "Kabupaten Cirebon", "Kab. Cirebon", "CIREBON", "Polresta Cirebon",
        "Pilbup Cirebon", "bupati", "Pilgub Jabar", "Asia/Jakarta", False,
        (
            ("Sumber", ("Babakan", "Kaliwadas", "Watubelah")),
            ("Plumbon", ("Pamijahan", "Kebarepan", "Gombang", "Bode Lor")),
            ("Weru", ("Weru Lor", "Weru Kidul", "Tegalwangi", "Megu Gede")),
            ("Arjawinangun", ("Tegalgubug", "Jungjang", "Geyongan")),
            ("Palimanan", ("Cengkuang", "Semplo", "Balerante")),
            ("Gegesik", ("Gegesik Kulon", "Gegesik Wetan")),
            ("Kepetakan", ("Bungko", "Grogol", "Karangkendal")),
            ("Lemahabang", ("Sindanglaut", "Belawa")),
            ("Astanajapura", ("Kanci", "Mertapada Kulon", "Japura Kidul")),
        ),
        ("Rohman Sukarya–Nia Kurniasih", "Darsa Wiguna–Ahmad Lutfi",
         "Eka Maulana–Siti Rokayah"),
        "4.102", "1.721.450", "kuwu", "PilkadaCirebon",
        kelurahan=frozenset({"Babakan", "Kaliwadas", "Watubelah"}),
    ),
    _Region(
        "32.74", "Kota Cirebon", "Kota Cirebon", "CIREBON", "Polres Cirebon Kota",
        "Pilwalkot Cirebon", "wali kota", "Pilgub Jabar", "Asia/Jakarta", True,
        (
            ("Kejaksan", ("Kebonbaru", "Sukapura", "Kesenden")),
            ("Lemahwungkuk", ("Kesepuhan", "Pegambiran", "Panjunan")),
            ("Pekalipan", ("Jagasatru", "Pulasaren", "Pekalangan")),
            ("Kesambi", ("Drajat", "Sunyaragi", "Pekiringan")),
            ("Harjamukti", ("Argasunya", "Kalijaga", "Larangan")),
        ),
        ("Bagus Prasetyo–Lilis Nurhayati", "Hendra Kusnadi–Fajar Ramdani"),
        "612", "251.380", "lurah", "PilwalkotCirebon",
    ),
    _Region(
        "32.12", "Kabupaten Indramayu", "Indramayu", "INDRAMAYU", "Polres Indramayu",
        "Pilbup Indramayu", "bupati", "Pilgub Jabar", "Asia/Jakarta", False,
        (
            ("Jatibarang", ("Jatibarang Baru", "Pilangsari", "Bulak")),
            ("Haurgeulis", ("Sukajati", "Mekarjati", "Cipancuh")),
            ("Karangampel", ("Karangampel Kidul", "Dukuh Jeruk")),
            ("Losarang", ("Santing", "Muntur", "Krimun")),
            ("Sindang", ("Penganjang", "Dermayu")),
            ("Kandanghaur", ("Eretan Wetan", "Eretan Kulon")),
        ),
        ("Carsim Hidayat–Warsini", "Nana Sujana–Dedi Rustandi", "Taryono–Yati Mulyati"),
        "3.874", "1.438.920", "kuwu", "PilkadaIndramayu",
    ),
    _Region(
        "32.08", "Kabupaten Kuningan", "Kuningan", "KUNINGAN", "Polres Kuningan",
        "Pilbup Kuningan", "bupati", "Pilgub Jabar", "Asia/Jakarta", False,
        (
            ("Cilimus", ("Linggajati", "Bandorasakulon", "Caracas")),
            ("Kadugede", ("Kadugede", "Bayuning")),
            ("Luragung", ("Luragunglandeuh", "Luragungtonggoh")),
            ("Ciawigebang", ("Ciawigebang", "Lebaksiuh")),
            ("Jalaksana", ("Sangkanerang", "Maniskidul", "Sadamantra")),
        ),
        ("Asep Saepudin–Ria Marlina", "Ujang Kosasih–Eti Suhaeti"),
        "2.316", "898.140", "kepala desa", "PilkadaKuningan",
    ),
    _Region(
        "35.14", "Kabupaten Pasuruan", "Kab. Pasuruan", "PASURUAN", "Polres Pasuruan",
        "Pilbup Pasuruan", "bupati", "Pilgub Jatim", "Asia/Jakarta", False,
        (
            ("Pasrepan", ("Pasrepan",)),
            ("Bangil", ("Kalirejo", "Kauman", "Pogar", "Kiduldalem")),
            ("Pandaan", ("Jogosari", "Petungasri")),
            ("Gempol", ("Kejapanan", "Carat", "Legok")),
            ("Purwosari", ("Martopuro", "Purwosari")),
            ("Tosari", ("Wonokitri", "Ngadiwono", "Podokoyo")),
        ),
        ("Fauzan Hakim–Nur Aini", "Bambang Irawan–Lukman Sholeh", "Suherman–Dewi Anggraini"),
        "3.296", "1.214.770", "kepala desa", "PilkadaPasuruan",
        kelurahan=frozenset({"Kalirejo", "Kauman", "Pogar", "Kiduldalem", "Jogosari",
                             "Petungasri", "Purwosari"}),
    ),
    _Region(
        "73.71", "Kota Makassar", "Makassar", "MAKASSAR", "Polrestabes Makassar",
        "Pilwalkot Makassar", "wali kota", "Pilgub Sulsel", "Asia/Makassar", True,
        (
            ("Tamalate", ("Barombong", "Mangasa", "Jongaya", "Tanjung Merdeka")),
            ("Panakkukang", ("Pandang", "Karampuang", "Masale")),
            ("Rappocini", ("Gunung Sari", "Karunrung", "Buakana")),
            ("Biringkanaya", ("Sudiang", "Paccerakkang", "Daya")),
            ("Tallo", ("Rappokalling", "Kaluku Bodoa", "Lakkang")),
        ),
        ("Andi Rahmat Mappiasse–Nurhayati", "Irwan Syarif–Andi Fitriani",
         "Yusran Dg. Sikki–Risma Amalia"),
        "2.493", "1.003.860", "lurah", "PilwalkotMakassar",
    ),
)

_REGION_BY_CODE: dict[str, _Region] = {r.code: r for r in _REGIONS}
_JABAR_CIAYU = ("32.09", "32.74", "32.12", "32.08")

_NEWS_SOURCE_BY_REGION: dict[str, str] = {
    "32.09": "kabarcirebon",
    "32.74": "wartakotawali",
    "32.12": "dermayupos",
    "32.08": "lerengciremai",
    "35.14": "pasuruanterkini",
    "73.71": "losaripos",
}

_TOKOH: dict[str, tuple[str, ...]] = {
    "jabar": ("KH. Abdul Muiz", "Ustaz Rohmat Hidayat", "Kiai Muhaimin", "Haji Saefuddin",
              "Ibu Nyai Khodijah", "Pendeta Markus Halim", "Romo Yohanes Setiadi"),
    "jatim": ("KH. Mas'ud Hasan", "Gus Fadhil", "Ustaz Karim", "Romo Antonius",
              "Pak Sutikno, tokoh adat Tengger"),
    "sulsel": ("Anregurutta H. Mappa", "Ustaz Syamsuddin", "Daeng Rahman",
               "Pendeta Yakobus", "Haji Baso Tika"),
}

_REPORTERS: dict[str, tuple[str, ...]] = {
    "kabarcirebon": ("Rini Hapsari", "Dadan Ramdani"),
    "wartakotawali": ("Yoga Pratama", "Siti Masitoh"),
    "dermayupos": ("Warta Dermayu", "Casmadi"),
    "lerengciremai": ("Neng Yuliani", "Tim Redaksi"),
    "pasuruanterkini": ("Ahmad Fikri", "Lilik Suryani"),
    "losaripos": ("Muh. Asri", "Nurul Aisyah"),
    "cekfaktajernih": ("Tim Cek Fakta Jernih",),
    "penyelenggara": ("Humas Penyelenggara",),
}

_HANDLES_MASTODON: dict[str, tuple[str, ...]] = {
    "32.09": ("@warga_sumber@mastodon.example", "@mang_plumbon@sosial.example",
              "@kang_dirja@mastodon.example"),
    "32.74": ("@cerbonkota@sosial.example", "@neng_ulfa@mastodon.example"),
    "32.12": ("@dermayu_kita@mastodon.example", "@nelayan_eretan@sosial.example"),
    "32.08": ("@ciremai_view@sosial.example", "@aa_jalaksana@mastodon.example"),
    "35.14": ("@arek_bangil@mastodon.example", "@cak_gempol@sosial.example",
              "@wong_tosari@mastodon.example"),
    "73.71": ("@daeng_tallo@sosial.example", "@anak_tamalate@mastodon.example"),
}

_HANDLES_TG_CIAYU: tuple[str, ...] = (
    "Admin Info Warga", "Kang Oyib", "Bu Tarsih", "Mas Rohim", "Teh Euis", "Dede S.",
    "Mang Karta", "Aa Gilang",
)
_HANDLES_TG_MKS: tuple[str, ...] = (
    "Admin KWM", "Daeng Bollo", "Ical Rappocini", "Ani Sudiang", "Accang Tallo",
)

_NEWPLACES: tuple[str, ...] = (
    "GOR kecamatan", "lapangan voli RW 05", "gedung serbaguna kelurahan",
    "halaman masjid jami'", "aula kantor kecamatan",
)

_ID_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_ID_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
              "Agustus", "September", "Oktober", "November", "Desember")


def _tz(name: str) -> tzinfo:
    """Return the named zone; Indonesia has no DST, so a fixed offset is a safe fallback."""
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        hours = {"Asia/Jakarta": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9}[name]
        return timezone(timedelta(hours=hours), name)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _long_date(d: date) -> str:
    return f"{_ID_DAYS[d.weekday()]}, {d.day} {_ID_MONTHS[d.month - 1]} {d.year}"


def _short_date(d: date) -> str:
    return f"{d.day} {_ID_MONTHS[d.month - 1]}"


def _news_date(d: date) -> str:
    return f"{_ID_DAYS[d.weekday()]} ({d.day}/{d.month}/{d.year})"


# ---------------------------------------------------------------------------
# Templates: routine news
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _T:
    """A title + body template; ``where`` limits it to regions or ``code:kecamatan``."""

    title: str
    body: tuple[str, ...]
    where: tuple[str, ...] = ()


_COAST = ("32.12:Kandanghaur", "32.12:Karangampel", "32.12:Losarang",
          "32.09:Kepetakan", "73.71:Tallo", "73.71:Tamalate")
_HILLS = ("32.08", "35.14:Tosari", "35.14:Pasrepan", "35.14:Purwosari")
# Kuwu (village head) elections: Kabupaten Cirebon outside Sumber (whose units are
# kelurahan) and Indramayu.
_PILWU = ("32.09:Plumbon", "32.09:Weru", "32.09:Arjawinangun", "32.09:Palimanan",
          "32.09:Gegesik", "32.09:Kepetakan", "32.09:Lemahabang", "32.09:Astanajapura",
          "32.12")

_ROUTINE_NEWS: tuple[_T, ...] = (
    # --- logistics
    _T("Distribusi Logistik {race} ke PPK {kec} Dikawal Polisi", (
        "Distribusi logistik {race} ke gudang PPK Kecamatan {kec} berlangsung {hari_ini} "
        "dengan pengawalan personel {polres}.",
        "Sebanyak {n_kotak} kotak suara dan bilik suara diangkut menggunakan truk dari "
        "gudang {kpu}.",
        "Petugas memastikan segel setiap kotak masih utuh sebelum diserahkan kepada PPK.",
    )),
    _T("Gudang Logistik {kpu} Dijaga 24 Jam", (
        "Personel gabungan {polres} dan TNI berjaga bergiliran di gudang logistik {kpu} "
        "selama tahapan sortir dan lipat surat suara.",
        "Setiap orang yang keluar masuk gudang diperiksa dan dicatat dalam buku tamu.",
        "Petugas juga mengecek kamera pengawas serta alat pemadam kebakaran di area gudang.",
    )),
    _T("{n_pekerja} Pekerja Sortir dan Lipat Surat Suara {race}", (
        "Sebanyak {n_pekerja} pekerja harian dilibatkan dalam penyortiran dan pelipatan "
        "surat suara {race}.",
        "Hingga hari ketiga, petugas menemukan {n_rusak} lembar surat suara rusak karena "
        "tinta luntur, terlipat saat cetak, atau sobek.",
        "Surat suara rusak dipisahkan, dihitung dalam berita acara, dan akan dimusnahkan "
        "dengan disaksikan Bawaslu &amp; kepolisian.",
    )),
    _T("Logistik untuk Desa Terpencil di {kec} Dikirim Lebih Awal", (
        "{kpu} mendahulukan pengiriman logistik ke desa-desa yang sulit dijangkau di "
        "Kecamatan {kec}.",
        "Jalan yang licin setelah hujan membuat truk harus berganti ke kendaraan bak "
        "terbuka yang lebih kecil.",
        "Kotak suara dibungkus plastik tebal agar isinya tidak basah selama perjalanan.",
    ), _HILLS),
    _T("Surat Suara untuk TPS di {kec} Kurang {n_kurang} Lembar, KPU Ajukan Tambahan", (
        "Hasil penghitungan ulang menunjukkan kekurangan {n_kurang} lembar surat suara "
        "untuk TPS di Kecamatan {kec}.",
        "{kpu} sudah mengajukan penggantian ke percetakan dan menargetkan surat suara "
        "tambahan tiba dalam {n_hari} hari.",
        "Bawaslu meminta proses penggantian dicatat secara terbuka agar tidak menimbulkan "
        "kecurigaan.",
    )),
    _T("Kotak Suara Tiba di Kantor PPS {desa}", (
        "Kotak dan bilik suara berbahan karton kedap air tiba di kantor PPS {dw} {desa}, "
        "Kecamatan {kec}, {hari_ini}.",
        "Ketua PPS setempat mengatakan seluruh logistik disimpan di ruang terkunci dengan "
        "penjagaan linmas.",
        "Logistik baru dibagikan ke KPPS sehari sebelum pemungutan suara.",
    )),
    _T("Polisi Kawal Pergeseran Logistik dari PPK ke PPS di {kec}", (
        "Pergeseran logistik dari gudang PPK ke kantor PPS di Kecamatan {kec} dikawal "
        "anggota Polsek sejak pagi.",
        "Setiap kendaraan pengangkut didampingi minimal dua personel dan satu petugas PPK.",
        "Kapolsek meminta PPS segera melapor bila menemukan kotak dengan segel rusak.",
    )),
    # --- KPPS
    _T("Ribuan Anggota KPPS di {short} Dilantik Serentak", (
        "{kpu} melantik anggota KPPS secara serentak di setiap desa dan kelurahan, "
        "{hari_ini}.",
        "Setiap TPS diisi tujuh anggota KPPS, ditambah dua petugas ketertiban dari unsur "
        "linmas.",
        "Usai pelantikan, para anggota KPPS langsung mengikuti bimbingan teknis tata cara "
        "pemungutan dan penghitungan suara.",
    )),
    _T("Bimtek KPPS di {kec}, Petugas Diminta Teliti Mengisi Formulir", (
        "PPK Kecamatan {kec} menggelar bimbingan teknis bagi ketua KPPS se-kecamatan.",
        "Materi mencakup pengisian formulir hasil penghitungan, pelayanan pemilih "
        "pindahan, serta pendampingan pemilih disabilitas.",
        "Peserta juga berlatih memotret dan mengunggah formulir hasil melalui aplikasi "
        "rekapitulasi.",
    )),
    _T("Petugas KPPS {kec} Jalani Cek Kesehatan Gratis", (
        "Dinas Kesehatan bersama {kpu} membuka layanan pemeriksaan kesehatan bagi petugas "
        "KPPS di puskesmas Kecamatan {kec}.",
        "Pemeriksaan meliputi tekanan darah, gula darah, dan riwayat penyakit jantung.",
        "Langkah ini diambil agar beban kerja di hari pemungutan tidak membahayakan "
        "petugas yang punya penyakit bawaan.",
    )),
    _T("KPPS Lansia di {desa} Diminta Jaga Stamina Jelang Hari H", (
        "PPS {dw} {desa} mengingatkan anggota KPPS berusia di atas 50 tahun agar cukup "
        "istirahat menjelang {hari_h}.",
        "Penghitungan suara diperkirakan berlangsung hingga larut malam.",
        "Puskesmas setempat menyiagakan tenaga kesehatan yang akan berkeliling ke TPS.",
    )),
    _T("Simulasi Pemungutan Suara Digelar di TPS {tps} {desa}", (
        "KPU menggelar simulasi pemungutan dan penghitungan suara di TPS {tps} {dw} "
        "{desa}, Kecamatan {kec}.",
        "Warga diajak berperan sebagai pemilih, saksi pasangan calon, dan pengawas TPS.",
        "Dari simulasi ini, panitia mencatat rata-rata seorang pemilih butuh sekitar tiga "
        "menit di bilik suara.",
    )),
    _T("KPPS {desa} Antar Undangan Memilih dari Rumah ke Rumah", (
        "Anggota KPPS di {dw} {desa}, Kecamatan {kec}, mulai membagikan formulir "
        "pemberitahuan memilih langsung ke rumah warga.",
        "Pemilih yang sedang merantau dititipkan kepada keluarga dengan tanda terima.",
        "Warga yang belum menerima undangan hingga H-1 tetap bisa memilih dengan "
        "menunjukkan KTP-el asalkan namanya ada di DPT.",
    )),
    _T("Pengawas TPS se-{short} Ikuti Pelatihan Pengawasan", (
        "{bawaslu} membekali ribuan pengawas TPS dengan materi pencegahan pelanggaran di "
        "hari pemungutan.",
        "Pengawas diminta mencermati pemilih yang menggunakan hak pilih orang lain dan "
        "dugaan pembagian uang di sekitar TPS.",
        "Setiap temuan harus dicatat dalam formulir pengawasan dan dilaporkan ke "
        "Panwascam.",
    )),
    # --- debates & campaign
    _T("Debat Publik Kedua {race} Berlangsung Tertib", (
        "Debat publik kedua calon {head} {short} berlangsung tertib, {kemarin} malam.",
        "Para pasangan calon beradu gagasan soal lapangan kerja, layanan kesehatan, dan "
        "perbaikan jalan desa.",
        "Ratusan personel {polres} berjaga di sekitar lokasi debat dan membatasi jumlah "
        "pendukung yang boleh masuk.",
    )),
    _T("KPU Batasi Pendukung yang Masuk Arena Debat {race}", (
        "{kpu} hanya mengizinkan 50 pendukung dari masing-masing pasangan calon masuk ke "
        "ruang debat.",
        "Pendukung lainnya diminta menonton siaran langsung dari posko masing-masing.",
        "Kebijakan ini diambil untuk mencegah gesekan antarpendukung di luar gedung.",
    )),
    _T("Paslon Nomor Urut {no} Kampanye Dialogis di {kec}", (
        "Pasangan calon nomor urut {no}, {cand}, menggelar kampanye dialogis dengan warga "
        "Kecamatan {kec}, {hari_ini}.",
        "Kegiatan yang diisi tanya jawab soal harga pupuk dan perbaikan irigasi itu "
        "dikawal petugas Polsek setempat.",
        "Panwascam memantau jalannya kampanye untuk memastikan tidak ada pembagian uang "
        "atau barang.",
    )),
    _T("Satpol PP Tertibkan {n_apk} Alat Peraga Kampanye di {kec}", (
        "Satpol PP bersama Panwascam menertibkan alat peraga kampanye yang dipasang di "
        "pohon dan tiang listrik di Kecamatan {kec}.",
        "Sedikitnya {n_apk} baliho dan spanduk diturunkan karena melanggar aturan "
        "pemasangan.",
        "Tim kampanye diminta memasang ulang di titik yang sudah ditetapkan KPU.",
    )),
    _T("Kampanye Terbuka Paslon {no} Dijaga {n_personel} Personel", (
        "Kampanye terbuka pasangan nomor urut {no} di lapangan Kecamatan {kec} dijaga "
        "sekitar {n_personel} personel gabungan.",
        "Polisi mengatur arus lalu lintas dan meminta pendukung tidak berkonvoi dengan "
        "knalpot brong.",
        "Hingga acara selesai, situasi dilaporkan aman dan kondusif.",
    )),
    _T("Jelang Masa Tenang, Tim Kampanye Diminta Turunkan APK Sendiri", (
        "{bawaslu} meminta seluruh tim kampanye menurunkan alat peraga kampanye secara "
        "mandiri sebelum masa tenang dimulai {masa_tenang}.",
        "APK yang masih terpasang setelah batas waktu akan ditertibkan paksa oleh Satpol "
        "PP.",
        "Selama masa tenang, kegiatan kampanye dalam bentuk apa pun dilarang.",
    )),
    _T("Paslon {no} Janjikan Beasiswa untuk Santri di {kec}", (
        "Calon {head} nomor urut {no} menyampaikan program beasiswa santri saat bertemu "
        "pengasuh pondok pesantren di Kecamatan {kec}.",
        "Ia juga berjanji menambah insentif bagi guru ngaji di tingkat desa.",
        "Pertemuan yang berlangsung sekitar dua jam itu dipantau Panwascam setempat.",
    )),
    _T("Relawan Tiga Paslon Sepakat Tak Berkonvoi di Jalan Raya", (
        "Perwakilan relawan seluruh pasangan calon {race} menandatangani kesepakatan tidak "
        "melakukan konvoi di jalan raya hingga hari pemungutan.",
        "Kesepakatan itu difasilitasi {polres} dan disaksikan {kpu} &amp; {bawaslu}.",
        "Pelanggaran kesepakatan akan dilaporkan ke penyelenggara untuk ditindaklanjuti.",
    )),
    # --- TPS preparation
    _T("{n_tps} TPS Disiapkan untuk {race}", (
        "{kpu} menyiapkan {n_tps} TPS untuk melayani {n_dpt} pemilih dalam {race}.",
        "Jumlah TPS berkurang dibanding pemilu sebelumnya karena satu TPS kini bisa "
        "melayani hingga 600 pemilih.",
        "Daftar lokasi TPS akan ditempel di setiap kantor desa dan kelurahan.",
    )),
    _T("TPS Khusus Disiapkan di Lapas dan Rumah Sakit {short}", (
        "KPU menyiapkan TPS khusus di lembaga pemasyarakatan dan rumah sakit agar warga "
        "binaan serta pasien tetap bisa memilih.",
        "Petugas KPPS akan mendatangi pasien rawat inap yang sudah terdaftar sebagai "
        "pemilih pindahan.",
        "Pengamanan TPS khusus melibatkan sedikitnya dua personel kepolisian.",
    )),
    _T("Polsek {kec} Petakan TPS Rawan dan Sangat Rawan", (
        "Polsek {kec} memetakan TPS yang masuk kategori rawan dan sangat rawan di "
        "wilayahnya.",
        "Indikator yang dipakai antara lain riwayat konflik, lokasi sulit dijangkau, dan "
        "TPS tanpa sinyal telepon.",
        "Hasil pemetaan menjadi dasar penempatan personel pada hari pemungutan suara.",
    )),
    _T("{bawaslu} Catat {n_rawan} TPS Rawan", (
        "{bawaslu} mencatat {n_rawan} TPS masuk kategori rawan berdasarkan sejumlah "
        "indikator kerawanan.",
        "Indikator terbanyak adalah pemilih yang tidak lagi memenuhi syarat tetapi masih "
        "tercatat, serta TPS yang berada dekat posko pemenangan.",
        "Pengawas TPS di lokasi tersebut diminta memberi perhatian khusus sejak pagi.",
    )),
    _T("TPS Tanpa Sinyal di {kec}, Hasil Dikirim dari Titik Terdekat", (
        "Sejumlah TPS di Kecamatan {kec} tidak terjangkau sinyal telepon seluler.",
        "KPPS di lokasi tersebut diminta membawa salinan formulir hasil ke titik yang ada "
        "sinyal untuk diunggah.",
        "Polisi menyiapkan radio komunikasi untuk melaporkan situasi dari TPS blank spot.",
    ), _HILLS),
    _T("Warga Gotong Royong Dirikan Tenda TPS {tps} {desa}", (
        "Warga {dw} {desa} bergotong royong mendirikan tenda TPS {tps} di halaman "
        "{balai}.",
        "Ketua KPPS mengatakan lokasi dipilih agar mudah dijangkau pemilih lansia dan "
        "penyandang disabilitas.",
        "Tenda dipasang sehari lebih awal untuk memastikan tidak ada genangan air.",
    )),
    _T("Pemilih Disabilitas di {short} Dapat Pendamping dan Alat Bantu", (
        "{kpu} menyiapkan alat bantu tunanetra berupa template huruf Braille di setiap "
        "TPS.",
        "Pemilih disabilitas boleh didampingi orang yang ia percaya, dengan syarat "
        "pendamping menandatangani surat pernyataan menjaga kerahasiaan pilihan.",
        "KPPS juga diminta menyediakan jalur tanpa undakan di pintu masuk TPS.",
    )),
    _T("Sekolah yang Jadi TPS di {kec} Diliburkan", (
        "Dinas Pendidikan meliburkan sekolah yang ruang kelasnya dipakai sebagai TPS di "
        "Kecamatan {kec}.",
        "Kegiatan belajar diganti tugas mandiri dari rumah selama satu hari.",
        "Pihak sekolah diminta membantu KPPS menyiapkan meja, kursi, dan aliran listrik.",
    )),
    # --- police
    _T("{polres} Gelar Patroli Skala Besar Jelang {race}", (
        "{polres} bersama Kodim menggelar patroli skala besar menyusuri sejumlah titik "
        "rawan, {kemarin} malam.",
        "Rute patroli melewati Kecamatan {kec} dan {kec2}, termasuk kantor KPU dan gudang "
        "logistik.",
        "Kegiatan ini untuk memberi rasa aman bagi warga menjelang hari pemungutan suara.",
    )),
    _T("Patroli Dialogis, Polisi Sambangi Pos Ronda di {desa}", (
        "Anggota Polsek {kec} menyambangi pos ronda warga {dw} {desa} dalam patroli "
        "dialogis malam hari.",
        "Polisi mengajak warga aktif menjaga lingkungan dan melapor bila ada orang asing "
        "membagikan uang atau sembako.",
        "Warga menyambut baik patroli tersebut karena membuat suasana lebih tenang.",
    )),
    _T("Apel Gelar Pasukan Operasi Mantap Praja di {short}", (
        "{polres} menggelar apel gelar pasukan Operasi Mantap Praja pengamanan {race}.",
        "Sebanyak {n_personel} personel dari Polri, TNI, Satpol PP, dan linmas dilibatkan "
        "dalam pengamanan.",
        "Kapolres meminta anggota bersikap netral dan humanis selama bertugas.",
    )),
    _T("Polisi Latihan Sispamkota Hadapi Skenario Massa Tolak Hasil", (
        "Ratusan personel {polres} berlatih sistem pengamanan kota dengan skenario massa "
        "yang menolak hasil rekapitulasi.",
        "Latihan diakhiri dengan simulasi negosiasi dan pengendalian massa secara "
        "bertahap.",
        "Panitia menegaskan latihan ini hanya simulasi dan tidak terkait situasi terkini.",
    )),
    _T("Polres Siagakan Pasukan Cadangan di {kec}", (
        "{polres} menyiagakan satu peleton pasukan cadangan di Kecamatan {kec} yang "
        "dinilai memiliki TPS sangat rawan.",
        "Pasukan cadangan dapat digeser ke kecamatan lain dalam waktu kurang dari satu "
        "jam.",
        "Penempatan ini mengikuti hasil pemetaan kerawanan bersama Bawaslu.",
    )),
    _T("Pola Pengamanan TPS di {short} Ditetapkan", (
        "{polres} menetapkan pola pengamanan TPS sesuai tingkat kerawanan.",
        "Untuk TPS kurang rawan, dua personel mengamankan beberapa TPS sekaligus, "
        "sedangkan TPS sangat rawan dijaga dua personel per TPS.",
        "Personel di TPS rawan diminta tetap di lokasi sampai situasi dinyatakan aman "
        "setelah penghitungan.",
    )),
    # --- dialogue / cooling system
    _T("Silaturahmi dan Dialog Kamtibmas di {kec} Jelang Pilkada", (
        "Polsek {kec} bersama Muspika menggelar silaturahmi dan dialog kamtibmas dengan "
        "tokoh agama, tokoh masyarakat, dan perwakilan desa.",
        "Warga diajak tidak mudah terpancing kabar yang belum jelas sumbernya di grup "
        "percakapan.",
        "{tokoh} meminta jamaahnya menghormati perbedaan pilihan.",
    )),
    _T("Ulama dan Tokoh Masyarakat {kec} Deklarasi Pilkada Damai", (
        "Puluhan ulama dan tokoh masyarakat Kecamatan {kec} membacakan deklarasi pilkada "
        "damai di aula kantor kecamatan.",
        "Deklarasi berisi tekad menolak politik uang, hoaks, dan ujaran kebencian bernuansa "
        "SARA.",
        "Kegiatan itu dihadiri Forkopimcam serta perwakilan tim pemenangan setiap "
        "pasangan calon.",
    )),
    _T("Bhabinkamtibmas Sambangi Pesantren di {kec}", (
        "Bhabinkamtibmas {dw} {desa} menyambangi pondok pesantren di Kecamatan {kec} untuk "
        "berdialog dengan pengasuh dan santri.",
        "Polisi mengajak santri yang sudah punya hak pilih datang ke TPS dan menolak "
        "politik uang.",
        "Pengasuh pesantren berharap perbedaan pilihan tidak memutus silaturahmi warga.",
    )),
    _T("Tokoh Pemuda {kec} Diajak Tangkal Hoaks Pilkada", (
        "Karang taruna dan tokoh pemuda Kecamatan {kec} mengikuti diskusi tentang cara "
        "mengenali kabar bohong seputar pilkada.",
        "Peserta dilatih mengecek sumber berita, tanggal unggahan, dan keaslian foto "
        "sebelum membagikannya.",
        "Polsek {kec} meminta pemuda menjadi penyejuk di lingkungan masing-masing.",
    )),
    _T("Forkopimcam {kec} Rakor Pengamanan Pemungutan Suara", (
        "Camat, Kapolsek, dan Danramil {kec} menggelar rapat koordinasi bersama PPK dan "
        "Panwascam.",
        "Rapat membahas titik TPS yang rawan banjir, rawan konflik, dan jalur pergeseran "
        "kotak suara.",
        "Forkopimcam sepakat membuka posko bersama di kantor kecamatan hingga "
        "rekapitulasi selesai.",
    )),
    _T("Rakor Lintas Sektoral Bahas Pengamanan {race}", (
        "{polres} menggelar rapat koordinasi lintas sektoral bersama pemerintah daerah, "
        "Kodim, kejaksaan, KPU, Bawaslu, Satpol PP, dan Kesbangpol.",
        "Rapat membahas jadwal distribusi logistik, pengamanan TPS rawan, dan penanganan "
        "bila terjadi unjuk rasa.",
        "Semua pihak sepakat membentuk posko bersama yang aktif hingga penetapan hasil.",
    )),
    _T("FKUB {short} Ajak Umat Tak Bawa Isu SARA ke Pilkada", (
        "Forum Kerukunan Umat Beragama {short} mengajak para pemuka agama menyejukkan "
        "suasana menjelang {race}.",
        "FKUB menilai isu agama dan suku kerap dipakai untuk memecah warga saat pemilihan.",
        "Pemuka agama diminta menyampaikan pesan damai dalam khotbah dan pengajian.",
    )),
    _T("Dialog Kebangsaan di {kec} Hadirkan Perwakilan Semua Tim Pemenangan", (
        "Perwakilan tim pemenangan seluruh pasangan calon duduk satu meja dalam dialog "
        "kebangsaan di Kecamatan {kec}.",
        "Mereka berjanji meredam pendukung masing-masing bila muncul gesekan di lapangan.",
        "Dialog difasilitasi Polsek {kec} dan Koramil setempat.",
    )),
    _T("Kapolsek {kec} Ngopi Bareng Warga Bahas Pilkada Damai", (
        "Kapolsek {kec} menggelar kegiatan ngopi bareng bersama warga dan tokoh pemuda di "
        "sebuah warung di {dw} {desa}.",
        "Dalam suasana santai, warga menyampaikan kekhawatiran soal kabar bohong yang "
        "beredar di grup WhatsApp.",
        "Kapolsek meminta warga mengecek kebenaran kabar ke Bhabinkamtibmas atau PPS "
        "setempat.",
    )),
    # --- weather
    _T("Banjir Rob Ancam TPS di Pesisir {kec}", (
        "Banjir rob yang merendam permukiman di pesisir Kecamatan {kec} membuat KPU "
        "menyiapkan lokasi TPS cadangan.",
        "Beberapa TPS akan didirikan di bangunan yang lebih tinggi seperti sekolah dan "
        "masjid.",
        "BPBD menyiagakan perahu karet untuk membantu distribusi logistik bila air kembali "
        "naik.",
    ), _COAST),
    _T("Longsor Tutup Akses ke Desa di {kec}, Distribusi Logistik Dialihkan", (
        "Hujan deras memicu longsor yang menutup sebagian jalan menuju {dw} {desa}, "
        "Kecamatan {kec}.",
        "BPBD bersama warga membersihkan material longsor menggunakan alat seadanya.",
        "KPU menyiapkan jalur alternatif agar logistik tetap tiba sebelum hari pemungutan.",
    ), _HILLS),
    _T("Hujan Lebat Diprakirakan Saat Hari Pemungutan di {short}", (
        "Prakiraan cuaca menunjukkan potensi hujan lebat disertai angin kencang di "
        "wilayah {short} menjelang {hari_h}.",
        "KPU meminta KPPS memasang tenda yang kokoh dan menyiapkan plastik pembungkus "
        "kotak suara.",
        "BPBD menyiagakan personel di kecamatan rawan banjir, termasuk {kec}.",
    )),
    _T("Halaman Sekolah Tergenang, TPS {tps} {desa} Pindah ke Masjid", (
        "KPPS memindahkan lokasi TPS {tps} {dw} {desa}, Kecamatan {kec}, dari halaman "
        "sekolah ke serambi masjid karena genangan air.",
        "Pemindahan sudah disetujui PPS dan diumumkan langsung kepada pemilih lewat "
        "pengeras suara masjid dan ketua RT.",
        "Formulir pemberitahuan memilih yang sudah dibagikan tetap berlaku.",
    )),
    _T("Sungai Meluap, Warga {kec} Khawatir Tak Bisa ke TPS", (
        "Luapan sungai merendam jalan desa di Kecamatan {kec} setinggi lutut orang dewasa.",
        "Warga berharap air sudah surut sebelum hari pemungutan agar lansia bisa datang "
        "ke TPS.",
        "Pemerintah desa menyiapkan perahu dan relawan untuk membantu pemilih bila "
        "diperlukan.",
    ), (*_COAST, "32.09:Gegesik", "32.12:Jatibarang")),
    _T("Nelayan {kec} Diimbau Pulang Melaut Sebelum Hari Pemungutan", (
        "PPS di pesisir Kecamatan {kec} mengimbau nelayan agar sudah kembali ke darat "
        "sehari sebelum pemungutan suara.",
        "Banyak nelayan biasanya melaut hingga sepekan sehingga terancam kehilangan hak "
        "pilih.",
        "Rukun nelayan setempat berjanji mengumumkan imbauan itu di tempat pelelangan "
        "ikan.",
    ), _COAST),
    # --- Pilwu / village
    _T("Pilwu Serentak di {short} Dijadwalkan Usai Pilkada", (
        "Pemerintah daerah memastikan pemilihan kuwu serentak digelar setelah seluruh "
        "tahapan {race} selesai.",
        "Penjadwalan ini agar aparat keamanan tidak terbagi pada dua agenda pemilihan "
        "sekaligus.",
        "Panitia pilwu di tingkat desa sudah mulai mendata calon pemilih.",
    ), _PILWU),
    _T("Calon Kuwu {desa} Sepakat Tak Tarik Pilwu ke Pilkada", (
        "Para bakal calon kuwu {dw} {desa}, Kecamatan {kec}, sepakat tidak membawa "
        "persaingan pilwu ke dalam kampanye pilkada.",
        "Kesepakatan dibuat dalam pertemuan yang difasilitasi Bhabinkamtibmas dan "
        "Babinsa.",
        "Warga berharap dua agenda pemilihan itu tidak memecah kerukunan di desa.",
    ), _PILWU),
    _T("Sengketa Netralitas Perangkat di {desa} Diselesaikan Lewat Musyawarah", (
        "Perselisihan antara dua kelompok warga soal netralitas {perangkat} di {dw} "
        "{desa} berakhir damai setelah dimediasi Muspika.",
        "Kedua pihak sepakat {perangkat} tidak ikut berkampanye untuk pasangan calon "
        "mana pun.",
        "Polsek {kec} akan memantau pelaksanaan kesepakatan tersebut.",
    )),
    # --- DPT & voters
    _T("Pemilih Pindahan Diminta Urus Formulir Sebelum Batas Waktu", (
        "{kpu} mengingatkan pemilih yang akan mencoblos di luar TPS asal agar segera "
        "mengurus formulir pindah memilih.",
        "Layanan pindah memilih dibuka di kantor PPS dan PPK dengan membawa KTP-el.",
        "Pemilih pindahan hanya bisa memilih untuk pemilihan yang wilayahnya sama dengan "
        "alamat asal.",
    )),
    _T("Mahasiswa KKN Bantu Sosialisasi Pemilih Pemula di {kec}", (
        "Mahasiswa KKN mengadakan sosialisasi bagi pemilih pemula di {dw} {desa}, "
        "Kecamatan {kec}.",
        "Peserta diajari cara mengecek nama di DPT, mengenali surat suara, dan menolak "
        "ajakan politik uang.",
        "Kegiatan itu juga menghadirkan anggota PPS sebagai narasumber.",
    )),
    _T("Pelajar SMA di {kec} Ikut Simulasi Mencoblos", (
        "Ratusan pelajar kelas XII di Kecamatan {kec} mengikuti simulasi mencoblos yang "
        "digelar PPK.",
        "Sebagian besar dari mereka akan menjadi pemilih untuk pertama kali pada "
        "{hari_h}.",
        "Panitia berharap pemilih pemula datang ke TPS dengan pilihan yang didasarkan "
        "pada program, bukan kabar di media sosial.",
    )),
    _T("Pemuda {desa} Gelar Lomba Mural Pilkada Damai", (
        "Karang taruna {dw} {desa} menggelar lomba mural bertema pilkada damai di tembok-tembok "
        "permukiman warga.",
        "Peserta dilarang menampilkan gambar atau nama pasangan calon mana pun.",
        "Mural terbaik akan dipajang hingga pemungutan suara selesai.",
    )),
    _T("Netralitas ASN dan {vh} Diawasi Ketat", (
        "{bawaslu} mengingatkan ASN dan perangkat desa agar tidak terlibat kampanye "
        "pasangan calon.",
        "Pelanggaran netralitas dapat berujung sanksi disiplin hingga pidana pemilihan.",
        "Warga diminta melapor bila melihat aparatur ikut membagikan atribut kampanye.",
    )),
    _T("Panwascam {kec} Tegur Tim Kampanye Pasang Spanduk di Masjid", (
        "Panwascam {kec} menegur tim kampanye yang memasang spanduk pasangan calon di "
        "pagar masjid.",
        "Spanduk langsung diturunkan oleh tim kampanye dengan disaksikan pengurus DKM.",
        "Panwascam mengingatkan tempat ibadah tidak boleh digunakan untuk kampanye.",
    )),
    # --- region-specific
    _T("Polisi Amankan Jalur Wisata Bromo Selama Tahapan Pilkada", (
        "Polsek Tosari menambah personel di jalur wisata menuju Bromo melalui {dw} "
        "{desa}.",
        "Selain menjaga wisatawan, polisi memastikan pengiriman logistik ke desa-desa di "
        "lereng gunung tidak terganggu kabut.",
        "Tokoh adat Tengger mengajak warga menjaga suasana tetap rukun.",
    ), ("35.14:Tosari",)),
    _T("Logistik Pilkada ke Pulau Lakkang Diantar dengan Perahu", (
        "Kotak suara untuk TPS di Kelurahan Lakkang, Kecamatan Tallo, dikirim menggunakan "
        "perahu kayu menyusuri Sungai Tallo.",
        "Setiap kotak dibungkus plastik dan dikawal dua personel Polsek Tallo.",
        "KPPS setempat mengatakan pemilih di pulau itu sudah terbiasa menunggu logistik "
        "yang datang lebih pagi.",
    ), ("73.71:Tallo",)),
    _T("Kawasan Industri di {kec} Beri Karyawan Waktu Mencoblos", (
        "Pengelola kawasan industri di Kecamatan {kec} meminta perusahaan memberi waktu "
        "kepada karyawan untuk mencoblos.",
        "Perusahaan yang tetap beroperasi wajib mengatur jadwal kerja bergilir.",
        "Disnaker akan membuka posko aduan bagi pekerja yang tidak diberi kesempatan "
        "memilih.",
    ), ("35.14:Gempol", "35.14:Pandaan", "73.71:Biringkanaya")),
    _T("Pedagang Pasar Tegalgubug Minta Pasar Tetap Buka di Hari H", (
        "Pedagang sandang di Pasar Tegalgubug, Kecamatan Arjawinangun, meminta pasar tetap "
        "dibuka pada hari pemungutan suara.",
        "Pengelola pasar menyatakan pedagang tetap boleh berjualan setelah mencoblos di "
        "TPS masing-masing.",
        "Polsek Arjawinangun menyiapkan personel untuk mengatur lalu lintas di sekitar "
        "pasar.",
    ), ("32.09:Arjawinangun",)),
    _T("Pengunjung Gedung Perundingan Linggarjati Diajak Jaga Pilkada Damai", (
        "Pengelola Gedung Perundingan Linggarjati di Kecamatan Cilimus memasang spanduk "
        "ajakan pilkada damai.",
        "Pesan itu mengingatkan pengunjung bahwa perundingan dan musyawarah adalah cara "
        "menyelesaikan perbedaan.",
        "Polsek Cilimus menambah patroli di kawasan wisata selama masa kampanye.",
    ), ("32.08:Cilimus",)),
    _T("Keraton dan Tokoh Budaya Cirebon Serukan Pilkada Sejuk", (
        "Sejumlah tokoh budaya berkumpul di kawasan Keraton Kasepuhan, Kecamatan "
        "Lemahwungkuk, untuk menyerukan pilkada yang sejuk.",
        "Mereka mengingatkan warga bahwa Cirebon tumbuh dari perjumpaan banyak suku dan "
        "agama.",
        "Seruan itu ditutup dengan pertunjukan tari topeng.",
    ), ("32.74:Lemahwungkuk",)),
)

# Closing sentences appended to some news items. Most fit any story; the "event" and
# "logistics" ones only fit stories about a gathering or about ballots and boxes, and
# reports of unrest get their own, so a closer never contradicts the story it ends.
_CLOSERS_GENERIC: tuple[str, ...] = (
    "Polisi mengimbau warga segera melapor ke Bhabinkamtibmas atau layanan 110 bila "
    "melihat hal mencurigakan.",
    "Warga juga diminta menyaring informasi sebelum membagikannya di grup percakapan.",
    "KPU memastikan seluruh tahapan berjalan sesuai jadwal menuju pemungutan suara "
    "{hari_h}.",
    "Hingga berita ini diturunkan, situasi di wilayah tersebut terpantau aman dan "
    "kondusif.",
    "Informasi resmi seputar tahapan pilkada dapat dilihat di "
    "<a href=\"{base}/penyelenggara/\">kanal resmi penyelenggara</a>.",
    "Bawaslu &amp; Gakkumdu membuka layanan aduan bagi warga yang menemukan dugaan "
    "pelanggaran.",
    "“Kami minta warga tidak mudah terpancing isu yang belum jelas kebenarannya,” kata "
    "Kasat Intelkam {polres}.",
    "“Pengawasan kami lakukan sampai tingkat TPS, termasuk soal politik uang,” kata Ketua "
    "{bawaslu}.",
    "“Personel kami siaga di setiap kecamatan, terutama di lokasi yang masuk kategori "
    "rawan,” ujar Kapolsek {kec}.",
)
_CLOSERS_EVENT: tuple[str, ...] = (
    "Kegiatan serupa akan digelar bergiliran di kecamatan lain hingga akhir pekan.",
    "Camat {kec} berharap warga menggunakan hak pilih dan tetap menjaga kerukunan.",
    "Kegiatan ditutup dengan doa bersama untuk kelancaran pilkada.",
    "“Beda pilihan itu biasa, yang penting silaturahmi tetap terjaga,” tutur {tokoh}.",
)
_CLOSERS_LOGISTICS: tuple[str, ...] = (
    "“Semua logistik kami pastikan tiba tepat waktu dan dalam kondisi baik,” ujar Ketua "
    "{kpu}.",
    "Pemerintah daerah menyatakan siap mendukung sarana dan prasarana pengamanan "
    "logistik.",
)
_CLOSERS_UNREST: tuple[str, ...] = (
    "Polisi mengimbau warga segera melapor ke Bhabinkamtibmas atau layanan 110 bila "
    "melihat hal mencurigakan.",
    "“Kami minta warga tidak mudah terpancing isu yang belum jelas kebenarannya,” kata "
    "Kasat Intelkam {polres}.",
    "Hingga berita ini diturunkan, situasi di lokasi sudah kembali kondusif.",
    "Polisi masih mendalami pihak-pihak yang terlibat dalam peristiwa tersebut.",
    "Tokoh masyarakat setempat mengajak warga menahan diri dan menyerahkan penanganan "
    "kepada aparat.",
)
_EVENT_WORDS = ("Dialog", "Silaturahmi", "Deklarasi", "Rakor", "Apel", "Ngopi", "Simulasi",
                "Sosialisasi", "Mural", "Bimtek", "Dilantik", "Sambangi", "Tangkal",
                "Serukan", "FKUB", "Kampanye Dialogis", "Latihan", "Patroli")
_LOGISTICS_WORDS = ("Logistik", "Surat Suara", "Kotak Suara", "Sortir")


def _closer_pool(tpl: _T, truth: frozenset[str]) -> tuple[str, ...]:
    """Closing sentences that fit ``tpl``'s story (see the comment above)."""
    if "provokasi" in truth:
        return _CLOSERS_UNREST
    pool = _CLOSERS_GENERIC
    if any(w in tpl.title for w in _EVENT_WORDS):
        pool += _CLOSERS_EVENT
    if any(w in tpl.title for w in _LOGISTICS_WORDS):
        pool += _CLOSERS_LOGISTICS
    return pool


# ---------------------------------------------------------------------------
# Templates: official announcements (fictional KPU/Bawaslu-style channel)
# ---------------------------------------------------------------------------

_OFFICIAL: tuple[_T, ...] = (
    _T("Pengumuman Jadwal Debat Publik Ketiga {race}", (
        "{kpu} mengumumkan debat publik ketiga pasangan calon {head} digelar pekan ini "
        "pukul 19.30 waktu setempat.",
        "Tema debat adalah tata kelola pemerintahan, pelayanan publik, dan penanganan "
        "bencana.",
        "Debat disiarkan langsung oleh televisi lokal dan kanal video resmi KPU.",
    )),
    _T("Imbauan: Masa Tenang Dimulai {masa_tenang}", (
        "Masa tenang {race} berlangsung mulai {masa_tenang} hingga menjelang pemungutan "
        "suara {hari_h}.",
        "Selama masa tenang, pasangan calon, tim kampanye, dan relawan dilarang "
        "melakukan kegiatan kampanye dalam bentuk apa pun, termasuk di media sosial.",
        "Pelanggaran dapat dilaporkan ke {bawaslu}.",
    )),
    _T("Layanan Cek DPT Daring untuk {race}", (
        "Pemilih dapat memastikan namanya terdaftar di DPT melalui laman cek DPT resmi "
        "KPU dengan memasukkan NIK.",
        "Hasil pencarian menampilkan nomor dan alamat TPS tempat pemilih terdaftar.",
        "Pemilih yang tidak menemukan namanya dapat mendatangi kantor PPS setempat.",
    )),
    _T("Pengumuman Lokasi TPS Lokasi Khusus di {short}", (
        "{kpu} menetapkan TPS lokasi khusus di lembaga pemasyarakatan dan rumah sakit "
        "daerah.",
        "Pemilih di TPS lokasi khusus adalah warga binaan, pasien, dan tenaga kesehatan "
        "yang terdaftar sebagai pemilih pindahan.",
        "Daftar lengkap TPS lokasi khusus ditempel di kantor KPU.",
    )),
    _T("Siaran Pers: Surat Suara Cadangan Sebesar 2,5 Persen per TPS", (
        "Setiap TPS menerima surat suara sejumlah pemilih dalam DPT ditambah 2,5 persen "
        "sebagai cadangan.",
        "Surat suara cadangan hanya boleh dipakai untuk mengganti surat suara yang rusak "
        "atau salah coblos dan dicatat dalam berita acara.",
        "Sisa surat suara yang tidak terpakai diberi tanda silang sebelum penghitungan "
        "dimulai.",
    )),
    _T("Imbauan {bawaslu}: Tolak dan Laporkan Politik Uang", (
        "{bawaslu} mengajak masyarakat menolak pemberian uang atau barang yang dikaitkan "
        "dengan pilihan di TPS.",
        "Pemberi dan penerima politik uang sama-sama dapat dijerat pidana pemilihan.",
        "Laporan dapat disampaikan ke posko pengaduan di kantor Panwascam terdekat.",
    )),
    _T("Pengumuman: Distribusi Formulir Pemberitahuan Memilih", (
        "KPPS membagikan formulir pemberitahuan memilih kepada pemilih paling lambat tiga "
        "hari sebelum pemungutan suara.",
        "Pemilih yang belum menerima formulir tetap dapat memilih dengan menunjukkan "
        "KTP-el di TPS tempat ia terdaftar.",
        "Formulir pemberitahuan tidak boleh diperjualbelikan atau dikumpulkan oleh pihak "
        "mana pun.",
    )),
    _T("Jadwal Rapat Pleno Rekapitulasi Tingkat Kecamatan", (
        "Rapat pleno rekapitulasi hasil penghitungan suara tingkat kecamatan dimulai sehari "
        "setelah pemungutan suara.",
        "Rapat terbuka untuk saksi pasangan calon, pengawas, dan pemantau terakreditasi.",
        "Hasil rekapitulasi kecamatan diumumkan di papan pengumuman kantor PPK.",
    )),
    _T("Imbauan: Bawa KTP-el atau Formulir Pemberitahuan ke TPS", (
        "Pemilih diimbau membawa formulir pemberitahuan memilih dan KTP-el saat datang ke "
        "TPS.",
        "TPS dibuka pukul 07.00 dan ditutup pukul 13.00 waktu setempat.",
        "Pemilih yang masih mengantre saat TPS ditutup tetap dilayani.",
    )),
    _T("Informasi: Pemilih Disabilitas Dapat Didampingi", (
        "Pemilih disabilitas dapat dibantu pendamping pilihannya sendiri atau anggota "
        "KPPS.",
        "Pendamping wajib merahasiakan pilihan pemilih dan menandatangani surat "
        "pernyataan.",
        "KPPS menyediakan alat bantu tunanetra di setiap TPS.",
    )),
    _T("Pengumuman Pemusnahan Surat Suara Rusak dan Lebih", (
        "{kpu} akan memusnahkan surat suara rusak dan kelebihan cetak hasil sortir dan "
        "lipat.",
        "Pemusnahan dilakukan dengan cara dibakar di halaman gudang logistik dan "
        "disaksikan Bawaslu, kepolisian, serta perwakilan pasangan calon.",
        "Jumlah surat suara yang dimusnahkan dicatat dalam berita acara.",
    )),
    _T("{bawaslu} Buka Posko Pengaduan 24 Jam Selama Masa Tenang", (
        "{bawaslu} membuka posko pengaduan 24 jam mulai masa tenang hingga rekapitulasi.",
        "Warga dapat melapor langsung, melalui telepon, atau lewat formulir daring.",
        "Setiap laporan wajib dilengkapi identitas pelapor dan bukti awal.",
    )),
    _T("Pengumuman: Layanan Pindah Memilih Segera Ditutup", (
        "Layanan pengurusan pindah memilih untuk {race} ditutup tujuh hari sebelum "
        "pemungutan suara.",
        "Pemilih yang berhalangan karena sakit, tertimpa bencana, atau menjalani "
        "penahanan masih dapat dilayani sesuai ketentuan.",
        "Informasi lebih lanjut dapat ditanyakan ke kantor PPS.",
    )),
    _T("Siaran Pers: Hasil Pemetaan Kerawanan TPS {race}", (
        "{bawaslu} merilis hasil pemetaan kerawanan TPS yang memuat 8 variabel dan 25 "
        "indikator.",
        "Kerawanan terbanyak terkait akurasi data pemilih, netralitas aparatur, dan TPS "
        "yang sulit dijangkau.",
        "Hasil pemetaan disampaikan kepada KPU, kepolisian, dan pemerintah daerah sebagai "
        "bahan pencegahan.",
    )),
    _T("Panduan Pemungutan Suara bagi Warga Binaan Lapas", (
        "KPPS TPS lokasi khusus di lapas akan melayani warga binaan yang terdaftar dalam "
        "DPT.",
        "Petugas lapas membantu pendataan warga binaan yang belum memiliki KTP-el bersama "
        "Disdukcapil.",
        "Pengamanan TPS di lapas dilakukan petugas lapas bersama kepolisian.",
    )),
    _T("Jadwal Kampanye Rapat Umum Pasangan Calon {race}", (
        "{kpu} menetapkan jadwal kampanye rapat umum bagi setiap pasangan calon secara "
        "bergiliran.",
        "Lokasi rapat umum ditentukan bersama kepolisian dengan mempertimbangkan "
        "keamanan dan kelancaran lalu lintas.",
        "Tim kampanye wajib menyampaikan pemberitahuan kepada kepolisian paling lambat "
        "tiga hari sebelumnya.",
    )),
    _T("Rekrutmen Petugas Ketertiban TPS Tambahan di {short}", (
        "PPS membuka pendaftaran petugas ketertiban TPS tambahan untuk mengganti "
        "petugas yang mengundurkan diri.",
        "Pendaftar berusia minimal 17 tahun, sehat jasmani, dan bukan anggota partai "
        "politik.",
        "Berkas pendaftaran diserahkan langsung ke kantor PPS setempat.",
    )),
    _T("Pengumuman Penetapan DPT {race}", (
        "{kpu} telah menetapkan DPT {race} sebanyak {n_dpt} pemilih yang tersebar di "
        "{n_tps} TPS.",
        "Salinan DPT diumumkan di kantor desa dan kelurahan agar dapat dicermati warga.",
        "Masukan dan tanggapan masyarakat dapat disampaikan ke PPS.",
    )),
)

# ---------------------------------------------------------------------------
# Templates: social, routine and neutral (plain text)
# ---------------------------------------------------------------------------

_SOCIAL_NEUTRAL: tuple[_T, ...] = (
    _T("", ("ada yg tau TPS di {desa} pindah gak sih? undangan blm nyampe nih",)),
    _T("", ("abis ikut bimtek KPPS, capek tapi seru jg. semoga lancar semua pas "
            "{hari_h_short} #PilkadaDamai",)),
    _T("", ("{kec} hujan terus dari sore, moga2 pas hari H cerah biar orang tua gampang "
            "ke TPS",)),
    _T("", ("yuk gaes pastiin nama kalian ada di DPT, cek di situs resmi KPU ya jgn "
            "dari link aneh2 #{tag}",)),
    _T("", ("debat semalem lumayan seru sih, paslon {no} jawabannya paling jelas "
            "menurutku. yg lain jg ok lah",)),
    _T("", ("macet parah di jalan raya {kec} gara2 kampanye, sabar2 aja gaes",)),
    _T("", ("beda pilihan boleh, ngopi tetep bareng. #PilkadaDamai #{tag}",)),
    _T("", ("ngeliat bapak2 linmas jaga gudang logistik tengah malem gini jd salut. "
            "semangat pak!",)),
    _T("", ("kapan ya undangan memilih dibagi? keluarga di {dw} {desa} blm pada dapet",)),
    _T("", ("jangan lupa nyoblos tgl {hari_h_short} ya, jgn golput. abis itu baru "
            "liburan",)),
    _T("", ("ada yg tau masih ada lowongan KPPS gak di {kec}? temen mau daftar",)),
    _T("", ("barusan ada patroli polisi lewat {desa}, mampir ke pos ronda ngobrol2. "
            "adem jadinya",)),
    _T("", ("grup keluarga isinya debat pilkada mulu, gw mute dulu deh wkwk",)),
    _T("", ("tadi ikut sosialisasi pemilih pemula di {balai}, baru tau ternyata "
            "boleh nyoblos cuma pake KTP kalo nama ada di DPT",)),
    _T("", ("Rek, ojok lali nyoblos yo. sing penting rukun, pilihan boleh beda "
            "#{tag}",), ("35.14",)),
    _T("", ("Ayo mi ke TPS ki nanti, jangan golput. beda pilihan ji, tetap "
            "sipakatau #{tag}",), ("73.71",)),
    _T("", ("mang, TPS {tps} di {desa} udah didiriin tendanya. rapih euy",),
       _JABAR_CIAYU),
)

# ---------------------------------------------------------------------------
# Hoax narratives
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Narrative:
    """A hoax narrative: variants of one claim, where it spreads, and its debunks."""

    key: str
    label: str
    places: tuple[str, ...]  # "code:kecamatan", repeated for weight
    no: int  # candidate number the claim is about
    variants: tuple[str, ...]  # social copies (plain text)
    both_variants: tuple[str, ...]  # copies that also call to action (hoaks+provokasi)
    news_variant: _T | None  # a news outlet repeating the claim uncritically
    copies: int  # social copies (both_variants are extra)
    days: tuple[int, int]  # (oldest, newest) days ago of the copies
    fc_title: str
    fc_body: tuple[str, ...]
    fc_day: int
    news_debunks: tuple[tuple[str, int, _T], ...] = field(default=())


_NARRATIVES: tuple[_Narrative, ...] = (
    _Narrative(
        "surat-suara-tercoblos",
        "Surat suara Pilbup Cirebon sudah tercoblos untuk paslon 2 di gudang KPU Plumbon",
        (*("32.09:Plumbon",) * 5, "32.09:Weru", "32.09:Sumber", "32.12:Jatibarang"),
        2,
        (
            "Astaghfirullah, surat suara {race} udah dicoblos duluan buat paslon nomor "
            "{no}!! Ini videonya dari gudang logistik KPU di {kec}. Pilkada belum mulai "
            "udah curang. Sebarkan!!",
            "Viral video ribuan surat suara sudah tercoblos nomor urut {no} di gudang KPU "
            "Plumbon, Kab. Cirebon. Pekerja lipat surat suara ikut nyoblos?? KPU harus "
            "jelasin!!",
            "info dr orang dalem: surat suara di gudang Plumbon banyak yg udah bolong di "
            "paslon {no}. katanya disiapin buat TPS2 di {kec}. waspada warga!",
            "Kabarnya bukan cuma di gudang Plumbon, di PPK {kec} juga ada surat suara yg "
            "udah kecoblos paslon {no}. Pilkada udah diatur, percuma nyoblos!!",
        ),
        (
            "Surat suara udah dicoblos paslon {no} di gudang Plumbon!!! Gak bisa "
            "dibiarin, besok jam 9 kita geruduk kantor {kpu}. Bawa massa sebanyak2nya!!",
            "WARGA {kec} BANGKIT!! surat suara udah dicoblos buat paslon {no} di gudang "
            "Plumbon. kepung gudangnya malam ini, jangan kasih keluar satu kotak pun!",
        ),
        _T("Warga Resah, Beredar Video Surat Suara Sudah Tercoblos di Gudang KPU", (
            "Sebuah video yang memperlihatkan tumpukan surat suara {race} dengan bekas "
            "coblosan pada pasangan nomor urut {no} beredar di grup WhatsApp warga {kec}.",
            "Dalam video itu, perekam menyebut surat suara tersebut ditemukan di gudang "
            "logistik KPU di Plumbon.",
            "Sejumlah warga mendesak aparat segera menyegel gudang tersebut.",
        )),
        7, (4, 0),
        "[HOAKS] Video Surat Suara Pilbup Cirebon Sudah Tercoblos untuk Paslon Nomor "
        "Urut 2",
        (
            "Beredar video dan pesan berantai yang mengklaim ribuan surat suara Pilbup "
            "Cirebon sudah tercoblos untuk pasangan calon nomor urut 2 di gudang logistik "
            "KPU di Plumbon.",
            "Faktanya, video itu merekam surat suara rusak yang disisihkan saat sortir dan "
            "lipat; lubang pada kertas berasal dari cacat cetak dan sobekan, bukan bekas "
            "coblosan.",
            "KPU Kabupaten Cirebon menyatakan surat suara rusak sudah dihitung dalam "
            "berita acara dan akan dimusnahkan di hadapan Bawaslu dan kepolisian.",
            "Kesimpulan: klaim surat suara sudah dicoblos untuk paslon tertentu adalah "
            "hoaks.",
        ),
        1,
        (
            ("kabarcirebon", 1, _T(
                "KPU Kabupaten Cirebon Bantah Surat Suara Sudah Tercoblos", (
                    "{kpu} membantah kabar surat suara {race} sudah tercoblos untuk "
                    "pasangan nomor urut {no} di gudang logistik Plumbon.",
                    "Ketua {kpu} menjelaskan lembaran yang terekam dalam video adalah "
                    "surat suara rusak hasil sortir yang sengaja dipisahkan.",
                    "“Tidak benar ada surat suara yang dicoblos. Silakan warga datang "
                    "melihat proses di gudang,” ujarnya.",
                    "{polres} menyatakan sedang menelusuri akun pertama yang menyebarkan "
                    "video tersebut.",
                ))),
            ("penyelenggara", 0, _T(
                "Klarifikasi: Tidak Ada Surat Suara Tercoblos di Gudang Logistik "
                "Plumbon", (
                    "Menanggapi video yang beredar, {kpu} menegaskan tidak ada surat "
                    "suara yang tercoblos di gudang logistik Plumbon.",
                    "Lembar yang tampak berlubang adalah surat suara rusak yang "
                    "dipisahkan saat sortir dan lipat dan tercatat dalam berita acara.",
                    "Masyarakat dipersilakan memantau proses di gudang pada jam kerja.",
                ))),
        ),
    ),
    _Narrative(
        "pemungutan-diundur",
        "Surat edaran palsu KPU: pemungutan suara diundur sepekan",
        ("32.08:Cilimus", "32.08:Kadugede", "32.12:Sindang", "32.12:Haurgeulis",
         "32.74:Kesambi", "32.74:Kejaksan"),
        1,
        (
            "PENGUMUMAN RESMI KPU: Pemungutan suara {race} DIUNDUR dari {hari_h_short} "
            "menjadi {mundur_short} karena logistik belum lengkap. Mohon diteruskan ke "
            "keluarga & tetangga.",
            "Surat edaran KPU no. {no_surat} udah keluar gaes, pencoblosan di {short} "
            "diundur seminggu jadi {mundur_short}, alasannya cuaca ekstrem. yg udah ambil "
            "cuti siap2 ganti jadwal",
            "Info dari grup KPPS: hari H {race} mundur ke {mundur_short}. Surat resminya "
            "nyusul, KPPS diminta standby. Tolong sebarkan",
            "Bapak ibu warga {kec}, pencoblosan {race} tidak jadi {hari_h_short}, diganti "
            "{mundur_short} sesuai surat KPU. TPS tutup di tanggal lama ya.",
        ),
        (),
        None,
        7, (12, 5),
        "[HOAKS] Surat Edaran KPU Soal Pemungutan Suara Pilkada Diundur Sepekan",
        (
            "Pesan berantai berisi foto surat edaran berkop KPU menyebut pemungutan suara "
            "pilkada di Kuningan, Indramayu, dan Kota Cirebon diundur dari {hari_h_short} "
            "menjadi {mundur_short} karena logistik belum lengkap dan cuaca ekstrem.",
            "Faktanya, nomor surat dalam gambar tidak terdaftar di KPU, dan KPU memastikan "
            "pemungutan suara tetap digelar {hari_h}.",
            "Perubahan jadwal hanya bisa ditetapkan lewat keputusan resmi dan diumumkan di "
            "kanal resmi KPU.",
            "Kesimpulan: hoaks.",
        ),
        8,
        (
            ("lerengciremai", 8, _T(
                "KPU Kuningan Pastikan Pencoblosan Tidak Diundur", (
                    "{kpu} memastikan pemungutan suara {race} tetap digelar {hari_h}.",
                    "Ketua {kpu} menyebut surat edaran yang beredar di grup WhatsApp "
                    "palsu karena nomor dan tanda tangannya tidak sesuai arsip KPU.",
                    "Ia meminta warga hanya merujuk informasi dari kanal resmi KPU.",
                ))),
            ("penyelenggara", 9, _T(
                "Klarifikasi: Jadwal Pemungutan Suara Tidak Berubah", (
                    "KPU menegaskan tidak pernah menerbitkan surat edaran tentang "
                    "penundaan pemungutan suara pilkada.",
                    "Pemungutan suara tetap dilaksanakan {hari_h} di seluruh TPS.",
                    "Surat edaran yang beredar tidak benar dan sedang dilaporkan kepada "
                    "kepolisian.",
                ))),
        ),
    ),
    _Narrative(
        "pemilih-siluman",
        "Ribuan pemilih siluman di DPT Pasuruan disiapkan untuk joki paslon 1",
        ("35.14:Gempol", "35.14:Bangil", "35.14:Pandaan", "35.14:Purwosari"),
        1,
        (
            "Ada {n_siluman} pemilih siluman di DPT Kec. {kec}! Banyak yg udah meninggal "
            "tp masih terdaftar, katanya mau dipake joki buat paslon {no}. Rek, kawal "
            "TPS-mu!!",
            "Data bocor: {n_siluman} nama fiktif masuk DPT Kabupaten Pasuruan, tersebar di "
            "{kec} & {kec2}. Undangan mereka sudah dikumpulkan tim sukses paslon nomor "
            "{no}.",
            "Cak, DPT Pasuruan iku akeh jenenge wong mati. Wis disiapno {n_siluman} "
            "undangan gawe joki paslon {no}. Ojok meneng ae!",
        ),
        (),
        _T("Ribuan Pemilih Siluman Diduga Disiapkan di DPT Pasuruan", (
            "Sebuah dokumen yang beredar di media sosial menyebut ada {n_siluman} nama "
            "fiktif dan warga meninggal dalam DPT Kabupaten Pasuruan.",
            "Dokumen itu menuding undangan memilih atas nama mereka telah dikumpulkan tim "
            "pemenangan paslon nomor urut {no} untuk dipakai joki di TPS.",
            "Warga Kecamatan {kec} meminta aparat turun tangan.",
        )),
        5, (20, 10),
        "[SALAH] Ribuan Pemilih Siluman di DPT Pasuruan Disiapkan untuk Joki Paslon "
        "Nomor 1",
        (
            "Klaim yang beredar menyebut ribuan nama fiktif dan warga meninggal dalam DPT "
            "Kabupaten Pasuruan akan dipakai joki untuk memenangkan paslon nomor urut 1.",
            "Faktanya, daftar yang beredar adalah data lama sebelum pencocokan dan "
            "penelitian (coklit); nama warga yang meninggal sudah dicoret dengan status "
            "tidak memenuhi syarat.",
            "Pemilih di TPS juga wajib menunjukkan KTP-el yang dicocokkan KPPS dengan DPT "
            "dan diawasi saksi serta pengawas TPS.",
            "Kesimpulan: salah.",
        ),
        13,
        (
            ("pasuruanterkini", 14, _T(
                "KPU Pasuruan: Tidak Ada Pemilih Siluman, Warga Meninggal Sudah Dicoret", (
                    "{kpu} membantah kabar ribuan pemilih siluman dalam DPT {race}.",
                    "Menurut KPU, data yang beredar adalah daftar pemilih sementara "
                    "sebelum coklit, sedangkan DPT final sudah dibersihkan dari pemilih "
                    "yang meninggal.",
                    "KPU mempersilakan tim pasangan calon mencermati salinan DPT yang "
                    "sudah diserahkan.",
                ))),
        ),
    ),
    _Narrative(
        "ucapan-palsu-paslon",
        "Potongan video: calon wali kota Makassar nomor 1 ancam warga yang tak memilihnya",
        ("73.71:Tallo", "73.71:Tallo", "73.71:Panakkukang", "73.71:Rappocini",
         "73.71:Tamalate"),
        1,
        (
            "Dengar sendiri ki, paslon nomor {no} bilang warga {kec} yang tidak pilih dia "
            "tidak akan dapat bantuan apa-apa kalau dia jadi wali kota. Sombongnya mi!",
            "VIRAL!! Video {calon} ngomong 'kalau kalah di {kec}, biar saja itu kampung "
            "tidak dibangun'. Ini calon pemimpin atau apa?? #{tag}",
            "Potongan video: calon wali kota nomor urut {no} ancam warga {kec} tidak dapat "
            "bantuan kalau tidak memilih dia. Sebarkan supaya warga Makassar tahu watak "
            "aslinya.",
        ),
        (
            "Orang begini mau jadi wali kota?? Dia hina warga {kec}!! Ayo warga {kec} "
            "turun, kita datangi posko pemenangannya malam ini!",
        ),
        _T("Video Calon Wali Kota Ancam Warga Tak Dapat Bantuan Viral", (
            "Video berdurasi setengah menit yang menampilkan calon wali kota nomor urut "
            "{no} viral di media sosial.",
            "Dalam video itu, ia terdengar mengatakan warga {kec} yang tidak memilihnya "
            "tidak akan mendapat bantuan.",
            "Sejumlah warga menyatakan kecewa dan meminta Bawaslu memanggil yang "
            "bersangkutan.",
        )),
        6, (16, 8),
        "[DISINFORMASI] Video Calon Wali Kota Makassar Nomor Urut 1 Ancam Warga yang Tak "
        "Memilihnya",
        (
            "Sebuah potongan video menampilkan calon wali kota Makassar nomor urut 1 "
            "seolah mengatakan warga yang tidak memilihnya tidak akan mendapat bantuan dan "
            "kampungnya tidak dibangun.",
            "Faktanya, video itu dipotong dari rekaman kampanye dialogis yang utuh; "
            "kalimat tersebut adalah keluhan warga yang ia bacakan lalu ia bantah.",
            "Penyebar membuang bagian awal dan akhir rekaman sehingga maknanya berubah.",
            "Kesimpulan: disinformasi.",
        ),
        11,
        (
            ("losaripos", 10, _T(
                "Tim Paslon 1 Bantah Isi Video, Laporkan Penyebar ke Polisi", (
                    "Tim pemenangan pasangan calon nomor urut {no} membantah calonnya "
                    "mengancam warga yang tidak memilih.",
                    "Tim menunjukkan rekaman utuh kampanye dialogis yang memperlihatkan "
                    "kalimat itu dibacakan dari keluhan warga, bukan pernyataan calon.",
                    "Tim juga melaporkan akun penyebar potongan video ke {polres}.",
                ))),
        ),
    ),
    _Narrative(
        "tka-didaftarkan-memilih",
        "Ratusan tenaga kerja asing diberi KTP-el dan didaftarkan sebagai pemilih",
        ("35.14:Gempol", "35.14:Gempol", "35.14:Pandaan", "73.71:Biringkanaya"),
        3,
        (
            "Ratusan TKA di pabrik kawasan {kec} udah pegang e-KTP dan masuk DPT, "
            "disiapin buat nyoblos paslon {no}. Ini negara siapa sih??",
            "Foto: antrean pekerja asing di {balai} {desa}, katanya lagi rekam e-KTP "
            "biar bisa ikut pilkada. Kok bisa??",
            "Info warga {kec}: ada {n_tka} pekerja asing didaftarin jd pemilih. KTP-nya "
            "sama persis kayak punya kita. Awas suara kita dirampok!!",
        ),
        (),
        None,
        6, (24, 14),
        "[HOAKS] Ratusan Tenaga Kerja Asing Didaftarkan Jadi Pemilih Pilkada",
        (
            "Narasi di media sosial menyebut ratusan tenaga kerja asing di kawasan "
            "industri Gempol, Pasuruan, dan Biringkanaya, Makassar, telah memiliki KTP-el "
            "dan masuk DPT untuk memilih pasangan calon tertentu.",
            "Faktanya, warga negara asing tidak memiliki hak pilih dalam pilkada; KTP-el "
            "WNA mencantumkan kewarganegaraan dan tidak dapat dipakai untuk memilih.",
            "Foto antrean yang beredar adalah pemeriksaan kesehatan karyawan sebuah "
            "pabrik.",
            "Kesimpulan: hoaks.",
        ),
        19,
        (
            ("pasuruanterkini", 18, _T(
                "Disdukcapil Pastikan Tak Ada WNA Masuk DPT Pasuruan", (
                    "Disdukcapil {short} menegaskan tenaga kerja asing tidak mungkin "
                    "masuk DPT karena tidak memiliki hak pilih.",
                    "KTP-el WNA mencantumkan kewarganegaraan dan masa berlaku sesuai izin "
                    "tinggal sehingga mudah dibedakan.",
                    "{kpu} menyatakan klaim ratusan TKA didaftarkan sebagai pemilih tidak "
                    "benar.",
                ))),
        ),
    ),
    _Narrative(
        "sirekap-diatur",
        "Aplikasi Sirekap sudah diatur untuk memenangkan paslon 3",
        ("32.12:Jatibarang", "32.12:Losarang", "32.12:Karangampel", "32.09:Arjawinangun",
         "32.09:Palimanan"),
        3,
        (
            "Hati2!! Aplikasi Sirekap udah disetting buat menangin paslon {no}. Ini SS-nya, "
            "angka di TPS {tps} {desa} udah keisi padahal belum nyoblos!!",
            "Bocoran orang IT: suara di aplikasi rekap KPU bisa diubah dari pusat, target "
            "paslon nomor {no} menang {pct} persen di {short}. Kawal C1 kalian!!",
            "Ngapain capek2 nyoblos, hasil di Sirekap {short} udah ada duluan. paslon {no} "
            "menang, yg lain cuma penggembira. cek aja SS ini",
            "Screenshot Sirekap TPS {tps} {kec}: paslon {no} dapet {n_suara} suara padahal "
            "pemungutan belum digelar. Curang terstruktur!!",
        ),
        (),
        None,
        7, (6, 1),
        "[SALAH] Aplikasi Sirekap Sudah Diatur untuk Memenangkan Paslon Nomor Urut 3",
        (
            "Tangkapan layar yang beredar diklaim membuktikan aplikasi Sirekap sudah "
            "berisi angka perolehan suara paslon nomor urut 3 di Indramayu dan Kabupaten "
            "Cirebon sebelum pemungutan suara.",
            "Faktanya, tangkapan layar itu berasal dari aplikasi latihan saat bimbingan "
            "teknis KPPS yang memakai data contoh.",
            "Sirekap adalah alat bantu publikasi; hasil resmi tetap ditetapkan lewat "
            "rekapitulasi manual berjenjang yang disaksikan saksi paslon dan pengawas.",
            "Kesimpulan: salah.",
        ),
        2,
        (
            ("dermayupos", 2, _T(
                "KPU Indramayu: Tangkapan Layar Sirekap Itu Data Latihan", (
                    "{kpu} mengklarifikasi tangkapan layar aplikasi Sirekap yang "
                    "menampilkan perolehan suara sebelum hari pemungutan.",
                    "Menurut KPU, gambar itu diambil dari sesi bimtek KPPS yang memakai "
                    "data contoh dan bukan data TPS sungguhan.",
                    "KPU menegaskan penetapan hasil tetap melalui rekapitulasi manual "
                    "berjenjang.",
                ))),
            ("penyelenggara", 3, _T(
                "Klarifikasi: Sirekap Tidak Menentukan Hasil Pemilihan", (
                    "KPU menjelaskan Sirekap hanya alat bantu untuk mempublikasikan foto "
                    "formulir hasil dari TPS.",
                    "Data yang tampil sebelum hari pemungutan berasal dari mode latihan "
                    "dan tidak tersambung ke data resmi.",
                    "Hasil resmi ditetapkan melalui rapat pleno rekapitulasi berjenjang.",
                ))),
        ),
    ),
    _Narrative(
        "tps-dipindah",
        "Pengumuman palsu: TPS dipindah dan undangan memilih tidak berlaku",
        ("32.74:Kesambi", "32.74:Kesambi", "32.74:Harjamukti", "32.08:Cilimus"),
        1,
        (
            "PENGUMUMAN: TPS {tps} {dw} {desa} dipindah ke {newplace}. Pemilih cukup bawa "
            "KTP, undangan C tidak berlaku. Harap diteruskan.",
            "Info warga {desa}: TPS kita pindah lokasi ke {newplace} krn tempat lama "
            "kebanjiran. Undangan memilih gak usah dibawa, cukup KTP.",
            "buat warga {kec} yg TPS-nya di sekolah, katanya dipindah semua ke {newplace}. "
            "jam bukanya jg mundur jd jam 10. share ke grup RT ya",
            "‼️ TPS {tps} & {tps2} {desa} PINDAH ‼️ lokasi baru di {newplace}. Undangan "
            "lama gak berlaku ya bapak ibu",
        ),
        (),
        None,
        8, (4, 0),
        "[HOAKS] Pengumuman TPS Dipindah dan Undangan Memilih Tidak Berlaku",
        (
            "Pesan berantai menyebut sejumlah TPS di Kesambi dan Harjamukti, Kota Cirebon, "
            "serta Cilimus, Kuningan, dipindah ke lokasi baru dan pemilih cukup membawa KTP "
            "karena undangan memilih tidak berlaku.",
            "Faktanya, KPU setempat tidak pernah memindahkan TPS tersebut dan formulir "
            "pemberitahuan memilih tetap berlaku.",
            "Bila TPS terpaksa dipindah karena bencana, KPPS dan PPS mengumumkannya "
            "langsung kepada pemilih; lokasi TPS dapat dicek di laman resmi KPU.",
            "Kesimpulan: hoaks.",
        ),
        1,
        (
            ("wartakotawali", 2, _T(
                "KPU Kota Cirebon: Tidak Ada Pemindahan TPS di Kesambi", (
                    "{kpu} membantah pesan berantai yang menyebut TPS di Kecamatan "
                    "Kesambi dipindah ke lokasi lain.",
                    "Ketua {kpu} menegaskan formulir pemberitahuan memilih tetap berlaku "
                    "dan jam buka TPS tetap pukul 07.00.",
                    "“Kalau ada pemindahan karena bencana, KPPS sendiri yang mengumumkan ke "
                    "warga,” ujarnya.",
                ))),
        ),
    ),
    _Narrative(
        "bansos-dicabut",
        "Bansos PKH/BPNT dicabut bila warga tidak memilih paslon 2",
        ("32.12:Haurgeulis", "32.12:Losarang", "32.12:Haurgeulis", "32.08:Luragung",
         "32.08:Ciawigebang"),
        2,
        (
            "Pendamping PKH bilang, warga penerima bansos yg gak milih paslon {no} bakal "
            "dicoret. data TPS-nya udah dicek semua. takut bgt sumpah",
            "Buat penerima PKH & BPNT di {kec}: wajib coblos nomor {no}, kalo nggak "
            "bansosnya distop bulan depan. Sudah ada daftar namanya.",
            "Info penting buat KPM bansos {short}: bantuan bakal dicabut kalo suara di TPS "
            "kalian kalah buat paslon {no}. Ini perintah dari atas katanya",
        ),
        (),
        None,
        6, (18, 9),
        "[HOAKS] Bansos PKH Dicabut bagi Warga yang Tidak Memilih Paslon Nomor Urut 2",
        (
            "Beredar pesan bahwa penerima PKH dan BPNT di Indramayu dan Kuningan akan "
            "dicoret bila tidak memilih pasangan calon nomor urut 2, dengan alasan pilihan "
            "warga di TPS sudah didata.",
            "Faktanya, Dinas Sosial menegaskan penyaluran bansos ditentukan data "
            "kesejahteraan sosial, bukan pilihan politik, dan pendamping dilarang "
            "mengarahkan pilihan.",
            "Pilihan di bilik suara bersifat rahasia sehingga tidak mungkin didata per "
            "warga.",
            "Kesimpulan: hoaks.",
        ),
        12,
        (
            ("dermayupos", 13, _T(
                "Dinsos Indramayu: Bansos Tak Ada Kaitannya dengan Pilihan di Pilkada", (
                    "Dinas Sosial {short} membantah kabar penerima bansos akan dicoret bila "
                    "tidak memilih pasangan calon tertentu.",
                    "Penyaluran PKH dan BPNT, kata Dinsos, mengikuti data terpadu "
                    "kesejahteraan sosial yang tidak terkait hasil pilkada.",
                    "Dinsos meminta warga melapor bila ada pendamping yang mengarahkan "
                    "pilihan.",
                ))),
        ),
    ),
)

# Stand-alone fact-checks of smaller claims (with one or two copies each, below).
_EXTRA_FACTCHECKS: tuple[tuple[int, _T], ...] = (
    (22, _T("[SALAH] Foto Kotak Suara Hanyut di Sungai Disebut Terjadi di Losarang", (
        "Sebuah foto kotak suara terapung di sungai beredar dengan keterangan terjadi di "
        "Losarang, Indramayu, pekan ini.",
        "Faktanya, foto itu sudah beredar sejak banjir pada pemilu beberapa tahun lalu di "
        "daerah lain dan tidak terkait pilkada sekarang.",
        "KPU Indramayu memastikan logistik di Losarang tersimpan aman di gudang PPK.",
        "Kesimpulan: salah.",
    ))),
    (15, _T("[HOAKS] Tinta Pemilu Mengandung Zat Berbahaya bagi Kulit", (
        "Pesan berantai mengklaim tinta penanda di jari pemilih mengandung zat kimia "
        "berbahaya yang bisa merusak kulit dan kuku.",
        "Faktanya, tinta pemilu telah melalui uji laboratorium dan memperoleh sertifikat "
        "halal serta izin edar.",
        "Pemilih yang alergi dapat meminta KPPS menandai jari lain.",
        "Kesimpulan: hoaks.",
    ))),
    (6, _T("[SALAH] Tautan Cek DPT Berhadiah Saldo Digital", (
        "Beredar tautan yang mengaku layanan cek DPT dan menjanjikan saldo dompet digital "
        "bagi pemilih yang mengisi data diri.",
        "Faktanya, KPU tidak pernah memberi hadiah untuk pengecekan DPT; tautan itu "
        "mengarah ke situs yang meminta NIK dan kode OTP.",
        "Warga diminta hanya memakai laman resmi KPU dan tidak membagikan kode OTP kepada "
        "siapa pun.",
        "Kesimpulan: salah.",
    ))),
    (9, _T("[DISINFORMASI] Video Kericuhan Massa Disebut Terjadi di Pandaan", (
        "Video kericuhan massa yang saling lempar batu diklaim terjadi antarpendukung "
        "pasangan calon di Pandaan, Pasuruan.",
        "Faktanya, video itu merekam kericuhan suporter sepak bola di kota lain dan sudah "
        "beredar sejak tahun lalu.",
        "Polres Pasuruan memastikan tidak ada bentrokan antarpendukung di Pandaan.",
        "Kesimpulan: disinformasi.",
    ))),
    (4, _T("[SALAH] Pemilih Tanpa Undangan Tidak Bisa Mencoblos", (
        "Unggahan di media sosial menyebut pemilih yang tidak menerima undangan memilih "
        "otomatis kehilangan hak pilih.",
        "Faktanya, pemilih yang terdaftar di DPT tetap dapat mencoblos dengan menunjukkan "
        "KTP-el di TPS tempatnya terdaftar.",
        "Kesimpulan: salah.",
    ))),
    (17, _T("[HOAKS] Petugas KPPS Meninggal Diracun Usai Bimtek", (
        "Beredar kabar seorang petugas KPPS di Kuningan meninggal karena diracun setelah "
        "mengikuti bimtek.",
        "Faktanya, tidak ada laporan petugas KPPS meninggal di wilayah tersebut; foto yang "
        "dipakai adalah warga yang dirawat karena kelelahan dan sudah pulih.",
        "Kesimpulan: hoaks.",
    ))),
    (3, _T("Cek Fakta: Cara Mengenali Surat Edaran Palsu Menjelang Pemungutan Suara", (
        "Menjelang hari pemungutan, pesan berantai yang meniru surat edaran KPU kembali "
        "bermunculan, mulai dari penundaan jadwal hingga pemindahan TPS.",
        "Periksa nomor surat, tanggal, dan tanda tangan, lalu cocokkan dengan pengumuman "
        "di laman resmi KPU; surat asli tidak pernah meminta pesan diteruskan.",
        "Bila ragu, tanyakan langsung kepada PPS atau KPPS setempat.",
    ))),
)

# Small hoaxes that the extra fact-checks refute: (days ago, region code, kec, text).
_EXTRA_HOAXES: tuple[tuple[int, str, str, str], ...] = (
    (23, "32.12", "Losarang",
     "Innalillahi, kotak suara hanyut di sungai Losarang!! logistik pilkada Indramayu "
     "berantakan, KPU ke mana aja??"),
    (16, "32.08", "Jalaksana",
     "Jangan mau jarinya dicelup tinta pemilu, ada zat kimianya bisa bikin kuku rusak. "
     "udah ada korbannya di Jalaksana"),
    (16, "35.14", "Bangil",
     "tinta pemilu itu bahaya lho rek, kulit bisa melepuh. mending tolak aja pas di TPS"),
    (10, "35.14", "Pandaan",
     "Pandaan rusuh!! pendukung paslon saling lempar batu, video barusan. jangan keluar "
     "rumah dulu"),
    (18, "32.08", "Kadugede",
     "Petugas KPPS di Kadugede meninggal diracun abis bimtek, katanya gara2 gak mau "
     "diajak curang. usut tuntas!!"),
)

# ---------------------------------------------------------------------------
# Unrest signals (provokasi)
# ---------------------------------------------------------------------------

_UNREST_SOCIAL: tuple[_T, ...] = (
    _T("rally-kpu", ("Warga {kec} dan sekitarnya, besok jam 9 kumpul depan kantor {kpu}!! "
                     "kita kepung sampe mereka ngaku curang. bawa massa sebanyak2nya "
                     "#KawalSuara",)),
    _T("siaga", ("Semua relawan paslon {no} di {kec} siaga satu. kalo hasil TPS kita dicurangi, "
                 "kita turun ke jalan. gak ada kata mundur!!!",)),
    _T("ancam-kpps", ("Buat KPPS TPS {tps} {desa} hati2 aja ya, kami tau rumah kalian. "
                      "jangan macem2 pas ngitung",)),
    _T("ancam-kpps2", ("Awas aja kalo KPPS {kec} berani curang, kita datengin satu2 "
                       "rumahnya abis penghitungan",)),
    _T("sara1", ("Jangan sampe {short} dipimpin orang yg bukan golongan kita. pilih yg "
                 "seiman, jangan pilih pendatang!!",)),
    _T("sara2", ("Warga asli {kec} harus bersatu, usir aja tuh pendukung paslon {no} yg "
                 "bukan orang sini",)),
    _T("fajar", ("info A1: nanti malem ada serangan fajar di {desa}, amplopnya 150rb per "
                 "kepala. yg mau tinggal nunggu di rumah wkwk",)),
    _T("tolak-hasil", ("Kalo sampe paslon {no} kalah di {kec} berarti ada yg main. Kita "
                       "gak bakal terima hasilnya, titik.",)),
    _T("intimidasi", ("Pak {vh} {desa} ngumpulin RT semua, katanya yg gak milih paslon {no} "
                      "gak bakal dapet bantuan desa lagi. parahhh",)),
    _T("jaga-tps", ("Pemuda {desa}, malam ini jaga TPS {tps} ramean, bawa pentungan. "
                    "jangan kasih lewat orang asing, kalo ada yg aneh langsung sikat!",)),
    _T("bentrok-saksi", ("barusan rame bgt di {kec}, pendukung paslon {no} sama paslon "
                         "{no2} saling lempar batu. polisi udh dateng",)),
    _T("sembako", ("tolong viralkan, ada mobil tim paslon {no} bagi2 sembako di {desa} jam "
                   "11 malem. masa tenang woy!!",)),
    _T("boikot", ("Boikot TPS {tps} {desa}!! KPPS-nya semua orang paslon {no}. mending kita "
                  "kuasain TPS-nya sendiri",)),
    _T("turun-mks", ("Anak2 {kec} siap turun ke jalan mi kalo ada yg macam2 sama suara ta. "
                     "kumpul di posko jam 8 malam",), ("73.71",)),
    _T("siri", ("Ini soal siri' ki. Kalau mereka injak harga diri warga {kec}, kita balas. "
                "Jangan ada yang mundur!",), ("73.71",)),
    _T("rek-rusuh", ("Rek, nek sampe paslon {no} dicurangi neng {kec}, awakdewe kudu "
                     "ngepung kantor KPU. Siapno arek-arek!",), ("35.14",)),
    _T("kuwu-ancam", ("Kuwu {desa} terang2an ngancam warga: yg pasang spanduk paslon {no2} "
                      "bakal dipersulit urus surat di balai desa",), _PILWU),
)

_UNREST_NEWS: tuple[_T, ...] = (
    _T("Bentrok Antarpendukung di {kec}, Dua Orang Luka", (
        "Bentrokan antara pendukung pasangan calon nomor urut {no} dan {no2} pecah di "
        "Kecamatan {kec}, {kemarin} malam.",
        "Dua orang mengalami luka akibat lemparan batu dan dirawat di puskesmas terdekat.",
        "Polisi membubarkan massa dan berjaga di lokasi hingga dini hari.",
    )),
    _T("Posko Pemenangan Paslon {no} di {desa} Dirusak Orang Tak Dikenal", (
        "Posko pemenangan pasangan calon nomor urut {no} di {dw} {desa}, Kecamatan {kec}, "
        "dirusak orang tak dikenal.",
        "Spanduk dirobek dan kaca depan posko dilempari batu.",
        "Tim pemenangan melaporkan kejadian ini ke Polsek {kec} dan meminta pendukung "
        "tidak membalas.",
    )),
    _T("Bawaslu Selidiki Dugaan Politik Uang di {kec}", (
        "{bawaslu} menyelidiki laporan pembagian amplop berisi uang kepada warga di "
        "Kecamatan {kec}.",
        "Pelapor menyebut amplop dibagikan bersama stiker pasangan calon nomor urut {no}.",
        "Bawaslu telah meminta keterangan pelapor dan dua saksi.",
    )),
    _T("Massa Pendukung Datangi Kantor Panwascam {kec}", (
        "Puluhan orang yang mengaku pendukung pasangan nomor urut {no} mendatangi kantor "
        "Panwascam {kec}.",
        "Mereka menuntut pengawas menindak dugaan kecurangan yang mereka sebut sudah "
        "terjadi sebelum pemungutan.",
        "Aparat kepolisian berjaga dan menemui perwakilan massa untuk berdialog.",
    )),
    _T("Anggota KPPS di {desa} Mengaku Diancam Lewat Pesan Singkat", (
        "Seorang anggota KPPS di {dw} {desa}, Kecamatan {kec}, melapor ke polisi setelah "
        "menerima pesan bernada ancaman.",
        "Pesan itu memperingatkan agar ia tidak “macam-macam” saat menghitung suara.",
        "Polisi menelusuri nomor pengirim dan menambah patroli di sekitar rumah korban.",
    )),
    _T("{vh_title} di {kec} Diduga Arahkan Warga Pilih Paslon Tertentu", (
        "Panwascam {kec} menerima laporan seorang {vh} yang mengumpulkan ketua RT dan "
        "meminta warga memilih pasangan nomor urut {no}.",
        "Pelapor menyebut warga yang menolak diancam dipersulit dalam urusan administrasi.",
        "Panwascam sedang mengumpulkan bukti dan keterangan saksi.",
    )),
    _T("Spanduk Bernada SARA Ditemukan di {kec}, Polisi Turunkan", (
        "Polisi menurunkan spanduk bernada provokatif yang menyinggung suku dan agama "
        "salah satu pasangan calon di Kecamatan {kec}.",
        "Spanduk itu dipasang di simpang jalan tanpa identitas pemasang.",
        "Polsek {kec} meminta warga tidak terpancing dan segera melapor bila menemukan "
        "spanduk serupa.",
    )),
    _T("Tim Paslon {no} Ancam Tolak Hasil Jika Ada Kecurangan", (
        "Tim pemenangan pasangan nomor urut {no} menyatakan akan menolak hasil pemungutan "
        "suara bila menemukan kecurangan di TPS.",
        "Mereka mengklaim sudah menyiapkan ribuan relawan untuk mengawal kotak suara.",
        "{kpu} meminta semua pihak menyalurkan keberatan melalui mekanisme yang sah.",
    )),
    _T("Konvoi Pendukung Nyaris Bentrok di Simpang {kec}", (
        "Dua rombongan konvoi pendukung pasangan calon nyaris bentrok di simpang jalan "
        "Kecamatan {kec}.",
        "Saling ejek sempat terjadi sebelum polisi memisahkan kedua rombongan.",
        "Polisi memanggil koordinator lapangan kedua kubu untuk dimintai keterangan.",
    )),
    _T("Polisi Amankan Pria Pembawa Puluhan Amplop Berisi Uang di {kec}", (
        "Polisi mengamankan seorang pria yang membawa puluhan amplop berisi uang di {dw} "
        "{desa}, Kecamatan {kec}.",
        "Amplop itu diduga akan dibagikan kepada warga menjelang hari pemungutan.",
        "Kasus ini diserahkan ke Sentra Gakkumdu untuk ditangani.",
    )),
    _T("Seruan Aksi Kepung Kantor KPU Beredar di Media Sosial", (
        "Seruan untuk mengepung kantor {kpu} beredar di sejumlah grup media sosial.",
        "Seruan itu menuding KPU tidak netral tanpa menyertakan bukti.",
        "{polres} menyatakan telah memetakan kelompok penyebar seruan dan menyiagakan "
        "personel di kantor KPU.",
    )),
    _T("Warga {desa} Tolak Kehadiran Tim Kampanye dari Luar Kampung", (
        "Sekelompok warga {dw} {desa} menghadang tim kampanye salah satu pasangan calon "
        "yang hendak bertemu warga.",
        "Mereka meneriakkan kata-kata bernada kesukuan sebelum dilerai tokoh masyarakat.",
        "Polsek {kec} menggelar mediasi dan meminta semua pihak menahan diri.",
    )),
)

# ---------------------------------------------------------------------------
# Generation machinery
# ---------------------------------------------------------------------------


@dataclass
class _Draft:
    source_key: str
    days_ago: int
    title: str
    text: str
    truth: frozenset[str]
    author: str | None = None
    narrative: str | None = None
    hour: int | None = None
    minute: int | None = None


class _Ctx:
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
        region: _Region,
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
        group = {"35.14": "jatim", "73.71": "sulsel"}.get(region.code, "jabar")
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
            "tokoh": rng.choice(_TOKOH[group]),
            "hari_ini": _news_date(self.day(days_ago)),
            "kemarin": _news_date(self.day(days_ago + 1)),
            "hari_h": _long_date(self.hari_h),
            "hari_h_short": _short_date(self.hari_h),
            "mundur_short": _short_date(self.mundur),
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
            "newplace": rng.choice(_NEWPLACES),
        }


def _fill(template: str, slots: Mapping[str, str]) -> str:
    return template.format_map(slots)


def _allowed_kec(where: tuple[str, ...], region: _Region) -> tuple[str, ...]:
    """Kecamatan of ``region`` a template may use (empty: not for this region)."""
    if not where:
        return region.kec_names()
    out: list[str] = []
    for w in where:
        code, _, kec = w.partition(":")
        if code == region.code:
            out.extend([kec] if kec else region.kec_names())
    return tuple(dict.fromkeys(out))


def _news_html(ctx: _Ctx, sentences: Sequence[str], dateline: str | None) -> str:
    """Group sentences into 1-2 sentence paragraphs, optional dateline on the first."""
    paras: list[str] = []
    i = 0
    while i < len(sentences):
        take = 1 if ctx.rng.random() < 0.45 else 2
        paras.append(" ".join(sentences[i:i + take]))
        i += take
    if dateline:
        paras[0] = f"{dateline} – {paras[0]}"
    return "".join(f"<p>{p}</p>" for p in paras)


_DATELINE_SOURCES = frozenset({"kabarcirebon", "dermayupos", "pasuruanterkini", "losaripos"})


def _news_item(
    ctx: _Ctx,
    source_key: str,
    region: _Region,
    days_ago: int,
    tpl: _T,
    truth: frozenset[str],
    *,
    kec: str | None = None,
    no: int | None = None,
    closer: bool = True,
    narrative: str | None = None,
) -> _Draft:
    if kec is None:
        allowed = _allowed_kec(tpl.where, region)
        kec = ctx.rng.choice(allowed) if allowed else None
    slots = ctx.slots(region, days_ago, kec=kec, no=no)
    sentences = [_fill(s, slots) for s in tpl.body]
    if closer and ctx.rng.random() < 0.65:
        sentences.append(_fill(ctx.rng.choice(_closer_pool(tpl, truth)), slots))
    dateline = region.dateline if source_key in _DATELINE_SOURCES else None
    author = ctx.rng.choice(_REPORTERS.get(source_key, ("Redaksi",)))
    return _Draft(source_key, days_ago, _fill(tpl.title, slots),
                  _news_html(ctx, sentences, dateline), truth, author, narrative)


_ABBREV: tuple[tuple[str, str], ...] = (
    (r"\byang\b", "yg"), (r"\btidak\b", "gak"), (r"\bsudah\b", "udah"),
    (r"\bkarena\b", "krn"), (r"\bsama\b", "sm"), (r"\bdari\b", "dr"),
    (r"\bsebanyak-banyaknya\b", "sebanyak2nya"), (r"\bbanget\b", "bgt"),
)
_PREFIXES = ("", "", "", "FWD: ", "Info dr grup sebelah: ", "PENTING!! ", "‼️ ",
             "Copas dari grup RT: ", "Cek ini gaes 👇 ")
_SUFFIXES = ("", "", "", " Sebarkan!!", " share sebanyak2nya", " 😡😡", " #KawalSuara",
             " jangan diem aja!!", " (sumber: grup WA warga)")


def _mutate(rng: random.Random, text: str) -> str:
    """Small copy-paste edits, so narrative copies are near- but not exact duplicates."""
    out = text
    if rng.random() < 0.5:
        for pattern, repl in _ABBREV:
            if rng.random() < 0.6:
                out = re.sub(pattern, repl, out)
    if rng.random() < 0.15:
        out = out.upper()
    elif rng.random() < 0.2:
        out = out.replace("!!", "!!!").replace("??", "???")
    suffix = rng.choice(_SUFFIXES)
    if suffix.strip(" !#").lower() and suffix.strip(" !#").lower() in out.lower():
        suffix = ""  # "Sebarkan!! Sebarkan!!" is one edit too many
    return f"{rng.choice(_PREFIXES)}{out}{suffix}"


def _social_source_for(ctx: _Ctx, region_code: str) -> str:
    """Pick the social feed where a post about ``region_code`` would plausibly appear."""
    if region_code in _JABAR_CIAYU:
        return "tg-infowarga" if ctx.rng.random() < 0.6 else "mastodon-pilkadadamai"
    if region_code == "73.71":
        return "tg-wargamks" if ctx.rng.random() < 0.65 else "mastodon-pilkadadamai"
    return "mastodon-pilkadadamai"


def _social_author(ctx: _Ctx, source_key: str, region_code: str) -> str:
    if source_key == "tg-infowarga":
        return ctx.rng.choice(_HANDLES_TG_CIAYU)
    if source_key == "tg-wargamks":
        return ctx.rng.choice(_HANDLES_TG_MKS)
    return ctx.rng.choice(_HANDLES_MASTODON[region_code])


def _social_item(
    ctx: _Ctx,
    text: str,
    region_code: str,
    days_ago: int,
    truth: frozenset[str],
    *,
    kec: str | None = None,
    place_p: float = 0.6,
    source_key: str | None = None,
    narrative: str | None = None,
) -> _Draft:
    src = source_key or _social_source_for(ctx, region_code)
    if kec is not None and ctx.rng.random() < place_p:
        text = _with_place(ctx, text, _REGION_BY_CODE[region_code], kec)
    if src == "mastodon-pilkadadamai" and "#pilkadadamai" not in text.lower():
        text = f"{text} #PilkadaDamai"
    title = _tg_title(text) if src.startswith("tg-") else ""
    return _Draft(src, days_ago, title, text, truth,
                  _social_author(ctx, src, region_code), narrative)


def _with_place(ctx: _Ctx, text: str, region: _Region, kec: str) -> str:
    """Add the kind of location marker forum posts carry ("📍 Kec. X, Kab. Y").

    Posters name the kabupaten as well as the kecamatan, which is also what a
    precision-first region tagger needs before it trusts a bare kecamatan name.
    """
    # the bare "INFO KAB. X:" header only helps when the post already names the kecamatan
    form = ctx.rng.randrange(4 if kec.lower() in text.lower() else 3)
    if form == 0:
        return f"{text}\n📍 Kec. {kec}, {region.short}"
    if form == 1:
        return f"[{kec} – {region.short}] {text}"
    if form == 2:
        return f"{text} (lokasi: {kec}, {region.short})"
    return f"INFO {region.short.upper()}: {text}"


def _tg_title(text: str) -> str:
    """RSS-Bridge style title: the first words of the message."""
    flat = " ".join(text.split())
    if len(flat) <= 70:
        return flat
    cut = flat[:70].rsplit(" ", 1)[0]
    return f"{cut}…"


def _weighted_days(ctx: _Ctx, n: int) -> list[int]:
    """``n`` day offsets over the window, busier towards ``today``."""
    days = list(range(WINDOW_DAYS))
    weights = [1.0 + (WINDOW_DAYS - 1 - d) / (WINDOW_DAYS - 1) for d in days]
    return ctx.rng.choices(days, weights=weights, k=n)


def _region_for_template(ctx: _Ctx, tpl: _T, candidates: Sequence[str]) -> _Region | None:
    ok = [c for c in candidates if _allowed_kec(tpl.where, _REGION_BY_CODE[c])]
    return _REGION_BY_CODE[ctx.rng.choice(ok)] if ok else None


# --- generators ------------------------------------------------------------

_ROUTINE_PER_NEWS_SOURCE = 27


def _gen_routine_news(ctx: _Ctx) -> list[_Draft]:
    out: list[_Draft] = []
    for code, key in _NEWS_SOURCE_BY_REGION.items():
        region = _REGION_BY_CODE[code]
        pool = [t for t in _ROUTINE_NEWS if _allowed_kec(t.where, region)]
        ctx.rng.shuffle(pool)
        days = [*_weighted_days(ctx, _ROUTINE_PER_NEWS_SOURCE - 1), 0]
        for i, d in enumerate(days):
            out.append(_news_item(ctx, key, region, d, pool[i % len(pool)], _ROUTINE))
    return out


def _gen_official(ctx: _Ctx) -> list[_Draft]:
    out: list[_Draft] = []
    codes = [r.code for r in _REGIONS]
    days = sorted(_weighted_days(ctx, len(_OFFICIAL)), reverse=True)
    for i, tpl in enumerate(_OFFICIAL):
        region = _REGION_BY_CODE[codes[i % len(codes)]]
        draft = _news_item(ctx, "penyelenggara", region, days[i], tpl, _ROUTINE,
                           closer=False)
        out.append(draft)
    return out


def _gen_social_neutral(ctx: _Ctx) -> list[_Draft]:
    out: list[_Draft] = []
    codes = [r.code for r in _REGIONS]
    days = _weighted_days(ctx, len(_SOCIAL_NEUTRAL) + 6)
    for i, d in enumerate(days):
        tpl = _SOCIAL_NEUTRAL[i % len(_SOCIAL_NEUTRAL)]
        region = _region_for_template(ctx, tpl, codes)
        if region is None:
            continue
        kec = ctx.rng.choice(_allowed_kec(tpl.where, region))
        slots = ctx.slots(region, d, kec=kec)
        out.append(_social_item(ctx, _fill(tpl.body[0], slots), region.code, d, _ROUTINE,
                                kec=kec))
    return out


def _split_place(place: str) -> tuple[_Region, str]:
    code, _, kec = place.partition(":")
    return _REGION_BY_CODE[code], kec


def _gen_narratives(ctx: _Ctx) -> list[_Draft]:
    out: list[_Draft] = []
    fc_region = _REGION_BY_CODE["32.09"]
    for nar in _NARRATIVES:
        oldest, newest = nar.days
        span = list(range(newest, oldest + 1))
        # social copies, variants cycled so each appears, days spread over the span
        for i in range(nar.copies):
            region, kec = _split_place(ctx.rng.choice(nar.places))
            d = ctx.rng.choice(span) if i >= 1 else oldest
            slots = ctx.slots(region, d, kec=kec, no=nar.no)
            text = _mutate(ctx.rng, _fill(nar.variants[i % len(nar.variants)], slots))
            out.append(_social_item(ctx, text, region.code, d, _HOAKS, kec=kec,
                                    narrative=nar.key))
        for variant in nar.both_variants:
            region, kec = _split_place(nar.places[0])
            d = ctx.rng.choice(span[: max(2, len(span) // 2)])
            slots = ctx.slots(region, d, kec=kec, no=nar.no)
            text = _mutate(ctx.rng, _fill(variant, slots))
            out.append(_social_item(ctx, text, region.code, d, _BOTH, kec=kec,
                                    narrative=nar.key))
        if nar.news_variant is not None:
            region, kec = _split_place(nar.places[0])
            d = oldest - 1 if oldest > newest + 1 else oldest
            out.append(_news_item(ctx, _NEWS_SOURCE_BY_REGION[region.code], region, d,
                                  nar.news_variant, _HOAKS, kec=kec, no=nar.no,
                                  closer=False, narrative=nar.key))
        # the fact-check feed restates the claim and refutes it
        slots = ctx.slots(fc_region, nar.fc_day)
        body = "".join(f"<p>{_fill(s, slots)}</p>" for s in nar.fc_body)
        out.append(_Draft("cekfaktajernih", nar.fc_day, _fill(nar.fc_title, slots), body,
                          _DEBUNK, _REPORTERS["cekfaktajernih"][0], nar.key))
        for src_key, d, tpl in nar.news_debunks:
            region, kec = _split_place(nar.places[0])
            out.append(_news_item(ctx, src_key, region, d, tpl, _DEBUNK, kec=kec,
                                  no=nar.no, closer=False, narrative=nar.key))
    return out


def _gen_extra_factchecks(ctx: _Ctx) -> list[_Draft]:
    out: list[_Draft] = []
    for d, tpl in _EXTRA_FACTCHECKS:
        body = "".join(f"<p>{s}</p>" for s in tpl.body)
        out.append(_Draft("cekfaktajernih", d, tpl.title, body, _DEBUNK,
                          _REPORTERS["cekfaktajernih"][0]))
    for d, code, kec, text in _EXTRA_HOAXES:
        out.append(_social_item(ctx, _mutate(ctx.rng, text), code, d, _HOAKS, kec=kec))
    return out


# News debunks that do not belong to a narrative (generic "tidak benar" denials).
_GENERIC_NEWS_DEBUNKS: tuple[_T, ...] = (
    _T("Polisi Pastikan Kabar Penculikan Petugas KPPS di {kec} Tidak Benar", (
        "{polres} memastikan kabar penculikan petugas KPPS di Kecamatan {kec} yang beredar "
        "di media sosial tidak benar.",
        "Petugas yang disebut hilang ternyata sedang mengikuti bimtek di kantor PPK.",
        "Polisi mengimbau warga tidak ikut menyebarkan kabar tersebut.",
    )),
    _T("{bawaslu} Klarifikasi Isu Pengawas TPS Dibayar Tim Paslon", (
        "{bawaslu} membantah isu pengawas TPS menerima honor dari tim pasangan calon.",
        "Honor pengawas TPS dibayarkan dari anggaran pengawasan dan tercatat resmi.",
        "Bawaslu meminta penyebar isu menunjukkan bukti bila memang ada.",
    )),
    _T("Camat {kec} Bantah Kabar Kantor Kecamatan Jadi Posko Pemenangan", (
        "Camat {kec} membantah kabar kantor kecamatan dipakai sebagai posko pemenangan "
        "pasangan calon.",
        "Foto yang beredar, menurutnya, adalah rapat koordinasi pengamanan bersama "
        "Forkopimcam dan PPK.",
        "Ia memastikan aparatur kecamatan bersikap netral.",
    )),
    _T("KPU Klarifikasi Kabar Kotak Suara Tak Bersegel di {kec}", (
        "{kpu} mengklarifikasi video kotak suara tanpa segel di gudang PPK {kec}.",
        "Kotak dalam video adalah kotak kosong yang belum diisi logistik, sehingga memang "
        "belum disegel.",
        "Penyegelan dilakukan setelah surat suara dan formulir dimasukkan di hadapan "
        "pengawas.",
    )),
    _T("Polisi Bantah Ada Pengerahan Massa dari Luar Daerah ke {short}", (
        "{polres} membantah kabar ribuan orang dari luar daerah akan didatangkan untuk "
        "mengawal penghitungan suara.",
        "Hasil pemantauan di terminal dan jalur masuk tidak menemukan pergerakan massa "
        "yang tidak wajar.",
        "Polisi meminta warga tetap tenang dan tidak terpengaruh pesan berantai.",
    )),
    _T("PLN Pastikan Tak Ada Pemadaman Terencana Saat Penghitungan Suara di {kec}", (
        "PLN setempat menyatakan pesan berantai tentang pemadaman listrik saat "
        "penghitungan suara di Kecamatan {kec} tidak benar.",
        "PLN justru menyiagakan petugas dan genset cadangan di lokasi PPK.",
        "Warga diminta mengecek informasi gangguan listrik melalui layanan resmi PLN.",
    )),
    _T("Kodim Klarifikasi Video Truk Tentara Angkut Kotak Suara", (
        "Kodim setempat mengklarifikasi video truk tentara yang mengangkut kotak suara di "
        "{short}.",
        "Truk itu dipinjamkan untuk membantu pergeseran logistik atas permintaan KPU dan "
        "dikawal polisi serta Panwascam.",
        "Narasi bahwa kotak suara akan ditukar, menurut Kodim, tidak benar.",
    )),
    _T("Pemda Bantah ASN Diwajibkan Memotret Surat Suara sebagai Bukti", (
        "Sekretaris daerah {short} membantah kabar ASN diwajibkan memotret surat suara "
        "yang sudah dicoblos sebagai bukti kepada atasan.",
        "Ia menegaskan pemerintah daerah tidak pernah mengeluarkan perintah semacam itu.",
        "KPPS juga melarang pemilih membawa telepon genggam ke dalam bilik suara.",
    )),
)


def _gen_generic_debunks(ctx: _Ctx) -> list[_Draft]:
    out: list[_Draft] = []
    codes = list(_NEWS_SOURCE_BY_REGION)
    ctx.rng.shuffle(codes)
    for i, tpl in enumerate(_GENERIC_NEWS_DEBUNKS):
        region = _REGION_BY_CODE[codes[i % len(codes)]]
        d = ctx.rng.randint(1, 20)
        out.append(_news_item(ctx, _NEWS_SOURCE_BY_REGION[region.code], region, d, tpl,
                              _DEBUNK, closer=False))
    return out


def _unrest_social(ctx: _Ctx, tpl: _T, region: _Region, d: int, kec: str,
                   place_p: float = 0.6) -> _Draft:
    slots = ctx.slots(region, d, kec=kec)
    text = _fill(tpl.body[0], slots)
    if ctx.rng.random() < 0.3:
        text = _mutate(ctx.rng, text)
    return _social_item(ctx, text, region.code, d, _PROV, kec=kec, place_p=place_p)


def _gen_unrest(ctx: _Ctx) -> list[_Draft]:
    """Background unrest signals over the window, plus the planted three-day spikes."""
    out: list[_Draft] = []
    rng = ctx.rng
    codes = [r.code for r in _REGIONS]
    social = {t.title: t for t in _UNREST_SOCIAL}
    news = list(_UNREST_NEWS)

    # background: social posts spread over days 27..3
    for i in range(24):
        tpl = _UNREST_SOCIAL[i % len(_UNREST_SOCIAL)]
        region = _region_for_template(ctx, tpl, codes)
        if region is None:
            continue
        kec = rng.choice(_allowed_kec(tpl.where, region))
        out.append(_unrest_social(ctx, tpl, region, rng.randint(3, WINDOW_DAYS - 1), kec))
    # background: news reports, two per outlet
    for code, key in _NEWS_SOURCE_BY_REGION.items():
        region = _REGION_BY_CODE[code]
        for tpl in rng.sample(news, 2):
            out.append(_news_item(ctx, key, region, rng.randint(3, WINDOW_DAYS - 1), tpl,
                                  _PROV))

    # spike 1: Plumbon, Kabupaten Cirebon, last three days
    cirebon = _REGION_BY_CODE["32.09"]
    for name, d in (("rally-kpu", 2), ("rally-kpu", 1), ("ancam-kpps", 1),
                    ("ancam-kpps2", 0), ("boikot", 0), ("jaga-tps", 2), ("fajar", 1)):
        out.append(_unrest_social(ctx, social[name], cirebon, d, "Plumbon", place_p=1.0))
    for idx, d in ((3, 1), (10, 0)):
        out.append(_news_item(ctx, "kabarcirebon", cirebon, d, news[idx], _PROV,
                              kec="Plumbon"))

    # spike 2: Tamalate, Kota Makassar, last three days
    mks = _REGION_BY_CODE["73.71"]
    for name, d in (("bentrok-saksi", 2), ("turun-mks", 2), ("siri", 1), ("turun-mks", 1),
                    ("sara2", 1), ("tolak-hasil", 0), ("sembako", 0), ("siaga", 0)):
        out.append(_unrest_social(ctx, social[name], mks, d, "Tamalate", place_p=1.0))
    for idx, d in ((0, 2), (1, 1), (2, 0), (8, 1)):
        out.append(_news_item(ctx, "losaripos", mks, d, news[idx], _PROV, kec="Tamalate"))
    return out


# --- AWKWARD-but-legit entries ---------------------------------------------

_LONG_REPORT_PARAS: tuple[str, ...] = (
    "CIREBON – {polres} menggelar rapat koordinasi lintas sektoral pengamanan {race} "
    "di aula markas komando, {hari_ini}. Rapat yang berlangsung hampir empat jam itu "
    "dihadiri unsur pemerintah daerah, Kodim, kejaksaan negeri, pengadilan negeri, KPU, "
    "Bawaslu, Satpol PP, Kesbangpol, Dinas Kesehatan, BPBD, MUI, dan FKUB.",
    "Dalam paparannya, Kasat Intelkam menjelaskan peta kerawanan yang disusun dari data "
    "Bawaslu dan hasil pengumpulan informasi di lapangan. Kecamatan Plumbon, Weru, dan "
    "Arjawinangun disebut memiliki jumlah TPS rawan paling banyak, terutama karena "
    "riwayat gesekan antarpendukung pada pemilihan sebelumnya dan padatnya posko "
    "pemenangan di sekitar TPS.",
    "Kapolresta menegaskan pola pengamanan mengikuti tingkat kerawanan. TPS kurang rawan "
    "dijaga secara gabungan oleh dua personel untuk beberapa TPS, TPS rawan dijaga satu "
    "personel per TPS, sedangkan TPS sangat rawan dijaga dua personel per TPS dan dibantu "
    "linmas. Personel di TPS rawan dan sangat rawan tidak boleh meninggalkan lokasi "
    "sebelum situasi dinyatakan aman setelah penghitungan selesai.",
    "Ketua KPU setempat melaporkan distribusi logistik ke gudang PPK sudah mencapai "
    "sebagian besar kecamatan. Kecamatan di wilayah pesisir seperti Kepetakan akan "
    "didahulukan karena ancaman banjir rob. Ia juga menyebut ada ribuan lembar surat "
    "suara rusak yang sudah disisihkan dan akan dimusnahkan secara terbuka.",
    "Bawaslu menyoroti tiga hal: politik uang pada malam menjelang pemungutan, "
    "netralitas aparatur desa, dan penyebaran kabar bohong di grup percakapan warga. "
    "Menurut Bawaslu, pola serangan fajar biasanya berpindah dari pembagian uang tunai ke "
    "paket sembako atau pulsa, sehingga pengawas diminta lebih jeli.",
    "Perwakilan MUI dan FKUB menyatakan siap turun ke desa-desa bersama Polsek untuk "
    "menggelar silaturahmi dan dialog kamtibmas. Mereka menilai pendekatan lewat pengajian "
    "dan pertemuan warga lebih efektif meredam ketegangan dibanding imbauan tertulis.",
    "Dinas Kesehatan menyiapkan layanan pemeriksaan bagi anggota KPPS dan menyiagakan "
    "puskesmas selama 24 jam pada hari pemungutan. BPBD menyiapkan perahu karet, tenda, "
    "dan pompa air untuk TPS yang berada di daerah rawan genangan.",
    "Kejaksaan dan pengadilan menyampaikan kesiapan Sentra Gakkumdu menangani dugaan "
    "tindak pidana pemilihan dengan cepat. Satpol PP diminta menuntaskan penertiban alat "
    "peraga kampanye sebelum masa tenang dimulai {masa_tenang}.",
    "Kesbangpol mengusulkan agar pertemuan dengan tim pemenangan setiap pasangan calon "
    "digelar rutin sepekan sekali hingga rekapitulasi selesai. Menurutnya, banyak gesekan "
    "di lapangan berawal dari salah paham antarrelawan yang sebetulnya bisa diselesaikan "
    "lewat komunikasi langsung antarkoordinator.",
    "Di akhir rapat, seluruh peserta menandatangani komitmen bersama untuk menjaga "
    "netralitas, menolak politik uang, dan melawan hoaks. Posko bersama akan dibuka di "
    "kantor kecamatan dan aktif hingga penetapan hasil pemilihan.",
    "Kapolresta menutup rapat dengan meminta semua unsur menyamakan data dan saling "
    "berbagi informasi setiap hari. “Kalau ada kabar yang meresahkan, cek dulu, "
    "koordinasikan, baru sampaikan ke publik. Jangan sampai kita justru ikut "
    "menyebarkan kegaduhan,” katanya.",
)


def _gen_awkward(ctx: _Ctx) -> list[_Draft]:
    out: list[_Draft] = []
    cirebon = _REGION_BY_CODE["32.09"]

    # AWKWARD 1: HTML-heavy official notice (table, list, image, inline style, entities).
    d = 5
    s = ctx.slots(cirebon, d)
    rows = "".join(
        f"<tr><td>{i + 1}</td><td>{kec}</td><td>{_short_date(ctx.day(d - 1 - i // 2))}"
        f"</td><td>{8 + i}.00&nbsp;WIB</td><td>Polsek {kec} &amp; Koramil</td></tr>"
        for i, kec in enumerate(cirebon.kec_names()[:6])
    )
    html_body = (
        f"<div class=\"pengumuman\" style=\"font-family:serif\"><h3>Jadwal Pergeseran "
        f"Logistik {s['race']}</h3>"
        f"<p><strong>Nomor:</strong> {ctx.rng.randint(100, 999)}/PL.02.2-Pu/3209/2024"
        f"<br/><em>Lampiran: 1 (satu) berkas</em></p>"
        f"<p>Berikut jadwal pergeseran kotak suara, bilik suara, dan surat suara dari "
        f"gudang {s['kpu']} ke PPK:</p>"
        f"<table border=\"1\"><thead><tr><th>No</th><th>Kecamatan</th><th>Tanggal</th>"
        f"<th>Jam</th><th>Pengawalan</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<ul><li>PPK wajib hadir <u>30 menit</u> sebelum jadwal;</li>"
        f"<li>Segel diperiksa bersama Panwascam &amp; saksi;</li>"
        f"<li>Kerusakan dicatat dalam berita acara.</li></ul>"
        f"<p><img src=\"{ctx.base}/penyelenggara/img/logistik.png\" alt=\"Ilustrasi "
        f"truk logistik\" width=\"320\"/></p>"
        f"<p>Unduh salinan: <a href=\"{ctx.base}/penyelenggara/berkas/jadwal.pdf\">"
        f"jadwal.pdf</a> &#8226; Pertanyaan: humas&#64;penyelenggara.example</p></div>"
    )
    out.append(_Draft("penyelenggara", d, f"Jadwal Pergeseran Logistik {s['race']} ke PPK",
                      html_body, _ROUTINE, _REPORTERS["penyelenggara"][0]))

    # AWKWARD 2: very long news report (~3000 characters).
    d = 6
    s = ctx.slots(cirebon, d)
    long_body = "".join(f"<p>{_fill(p, s)}</p>" for p in _LONG_REPORT_PARAS)
    out.append(_Draft("kabarcirebon", d,
                      f"Laporan Lengkap: Rakor Lintas Sektoral Pengamanan {s['race']}",
                      long_body, _ROUTINE, "Rini Hapsari"))

    # AWKWARD 3: English-language post (routine).
    out.append(_Draft(
        "mastodon-pilkadadamai", 3, "",
        "Spent the day with local election observers in Makassar. KPPS volunteers in "
        "Rappocini were rehearsing the count with dummy ballots, and the police held a "
        "small dialogue with neighbourhood elders in Tamalate in the afternoon. Calm so "
        "far, lots of WhatsApp rumours though. #PilkadaDamai #Makassar",
        _ROUTINE, "@ayu_fieldnotes@scholar.example"))

    # AWKWARD 4: emoji-heavy neutral post.
    out.append(_Draft(
        "tg-infowarga", 2, "Alhamdulillah tenda TPS 09 Sunyaragi udah berdiri 🙏🇮🇩…",
        "Alhamdulillah tenda TPS 09 Sunyaragi udah berdiri 🙏🇮🇩 makasih bapak2 linmas & "
        "karang taruna 💪💪 ayo datang pagi2, jangan golput ya ☀️🗳️",
        _ROUTINE, "Teh Euis"))

    # AWKWARD 5: hostile content that must stay inert text: a <script> tag and a
    # javascript: markdown link, dressed as a fake "cek DPT" giveaway (a hoax).
    out.append(_Draft(
        "tg-infowarga", 7, "CEK NAMA KAMU DI DPT + DAPAT SALDO 100RB…",
        "CEK NAMA KAMU DI DPT + DAPAT SALDO 100RB dari KPU!! <script>alert(1)</script> "
        "buruan [klik](javascript:alert(1)) sebelum kuota habis, isi NIK & kode OTP ya",
        _HOAKS, "Dede S."))
    return out


# ---------------------------------------------------------------------------
# Finalisation: timestamps, guids, links
# ---------------------------------------------------------------------------

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _slug(title: str, fallback: str) -> str:
    s = _SLUG_RE.sub("-", title.lower()).strip("-")
    return s[:60].rstrip("-") or fallback


def _pick_time(ctx: _Ctx, draft: _Draft, social: bool) -> tuple[int, int]:
    if draft.hour is not None:
        return draft.hour, draft.minute or 0
    if draft.days_ago == 0:
        # "already published" whenever the demo is opened after the morning
        return ctx.rng.randint(5, 10), ctx.rng.randint(0, 59)
    lo, hi = (6, 23) if social else (6, 21)
    return ctx.rng.randint(lo, hi), ctx.rng.randint(0, 59)


def _not_later_than(aware: datetime, not_after: datetime | None, i: int) -> datetime:
    """Move a post planned for later today (the demo built early in the day) into the
    three hours before ``not_after``, but not before its own day began. The offset comes
    from the entry's index, not the RNG, so every other entry stays as without it."""
    if not_after is None or aware <= not_after:
        return aware
    midnight = aware.replace(hour=0, minute=0, second=0)
    return max(not_after - timedelta(minutes=3 + (i * 37) % 177), midnight).astimezone(
        aware.tzinfo)


def _finalise(ctx: _Ctx, drafts: list[_Draft], not_after: datetime | None) -> list[DemoEntry]:
    sources = {s.key: s for s in SOURCES}
    timed: list[tuple[datetime, int, _Draft]] = []
    for i, dr in enumerate(drafts):
        src = sources[dr.source_key]
        hour, minute = _pick_time(ctx, dr, src.kind == "social")
        day = ctx.day(dr.days_ago)
        aware = datetime(day.year, day.month, day.day, hour, minute,
                         ctx.rng.randint(0, 59), tzinfo=_tz(src.timezone))
        timed.append((aware, i, dr))
    # Guids and links follow the planned times, so they are the same with or without
    # ``not_after``; only the published time moves.
    timed.sort(key=lambda t: (t[0], t[1]))

    seq: dict[str, int] = {}
    entries: list[DemoEntry] = []
    for planned, i, dr in timed:
        src = sources[dr.source_key]
        n = seq.get(src.key, 0) + 1
        seq[src.key] = n
        stamp = planned.strftime("%Y%m%d")
        guid = f"urn:sejuk-demo:{src.key}:{stamp}-{n:03d}"
        prefix = src.path.split("/")[1]
        if src.fmt == "mastodon":
            user = (dr.author or "@anon@x").split("@")[1]
            post_id = 113_000_000_000_000_000 + ctx.day(dr.days_ago).toordinal() * 1000 + n
            link = f"{ctx.base}/mastodon/@{user}/{post_id}"
        elif src.key.startswith("tg-"):
            channel = src.path.rsplit("/", 1)[1].removesuffix(".xml")
            link = f"{ctx.base}/t/{channel}/{1000 + n}"
        else:
            link = (f"{ctx.base}/{prefix}/{planned:%Y/%m/%d}/"
                    f"{_slug(dr.title, src.key)}-{n}.html")
        aware = _not_later_than(planned, not_after, i)
        # Source-zone rule fixture: every 4th losaripos entry has a naive timestamp
        # meaning local (WITA) wall-clock time; the feed renders it without a zone.
        published = aware.replace(tzinfo=None) if src.naive_times and n % 4 == 0 else aware
        hashtags = (tuple(dict.fromkeys(re.findall(r"#(\w+)", dr.text)))
                    if src.kind == "social" else ())
        entries.append(DemoEntry(
            source_key=src.key, guid=guid, link=link, title=dr.title, text=dr.text,
            published=published, author=dr.author, hashtags=hashtags, truth=dr.truth,
            narrative=dr.narrative,
        ))
    return entries


def demo_entries(today: date, base_url: str, seed: int = 2024, *,
                 not_after: datetime | None = None) -> list[DemoEntry]:
    """All fixture entries for the 28 days ending on ``today``, in planned order.

    ``base_url`` is the fixture server's root (e.g. ``http://127.0.0.1:8765``); every
    link is built under it. The result is the same for the same ``(today, base_url,
    seed, not_after)``, so tests and the demo build can rely on it. ``not_after`` (the
    build's clock) keeps entries out of the future: a feed item stamped minutes ahead
    is within the store's clock-skew allowance and would stay ahead of "now".
    """
    ctx = _Ctx(today, base_url, seed)
    drafts: list[_Draft] = []
    drafts += _gen_routine_news(ctx)
    drafts += _gen_official(ctx)
    drafts += _gen_social_neutral(ctx)
    drafts += _gen_narratives(ctx)
    drafts += _gen_extra_factchecks(ctx)
    drafts += _gen_generic_debunks(ctx)
    drafts += _gen_unrest(ctx)
    drafts += _gen_awkward(ctx)
    return _finalise(ctx, drafts, not_after)
