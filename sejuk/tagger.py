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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sejuk.regions import Place, ancestors, kabkota_of, load_gazetteer

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_MAX_NAME_TOKENS = 5

KABKOTA_CUES = {
    "kabupaten": "kab", "kab": "kab", "pemkab": "kab", "bupati": "kab", "regency": "kab",
    "kota": "kota", "pemkot": "kota", "walikota": "kota", "city": "kota",
    "polres": "any", "polresta": "any", "kapolres": "any", "kapolresta": "any",
    "kpu": "any", "kpud": "any", "bawaslu": "any", "dprd": "any", "kodim": "any",
}
KECAMATAN_CUES = {"kecamatan", "kec", "camat", "polsek", "kapolsek", "muspika", "forkopimca",
                  "district"}
DESA_CUES = {"desa", "kelurahan", "kel", "kampung", "nagari", "gampong", "kuwu", "kades",
             "lurah", "village"}

#: Words that are kecamatan names somewhere but ordinary words in news text.
COMMON_WORDS = frozenset(
    "baru kota tengah utara selatan barat timur sumber pusat raya indah jaya makmur "
    "sari mulya mulia lama besar kecil tanjung pasar pantai bukit gunung batu air "
    "sungai muara ujung teluk pulau kampung rumah kali bandar dua tiga empat lima "
    "satu harapan merdeka damai sentosa bahagia sejahtera karya bakti tani bangun "
    "lestari simpang kubu bojong bandung suka talang lubuk paya padang jalan sebelas".split()
)


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


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _name_key(name: str) -> str:
    return " ".join(tokenize(name))


def _kabkota_base(name: str) -> tuple[str, str]:
    lowered = name.lower()
    for prefix, kind in (("kabupaten ", "kab"), ("kota ", "kota"), ("kab. ", "kab")):
        if lowered.startswith(prefix):
            return _name_key(name[len(prefix):]), kind
    return _name_key(name), "kab"


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
            if place.level == "provinsi":
                self.provinces[_name_key(place.name)].append(place.code)
            elif place.level == "kabkota":
                base, kind = _kabkota_base(place.name)
                self.kabkota[base].append((place.code, kind))
            elif place.level == "kecamatan":
                self.kecamatan[_name_key(place.name)].append(place.code)
            elif place.level == "desa":
                self.desa[_name_key(place.name)].append(place.code)
        self._all_keys = (
            set(self.provinces) | set(self.kabkota) | set(self.kecamatan) | set(self.desa)
        )

    # -- scanning -----------------------------------------------------------------------
    def _mentions(self, tokens: Sequence[str]) -> list[_Mention]:
        found: list[_Mention] = []
        i = 0
        while i < len(tokens):
            match_len = 0
            for n in range(min(_MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
                key = " ".join(tokens[i : i + n])
                if key in self._all_keys:
                    match_len = n
                    break
            if match_len:
                cue = tokens[i - 1] if i >= 1 else None
                cue2 = tokens[i - 2] if i >= 2 else None
                suffix = tokens[i + match_len] if i + match_len < len(tokens) else None
                found.append(_Mention(i, i + match_len, " ".join(tokens[i : i + match_len]),
                                      cue, cue2, suffix))
                i += match_len
            else:
                i += 1
        return found

    def tag(self, text: str, source_region: str | None = None) -> list[RegionTag]:
        """The most specific regions ``text`` justifies, with the words that justified them."""
        tokens = tokenize(text)
        mentions = self._mentions(tokens)
        prior_kab = kabkota_of(source_region) if source_region else None
        if prior_kab and prior_kab not in self.places:
            prior_kab = None
        prior_prov = source_region.split(".")[0] if source_region else None

        tags: dict[str, RegionTag] = {}
        kab_context: set[str] = set()

        def add(code: str, evidence: str) -> None:
            place = self.places[code]
            tags.setdefault(code, RegionTag(code, place.name, place.level, evidence))

        # Pass 1: kabupaten/kota and provinces.
        for m in mentions:
            province_cue = m.cue in {"provinsi", "prov", "polda"}
            if m.key in self.provinces and (province_cue or (
                    m.key not in self.kabkota and len(m.key) >= 5)):
                for code in self.provinces[m.key]:
                    add(code, " ".join(tokens[max(0, m.start - 1) : m.end]))
            if m.key not in self.kabkota:
                continue
            options = self.kabkota[m.key]
            cue_kind = KABKOTA_CUES.get(m.cue or "") or KABKOTA_CUES.get(m.cue2 or "")
            wants = None
            if m.suffix == "kota" and m.cue in {"polres", "polresta", "kapolres"}:
                wants = "kota"
            elif cue_kind in {"kab", "kota"}:
                wants = cue_kind
            chosen = [code for code, kind in options if wants is None or kind == wants]
            if not chosen:
                continue
            if len(chosen) > 1:
                in_prior = [c for c in chosen if c == prior_kab]
                if in_prior:
                    chosen = in_prior
                else:
                    provinces = {c.split(".")[0] for c in chosen}
                    if cue_kind is None and m.key in self.kecamatan and prior_kab:
                        continue
                    if len(provinces) == 1:
                        province = provinces.pop()
                        add(province, " ".join(tokens[max(0, m.start - 1) : m.end]))
                    continue
            elif cue_kind is None:
                # A bare name that is also a common word or a kecamatan elsewhere is weak
                # evidence; accept only when it agrees with the source's region.
                code = chosen[0]
                if (m.key in COMMON_WORDS or len(m.key) < 4) and code != prior_kab:
                    continue
                if m.key in self.kecamatan and code != prior_kab and not any(
                    kabkota_of(k) == prior_kab for k in self.kecamatan[m.key]
                ):
                    pass
                elif m.key in self.kecamatan and prior_kab and code != prior_kab:
                    continue
            evidence_start = m.start - 1 if cue_kind else m.start
            add(chosen[0], " ".join(tokens[max(0, evidence_start) : m.end + (
                1 if wants == "kota" and m.suffix == "kota" else 0)]))
            kab_context.add(chosen[0])
        context = set(kab_context) or ({prior_kab} if prior_kab else set())

        # Pass 2: kecamatan.
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
            add(chosen[0], " ".join(tokens[max(0, m.start - (1 if cued else 0)) : m.end]))
            kec_context.add(chosen[0])

        # Pass 3: desa/kelurahan, only with a cue and inside the established area.
        area = kec_context or context
        for m in mentions:
            if m.key not in self.desa or m.cue not in DESA_CUES:
                continue
            candidates = [
                c for c in self.desa[m.key]
                if any(c.startswith(a + ".") for a in area)
            ]
            if len(candidates) == 1:
                add(candidates[0], " ".join(tokens[max(0, m.start - 1) : m.end]))

        # Keep the most specific: drop any tag that is an ancestor of another.
        covered = {a for code in tags for a in ancestors(code)}
        return [t for code, t in sorted(tags.items()) if code not in covered]


@lru_cache(maxsize=1)
def default_tagger() -> RegionTagger:
    """The tagger over the shipped gazetteer, built once per process."""
    return RegionTagger(load_gazetteer())
