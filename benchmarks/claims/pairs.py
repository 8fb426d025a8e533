"""The claim-matching test set: debunk headlines, forwarded messages and texts that must
not link, built from real tweets (``umpo_tweets/claims.csv``) with a fixed seed.

Why built and not taken as is: the tweets repeat the collectors' short search keyword
("Air garam sumber energi"), so matching them to it is the easy case (a plain char n-gram
cosine finds 89% at rank 1). What analysts meet is a WhatsApp forward (longer, reworded,
emojis, "copas dari grup sebelah", a place name, upper case, "Sebarkan!!") to be matched
against fact-checkers' headlines ("[HOAKS] ...", "Cek Fakta: Tidak Benar ...").

- **Claims** are grouped by their topic (case-folded); the topics are split in two halves
  by a hash of their name: ``tune`` (to choose methods and thresholds) and ``test``
  (reported). Claims of one topic that restate each other (one's content words contain
  the other's: "vaksin mengandung magnet" / "vaksin covid mengandung magnet") form one
  claim group: a link to any of its headlines is right.
- **Headlines** (the debunks): a real fact-check tweet of the claim when the data holds
  one ("[SALAH] Badak Putih Utara Resmi Punah"; that tweet is then not a query), else the
  claim written in one of the fact-checkers' styles; about a third of the claims get a
  second debunk in another style (several fact-checkers debunk one hoax). Some claims
  (``UNDEBUNKED``) get no headline: their forwards are hoaxes not yet debunked, which
  must not link to a sibling debunk of the same topic.
- **Distractor headlines** fill the pool to its size: other real tweets of the same
  corpus (``train.csv``/``test.csv`` rows that are not in ``claims.csv``, health myths
  and politics like the claims) written as headlines; tweets that share most content
  words of a claim are left out (they may be the same claim). For a 10,000-claim pool,
  hate-speech tweets (``ibrohim_hs``) written as headlines are added.
- **Queries** are the claim's own tweets (not the debunks among them), each in every
  variant of :data:`VARIANTS`.
- **Unrelated** texts must link to nothing: forwards of undebunked claims, of
  same-corpus tweets that are not distractors, and of ibrohim_hs political tweets.
"""

from __future__ import annotations

import csv
import random
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from classifiers.stopwords import STOPWORDS
from classifiers.text import normalise
from feeds.debunk import looks_like_debunk

VARIANTS = ("tweet", "forward", "upper", "reworded", "long", "all")
#: Share of the claims that have no debunk in the pool (open set).
UNDEBUNKED = 0.15
#: Share of the claims with a second debunk in another fact-checker's style.
SECOND_DEBUNK = 0.35

