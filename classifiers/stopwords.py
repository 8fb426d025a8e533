"""Indonesian function words and social-media filler (our own list).

Used where a *person* reads terms (the reasons shown with a flag) and where shared filler
would make unrelated texts look alike (claim matching). The text model itself keeps them:
on real data they carry signal in n-grams ("tidak boleh", "ayo kita").
"""

from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset("""
ada adalah agar akan aku anda antara apa apakah atas atau bagi bahkan bahwa banyak baru
begitu belum berapa bersama beberapa biar bila bisa buat bukan cuma dalam dan dari dengan
di dia dong ini itu ia jadi jika juga kah kalau kami kamu kan karena ke kemudian kenapa
kepada ketika kini kita lagi lah lain lalu maka masih mau mana melalui memang mereka meski
mungkin namun nanti nya oleh pada padahal para pernah pula pun saat saja sama sambil sampai
sang saya sebagai sebelum sedang sedangkan sehingga sejak seperti serta setelah sih siapa
sini situ sudah supaya tanpa tapi telah tentang terhadap tersebut tetapi tiap untuk wah
yaitu yakni yang nih tuh deh kok loh lho ya yah aja udah gak ga nggak tdk yg dgn utk dr
sdh jg kalo klo tp krn org bgt banget sangat paling lebih hanya semua setiap lalu pak bu
bapak ibu mas mbak kak gan gaes guys min woy info penting cek copas fwd grup sebelah dari
mentiontoken urltoken rt amp via ini itu per tak punya lewat hingga selama agar bahwa
""".split())


#: Words that say what kind of place follows ("Kec. Plumbon, Kab. Cirebon"): forwards
#: carry them in a place line, so they gain weight, but "kab, kec" read as a reason for a
#: flag says nothing to an analyst. Hidden from reasons only; the claim matcher's word
#: view is measured with :data:`STOPWORDS` alone.
PLACE_KIND_WORDS: frozenset[str] = frozenset("""
kab kabupaten kec kecamatan kel kelurahan desa dusun kota prov provinsi rw
""".split())
_NO_REASON = STOPWORDS | PLACE_KIND_WORDS


def is_readable_term(term: str) -> bool:
    """Whether a feature name is worth showing a person as a reason.

    Refuses pure function words ("yang", "dari", "kita"), words naming a kind of place
    ("kab", "kec"), digit tokens ("0", "00") and one-letter fragments; a bigram is kept
    when at least one of its words carries meaning and neither end is a digit token.
    """
    words = term.split()
    if not words or any(w.isdigit() or len(w) < 2 for w in words):
        return False
    if words[0] in _NO_REASON or words[-1] in _NO_REASON:
        return False
    return any(w not in _NO_REASON for w in words)
