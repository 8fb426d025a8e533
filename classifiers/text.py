"""Text normalisation for Indonesian news and social posts, applied before features.

It runs outside the persisted pipeline (so the saved model holds only scikit-learn types
that skops can load without trusting project code) and is stateless, so applying it to
training and to scoring texts alike leaks nothing from test data.

What it does and why:
- URLs become ``urltoken`` plus one token for the host (``urlgoogl``), mentions
  ``mentiontoken``: the random path of a short link is noise the model would memorise
  (a platform artefact), while the host says where a link leads.
- ``USER`` and ``URL`` written in capitals as whole words are the placeholders that
  anonymised research corpora put for a mention and a link (the hate-speech starter
  corpus does): they become the same tokens as a real mention and link, so the model
  does not learn one corpus's convention.
- The classifier's components drop the platform's tokens altogether: mentions, links
  (with their host) and a retweet's ``RT`` (``rt``, full-width ``ＲＴ``) before a mention
  (``platform=PLATFORM_DROPPED``, recorded in their provenance as ``places`` is). Whether a post
  names an account, carries a link or is a retweet says nothing of a hoax, yet among
  the starter's ``hoaks`` rows only the hoax corpus's tweets carry them (the ordinary
  tweets' placeholders are removed, see ``benchmarks/corpora.py``; the written texts
  hold none), 80 % of which are hoaxes: a mention had become a hoax cue that flagged a
  quarter of real ordinary tweets (half of which carry one), and a link one of the
  strongest in the model (an ordinary tweet with a news link appended: flagged six times
  in ten). Hosts included: the platforms the hoax tweets link to (YouTube, Facebook,
  Twitter) became hoax words alike (``benchmarks/README.md``, *platform tokens carry no
  weight*). The colon that addresses a mention (``RT @akun: ...``) goes
  with it, other punctuation attached stays (``(@akun)`` leaves its brackets); an ``RT``
  not before a mention is the neighbourhood unit (*Pak RT*) and stays.
- ``#TolakHasilPilkada`` keeps the hashtag and adds its words.
- Letters repeated three or more times collapse ("parahhh" -> "parah").
- Common slang and abbreviations map to standard forms ("gak" -> "tidak", "yg" -> "yang").
- Place names the region tagger accepts ("Kabupaten Lampung Tengah", "Kec. Plumbon",
  a "TASIKMALAYA, ..." dateline) are dropped (:func:`drop_places`): Sejuk ranks areas by
  their flags, and a model that learned a place name as a hoax word (because one
  training corpus full of hoaxes named it) flags that area's routine news more often
  than another's. Dropped, not replaced by a placeholder token: one token standing for
  every place became a strong "not a hoax" cue (the project's samples name a place in
  nearly every text, the real hoax tweets rarely), which pushed down every local item.
  Names of ethnic and religious groups that are also places (Papua, Aceh, Bali) stay:
  hate speech aimed at a group names it. Components trained before this step record no
  ``places`` in their provenance and are scored on the whole text.
- Digits and punctuation are left alone: mapping digits to ``0`` and dropping punctuation
  cost 0.02 to 0.04 macro-F1 on both real corpora (benchmarks/README.md), and the
  character n-grams already make "TPS 12" and "TPS 07" share features.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sejuk.regions.tagger import RegionTagger

_URL = re.compile(r"(https?://|www\.)([^/\s?#]+)\S*", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_MENTION = re.compile(r"(?<!\w)@\w{1,60}(@[\w.-]+)?")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_REPEAT = re.compile(r"([a-z])\1{2,}")
#: Anonymised corpora's stand-ins for a mention and a link (see the module doc).
_PLACEHOLDERS = {"USER": "mentiontoken", "URL": "urltoken"}
#: A retweet's mark: ``RT`` (``rt``, ``Rt``) before a mention (``RT @akun:``,
#: ``RT USER:``) ...
_RETWEET = re.compile(r"(?<!\w)[Rr][Tt]\s+(?=@\w|USER\b)")
#: ... unless the word before makes it the neighbourhood unit ("Pak RT @budi").
NEIGHBOURHOOD_WORDS = frozenset("""
pak bapak bpk pk bu ibu ketua kepala pengurus sekretaris bendahara warga antar ke di dari
tingkat setiap tiap per pos lingkungan grup group rapat iuran kas se
""".split())
_LAST_WORD = re.compile(r"(\w+)\W*$")
#: A placeholder with punctuation attached (``USER:``, ``(URL)``), as a whole token.
_PUNCTUATED = re.compile(r"(\W*)(USER|URL)(\W*)")
#: A link cut short (``https:``, ``https://``).
_BARE_LINK = re.compile(r"\W*https?:/*\W*", re.IGNORECASE)
#: A mention addressed with a spaced colon (``RT @detikcom : ...``).
_SPACED_ADDRESS = re.compile(r"(?<!\S)(@\w{1,60}|USER)\s+:(?=\s|$)")

#: Our own list of informal spellings common in Indonesian social media text.
SLANG: dict[str, str] = {
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak",
    "enggak": "tidak", "tdk": "tidak", "tak": "tidak", "kagak": "tidak", "ndak": "tidak",
    "yg": "yang", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "untk": "untuk",
    "sdh": "sudah", "udah": "sudah", "udh": "sudah", "dah": "sudah", "blm": "belum",
    "krn": "karena", "karna": "karena", "bgt": "banget", "bngt": "banget", "aja": "saja",
    "aj": "saja", "jd": "jadi", "jgn": "jangan", "jangan2": "jangan", "tp": "tapi",
    "tpi": "tapi", "sm": "sama", "dr": "dari", "dri": "dari", "kl": "kalau", "klo": "kalau",
    "kalo": "kalau", "gmn": "bagaimana", "gimana": "bagaimana", "knp": "kenapa",
    "org": "orang", "orng": "orang", "bs": "bisa", "bsa": "bisa", "sy": "saya", "gw": "saya",
    "gue": "saya", "aku": "saya", "lu": "kamu", "lo": "kamu", "loe": "kamu", "km": "kamu",
    "kmrn": "kemarin", "skrg": "sekarang", "skg": "sekarang", "sblm": "sebelum",
    "stlh": "setelah", "bener": "benar", "bnr": "benar", "emg": "memang", "emang": "memang",
    "trs": "terus", "trus": "terus", "lg": "lagi", "lgi": "lagi", "msh": "masih",
    "dpt": "dapat", "hrs": "harus", "bkn": "bukan", "pd": "pada", "dlm": "dalam",
    "spt": "seperti", "kyk": "seperti", "kayak": "seperti", "cuma": "hanya", "cm": "hanya",
    "ntar": "nanti", "nnti": "nanti", "mrk": "mereka", "kt": "kita", "qt": "kita",
    "tsb": "tersebut", "dll": "dan lain lain", "sbg": "sebagai", "pilkades": "pilkades",
    "pemilu2024": "pemilu", "hoax": "hoaks", "hoak": "hoaks", "paslon": "pasangan calon",
    "capres": "calon presiden", "cawapres": "calon wakil presiden", "cabup": "calon bupati",
    "cagub": "calon gubernur", "cawalkot": "calon wali kota", "medsos": "media sosial",
    "wa": "whatsapp", "grup": "group", "nyoblos": "mencoblos", "nyoblosnya": "mencoblos",
    "dicoblos": "dicoblos", "bansos": "bantuan sosial", "amplop": "amplop",
}


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words``, factored by shared prefixes ("a(?:ja?|ku)"):
    the engine then tests one character per branch point instead of every word."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


# The slang words (all \w+) between word boundaries, so the callback runs only on a hit
# and words joined by "/" or "-" are mapped too (splitting on spaces measured worse).
_SLANG_WORD = re.compile(r"\b" + _trie(list(SLANG)) + r"\b")


def _slang(match: re.Match[str]) -> str:
    return SLANG[match.group(0)]


def _hashtag(match: re.Match[str]) -> str:
    return f" {match.group(1)} {_CAMEL.sub(' ', match.group(1))} "


def _url_token(match: re.Match[str]) -> str:
    host = match.group(2).lower().removeprefix("www.")
    return f" urltoken url{_NOT_ALNUM.sub('', host)} "


@lru_cache(maxsize=200_000)
def normalise_token(token: str) -> str:
    """One whitespace-free token, normalised (may become several words, or none).

    Every step above is local to a whitespace-delimited token (URLs, mentions and hashtags
    contain no spaces, the slang and repeat patterns neither), so a text's normalisation is
    the join of its tokens'. Tokens repeat across posts, so caching them makes
    normalisation about ten times cheaper than running the patterns over every text.
    """
    if token in _PLACEHOLDERS:
        return _PLACEHOLDERS[token]
    if token.isascii():
        url = _URL.match(token)
        if url:  # a whole link (its pattern takes the token's rest): no other step applies
            host = _NOT_ALNUM.sub("", url.group(2).lower().removeprefix("www."))
            return "urltoken " + _REPEAT.sub(r"\1", "url" + host)
        lowered = token.lower()
        if not ("http" in lowered or "www." in lowered or "@" in token or "#" in token):
            # Plain ASCII (most tokens): NFKC, URLs, mentions and hashtags change nothing.
            text = _REPEAT.sub(r"\1", lowered)
            return " ".join(_SLANG_WORD.sub(_slang, text).split())
    text = unicodedata.normalize("NFKC", token)
    text = _URL.sub(_url_token, text)
    text = _MENTION.sub(" mentiontoken ", text)
    text = _HASHTAG.sub(_hashtag, text)
    text = text.lower()
    text = _REPEAT.sub(r"\1", text)
    text = _SLANG_WORD.sub(_slang, text)
    return " ".join(text.split())


@lru_cache(maxsize=200_000)
def _token_without_platform(token: str) -> str:
    """:func:`normalise_token` with the platform's tokens taken out (cached alike): a
    mention with the colon that addresses it, a link's ``urltoken`` and its host, a
    placeholder with punctuation attached, a link cut short."""
    if _BARE_LINK.fullmatch(token):
        return ""
    if not any(mark in token for mark in _WHOLE):  # else a link, mention or hashtag
        placeholder = _PUNCTUATED.fullmatch(token)
        if placeholder:
            lead, name, tail = placeholder.groups()
            tail = tail.removeprefix(":") if name == "USER" else tail
            return normalise_token(lead + tail) if lead + tail else ""
    words = normalise_token(token)
    if "mentiontoken" not in words and "urltoken" not in words:
        return words
    kept: list[str] = []
    previous = ""
    for word in words.split():
        if not (word in ("mentiontoken", "urltoken")
                or (previous == "urltoken" and word.startswith("url"))
                or (previous == "mentiontoken" and word == ":")):
            kept.append(word)
        previous = word
    return " ".join(kept)


def _retweet(match: re.Match[str]) -> str:
    before = _LAST_WORD.search(match.string, max(0, match.start() - 30), match.start())
    if before and before.group(1).lower() in NEIGHBOURHOOD_WORDS:
        return match.group(0)
    return " "


def normalise(text: str, *, platform: bool = True) -> str:
    """Lower-cased, normalised text ready for the vectorisers; without ``platform`` a
    mention (``@akun``, ``USER``), a link (``URL`` too, escaped ``https:\\/\\/`` too) or a
    retweet's ``RT`` leaves no token at all."""
    if platform:
        return " ".join(filter(None, map(normalise_token, text.split())))
    if not text.isascii():  # full-width marks (＠akun, ＲＴ, ：) read as their ASCII forms
        text = unicodedata.normalize("NFKC", text)
    text = _RETWEET.sub(_retweet, text.replace("\\/", "/"))
    text = _SPACED_ADDRESS.sub(r"\1", text)
    return " ".join(filter(None, map(_token_without_platform, text.split())))