HEADLINE_STYLES = (
    "[HOAKS] {t}", "[SALAH] {t}", "Cek Fakta: Tidak Benar {s}", "[DISINFORMASI] {t}",
    "Cek Fakta: Benarkah {s}? Ini Faktanya", "HOAKS: {t}", "[HOAKS] Pesan Berantai {t}",
    "Keliru, Klaim {s}", "[KLARIFIKASI] {t}", "Hoaks! {t}", "[MISINFORMASI] {t}",
    "Tidak Benar {s}", "[HOAKS] Video {t}", "Cek Fakta: Hoaks {s}", "[SALAH] Foto {t}",
    "Hoax atau Fakta: {t}",
)
HEADERS = (
    "Diteruskan", "*Diteruskan*", "Forwarded", "copas dari grup sebelah",
    "Copas dari grup sebelah 👇👇", "Info dari grup RT 05:", "dari grup alumni SMA",
    "Kiriman dari grup keluarga", "Pesan dari WAG pengajian:", "COPAS", "Sekedar info",
    "Info A1 dari teman yang kerja di dinas", "🚨INFO PENTING🚨", "Mohon perhatian bapak ibu",
    "Assalamualaikum wr wb", "Dapat kiriman dari saudara", "fwd", "Diteruskan dari grup lain",
)
FOOTERS = (
    "Sebarkan!!", "SEBARKAN!!!", "Mohon dishare ke keluarga", "Jangan berhenti di kamu",
    "Viralkan!", "Semoga bermanfaat 🙏", "Tolong sebarkan ke grup lain",
    "Share sebanyak-banyaknya", "Hati-hati saudaraku", "Waspadalah!!", "Wallahu a'lam",
    "Bagikan sebelum dihapus", "Sebarkan ke grup keluarga, jangan sampai terlambat",
    "Mohon diteruskan 🙏🙏",
)
EMOJIS = ("⚠️", "‼️", "🙏", "😱", "🔥", "👇", "😭", "🤲", "❗", "📢", "😡", "👆", "💯")
PLACE_PHRASES = (
    "Kejadian di {p} kemarin", "warga {p} sudah banyak yang kena", "{P} GEMPAR!",
    "di daerah {p}", "Info dari {p}", "sudah terjadi di {p}", "Ini di {p} lho",
    "Tetangga saya di {p} cerita",
)
FILLER = (
    "Assalamualaikum bapak ibu sekalian.",
    "Saya dapat dari teman yang kerja di rumah sakit, katanya ini sudah lama disembunyikan.",
    "Benar tidaknya wallahu a'lam, tapi lebih baik kita waspada.",
    "Tolong dibaca sampai habis ya, penting buat keluarga kita.",
    "Jangan anggap remeh, sudah banyak korbannya.",
    "Berita ini tidak akan muncul di TV karena ditutupi.",
    "Saya sendiri awalnya tidak percaya, tapi setelah baca ini jadi yakin.",
    "Mohon maaf kalau sudah ada yang kirim di grup ini.",
    "Anak dan cucu kita harus dilindungi.",
    "Pemerintah diam saja soal ini.",
    "Semoga kita semua diberi kesehatan dan dijauhkan dari musibah.",
    "Ini pesan dari seorang dokter senior, mohon disimak baik-baik.",
    "Kalau tidak percaya silakan cek sendiri.",
    "Banyak yang belum tahu soal ini.",
    "Sudah dibahas juga di grup sebelah tadi pagi.",
    "Lebih baik mencegah daripada mengobati.",
    "Selamat pagi semua, semoga sehat selalu.",
    "Kita harus saling mengingatkan sebagai saudara.",
    "Jangan sampai terlambat seperti keluarga teman saya.",
    "Sekali lagi ini demi kebaikan kita bersama.",
)
#: Rewording as forwards do it: synonyms, informal forms, intensifiers.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "bisa": ("dapat", "bs", "mampu"), "dapat": ("bisa", "mampu"),
    "menyebabkan": ("bikin", "mengakibatkan", "jadi penyebab"),
    "penyebab": ("biang", "sumber"), "mencegah": ("menangkal", "cegah", "ampuh cegah"),
    "cegah": ("mencegah", "menangkal"), "menyembuhkan": ("mengobati", "sembuhkan"),
    "obat": ("penyembuh", "obatnya"), "membunuh": ("mematikan", "bunuh"),
    "mengandung": ("berisi", "ada kandungan", "ada"), "meninggal": ("wafat", "tewas"),
    "minum": ("meminum", "konsumsi"), "makan": ("konsumsi", "mengonsumsi"),
    "berbahaya": ("bahaya", "membahayakan"), "tidak": ("gak", "ga", "nggak", "tdk"),
    "yang": ("yg",), "dengan": ("dgn",), "untuk": ("utk", "buat"), "sudah": ("udah", "sdh"),
    "karena": ("krn", "karna"), "orang": ("org",), "banyak": ("byk", "banyak sekali"),
    "corona": ("covid", "korona", "covid-19"), "covid": ("corona", "covid-19"),
    "covid-19": ("corona", "covid"), "virus": ("virusnya",), "dokter": ("dr",),
    "kesehatan": ("kesehatan tubuh",), "sangat": ("sangat sangat", "amat"),
    "ternyata": ("rupanya",), "anak": ("anak-anak", "bocah"), "pemerintah": ("negara",),
    "mati": ("meninggal", "tewas"), "baru": ("terbaru",), "besar": ("gede",),
    "jangan": ("jgn", "jangan pernah"), "air": ("air putih",), "manfaat": ("khasiat",),
    "khasiat": ("manfaat",), "kanker": ("kangker",), "sakit": ("penyakit",),
    "indonesia": ("RI", "negeri ini"), "menurut": ("kata",), "benar": ("bener",),
}
INTENSIFIERS = ("ternyata", "terbukti", "katanya", "ini beneran", "wajib tahu", "astaghfirullah",
                "awas", "fakta mengejutkan:", "viral!")
