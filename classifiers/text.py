"""Text normalisation for Indonesian news and social posts, applied before features.

It runs outside the persisted pipeline (so the saved model holds only scikit-learn types
that skops can load without trusting project code) and is stateless, so applying it to
training and to scoring texts alike leaks nothing from test data.

What it does and why:
- URLs become ``urltoken`` and mentions ``mentiontoken``: short links were a hoax signal in
  one corpus only because of the platform, not the claim.
- ``#TolakHasilPilkada`` keeps the hashtag and adds its words.
- Letters repeated three or more times collapse ("parahhh" -> "parah").
- Common slang and abbreviations map to standard forms ("gak" -> "tidak", "yg" -> "yang").
- Digits become ``0`` so "TPS 12" and "TPS 07" share features.
"""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<!\w)@\w{1,60}(@[\w.-]+)?")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_DIGITS = re.compile(r"\d")
_NON_WORD = re.compile(r"[^\w\s!?]")
_SPACE = re.compile(r"\s+")
_BANG = re.compile(r"([!?])\1*")

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


def normalise(text: str) -> str:
    """Lower-cased, normalised text ready for the vectorisers."""
    text = unicodedata.normalize("NFKC", text)
    text = _URL.sub(" urltoken ", text)
    text = _MENTION.sub(" mentiontoken ", text)
    text = _HASHTAG.sub(lambda m: f" {m.group(1)} {_CAMEL.sub(' ', m.group(1))} ", text)
    text = text.lower()
    text = _REPEAT.sub(r"\1", text)
    text = _DIGITS.sub("0", text)
    text = _NON_WORD.sub(" ", text)
    text = _BANG.sub(r" \1 ", text)
    words = [SLANG.get(word, word) for word in text.split()]
    return _SPACE.sub(" ", " ".join(words)).strip()


def normalise_many(texts: list[str]) -> list[str]:
    return [normalise(t) for t in texts]