#: A component's provenance says ``places: "dropped"`` when its texts went through
#: :func:`drop_places` (training and scoring must agree).
PLACES_DROPPED = "dropped"
#: ... and ``platform: "dropped"`` when its texts lost their mentions, links and retweet
#: marks (see the module doc).
PLATFORM_DROPPED = "dropped"
#: Ethnic and religious groups whose names are also places: never dropped.
GROUP_NAMES = frozenset("""
aceh ahmadiyah ambon arab bali banjar batak betawi bima budha buddha bugis buton china
cina dayak flores gorontalo hindu islam jawa katolik kei konghucu kristen madura maluku
manado mandar melayu minahasa minang minangkabau nias papua sasak sumba sunda syiah ternate
tionghoa timor toraja
""".split())


def drop_places(text: str, tagger: RegionTagger | None = None) -> str:
    """``text`` without the place names the region tagger accepts from the text alone.

    Kept: cue words ("Kabupaten"); a group's name without a cue before it ("orang Papua",
    and the "Papua" of "orang Papua tengah dianiaya", which the tagger reads as the
    province Papua Tengah), since hate speech aimed at a group names it; names inside a
    link, mention or hashtag, which :func:`normalise` reads whole."""
    if tagger is None:
        from sejuk.regions.tagger import default_tagger

        tagger = default_tagger()
    out, last = [], 0
    for span in tagger.place_spans(text):
        start = span.start
        if not span.cued and text[start:span.first_end].lower() in GROUP_NAMES:
            start = span.first_end
        if start >= span.end or any(mark in _token_at(text, start) for mark in _WHOLE):
            continue
        out += [text[last:start], " "]
        last = span.end
    return "".join([*out, text[last:]]) if out else text