_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"\w[\w-]*", re.UNICODE)


@dataclass(frozen=True)
class Headline:
    """A debunk in the pool; ``group`` is its claim group (-1 for a distractor)."""

    text: str
    group: int
    real: bool = False


@dataclass(frozen=True)
class Query:
    """A forwarded text; ``group`` is the claim group it repeats (-1: none in the pool).

    ``kind`` is the variant for forwards of debunked claims, else what it is: ``undebunked``,
    ``same_corpus`` or ``political``."""

    text: str
    group: int
    kind: str
    split: str
    debunked: bool
    #: Which of its claim's tweets it was built from (-1: not a claim's tweet).
    tweet: int = -1


@dataclass
class TestSet:
    headlines: list[Headline]
    queries: list[Query]
    #: Claim group -> the split of its topic.
    group_split: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def content_words(text: str) -> set[str]:
    """Words that carry meaning (normalised, no function words, no URLs)."""
    words = normalise(_URL.sub(" ", text)).split()
    return {w for w in words if len(w) > 2 and w not in STOPWORDS and not w.startswith("url")}


def split_of(topic: str) -> str:
    """``tune`` or ``test``, from a hash of the topic (stable across runs and machines)."""
    return "tune" if zlib.crc32(topic.encode()) % 2 == 0 else "test"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _clean(text: str) -> str:
    text = _MENTION.sub(" ", _URL.sub(" ", text))
    return re.sub(r"\s+", " ", text.replace("…", " ").replace("...", " ")).strip()


def real_headline(tweet: str) -> str | None:
    """The headline of a fact-checker's tweet ("[SALAH] X FAKTANYA, ..." -> "[SALAH] X")."""
    if not re.match(r"\s*(\[|cek fakta|hoax\b|hoaks\b|#hoax)", tweet, re.IGNORECASE):
        return None
    first = re.split(r"\n|https?://|\bFAKTANYA\b|\bFaktanya\b|Selengkapnya|Penjelasan|"
                     r"(?<=[a-z])\.\s", tweet)[0]
    words = _clean(first).split()
    # a headline is in Title Case: it ends where a run of lower-case words starts
    for i in range(4, len(words) - 1):
        if words[i][:1].islower() and words[i + 1][:1].islower():
            words = words[:i]
            break
    headline = " ".join(words[:16])
    # "..., Simak", "? Ini", ": Informasi ...": the start of the article's teaser
    headline = re.split(r"(?<=\w{3})(?::\s|\?\s|,\s+Simak)", headline)[0]
    return headline.strip(" .,:;-") if len(headline.split()) >= 3 else None


def styled(claim: str, rng: random.Random, place: str | None = None) -> str:
    """``claim`` as a fact-checker's headline, in one of the styles they use."""
    claim = re.sub(r"\s+", " ", claim).strip()
    if place:
        claim = f"{claim} di {place}"
    style = rng.choice(HEADLINE_STYLES)
    return style.format(t=claim.title() if rng.random() < 0.8 else claim,
                        s=claim[:1].upper() + claim[1:])


def _headline_from_tweet(tweet: str, rng: random.Random) -> str | None:
    words = _clean(tweet).split()
    words = [w for w in words if not w.startswith("#")][: rng.randint(6, 13)]
    if len(words) < 4:
        return None
    return styled(" ".join(words).rstrip(".,:;!?"), rng)


