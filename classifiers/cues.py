"""Cue lexicons: curated phrases whose votes label a district's unlabelled items while
its analysts' labels are still too few for the model's own guesses (weak supervision).

Why: a district's first labels teach the model little (25 labels hold about 4 hate-speech
tweets), and self-training on the items (:mod:`classifiers.selftrain`) waits for 15
labels of each class, because below that the first model's mistakes are what gets learnt.
The lexicons' votes do not come from that model: a text naming a religious or ethnic
group beside a slur or a call to violence, or calling a mass to besiege an election
office or threatening its officials, is a likely ``provokasi``; a text with none of
those words is likely not; a text asking to be spread, warning and quoting hearsay is a
likely ``hoaks``, one quoting officials as a news report does likely not. Measured as a
district in ``benchmarks/adaptation`` (benchmarks/README.md, *cue lexicons label the
items*): 25 and 50 random labels of a hate-speech district gain 0.15 and 0.14 macro-F1
(0.11 and 0.13 where hate speech is a tenth of the stream), of a hoax district 0.15 and
0.07; at 200 labels hoax tweets are level and hate speech still gains (0.02; 0.07 at a
tenth). Words that routine news uses otherwise are left out (see the lexicons). As
features (one token per category) the same kind of lexicon was level on the real corpora
(benchmarks/README.md,
*classifier*): the gain comes from labelling the district's own text, whose other words
the model then learns.

Transparent by construction: a vote names the categories that cast it
(:func:`categories`), and the model card counts them over the items it learnt from.
Phrases match whole words of the lower-cased text, slang spellings included; a label
without a lexicon never votes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sejuk.phrases import Phrases, number, say

#: Votes: the item is likely of the label, likely not, or the lexicon abstains.
YES, NO, ABSTAIN = 1, -1, 0


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")


@dataclass(frozen=True)
class Lexicon:
    """A label's cue categories and the rule that turns the categories found into a vote."""

    categories: dict[str, re.Pattern[str]]
    rule: Callable[[frozenset[str]], int]


_HOAKS_AGAINST = frozenset({"atribusi_berita", "imbauan_anti_hoaks"})


def _hoaks(found: frozenset[str]) -> int:
    """Each category of a forward's manner (spread it, beware, hearsay, "!!") is one vote
    for; a news report's attribution, and an appeal not to believe or spread hoaxes, each
    one against (an appeal beats its own warning); the sign decides.

    "!!" alone casts no vote: it marks a rant as often as a forward. Of 13,000 real
    ordinary tweets (``ibrohim_hs``, none a hoax) 591 were voted hoaxes, 425 of them for
    "!!" alone; a hoax district whose stream holds such tweets then learnt rants as
    hoaxes (``benchmarks/adaptation --mix-other``; benchmarks/README.md, *a lone "!!"*)."""
    if "imbauan_anti_hoaks" in found:
        return NO
    manner = found - _HOAKS_AGAINST
    if manner == {"seruan"}:
        manner = frozenset()
    score = len(manner) - len(found & _HOAKS_AGAINST)
    return YES if score > 0 else NO if score < 0 else ABSTAIN


def _provokasi(found: frozenset[str]) -> int:
    """A group beside a slur or violence, or a mass called out against or a threat made
    to the election's officials or the police, is for; a text with no group, slur,
    violence, call to a mass nor threat is against (a group named alone, or a slur at a
    person, abstains)."""
    officials = "penyelenggara_aparat" in found
    if {"kelompok_sara", "hinaan_kekerasan"} <= found or (officials and found & {
            "pengerahan_massa", "ancaman"}):
        return YES
    if not found & {"kelompok_sara", "hinaan_kekerasan", "pengerahan_massa", "ancaman"}:
        return NO
    return ABSTAIN


