"""Region tagging: which kabupaten/kota, kecamatan or desa a text is about.

An officer is sent to the place an item names, so a wrong region is worse than none:
precision before recall. The rules, in order:

1. Kabupaten/kota names are accepted when written with a cue ("Kabupaten Cirebon",
   "Kab. Kuningan", "Kota Makassar", "Polresta Cirebon", "Polres Cirebon Kota") or bare
   when the bare name is unambiguous. A bare name shared by a kota and a kabupaten
   ("Cirebon") is resolved by the source's own region; failing that, only the province
   both share is tagged.
2. Kecamatan names are accepted after a cue ("Kecamatan Sumber", "Kec. Weru") or bare
   inside the kabupaten/kota already established (by the text or the source's region),
   and never for short or common words.
3. Desa/kelurahan names only after a cue ("Desa Kaliwadas", "Kelurahan Pekalipan") and
   only inside an established kabupaten/kota or kecamatan.
4. Only the most specific codes are kept: a kecamatan tag replaces its kabupaten's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from sejuk.regions.gazetteer import (
    ALIASES,
    Place,
    ancestors,
    kabkota_base,
    kabkota_of,
    load_gazetteer,
)

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_MAX_NAME_TOKENS = 5

KABKOTA_CUES = {
    "kabupaten": "kab", "kab": "kab", "pemkab": "kab", "bupati": "kab", "regency": "kab",
    "kota": "kota", "pemkot": "kota", "walikota": "kota", "city": "kota",
    "polres": "police", "polresta": "police", "kapolres": "police", "kapolresta": "police",
    "polrestabes": "kota", "kapolrestabes": "kota",
    "kpu": "any", "kpud": "any", "bawaslu": "any", "dprd": "any", "kodim": "any",
}
#: Words before a kecamatan name: the word itself, its head and police, and the
#: kecamatan-level election bodies and military posts (Panwascam, PPK, Koramil).
KECAMATAN_CUES = {"kecamatan", "kec", "camat", "polsek", "kapolsek", "muspika", "forkopimca",
                  "district", "panwascam", "ppk", "koramil", "danramil"}
DESA_CUES = {"desa", "kelurahan", "kel", "kampung", "nagari", "gampong", "kuwu", "kades",
             "lurah", "village"}

#: Words that are kecamatan names somewhere but ordinary words in news text.
COMMON_WORDS = frozenset(
    "baru kota tengah utara selatan barat timur sumber pusat raya indah jaya makmur "
    "sari mulya mulia lama besar kecil tanjung pasar pantai bukit gunung batu air "
    "sungai muara ujung teluk pulau kampung rumah kali bandar dua tiga empat lima "
    "satu harapan merdeka damai sentosa bahagia sejahtera karya bakti tani bangun "
    "lestari simpang kubu bojong bandung suka talang lubuk paya padang jalan sebelas "
    "metro".split()
)
#: Kabupaten/kota names that are also given names or ordinary words ("Bima mengatakan",
#: "Pak Karo", "kota suci Kudus"): bare, they count only after a locative word.
WORDLIKE_NAMES = frozenset(
    "bima karo agam toba sinjai ende alor lingga bone buru siak tebo kaur belu sigi nias "
    "dompu muna batang pati kudus malaka wajo bangli tapin lahat kapuas landak sambas "
    "banjar badung serang kendal jombang blitar kediri madiun magetan ngawi".split()
)
LOCATIVES = frozenset({"di", "dari", "ke", "warga", "wilayah", "daerah", "kawasan",
                       "masyarakat", "penduduk", "asal", "se", "sekitar", "kabupatennya"})
HONORIFICS = frozenset({"pak", "bu", "bapak", "ibu", "mas", "mbak", "bang", "saudara", "sdr",
                        "kak", "haji", "paslon", "calon", "kandidat", "cabup", "cawalkot",
                        "tim", "nama", "bernama"})
STRICT_PROVINCE_CUES = frozenset({"provinsi", "prov", "polda", "kapolda", "gubernur",
                                  "pemprov"})
PROVINCE_CUES = frozenset({"provinsi", "prov", "polda", "kapolda", "gubernur", "pemprov",
                           "kpu", "bawaslu", "dprd"})

#: Words police names put between the unit and the place ("Polres Metro Jakarta Pusat").
POLICE_FILLERS = frozenset({"metro"})
POLICE_CUES = frozenset({"polres", "polresta", "kapolres", "kapolresta", "polrestabes",
                         "kapolrestabes", "polda", "kapolda"})
ALL_CUES = frozenset(KABKOTA_CUES) | KECAMATAN_CUES | DESA_CUES | {"provinsi", "prov"}


@dataclass(frozen=True, slots=True)
class RegionTag:
    code: str
    name: str
    level: str
    evidence: str


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    key: str
    cue: str | None
    cue2: str | None
    suffix: str | None


class PlaceSpan(NamedTuple):
    """A place name's characters in a text (:meth:`RegionTagger.place_spans`)."""

    start: int
    end: int
    #: End of the name's first word ("Papua" of "Papua Tengah").
    first_end: int
    #: Whether a cue word stood before it ("Kota", "Kabupaten", "Provinsi", "Polres").
    cued: bool


