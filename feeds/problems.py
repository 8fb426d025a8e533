"""Why a feed could not be fetched or read, in both languages.

Fetching and parsing record a problem as text (``FetchResult.error``,
``ParsedFeed.problem``, a source's ``last_error``): English, so that the stored value,
``sejuk sources list --json`` and the exports read the same whatever the language.
Whoever shows one to a person reads it again with :func:`in_language`, which finds the
sentence it was made from; a line no sentence made (an exception's own text, or one
stored by an older version) is shown as it is.
"""

from __future__ import annotations

from sejuk.phrases import Phrases, Said, recognise


def problem(key: str, /, **values: object) -> str:
    """The stored (English) text of ``PROBLEMS[key]`` with ``values``."""
    return str(Said(PROBLEMS, key, values))


def in_language(text: str | None, lang: str) -> str:
    """A recorded problem as ``lang`` reads it ("" for none)."""
    if not text:
        return ""
    said = recognise(PROBLEMS, text)
    return text if said is None else said.in_language(lang)


#: An HTTP status and what an analyst can do about it (the answers sites give bots and
#: data-centre addresses).
HINTS = {401: "hint_401", 403: "hint_403", 404: "hint_404", 410: "hint_410",
         429: "hint_429", 502: "hint_502", 503: "hint_503"}

#: More specific sentences first: :func:`sejuk.phrases.recognise` takes the first match.
PROBLEMS: Phrases = {
    # the address
    "invalid": {"id": "bukan URL yang valid", "en": "not a valid URL"},
    "scheme": {"id": "skema {scheme!r} tidak diizinkan; pakai http atau https",
               "en": "scheme {scheme!r} is not allowed; use http or https"},
    "no_host": {"id": "URL tanpa host", "en": "URL has no host"},
    "redirected": {"id": "dialihkan ke {url}: {reason}", "en": "redirected to {url}: {reason}"},
    # the answer
    "declared_too_big": {"id": "respons {size:,} byte melebihi batas {cap:,} byte",
                         "en": "response of {size:,} bytes exceeds the {cap:,}-byte cap"},
    "too_big": {"id": "respons melebihi batas {cap:,} byte",
                "en": "response exceeds the {cap:,}-byte cap"},
    "slow_read": {"id": "batas waktu {seconds:g} detik terlampaui saat membaca",
                  "en": "deadline of {seconds:g}s exceeded while reading"},
    "deadline": {"id": "batas waktu {seconds:g} detik terlampaui",
                 "en": "deadline of {seconds:g}s exceeded"},
    "redirects": {"id": "lebih dari {n} pengalihan", "en": "more than {n} redirects"},
    "timed_out": {"id": "waktu habis ({kind})", "en": "timed out ({kind})"},
    "protocol": {"id": "protokol tidak didukung: {detail}",
                 "en": "unsupported protocol: {detail}"},
    "http": {"id": "HTTP {status}: {hint}", "en": "HTTP {status}: {hint}"},
    "hint_401": {"id": "feed ini memerlukan login", "en": "the feed needs a login"},
    "hint_403": {
        "id": "situs menolak klien ini (filter bot atau alamat pusat data); coba "
              "[collector] user_agent lain, atau entri Google News katalog untuk situs ini",
        "en": "the site refuses this client (bot filter or data-centre address); try another "
              "[collector] user_agent, or the catalogue's Google News entry for this site"},
    "hint_404": {"id": "alamatnya sudah tidak ada; periksa feed terkini di situsnya",
                 "en": "the address is gone; check the site for its current feed"},
    "hint_410": {"id": "feed-nya sudah dihapus", "en": "the feed was removed"},
    "hint_429": {"id": "dibatasi laju permintaan; interval yang lebih panjang membantu",
                 "en": "rate-limited; a longer interval helps"},
    "hint_502": {"id": "gateway atau proxy anti-bot situs gagal; dicoba lagi dengan jeda",
                 "en": "the site's gateway or anti-bot proxy failed; retried with backoff"},
    "hint_503": {"id": "situs sedang mati atau menangkis bot; dicoba lagi dengan jeda",
                 "en": "the site is down or shielding itself from bots; retried with backoff"},
    # the document
    "empty": {"id": "isi respons kosong", "en": "empty response body"},
    "hostile": {"id": "feed mendeklarasikan entitas XML di DOCTYPE-nya (ekspansi entitas atau "
                      "entitas eksternal); ditolak tanpa diurai",
                "en": "feed declares XML entities in its DOCTYPE (entity expansion or external "
                      "entity); refused unparsed"},
    "malformed": {"id": "feed cacat: {detail}", "en": "malformed feed: {detail}"},
    "no_entries": {"id": "tidak ada entri feed", "en": "no feed entries"},
    "not_a_feed": {"id": "bukan feed ({reason})", "en": "not a feed ({reason})"},
    "json_too_deep": {"id": "bukan JSON yang valid: bersarang terlalu dalam",
                      "en": "not valid JSON: nested too deeply"},
    "not_json": {"id": "bukan JSON yang valid: {detail}", "en": "not valid JSON: {detail}"},
    "not_json_feed": {"id": "dokumen JSON bukan JSON Feed (tanpa versi jsonfeed.org)",
                      "en": "JSON document is not a JSON Feed (no jsonfeed.org version)"},
    "no_items": {"id": "JSON Feed tidak punya daftar items", "en": "JSON Feed has no items list"},
    "items_skipped": {"id": "{n} item JSON Feed tanpa id atau isi dilewati",
                      "en": "{n} JSON Feed item(s) without id or content skipped"},
    # Sejuk itself
    "internal_parsing": {"id": "galat internal saat mengurai: {kind}: {detail}",
                         "en": "internal error while parsing: {kind}: {detail}"},
    "internal_storing": {"id": "galat internal saat menyimpan: {kind}",
                         "en": "internal error while storing: {kind}"},
}