_PREFIX = re.compile(r"^(meny|meng|mem|men|me|peny|peng|pem|pen|pe|di|ber|ter|ke|se)")
_SUFFIX = re.compile(r"(kan|an|i|nya)$")
#: meN-/peN- drop the first consonant of the root: menyebabkan <- sebab, memakai <- pakai
_NASAL = {"meny": "s", "peny": "s", "mem": "p", "pem": "p", "men": "t", "pen": "t",
          "meng": "k", "peng": "k"}


@cache
def _stems(word: str) -> frozenset[str]:
    """A word's possible roots under Indonesian affixes (a light, permissive stemmer)."""
    out = {word}
    base = _SUFFIX.sub("", word) if len(word) > 6 else word
    out.add(base)
    prefix = _PREFIX.match(base)
    if prefix and len(base) - len(prefix.group(1)) >= 5:
        root = base[len(prefix.group(1)):]
        out.add(root)
        if prefix.group(1) in _NASAL:
            out.add(_NASAL[prefix.group(1)] + root)
    return frozenset(out)


def _within(a: str, b: str, limit: int) -> bool:
    """Whether the Levenshtein distance of two short words is at most ``limit``; stops at
    the first row whose every cell exceeds it (a row's minimum never decreases)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@cache
def _keywords(text: str) -> frozenset[str]:
    words = normalise(text.replace("-", " ")).split()
    return frozenset(w for w in words if len(w) > 1 and w not in STOPWORDS
                     and not w.isdigit())


@cache
def _same_word(a: str, b: str) -> bool:
    """Words that are one word spelt two ways: an affix ("sebabkan"/"menyebabkan"),
    a typo ("lstrik", "menopouse").

    Cached, and the edit distance stops as soon as it exceeds the typos allowed: the
    test set compares every tweet with every claim (millions of word pairs, a million
    distinct), which otherwise took two CPU minutes."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    if _stems(a) & _stems(b):
        return True
    return _within(a, b, 1 if min(len(a), len(b)) < 8 else 2)


def _shares_most(claim: set[str], words: set[str]) -> bool:
    """Whether ``words`` hold most (60%, at least two) of a claim's content words."""
    if not claim:
        return False
    found = sum(any(_same_word(w, v) for v in words) for w in claim)
    return found >= max(2, 0.6 * len(claim))


def restates(a: str, b: str) -> bool:
    """Whether two claim keywords state one claim: the same letters (digits, spaces and
    case aside), or every content word of one (at least three, or all of both) is in the
    other, allowing typos and affixes."""
    if re.sub(r"[\W\d_]+", "", a.lower()) == re.sub(r"[\W\d_]+", "", b.lower()):
        return True
    short, long_ = sorted((_keywords(a), _keywords(b)), key=len)
    if len(short) < 2 or (len(short) < 3 and len(short) != len(long_)):
        return False
    return all(any(_same_word(w, v) for v in long_) for w in short)


#: Claim keywords that restate one claim in other words, which :func:`restates` cannot
#: see. Read and judged by meaning; the candidates were the claim pairs that any of the
#: compared matchers confused most often (the same ground truth serves every matcher).
SAME_CLAIMS: tuple[tuple[str, ...], ...] = (
    ("Vaksin HPV menyebabkan menopouse", "Vaksin HPV sebabkan Menopause"),
    ("subsidi gas 3 kg dihapus", "subsidi gas 3kg dicabut"),
    ("biaya tilang baru", "biaya tilang baru di indonesiia"),
    ("Mie instan bikin kanker", "mie instan menyebabkan kanker"),
    ("Es cream mengandung babi", "es krim magnum mengandung babi"),
    ("rajin wudhu terhindar dari virus", "sering wudhu aman dari virus"),
    ("Sinar matahari menyebabkan kanker kulit", "uv dapat menyebabkan kanker"),
    ("Dana haji dipakai", "Pemerintah gunakan dana haji", "dana haji diembat",
     "Ma'ruf Amin tandatangani dana haji untuk infrastruktur"),
    ("Sayap ayam dapat menyebabkan kanker", "sayap dan ceker ayam menyebabkan kanker",
     "ceker ayam sebebkan kanker"),
    ("Masker bisa menurunkan imun tubuh", "masker bisa merusak imun tubuh"),
    ("badak putih utara dinyatakan punah", "badak putih utara resmi punah"),
    ("Garam bisa mengobati sakit gigi", "Garam meredakan sakit gigi"),
    ("Virus hiv dimasukkan kedalam pembalut", "pembalut hiv aids"),
    ("Belajar Tatap Muka Resmi Januari 2021, Anak Wajib Swab Test sebelum Sekolah",
     "Siswa wajib swab tes sebelum masuk sekolah"),
    ("Tusukan jarum dapat mengatasi stroke", "tusuk jari pertolongan pertama stroke"),
    ("asam jawa baik untuk kesehatan", "manfaat asam jawa"),
)