def _is_cue(word: str | None) -> bool:
    return word in ALL_CUES or word in PROVINCE_CUES


_CLAUSE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|[,;:()\[\]\"]")
#: Marks a comma, semicolon, bracket or quote: a place name never runs across one
#: ("Kecamatan Galang, Kota Batam" is not the desa "Galang Kota").
BREAK = ","


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens, with :data:`BREAK` where punctuation separates clauses."""
    return [_token(t) for t in _CLAUSE.findall(_lower(text))]


def _lower(text: str) -> str:
    return text.lower().replace("’", "'")


def _token(found: str) -> str:
    return BREAK if len(found) == 1 and not found.isalnum() else found


def _name_key(name: str) -> str:
    return " ".join(_TOKEN.findall(name.lower().replace("’", "'")))


def _kabkota_base(name: str) -> tuple[str, str]:
    base, kind = kabkota_base(name)
    return _name_key(base), kind


class RegionTagger:
    """Tags texts with gazetteer regions; build once and reuse (it indexes ~90k names)."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: dict[str, Place] = {}
        self.provinces: dict[str, list[str]] = defaultdict(list)
        self.kabkota: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.kecamatan: dict[str, list[str]] = defaultdict(list)
        self.desa: dict[str, list[str]] = defaultdict(list)
        for place in places:
            self.places[place.code] = place
            names = (place.name, *ALIASES.get(place.code, ()))
            for i, name in enumerate(names):
                if place.level == "provinsi":
                    self.provinces[_name_key(name)].append(place.code)
                elif place.level == "kabkota":
                    base, kind = _kabkota_base(name) if i == 0 else (_name_key(name), "alias")
                    kind = _kabkota_base(place.name)[1] if kind == "alias" else kind
                    self.kabkota[base].append((place.code, kind))
                elif place.level == "kecamatan":
                    self.kecamatan[_name_key(name)].append(place.code)
                elif place.level == "desa":
                    self.desa[_name_key(name)].append(place.code)
        self._all_keys = (
            set(self.provinces) | set(self.kabkota) | set(self.kecamatan) | set(self.desa)
        )
        # First token of every name -> the longest name starting with it, so the scan
        # skips the ~90% of tokens that cannot start a place name with one dict lookup.
        self._starts: dict[str, int] = {}
        for key in self._all_keys:
            words = key.split(" ")
            self._starts[words[0]] = max(self._starts.get(words[0], 0), len(words))

    def _name_at(self, tokens: Sequence[str], i: int) -> int:
        """Length in tokens of the longest place name starting at ``i`` (0 if none)."""
        longest = self._starts.get(tokens[i], 0)
        for n in range(min(longest, _MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
            if " ".join(tokens[i : i + n]) in self._all_keys:
                return n
        return 0

    # -- scanning -----------------------------------------------------------------------
    def _mentions(self, tokens: Sequence[str]) -> list[_Mention]:
        found: list[_Mention] = []
        i = 0
        while i < len(tokens):
            if tokens[i] in ALL_CUES and i + 1 < len(tokens) and not (
                    i >= 1 and tokens[i - 1] in KECAMATAN_CUES | DESA_CUES) and \
                    self._name_at(tokens, i + 1):
                i += 1  # "Kota Medan": the cue is not part of the name
                continue
            match_len = self._name_at(tokens, i) if tokens[i] in self._starts else 0
            if match_len:
                cue = tokens[i - 1] if i >= 1 else None
                cue2 = tokens[i - 2] if i >= 2 else None
                if cue in POLICE_FILLERS and cue2 in POLICE_CUES:
                    cue, cue2 = cue2, tokens[i - 3] if i >= 3 else None
                suffix = tokens[i + match_len] if i + match_len < len(tokens) else None
                found.append(_Mention(i, i + match_len, " ".join(tokens[i : i + match_len]),
                                      cue, cue2, suffix))
                i += match_len
            else:
                i += 1
        return found

    def tag(self, text: str, source_region: str | None = None) -> list[RegionTag]:
        """The most specific regions ``text`` justifies, with the words that justified them.

        Three passes, coarse to fine, each narrowing where the next may look: kabupaten/kota
        and provinces, then kecamatan inside them, then cued desa inside those."""
        tags = self._passes(tokenize(text), source_region)
        # Keep the most specific: drop any tag that is an ancestor of another.
        covered = {a for code in tags for a in ancestors(code)}
        return [t for code, t in sorted(tags.items()) if code not in covered]

    def place_spans(self, text: str, source_region: str | None = None) -> list[PlaceSpan]:
        """Where ``text`` names the places that justified a tag (the kabupaten a kecamatan
        tag covers included), without their cue words; the tokens are :func:`tokenize`'s."""
        lowered = _lower(text)
        matches = list(_CLAUSE.finditer(lowered))
        tags = self._passes([_token(m.group()) for m in matches], source_region)
        spans = {(matches[m.start].start(), matches[m.end - 1].end(),
                  matches[m.start].end(), _is_cue(m.cue)) for m in tags.mentions}
        if len(lowered) != len(text):  # "İ" lower-cases to two characters: map back
            at = [i for i, c in enumerate(text) for _ in c.lower()]
            spans = {(at[a], at[b - 1] + 1, at[f - 1] + 1, cued) for a, b, f, cued in spans}
        return sorted(PlaceSpan(*span) for span in spans)

    def _passes(self, tokens: list[str], source_region: str | None) -> _Tags:
        mentions = self._mentions(tokens)
        prior_kab = kabkota_of(source_region) if source_region else None
        if prior_kab and prior_kab not in self.places:
            prior_kab = None
        prior_prov = source_region.split(".")[0] if source_region else None

        tags = _Tags(self.places)
        kab_context, pending = self._kabkota_pass(mentions, tokens, prior_kab, tags)
        context = set(kab_context) or ({prior_kab} if prior_kab else set()) or pending
        kec_context = self._kecamatan_pass(mentions, tokens, context, prior_prov, tags)
        self._desa_pass(mentions, tokens, kec_context or context, tags)
        return tags

    # -- the passes ---------------------------------------------------------------------
    def _kabkota_pass(self, mentions: Sequence[_Mention], tokens: Sequence[str],
                      prior_kab: str | None, tags: _Tags) -> tuple[set[str], set[str]]:
        """Pass 1: provinces and kabupaten/kota. Returns (the kabupaten/kota tagged, the
        ambiguous kota/kabupaten candidates a kecamatan may decide between)."""
        kab_context: set[str] = set()
        pending: set[str] = set()
        for m in mentions:
            if m.cue in HONORIFICS:
                continue  # "Pak Karo", "calon Bima": a person, not a place
            province_cue = m.cue in PROVINCE_CUES
            if m.key in self.provinces and (province_cue or (
                    m.key not in self.kabkota and len(m.key) >= 5)):
                for code in self.provinces[m.key]:
                    tags.add(code, " ".join(tokens[max(0, m.start - 1) : m.end]), m)
            if m.key not in self.kabkota or m.cue in KECAMATAN_CUES or m.cue in DESA_CUES:
                continue
            if m.key in self.provinces and m.cue in STRICT_PROVINCE_CUES:
                continue  # "Polda Jambi" is the province, not Kota Jambi
            if m.key in POLICE_FILLERS and m.cue in POLICE_CUES:
                continue
            found = self._choose_kabkota(m, tokens, prior_kab, tags, pending)
            if found is not None:
                tags.add(*found, m)
                kab_context.add(found[0])
        return kab_context, pending

    def _choose_kabkota(self, m: _Mention, tokens: Sequence[str], prior_kab: str | None,
                        tags: _Tags, pending: set[str]) -> tuple[str, str] | None:
        """(code, evidence) of the one kabupaten/kota a mention names, or None when it
        names none for sure (an ambiguous one goes to ``pending``, its province to
        ``tags`` when all candidates share it)."""
        options = self.kabkota[m.key]
        cue_kind = KABKOTA_CUES.get(m.cue or "") or KABKOTA_CUES.get(m.cue2 or "")
        wants = None
        if m.suffix == "kota" and (cue_kind == "police" or
                                   len({kind for _, kind in options}) > 1):
            wants = "kota"
        elif cue_kind in {"kab", "kota"}:
            wants = cue_kind
        elif cue_kind == "police" and len(options) > 1:
            # Police usage: "Polres Bogor" is the regency, "Polres Bogor Kota" the city.
            wants = "kab" if any(kind == "kab" for _, kind in options) else None
        chosen = [code for code, kind in options if wants is None or kind == wants]
        if not chosen:
            return None
        if len(chosen) > 1:
            in_prior = [c for c in chosen if c == prior_kab]
            if not in_prior:
                provinces = {c.split(".")[0] for c in chosen}
                if cue_kind is None and m.key in self.kecamatan and prior_kab:
                    return None
                if cue_kind is None and m.key in WORDLIKE_NAMES and m.cue not in LOCATIVES:
                    return None
                if len(provinces) == 1:
                    tags.add(provinces.pop(), " ".join(tokens[max(0, m.start - 1) : m.end]), m)
                pending.update(chosen)
                return None
            chosen = in_prior
        elif cue_kind is None and not self._bare_kabkota_holds(m, chosen[0], prior_kab):
            return None
        evidence_start = m.start - 1 if cue_kind else m.start
        return chosen[0], " ".join(tokens[max(0, evidence_start) : m.end + (
            1 if wants == "kota" and m.suffix == "kota" else 0)])

    def _bare_kabkota_holds(self, m: _Mention, code: str, prior_kab: str | None) -> bool:
        """A bare name that is also a common word or a kecamatan elsewhere is weak
        evidence; accept only when it agrees with the source's region."""
        if (m.key in COMMON_WORDS or len(m.key) < 4) and code != prior_kab:
            return False
        if m.key in WORDLIKE_NAMES and m.cue not in LOCATIVES and code != prior_kab:
            return False
        if m.key in self.kecamatan and code != prior_kab and not any(
            kabkota_of(k) == prior_kab for k in self.kecamatan[m.key]
        ):
            return True
        return not (m.key in self.kecamatan and prior_kab and code != prior_kab)

    def _kecamatan_pass(self, mentions: Sequence[_Mention], tokens: Sequence[str],
                        context: set[str], prior_prov: str | None, tags: _Tags) -> set[str]:
        """Pass 2: kecamatan, cued anywhere in the province, bare only inside ``context``
        (the kabupaten/kota found). Returns the kecamatan tagged."""
        kec_context: set[str] = set()
        for m in mentions:
            if m.key not in self.kecamatan:
                continue
            cued = m.cue in KECAMATAN_CUES
            candidates = self.kecamatan[m.key]
            in_context = [c for c in candidates if kabkota_of(c) in context]
            if cued:
                chosen = in_context or (candidates if len(candidates) == 1 else [])
                if not in_context and prior_prov and len(candidates) > 1:
                    same_prov = [c for c in candidates if c.startswith(prior_prov + ".")]
                    chosen = same_prov if len(same_prov) == 1 else []
            else:
                if m.key in COMMON_WORDS or len(m.key) < 5 or m.key in self.kabkota:
                    continue
                chosen = in_context
            if len(chosen) != 1:
                continue
            tags.add(chosen[0], " ".join(tokens[max(0, m.start - (1 if cued else 0)) : m.end]),
                     m)
            kec_context.add(chosen[0])
        return kec_context

    def _desa_pass(self, mentions: Sequence[_Mention], tokens: Sequence[str],
                   area: set[str], tags: _Tags) -> None:
        """Pass 3: desa/kelurahan, only with a cue and inside the established area."""
        for m in mentions:
            if m.key not in self.desa or m.cue not in DESA_CUES:
                continue
            candidates = [
                c for c in self.desa[m.key]
                if any(c.startswith(a + ".") for a in area)
            ]
            if len(candidates) == 1:
                tags.add(candidates[0], " ".join(tokens[max(0, m.start - 1) : m.end]), m)


class _Tags(dict[str, RegionTag]):
    """The tags of one text by code; the first evidence found for a code is kept."""

    def __init__(self, places: Mapping[str, Place]) -> None:
        super().__init__()
        self._places = places
        #: Every mention that justified a tag, ancestors' included.
        self.mentions: list[_Mention] = []

    def add(self, code: str, evidence: str, mention: _Mention) -> None:
        place = self._places[code]
        self.setdefault(code, RegionTag(code, place.name, place.level, evidence))
        self.mentions.append(mention)


@lru_cache(maxsize=1)
def default_tagger() -> RegionTagger:
    """The tagger over the shipped gazetteer, built once per process."""
    return RegionTagger(load_gazetteer())


# -- evaluation ----------------------------------------------------------------------------
@dataclass(frozen=True)
class LevelScore:
    """Micro precision/recall of region codes truncated to one level."""

    level: str
    true_positive: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0


def _truncate(codes: Iterable[str], parts: int) -> set[str]:
    return {".".join(c.split(".")[:parts]) for c in codes if len(c.split(".")) >= parts}


def evaluate(tagger: RegionTagger, cases: Iterable[tuple[str, str | None, Sequence[str]]]
             ) -> dict[str, LevelScore]:
    """Precision/recall per level over (text, source_region, expected codes) cases.

    A tag counts at a level when its code is at least that specific: a kecamatan tag is
    also a correct (or wrong) kabupaten/kota tag.
    """
    totals = {level: [0, 0, 0] for level in ("kabkota", "kecamatan", "desa")}
    for text, source, expected in cases:
        got = [t.code for t in tagger.tag(text, source or None)]
        for parts, level in ((2, "kabkota"), (3, "kecamatan"), (4, "desa")):
            g, e = _truncate(got, parts), _truncate(expected, parts)
            totals[level][0] += len(g & e)
            totals[level][1] += len(g)
            totals[level][2] += len(e)
    return {level: LevelScore(level, *t) for level, t in totals.items()}