LEXICONS: dict[str, Lexicon] = {
    "hoaks": Lexicon({
        "ajakan_sebar": _words("sebarkan", "viralkan", "sebar ?luaskan", "sebar-luaskan",
                               "teruskan", "forward", "broadcast", "copas", "share"),
        # "awas aja" and "hati2 aja" threaten (provokasi's ancaman), they do not warn
        "peringatan": _words("waspada", r"awas(?! (?:aja|saja)\b)", r"hati2(?! aja\b)",
                             r"hati-hati(?! aja\b)", r"hati hati(?! aja\b)",
                             "mohon perhatian"),
        "seruan": re.compile(r"!{2,}"),
        "kabar_burung": _words("konon", "katanya", "info dari", "kabar(?:nya)? dari",
                               "dari grup", "grup sebelah"),
        "atribusi_berita": _words("ujar", "ujarnya", "jelasnya", "tuturnya", "ungkapnya",
                                  "mengatakan", "menjelaskan", "dilansir", "dikutip",
                                  "menurut", "keterangan resmi", "siaran pers"),
        # a police or KPU appeal against hoaxes warns and asks too, the other way
        "imbauan_anti_hoaks": _words(
            r"(?:jangan|tidak usah|stop) (?:mudah )?(?:percaya|terpancing|termakan|"
            r"menyebarkan|sebarkan|share|bagikan|ikut menyebarkan)", "cek dulu",
            "saring sebelum sharing"),
    }, _hoaks),
    "provokasi": Lexicon({
        # words of Indonesian news too ("asing", "umat", "agama", "perang dagang", "Kota
        # Serang", "bakar sampah", "Polres kerahkan personel", "saksi lawan") are left
        # out: routine news would otherwise be voted for
        "kelompok_sara": _words(
            "kafir", "cina", "china", "cino", "aseng", "pki", "komunis", "kristen",
            "kristiani", "nasrani", "islam", "muslim", "yahudi", "syiah", "wahabi",
            "ahmadiyah", "pribumi", "etnis", "suku", "kaum", "cebong", "kampret", "onta",
            "arab", "batak", "madura", "papua", "hindu", "budha", "katolik", "antek",
            "liberal", "sekuler", "khilafah", "hti", "fpi", "ulama", "kyai", "pendeta",
            "gereja", "masjid"),
        "hinaan_kekerasan": _words(
            # suicide ("bunuh diri") in the news is no call to kill
            r"bunuh(?! diri\b)", "usir", "basmi", "ganyang", "bakar", "hancurkan", "bantai",
            "goblok", "bodoh", "tolol", "bangsat", "laknat", "sesat", "biadab",
            # as slurs, not as the animals of farm and health news
            r"dasar (?:babi|anjing)", r"(?:babi|anjing) (?:kau|lu|lo|kalian|semua)",
            "bajingan", "setan", "iblis", "najis", "busuk", "munafik", "penista",
            "pengkhianat", "kampungan", "dungu"),
        "pengerahan_massa": _words(
            "kepung", "serbu", "geruduk", "datengin", "duduki", "turun ke jalan",
            "bawa massa", "siapkan massa", "habisi", "gebuk", "rusuh"),
        "penyelenggara_aparat": _words("kpu", "bawaslu", "kpps", "ppk", "pps", "tps", "saksi",
                                       "petugas", "panwas", "polisi", "aparat"),
        "ancaman": _words("tau rumah", "tahu rumah", "awas aja", "awas saja", "hati2 aja",
                          "hati-hati aja", "hati hati aja", "jangan macem2",
                          "jangan macam-macam", "jangan macam2", "tandai muka(?:nya)?",
                          "tunggu pembalasan", "kami datangi", "kita datangi"),
    }, _provokasi),
}


#: How the interface names each category.
CATEGORY_NAMES: Phrases = {
    "ajakan_sebar": {"id": "ajakan menyebarkan", "en": "calls to spread"},
    "peringatan": {"id": "peringatan", "en": "warnings"},
    "seruan": {"id": "tanda seru beruntun", "en": "repeated exclamation marks"},
    "kabar_burung": {"id": "kabar burung", "en": "hearsay"},
    "atribusi_berita": {"id": "kutipan ala berita", "en": "news-style attribution"},
    "imbauan_anti_hoaks": {"id": "imbauan anti-hoaks", "en": "appeals against hoaxes"},
    "kelompok_sara": {"id": "kelompok SARA", "en": "religious or ethnic groups"},
    "hinaan_kekerasan": {"id": "hinaan atau kekerasan", "en": "slurs or violence"},
    "pengerahan_massa": {"id": "pengerahan massa", "en": "calls to mass action"},
    "penyelenggara_aparat": {"id": "penyelenggara atau aparat",
                             "en": "election officials or police"},
    "ancaman": {"id": "ancaman", "en": "threats"},
}


def named(counts: dict[str, int], lang: str) -> str:
    """Categories with their counts, most found first, as the interface says them
    ("kelompok SARA 40, hinaan atau kekerasan 35")."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{say(CATEGORY_NAMES, key, lang)} {number(n, lang, ',')}"
                     for key, n in ranked if key in CATEGORY_NAMES)


def categories(text: str, label: str) -> frozenset[str]:
    """The cue categories of ``label``'s lexicon found in ``text`` (none without one)."""
    lexicon = LEXICONS.get(label)
    if lexicon is None:
        return frozenset()
    lowered = text.lower()
    return frozenset(name for name, pattern in lexicon.categories.items()
                     if pattern.search(lowered))


def decide(label: str, found: frozenset[str]) -> int:
    """``label``'s vote given the categories ``found`` in a text (:func:`categories`)."""
    lexicon = LEXICONS.get(label)
    return ABSTAIN if lexicon is None else lexicon.rule(found)


def vote(text: str, label: str) -> int:
    """:data:`YES`, :data:`NO` or :data:`ABSTAIN` for ``text`` and ``label``."""
    return decide(label, categories(text, label))


def votes(texts: Sequence[str], label: str) -> NDArray[np.int_]:
    """:func:`vote` for each of ``texts``."""
    return np.array([vote(text, label) for text in texts], dtype=int)
