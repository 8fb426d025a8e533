"""Text normalisation for Indonesian news and social posts, applied before features.

It runs outside the persisted pipeline (so the saved model holds only scikit-learn types
that skops can load without trusting project code) and is stateless, so applying it to
training and to scoring texts alike leaks nothing from test data.

What it does and why:
- URLs become ``urltoken`` plus one token for the host (``urlgoogl``), mentions
  ``mentiontoken``: the random path of a short link is noise the model would memorise
  (a platform artefact), while the host says where a link leads.
- ``#TolakHasilPilkada`` keeps the hashtag and adds its words.
- Letters repeated three or more times collapse ("parahhh" -> "parah").
- Common slang and abbreviations map to standard forms ("gak" -> "tidak", "yg" -> "yang").
- Digits and punctuation are left alone: mapping digits to ``0`` and dropping punctuation
  cost 0.02 to 0.04 macro-F1 on both real corpora (benchmarks/README.md), and the
  character n-grams already make "TPS 12" and "TPS 07" share features.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

_URL = re.compile(r"(https?://|www\.)([^/\s?#]+)\S*", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_NOT_ALNUM_OR_BREAK = re.compile(r"[^a-z0-9\n]")
_SPACE_NOT_BREAK = re.compile(r"[^\S\n]")
#: Per line: the host of a link that starts the line, or "" (one match per line).
_LINK_HOST = re.compile(r"^(?:(?:https?://|www\.)([^/\s?#]+))?", re.IGNORECASE | re.MULTILINE)
_MENTION = re.compile(r"(?<!\w)@\w{1,60}(@[\w.-]+)?")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_REPEAT = re.compile(r"([a-z])\1{2,}")

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


def _plain(token: str) -> bool:
    """ASCII without URL, mention or hashtag: only lower-casing, repeats and slang apply."""
    if not token.isascii() or "@" in token or "#" in token:
        return False
    lowered = token.lower()
    return "http" not in lowered and "www." not in lowered


#: A character that makes a token not plain (see :func:`_plain`): non-ASCII, "#" or "@".
_NOT_PLAIN_CHAR = re.compile(r"[^\x00-\x22\x24-\x3f\x41-\x7f]")


def normalise_tokens(tokens: list[str]) -> list[str]:
    """:func:`normalise_token` of many tokens, with the same results, at a fraction of the
    cost per token (scoring meets a few new tokens in every post). Tokens are meant to be
    whitespace-free (``str.split()`` parts); others are normalised one by one.

    The work per character runs in C over the tokens' joined text: letter repeats are
    found with numpy, and only the tokens that have one go through the pattern; a token of
    word characters only is a slang word as a whole or not at all (``\\b`` cannot fall
    inside it), so a dictionary lookup replaces the slang pattern for it, and the pattern
    runs over the other tokens' joined text; the few tokens that are not plain
    (:func:`_plain`) take the full path together (:func:`_normalise_special`).
    """
    if not tokens:
        return []
    joined = "\n".join(tokens)
    if joined.count("\n") != len(tokens) - 1 or _SPACE_NOT_BREAK.search(joined):
        return [normalise_token(t) for t in tokens]  # not whitespace-free tokens
    lowered = joined.lower()
    lines = lowered.split("\n")
    for i in _token_numbers(lowered, _repeat_starts(lowered)):
        lines[i] = _REPEAT.sub(r"\1", lines[i])
    done = list(map(SLANG.get, lines, lines))
    wordy = np.fromiter(map(str.isalnum, lines), dtype=bool, count=len(lines))
    odd = np.flatnonzero(~wordy).tolist()
    if odd:  # the pattern runs over their joined text; only lines with a hit change
        joined_odd = "\n".join(map(lines.__getitem__, odd))
        slang_at = [m.start() for m in _SLANG_WORD.finditer(joined_odd)]
        for k in _token_numbers(joined_odd, slang_at):
            done[odd[k]] = _SLANG_WORD.sub(_slang, lines[odd[k]])
    hits = [m.start() for m in _NOT_PLAIN_CHAR.finditer(joined)]
    if len(lowered) != len(joined):  # lower-casing moved positions (never for ASCII)
        hits.extend(m.start() for m in re.finditer(r"(?i:http|www\.)", joined))
    else:
        for word in ("http", "www."):
            at = lowered.find(word)
            while at >= 0:
                hits.append(at)
                at = lowered.find(word, at + 1)
    special = _token_numbers(joined, hits)
    for i, text in zip(special, _normalise_special([tokens[i] for i in special]),
                       strict=True):
        done[i] = text
    return done


def _normalise_special(tokens: list[str]) -> list[str]:
    """:func:`normalise_token`'s full path for many tokens in one pass of each pattern:
    every step is local to a token and none crosses a line break (NFKC maps nothing to
    or across "\\n"), so it runs over the tokens' "\\n"-joined text."""
    hosts = _LINK_HOST.findall("\n".join(tokens))
    if len(hosts) != len(tokens):  # a token held a line break: take them one by one
        return [normalise_token(t) for t in tokens]
    done = [""] * len(tokens)
    # An ASCII token that starts with a link is the link: "urltoken url<host>" (as in
    # normalise_token), computed for all of them at once.
    links = [i for i, host in enumerate(hosts) if host and tokens[i].isascii()]
    if links:
        names = "\n".join("url" + hosts[i].lower().removeprefix("www.") for i in links)
        names = _REPEAT.sub(r"\1", _NOT_ALNUM_OR_BREAK.sub("", names))
        for i, name in zip(links, names.split("\n"), strict=True):
            done[i] = "urltoken " + name
    rest = [i for i, text in enumerate(done) if not text]
    if not rest:
        return done
    text = unicodedata.normalize("NFKC", "\n".join(map(tokens.__getitem__, rest)))
    text = _URL.sub(_url_token, text)
    text = _MENTION.sub(" mentiontoken ", text)
    text = _HASHTAG.sub(_hashtag, text)
    text = _SLANG_WORD.sub(_slang, _REPEAT.sub(r"\1", text.lower()))
    for i, line in zip(rest, text.split("\n"), strict=True):
        done[i] = " ".join(line.split())
    return done


def _repeat_starts(text: str) -> list[int]:
    """Positions in ``text`` where a letter a-z starts a run of three (what ``_REPEAT``
    needs before it changes anything); a numpy scan instead of the pattern's."""
    if len(text) < 3:
        return []
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    first, second, third = points[:-2], points[1:-1], points[2:]
    run = (first == second) & (second == third) & (first >= 97) & (first <= 122)
    return np.flatnonzero(run).tolist()


def _token_numbers(joined: str, positions: list[int]) -> list[int]:
    """The distinct numbers of the "\\n"-joined tokens that hold ``positions``."""
    if not positions:
        return []
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    breaks = np.flatnonzero(points == 10)
    return np.unique(np.searchsorted(breaks, positions)).tolist()


def normalise(text: str) -> str:
    """Lower-cased, normalised text ready for the vectorisers."""
    return " ".join(filter(None, map(normalise_token, text.split())))


def normalise_many(texts: list[str]) -> list[str]:
    return [normalise(t) for t in texts]