#: What makes a whitespace-delimited token one unit for :func:`normalise_token`.
_WHOLE = ("://", "www.", "@", "#")
_NON_SPACE = re.compile(r"\S*")


def _token_at(text: str, at: int) -> str:
    """The whitespace-delimited token (as :func:`normalise` splits) holding ``at``."""
    start = at
    while start and not text[start - 1].isspace():
        start -= 1
    return _NON_SPACE.match(text, start).group()  # type: ignore[union-attr]


def prepare(texts: Sequence[str], *, places: str | None = PLACES_DROPPED,
            platform: str | None = PLATFORM_DROPPED) -> list[str]:
    """Texts as a component reads them: place names dropped (unless ``places`` is None,
    as for components trained before), then normalised, the platform's tokens dropped
    (unless ``platform`` is None, as for components trained before they were)."""
    keep = platform != PLATFORM_DROPPED
    if not keep:  # full-width marks (＠Garut) read as ASCII before a place name is looked for
        texts = [t if t.isascii() else unicodedata.normalize("NFKC", t) for t in texts]
    if places == PLACES_DROPPED:
        from sejuk.regions.tagger import default_tagger

        tagger = default_tagger()  # once per batch, not per text
        return [normalise(drop_places(t, tagger), platform=keep) for t in texts]
    return [normalise(t, platform=keep) for t in texts]
