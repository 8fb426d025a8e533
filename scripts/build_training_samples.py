"""Build ``classifiers/data/sejuk_samples.csv``: the election-specific starter samples.

Why a generator and not a hand-written file: the samples must be reproducible, reviewable
as code, and balanced (about a quarter hoaks, a quarter provokasi, half neither). The
templates here are deliberately *independent* of ``sejuk/demo/content.py`` -- other
regencies, other wording, other invented candidates -- so the demo model is never trained
on the very items it is later shown.

Labelling rules (columns ``text,hoaks,provokasi``, 0/1 each):

* hoaks = 1: the text asserts a false election claim as true.
* provokasi = 1: the text calls for mobilisation or confrontation, threatens, intimidates,
  incites along SARA lines, rejects results in advance, buys votes, or reports such unrest.
* both: a false claim used to call people to act.
* neither: routine election news, neutral chatter, and -- importantly -- debunks and
  clarifications. A debunk restates a claim in order to refute it; it is not a hoax.

Honesty: an earlier version drew every class from a few fixed sentences, so a random
holdout contained near-copies of training rows and scored ~0.99 macro-F1, which says
nothing about real posts. Now (1) claims and calls are built from interchangeable
parts and synonyms, (2) openers and closers are shared across classes, so forwarding
style does not give the label away, and (3) hard negatives share the hoaxes' and
provocations' topic words: questions about a claim, warnings not to believe it, police
appeals against mobilisation, neutral news on the same logistics. No label noise is
added. The starter model is a starting point: retrain it with local labels.

Usage: ``python scripts/build_training_samples.py [--out PATH] [--seed N]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections.abc import Callable
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "classifiers" / "data" / "sejuk_samples.csv"

# Target counts per (hoaks, provokasi) class: ~25% / ~25% / ~50%.
TARGETS: dict[tuple[int, int], int] = {(1, 0): 170, (0, 1): 170, (1, 1): 45, (0, 0): 415}

# Places outside the demo regencies, used uniformly by every class so that a place name
# never predicts a label.
KABUPATEN = ("Majalengka", "Subang", "Garut", "Sumedang", "Brebes", "Tegal", "Sidoarjo",
             "Probolinggo", "Lumajang", "Jember", "Gowa", "Maros", "Bone", "Takalar",
             "Karawang", "Purwakarta", "Tasikmalaya", "Ciamis")
DESA = ("Sukamaju", "Mekarsari", "Sindangsari", "Karangsari", "Sumberrejo", "Tanjungsari",
        "Cibodas", "Kertajaya", "Margamulya", "Tamanrejo", "Bontoala", "Panaikang")
CALON = ("Haji Usman", "Bu Ratih", "Pak Darmin", "Andi Baso", "Mas Yudi", "Kang Herman",
         "Bu Lestari", "Pak Sunarto")
JAM = ("06.00", "07.30", "08.00", "09.00", "13.00", "16.00", "19.00", "20.30")

# False claims, written to follow "bahwa": hoaxes assert them, debunks refute them.
CLAIMS = (
    "kotak suara di gudang KPU {kab} sudah diisi surat suara untuk paslon {no}",
    "pemungutan suara di {kab} dipindah ke hari Minggu berikutnya",
    "pemilih yang lupa bawa undangan tidak boleh mencoblos sama sekali",
    "ribuan KTP palsu dicetak untuk memilih di TPS {kab}",
    "server KPU sudah diretas dan hasil suara {kab} diubah",
    "pencoblosan tahun ini bisa dilakukan lewat aplikasi di ponsel",
    "petugas KPPS di Desa {desa} dibayar untuk mencoblos sisa surat suara",
    "paslon nomor {no} sudah didiskualifikasi KPU",
    "tinta pemilu dibuat dari bahan yang haram",
    "pemilih wajib memotret surat suaranya dan mengirim ke tim sukses",
    "ada TPS tersembunyi di kebun warga Desa {desa}",
    "warga yang tidak memilih petahana akan dicoret dari daftar penerima beras bantuan",
    "ijazah calon nomor {no} terbukti palsu dan KPU menutupinya",
    "sebuah mobil boks berisi surat suara tercoblos tertangkap di {kab}",
    "nomor urut paslon di surat suara {kab} sengaja dicetak tertukar",
    "KPU membagikan uang transport Rp200 ribu bagi pemilih yang datang pagi",
    "pemilih berusia di atas 60 tahun dilarang datang ke TPS",
    "surat suara yang dilipat dua otomatis dianggap tidak sah",
    "Bawaslu {kab} sudah dibubarkan menjelang hari pencoblosan",
    "narapidana dari luar daerah didatangkan untuk memilih di {kab}",
    "calon nomor {no} menyatakan akan menutup semua pesantren jika terpilih",
    "hasil hitung cepat sudah diumumkan sebelum TPS dibuka",
    "listrik se-{kab} akan dipadamkan saat penghitungan agar suara bisa diganti",
    "KPPS di {kab} diperintahkan merobek surat suara paslon {no}",
    # Recurring national hoax themes, worded independently of the demo fixtures.
    "nama orang yang sudah lama meninggal dipakai untuk mencoblos di {kab}",
    "angka di sistem rekapitulasi online sudah diatur supaya paslon {no} unggul",
    "buruh pabrik asal luar negeri diberi hak pilih di {kab}",
    "keluarga penerima PKH yang tidak memilih paslon {no} akan diputus bantuannya",
    "jadwal pencoblosan di {kab} digeser seminggu karena logistik terlambat",
    "TPS di Desa {desa} pindah ke balai RW dan undangan lama tidak berlaku lagi",
    "calon nomor {no} pernah bilang warga yang tidak memilihnya tidak usah minta jalan "
    "diperbaiki",
    "surat suara cadangan di gudang {kab} sudah dilubangi untuk paslon {no}",
)

HOAX_OPENERS = ("", "", "Beredar kabar: ", "Info A1 gaes, ", "BREAKING: ", "Mohon disebarkan! ",
                "Kiriman dari grup keluarga: ", "Awas!! ", "Fakta yang ditutupi media: ",
                "Barusan dapat info valid, ", "Terbukti! ", "Ngeri bgt, ")
HOAX_CLOSERS = ("", "", " Sebarkan sebelum dihapus!", " Jangan sampai kita dibodohi.",
                " Share ke semua grup.", " Media mainstream diam saja.", " Sudah dikonfirmasi "
                "orang dalam.", " Buktinya ada di video.", " Waspadalah!!", " Viralkan!")

CALLS = (
    "ayo kumpul di depan kantor KPU {kab} jam {jam}, bawa massa sebanyak mungkin",
    "kita kepung gudang logistik malam ini, jangan biarkan satu kotak pun keluar",
    "semua relawan turun ke jalan sampai KPU {kab} mengaku curang",
    "datangi rumah ketua KPPS Desa {desa} dan paksa dia bicara",
    "tutup jalan menuju TPS Desa {desa} sebelum kecurangan terjadi",
    "tolak hasil pilkada {kab}, apa pun yang diumumkan nanti",
)

PROVOCATIONS = (
    "Besok pagi kita geruduk kantor Bawaslu {kab}! Yang tidak ikut berarti pengkhianat.",
    "Pokoknya kalau {calon} kalah di {kab}, kita tidak akan terima. Siapkan massa!",
    "Petugas KPPS Desa {desa}, ingat baik-baik: salah hitung sedikit, rumahmu kami datangi.",
    "Jangan pilih calon yang beda keyakinan dengan kita, haram hukumnya dipimpin mereka.",
    "Orang pendatang tidak usah ikut campur pilkada {kab}, usir saja dari kampung!",
    "Malam ini ada bagi-bagi amplop Rp100 ribu di Desa {desa}, syaratnya coblos {calon}.",
    "Kepala Desa {desa} mengancam warga yang pasang stiker lawan tidak akan dilayani "
    "urusan surat-menyurat.",
    "Siapkan bambu dan batu, kalau kubu sebelah datang ke Desa {desa} kita hadang.",
    "Pendukung paslon {no} di {kab} dengar ya: satu saja baliho kami dirusak, posko kalian "
    "kami bakar.",
    "Yang tidak memilih {calon} jangan harap bisa kerja di pabrik sini lagi.",
    "Kumpul semua di lapangan Desa {desa} jam {jam}, kita konvoi keliling kecamatan tanpa "
    "izin polisi!",
    "Saksi paslon {no} di TPS Desa {desa} harus diusir, jangan biarkan mereka masuk.",
    "Sudah jelas curang! Kalau MK tidak adil, kita selesaikan dengan cara kita sendiri.",
    "Etnis mereka itu memang suka curang, jangan biarkan mereka menang di {kab}.",
    "Tim kami siap serangan fajar di Desa {desa}, sembako sudah dibungkus tinggal dibagi.",
    "Kalau hasil TPS Desa {desa} tidak sesuai, bakar saja kotak suaranya.",
)

UNREST_REPORTS = (
    "Dua kelompok pendukung pasangan calon terlibat saling lempar batu di Desa {desa}, "
    "{kab}; satu orang dilarikan ke puskesmas.",
    "Polisi menyelidiki pesan ancaman yang diterima anggota KPPS di Desa {desa}, {kab}.",
    "Ratusan massa mendatangi kantor KPU {kab} dan menuntut penghitungan ulang sebelum "
    "rekapitulasi dimulai.",
    "Baliho {calon} di {kab} dibakar orang tak dikenal, pendukungnya mengancam membalas.",
    "Bawaslu {kab} menemukan pembagian amplop berisi uang di Desa {desa} menjelang "
    "pencoblosan.",
    "Warga Desa {desa} menghadang rombongan kampanye sambil meneriakkan kata-kata bernada "
    "kesukuan.",
    "Sekelompok pemuda menyegel kantor PPS Desa {desa} karena menuding petugas berpihak.",
    "Spanduk berisi hinaan terhadap agama salah satu calon terpasang di perempatan {kab}.",
    "Posko relawan {calon} di Desa {desa} dilempari batu pada dini hari; kaca depan pecah.",
    "Seorang kepala dusun di {kab} dilaporkan mengumpulkan warga dan meminta mereka memilih "
    "{calon} dengan ancaman.",
    "Polisi mengamankan dua orang yang membawa puluhan amplop berisi uang di Desa {desa}.",
    "Seruan aksi menolak hasil pilkada {kab} beredar di grup percakapan, polisi bersiaga.",
    "Konvoi pendukung dua calon nyaris bentrok di jalan provinsi {kab} dan dibubarkan polisi.",
    "Rumah anggota KPPS di Desa {desa} dilempari orang tak dikenal setelah penghitungan.",
)

ROUTINE = (
    "KPU {kab} mulai mendistribusikan kotak dan bilik suara ke gudang PPK di seluruh "
    "kecamatan.",
    "Polres {kab} menurunkan ratusan personel untuk mengamankan tahapan rekapitulasi suara.",
    "Anggota PPS Desa {desa} menempel salinan daftar pemilih tetap di papan pengumuman balai "
    "desa.",
    "Bawaslu {kab} merekrut pengawas TPS dan membuka pendaftaran hingga akhir pekan.",
    "Warga Desa {desa} bergotong royong membersihkan lokasi TPS yang akan dipakai pekan depan.",
    "KPU {kab} melatih para ketua KPPS cara mengisi formulir hasil penghitungan.",
    "Debat terakhir calon bupati {kab} digelar di gedung serbaguna dan disiarkan televisi "
    "lokal.",
    "Kapolsek mengajak tokoh agama Desa {desa} menjaga suasana sejuk menjelang pilkada.",
    "Dinas kesehatan {kab} memeriksa tekanan darah petugas KPPS sebelum hari pemungutan.",
    "Satpol PP {kab} menurunkan spanduk kampanye yang dipasang di pohon pinggir jalan.",
    "Pemilih pemula di Desa {desa} mengikuti sosialisasi tata cara mencoblos yang digelar PPS.",
    "Camat dan Danramil menggelar rapat koordinasi pengamanan TPS bersama PPK dan Panwascam.",
    "BPBD {kab} menyiagakan perahu karet bagi lokasi pencoblosan di wilayah langganan banjir.",
    "Tim kampanye {calon} menggelar pertemuan terbatas dengan kelompok tani di Desa {desa}.",
    "KPU {kab} menerima kiriman surat suara tambahan untuk mengganti yang rusak saat sortir.",
    "Polisi dan TNI menggelar patroli bersama di jalur distribusi logistik {kab} pada malam "
    "hari.",
    "Forum kerukunan umat beragama {kab} menggelar doa bersama untuk pilkada yang damai.",
    "Pengundian nomor urut pasangan calon di {kab} berlangsung tertib dan disaksikan pendukung.",
    "KPPS Desa {desa} mengantarkan formulir pemberitahuan memilih ke rumah pemilih lansia.",
    "Pemda {kab} meliburkan sekolah yang dipakai sebagai lokasi TPS pada hari pemungutan.",
    "Lapas di {kab} menyiapkan TPS khusus bagi warga binaan yang terdaftar sebagai pemilih.",
    "Relawan demokrasi {kab} berkeliling pasar mengajak pedagang datang ke TPS.",
    "Panwascam menegur tim sukses yang memasang stiker calon di angkutan umum {kab}.",
    "KPU {kab} menetapkan jumlah TPS dan daftar pemilih dalam rapat pleno terbuka.",
    "Bhabinkamtibmas Desa {desa} berkeliling ke pos ronda untuk mengingatkan warga menjaga "
    "keamanan.",
    "PPK menggelar simulasi penghitungan suara di balai Desa {desa} dengan surat suara contoh.",
    "Para calon bupati {kab} menandatangani pakta integritas menolak politik uang.",
    "Truk pengangkut logistik pilkada {kab} tiba di kantor kecamatan dengan pengawalan polisi.",
    "Pemuda Desa {desa} membuat tenda TPS dari bambu dan terpal secara swadaya.",
    "Dinas sosial {kab} memastikan penyaluran bantuan berjalan seperti biasa selama pilkada.",
    "Pengurus masjid di Desa {desa} mengimbau jamaah datang ke TPS setelah salat subuh.",
    "KPU {kab} memperpanjang layanan pindah memilih bagi pasien rumah sakit.",
)

DEBUNK_FRAMES = (
    "KPU {kab} membantah kabar bahwa {claim}. Informasi itu dipastikan tidak benar.",
    "[HOAKS] Klaim bahwa {claim}. Faktanya, tidak ada keputusan atau temuan seperti itu.",
    "[SALAH] Pesan berantai menyebut {claim}; penelusuran kami menemukan klaim itu keliru.",
    "Polres {kab} meluruskan isu bahwa {claim}. Warga diminta tidak ikut menyebarkan.",
    "Klarifikasi: tidak benar bahwa {claim}. Rujuk selalu pengumuman resmi penyelenggara.",
    "Bawaslu {kab} menegaskan isu bahwa {claim} adalah kabar bohong.",
    "Ternyata hoaks gaes, yg bilang {claim} itu gak bener. KPU udah klarifikasi.",
    "[DISINFORMASI] Video yang diklaim membuktikan bahwa {claim} ternyata rekaman lama dari "
    "daerah lain.",
    "Cek fakta: narasi bahwa {claim} tidak didukung bukti apa pun.",
    "Diskominfo {kab} mencatat pesan bahwa {claim} sebagai hoaks dan meminta warga waspada.",
)

CHATTER = (
    "ada yg tau TPS Desa {desa} pindah ke mana? undangan belum nyampe nih",
    "abis nonton debat semalem, jadi makin yakin sama pilihan sendiri hehe",
    "semoga pilkada {kab} lancar dan adem, beda pilihan tetep ngopi bareng",
    "hujan terus dari pagi, moga pas hari H cerah ya",
    "jangan lupa cek nama di DPT lewat situs resmi KPU ya teman2",
    "macet di jalan raya {kab} gara2 ada kampanye, sabar aja",
    "tadi liat bapak2 linmas jaga gudang logistik, salut deh",
    "keluarga di {kab} udah pada dapet undangan memilih belum?",
    "grup alumni isinya debat pilkada terus, mending bahas reuni aja",
    "pertama kali nyoblos nih, agak deg-degan wkwk",
    "ada yang mau bareng ke TPS jam {jam}? biar gak antre lama",
    "salut sama petugas KPPS Desa {desa}, sabar banget ngadepin warga",
    "kata ibu, tps tahun ini lebih deket dari rumah, alhamdulillah",
    "siapapun yg menang semoga amanah buat {kab}",
    "baru pulang dari bimtek KPPS, capek tapi seru",
    "TPS di Desa {desa} tendanya udah berdiri, rapi bgt",
    "libur nyoblos mau dipake tidur siang abis dari TPS wkwk",
    "anak2 karang taruna Desa {desa} bikin mural pilkada damai, keren",
    "nonton debat sambil ngemil, calonnya pada jago ngomong semua",
)

# Hard negatives: the topic words of hoaxes and provocations, without the assertion or
# the call. A model that learns "gudang KPU" or "massa" as the label fails on these.
HARD_NEGATIVES = (
    "Benarkah {claim}? Ada yang tahu sumber resminya?",
    "Ada yang kirim pesan di grup bahwa {claim}. Belum jelas benar atau tidak, tunggu "
    "pengumuman resmi.",
    "Mohon jangan asal sebar pesan bahwa {claim} sebelum dicek ke KPU.",
    "Tadi di warung ramai dibahas soal {claim}, tapi belum ada yang bisa menunjukkan bukti.",
    "Polres {kab} mengimbau warga tidak terpancing ajakan berkumpul massa di kantor KPU.",
    "Kapolres {kab} meminta pendukung semua calon menahan diri dan menempuh jalur hukum bila "
    "keberatan dengan hasil.",
    "Tokoh agama Desa {desa} mengajak warga menolak provokasi dan menjaga kerukunan setelah "
    "pencoblosan.",
    "Gudang logistik KPU {kab} dijaga polisi selama 24 jam hingga distribusi kotak suara "
    "selesai.",
    "Bawaslu {kab} membuka posko pengaduan bagi warga yang menemukan politik uang.",
    "Rapat pleno rekapitulasi di {kab} berjalan tertib meski sempat diwarnai interupsi saksi.",
    "Saksi paslon {no} di Desa {desa} menandatangani berita acara tanpa keberatan.",
    "Warga Desa {desa} berkumpul di balai desa untuk nonton bareng debat calon bupati {kab}.",
    "Petugas KPPS Desa {desa} menghitung ulang surat suara sisa di depan saksi, hasilnya cocok.",
    "Ribuan pendukung {calon} menghadiri kampanye akbar di lapangan {kab} yang berlangsung "
    "tertib.",
    "KPU {kab} menjelaskan cara melapor bila menemukan surat suara rusak di TPS.",
    "Sosialisasi di Desa {desa}: bawa KTP-el bila undangan memilih tidak sampai.",
)

# Hard positives: a false claim told calmly, in a news-like or personal voice, without
# the hype that most forwarded hoaxes carry.
HOAX_CALM = (
    "Menurut seorang petugas yang tidak mau disebut namanya, {claim}.",
    "Saya dengar langsung dari tetangga yang jadi anggota PPS: {claim}.",
    "Dilaporkan bahwa {claim}, namun penyelenggara belum memberi tanggapan.",
    "Kabar terbaru dari {kab}, {claim}. Mohon maklum.",
    "Sekadar mengingatkan keluarga: {claim}.",
)
# Provocations without exclamation marks or capitals: the call itself is the signal.
PROVOCATION_SOFT = (
    "Kalau memang hasilnya curang, sebaiknya warga {kab} berkumpul saja di depan kantor "
    "KPU besok pagi.",
    "Saran saya warga Desa {desa} jaga TPS beramai-ramai dan jangan izinkan saksi paslon "
    "{no} masuk.",
    "Menurut saya calon yang beda agama memang tidak pantas memimpin {kab}.",
    "Bagi yang mau ikut menyegel kantor PPK {kab} malam ini, kumpul di masjid jam {jam}.",
    "Warga pendatang sebaiknya tidak usah datang ke TPS Desa {desa}, biar kami yang urus.",
)
# Hard negatives in a forwarding style: hype words, no false claim and no call to act.
NEUTRAL_HYPE = (
    "Sebarkan! Jadwal pencoblosan di {kab} tetap sesuai pengumuman KPU, jangan percaya "
    "kabar lain.",
    "Penting!! Bawa KTP-el ke TPS Desa {desa}, undangan hilang tetap bisa memilih.",
    "Viralkan: posko pengaduan Bawaslu {kab} buka 24 jam untuk laporan politik uang.",
    "Waspada hoaks jelang pencoblosan! Cek dulu kebenarannya ke KPU {kab} sebelum share.",
    "Info valid dari KPU {kab}: TPS Desa {desa} buka jam 07.00 sampai 13.00.",
)

# Interchangeable wording, applied to every class alike.
SYNONYMS = ((r"\bsurat suara\b", ("surat suara", "kertas suara", "kertas coblosan")),
            (r"\bpaslon\b", ("paslon", "pasangan calon", "calon nomor")),
            (r"\bwarga\b", ("warga", "masyarakat", "orang-orang")),
            (r"\bkantor KPU\b", ("kantor KPU", "KPU", "kantor penyelenggara")),
            (r"\bgudang\b", ("gudang", "gudang logistik")),
            (r"\bmassa\b", ("massa", "orang", "warga")))
SHARED_OPENERS = ("", "", "", "Info: ", "Dari grup sebelah: ", "Update {kab}: ",
                  "Kabar dari {kab}: ", "Penting, ")

_ABBREV = ((r"\byang\b", "yg"), (r"\btidak\b", "gak"), (r"\bsudah\b", "udah"),
           (r"\bbanget\b", "bgt"), (r"\bkarena\b", "krn"), (r"\bdengan\b", "dgn"))


def _slots(rng: random.Random) -> dict[str, str]:
    return {"kab": rng.choice(KABUPATEN), "desa": rng.choice(DESA),
            "calon": rng.choice(CALON), "no": str(rng.randint(1, 3)), "jam": rng.choice(JAM)}


def _casual(rng: random.Random, text: str) -> str:
    """Occasional chat-style spelling, so style alone does not predict the label."""
    if rng.random() < 0.35:
        for pattern, repl in _ABBREV:
            text = re.sub(pattern, repl, text)
    if rng.random() < 0.08:
        text = text.upper()
    return text


def _vary(rng: random.Random, text: str) -> str:
    """Swap in synonyms and a shared opener, for every class alike."""
    for pattern, options in SYNONYMS:
        if rng.random() < 0.5:
            text = re.sub(pattern, rng.choice(options), text)
    opener = rng.choice(SHARED_OPENERS)
    if opener and rng.random() < 0.5:
        text = f"{opener.format(kab=rng.choice(KABUPATEN))}{text}"
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _open(rng: random.Random, claim: str) -> str:
    """An opener plus the claim, capitalised unless the opener runs on with a comma."""
    opener = rng.choice(HOAX_OPENERS)
    return f"{opener}{claim if opener.endswith(', ') else _cap(claim)}"


def _hoax(rng: random.Random) -> str:
    s = _slots(rng)
    claim = rng.choice(CLAIMS).format(**s)
    if rng.random() < 0.3:
        return rng.choice(HOAX_CALM).format(claim=claim, **s)
    ending = rng.choice(("!", "!!", ".", "!!!"))
    return _casual(rng, f"{_open(rng, claim)}{ending}{rng.choice(HOAX_CLOSERS)}")


def _provocation(rng: random.Random) -> str:
    s = _slots(rng)
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(UNREST_REPORTS).format(**s)
    if roll < 0.5:
        return rng.choice(PROVOCATION_SOFT).format(**s)
    return _casual(rng, rng.choice(PROVOCATIONS).format(**s))


def _both(rng: random.Random) -> str:
    s = _slots(rng)
    claim = rng.choice(CLAIMS).format(**s)
    call = rng.choice(CALLS).format(**s)
    joiner = rng.choice((". Karena itu ", ". Tidak bisa dibiarkan, ", ". Jadi ", "!! "))
    if joiner == "!! ":
        call = _cap(call)
    return _casual(rng, f"{_open(rng, claim)}{joiner}{call}!")


def _neither(rng: random.Random) -> str:
    s = _slots(rng)
    roll = rng.random()
    if roll < 0.28:
        return rng.choice(ROUTINE).format(**s)
    if roll < 0.52:
        claim = rng.choice(CLAIMS).format(**s)
        return rng.choice(DEBUNK_FRAMES).format(claim=claim, **s)
    if roll < 0.76:
        claim = rng.choice(CLAIMS).format(**s)
        return _casual(rng, rng.choice(HARD_NEGATIVES).format(claim=claim, **s))
    if roll < 0.86:
        return _casual(rng, rng.choice(NEUTRAL_HYPE).format(**s))
    return _casual(rng, rng.choice(CHATTER).format(**s))


GENERATORS: dict[tuple[int, int], Callable[[random.Random], str]] = {
    (1, 0): _hoax, (0, 1): _provocation, (1, 1): _both, (0, 0): _neither,
}


def build_rows(seed: int = 20241127) -> list[tuple[str, int, int]]:
    """Deterministic, de-duplicated rows ``(text, hoaks, provokasi)`` in a stable order."""
    rng = random.Random(seed)
    rows: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for (hoaks, provokasi), target in TARGETS.items():
        made, attempts = 0, 0
        while made < target:
            attempts += 1
            if attempts > target * 200:
                raise RuntimeError(f"template space too small for class {(hoaks, provokasi)}")
            text = _vary(rng, GENERATORS[(hoaks, provokasi)](rng))
            key = text.lower()
            if key in seen:
                continue
            seen.add(key)
            rows.append((text, hoaks, provokasi))
            made += 1
    rng.shuffle(rows)
    return rows


def write_csv(rows: list[tuple[str, int, int]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["text", "hoaks", "provokasi"])
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=20241127)
    args = parser.parse_args()
    rows = build_rows(args.seed)
    write_csv(rows, args.out)
    n = len(rows)
    hoaks = sum(r[1] for r in rows)
    prov = sum(r[2] for r in rows)
    print(f"wrote {n} rows to {args.out}: hoaks {hoaks} ({hoaks / n:.0%}), "
          f"provokasi {prov} ({prov / n:.0%}), neither "
          f"{sum(1 for r in rows if not r[1] and not r[2])}")


if __name__ == "__main__":
    main()