def _claim_groups(claims: dict[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """Claim -> group id (claims that restate one another, :func:`restates`), and topic ->
    the topic its group is split with (topics joined by a shared group)."""
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        parent.setdefault(c, c)
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    names = sorted(claims)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if restates(a, b):
                parent[find(a)] = find(b)
    for same in SAME_CLAIMS:
        known = [c for c in same if c in claims]
        for c in known[1:]:
            parent[find(c)] = find(known[0])
    roots = sorted({find(c) for c in names})
    ids = {r: i for i, r in enumerate(roots)}
    groups = {c: ids[find(c)] for c in names}
    topic_parent: dict[str, str] = {}

    def find_topic(t: str) -> str:
        topic_parent.setdefault(t, t)
        while topic_parent[t] != t:
            t = topic_parent[t]
        return t

    first_topic: dict[int, str] = {}
    for c in names:
        g, t = groups[c], claims[c]
        if g in first_topic:
            topic_parent[find_topic(t)] = find_topic(first_topic[g])
        else:
            first_topic[g] = t
            find_topic(t)
    return groups, {t: find_topic(t) for t in claims.values()}


def _places(rng: random.Random, n: int = 400) -> list[str]:
    from sejuk.regions.gazetteer import load_gazetteer

    names = [p.name for p in load_gazetteer() if p.level in ("kabkota", "kecamatan")]
    names = [n.replace("Kabupaten ", "").replace("Kota ", "") for n in names]
    return rng.sample(sorted(set(names)), n)


def _half(bank: Sequence[str], split: str) -> tuple[str, ...]:
    """Every other phrase of a bank: tune and test forwards use different halves, so a
    matcher tuned to the tune half's phrases gains nothing on the test half."""
    return tuple(bank[0 if split == "tune" else 1 :: 2])


class Forwarder:
    """Turns a text into the variants of :data:`VARIANTS` as WhatsApp forwards do, with
    the phrase banks of one split."""

    def __init__(self, rng: random.Random, places: Sequence[str], split: str) -> None:
        self.rng = rng
        self.places = list(places)
        self.headers = _half(HEADERS, split)
        self.footers = _half(FOOTERS, split)
        self.emoji_bank = _half(EMOJIS, split)
        self.place_phrases = _half(PLACE_PHRASES, split)
        self.filler = _half(FILLER, split)
        self.intensifiers = _half(INTENSIFIERS, split)

    def emojis(self, k: int) -> str:
        return "".join(self.rng.choice(self.emoji_bank) for _ in range(k))

    def place(self) -> str:
        p = self.rng.choice(self.places)
        return self.rng.choice(self.place_phrases).format(p=p, P=p.upper())

    def wrap(self, body: str) -> str:
        rng = self.rng
        parts = []
        if rng.random() < 0.85:
            parts.append(f"{rng.choice(self.headers)} {self.emojis(rng.randint(0, 3))}".strip())
        if rng.random() < 0.6:
            parts.append(self.place() + " " + self.emojis(rng.randint(0, 2)))
        parts.append(f"{self.emojis(rng.randint(0, 2))} {body} {self.emojis(rng.randint(1, 4))}")
        if rng.random() < 0.85:
            parts.append(rng.choice(self.footers))
        return "\n".join(p.strip() for p in parts)

    def reword(self, body: str) -> str:
        rng = self.rng
        body = _clean(body) if rng.random() < 0.7 else body

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            options = SYNONYMS.get(word.lower())
            if options and rng.random() < 0.6:
                return rng.choice(options)
            if len(word) > 5 and rng.random() < 0.06:  # a typo: two letters swapped
                i = rng.randrange(1, len(word) - 2)
                return word[:i] + word[i + 1] + word[i] + word[i + 2:]
            return word

        body = _WORD.sub(swap, body)
        if rng.random() < 0.5:
            body = f"{rng.choice(self.intensifiers)} {body}"
        return body

    def long(self, body: str, extra: str | None) -> str:
        rng = self.rng
        before = rng.sample(self.filler, rng.randint(1, 4))
        after = rng.sample(self.filler, rng.randint(1, 4))
        middle = [body] + ([f"Tambahan info: {extra}"] if extra else [])
        return self.wrap(" ".join(before) + "\n\n" + "\n\n".join(middle) + "\n\n"
                         + " ".join(after))

    def variant(self, kind: str, body: str, extra: str | None = None) -> str:
        rng = self.rng
        if kind == "tweet":
            return body
        if kind == "forward":
            return self.wrap(body)
        if kind == "upper":
            return self.wrap(body).upper() + "!!!"
        if kind == "reworded":
            return self.wrap(self.reword(body))
        if kind == "long":
            return self.long(body, extra)
        if kind == "all":
            text = self.long(self.reword(body), self.reword(extra) if extra else None)
            return text.upper() if rng.random() < 0.5 else text
        raise ValueError(kind)


def political_headlines(data: Path, n: int, seed: int = 16) -> list[Headline]:
    """``n`` distractor headlines written from ibrohim_hs training tweets (political
    chatter of the Pilkada 2017 period), for pools larger than the umpo tweets fill."""
    rng = random.Random(seed + 1)
    rows = _read(data / "ibrohim_hs" / "train.csv")
    rng.shuffle(rows)
    out: list[Headline] = []
    for r in rows:
        if len(out) >= n:
            break
        h = _headline_from_tweet(r["text"].replace("USER", " ").replace("URL", " "), rng)
        if h:
            out.append(Headline(h, -1))
    return out


@dataclass
class _Claims:
    """The claims of ``claims.csv``: groups of restating claims, their tweets and split."""

    rows: list[dict[str, str]]
    topics: dict[str, str]
    group_split: dict[int, str]
    tweets: dict[int, list[str]]
    claims: dict[int, list[str]]


def _read_claims(data: Path) -> _Claims:
    rows = _read(data / "umpo_tweets" / "claims.csv")
    claim_topic = {r["claim"].strip(): r["topic"].strip().lower() for r in rows}
    groups, topic_root = _claim_groups(claim_topic)
    tweets: dict[int, list[str]] = defaultdict(list)
    for r in rows:
        tweets[groups[r["claim"].strip()]].append(r["text"])
    group_claims: dict[int, list[str]] = defaultdict(list)
    for claim, g in groups.items():
        group_claims[g].append(claim)
    return _Claims(rows, claim_topic,
                   {groups[c]: split_of(topic_root[t]) for c, t in claim_topic.items()},
                   tweets, group_claims)


def _debunks(claims: _Claims, undebunked: set[int], places: Sequence[str],
             rng: random.Random) -> tuple[list[Headline], dict[int, list[str]]]:
    """The debunks of every debunked claim group, and each group's tweets to forward."""
    headlines: list[Headline] = []
    query_tweets: dict[int, list[str]] = {}
    for g in sorted(claims.claims):
        own = list(claims.tweets[g])
        queries = [t for t in own if not looks_like_debunk("", t)]
        real = [h for h in (real_headline(t) for t in own if t not in queries) if h]
        query_tweets[g] = queries
        if g in undebunked:
            continue
        claim = rng.choice(claims.claims[g])
        place = rng.choice(places) if rng.random() < 0.15 else None
        first = real[0] if real else styled(claim, rng, place)
        headlines.append(Headline(first, g, real=bool(real)))
        if rng.random() < SECOND_DEBUNK:
            second = real[1] if len(real) > 1 else styled(rng.choice(claims.claims[g]), rng)
            headlines.append(Headline(second, g, real=len(real) > 1))
    return headlines, query_tweets


def _other_tweets(data: Path, claims: _Claims, rng: random.Random) -> list[str]:
    """Same-corpus tweets that restate none of the claims, shuffled."""
    known = {r["text"] for r in claims.rows}
    claim_words = [content_words(c) for c in claims.topics]
    others: list[str] = []
    seen: set[frozenset[str]] = set()
    for name in ("train.csv", "test.csv"):
        for r in _read(data / "umpo_tweets" / name):
            text = r["text"]
            words = content_words(text)
            if text in known or len(words) < 3 or frozenset(words) in seen:
                continue
            if any(_shares_most(cw, words) for cw in claim_words):
                continue  # may restate one of the claims: neither distractor nor unrelated
            seen.add(frozenset(words))
            others.append(text)
    rng.shuffle(others)
    return others


def build(data: Path, pool_size: int = 1000, seed: int = 16,
          political: int = 1500) -> TestSet:
    """The test set from ``data`` (``../shared/data``): a pool of ``pool_size`` headlines
    (at least the debunks of every debunked claim; distractors fill the rest)."""
    # one random stream per stage, so that changing one stage leaves the others' texts alone
    rng = random.Random(seed)
    rng_others = random.Random(seed + 2)
    rng_queries = random.Random(seed + 3)
    claims = _read_claims(data)
    places = _places(rng)
    fwds = {split: Forwarder(random.Random(seed + 4 + i), places[i::2], split)
            for i, split in enumerate(("tune", "test"))}
    order = sorted(claims.claims)
    rng.shuffle(order)
    undebunked = set(order[: round(UNDEBUNKED * len(order))])
    headlines, query_tweets = _debunks(claims, undebunked, places, rng)

    others = _other_tweets(data, claims, rng_others)
    half = len(others) // 2
    for text in others[:half]:
        if len(headlines) >= pool_size:
            break
        h = _headline_from_tweet(text, rng_others)
        if h:
            headlines.append(Headline(h, -1, real=False))
    notes = []
    if len(headlines) < pool_size:
        fill = political_headlines(data, pool_size - len(headlines), seed)
        headlines.extend(fill)
        notes.append(f"{len(fill)} ibrohim_hs tweets written as headlines fill the pool")

    queries = _forwards(claims, query_tweets, undebunked, fwds, rng_queries)
    for i, text in enumerate(others[half:]):
        kind = ("forward", "long", "all")[i % 3]
        split = "tune" if i % 2 == 0 else "test"
        queries.append(Query(fwds[split].variant(kind, text), -1, "same_corpus", split, False))
    test_rows = _read(data / "ibrohim_hs" / "test.csv")
    rng_queries.shuffle(test_rows)
    for i, r in enumerate(test_rows[:political]):
        body = r["text"].replace("USER", "").replace("URL", "")
        kind = ("tweet", "forward", "long")[i % 3]
        split = "tune" if i % 2 == 0 else "test"
        queries.append(Query(fwds[split].variant(kind, body), -1, "political", split, False))
    return TestSet(headlines, queries, claims.group_split, notes)


def _forwards(claims: _Claims, query_tweets: dict[int, list[str]], undebunked: set[int],
              fwds: dict[str, Forwarder], rng: random.Random) -> list[Query]:
    """Every variant of every claim tweet (a few variants for undebunked claims)."""
    queries: list[Query] = []
    for g in sorted(query_tweets):
        split = claims.group_split[g]
        debunked = g not in undebunked
        own = query_tweets[g]
        for i, tweet in enumerate(own):
            extra = own[(i + 1) % len(own)] if len(own) > 1 and rng.random() < 0.5 else None
            kinds = VARIANTS if debunked else ("forward", "long", "all")
            for kind in kinds:
                text = fwds[split].variant(kind, tweet, extra)
                queries.append(Query(text, g if debunked else -1,
                                     kind if debunked else "undebunked", split, debunked, i))
    return queries
