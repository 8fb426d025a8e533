"""Training copies of a labelled text inside neutral surroundings (greetings, group
chatter, a news page's boilerplate), with the label of the text.

Why: the real corpora the starter learns from are tweets of 100 to 300 characters, while
an analyst's items are forwards with greetings and "sebarkan" around them, pasted chats
and news pages. TF-IDF vectors are normalised to unit length, so every neutral word
around a provocation dilutes it: the starter flagged 72 % of the real hate-speech test
tweets alone and 21 % of the same tweets inside a few sentences of chatter
(``benchmarks/classifier``, section *wrapped*). A copy of a training text inside such
surroundings, labelled as the text, teaches the model that the surroundings say nothing
and that the text still does.

The surroundings are written here, neutral by construction (no claim, no verdict, no
call, no group named), and differ from the benchmark's phrase banks, which score the
effect on surroundings the model never saw.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

#: Lines that open a forwarded message or a pasted chat.
OPENERS = (
    "Selamat pagi bapak ibu semua.",
    "Assalamualaikum, izin berbagi di grup ini.",
    "Salam sejahtera untuk kita semua.",
    "Permisi admin, numpang kirim.",
    "Malam warga, ada kiriman masuk barusan.",
    "Teruskan dari grup arisan ibu-ibu.",
    "Pesan masuk dari nomor kerabat.",
    "Dari obrolan grup kantor tadi siang.",
    "Halo semuanya, semoga sehat selalu.",
    "Kiriman teman lama, saya teruskan saja.",
)
#: Sentences of ordinary neighbourhood and group life.
CHATTER = (
    "Besok kerja bakti jam tujuh, jangan lupa bawa sapu.",
    "Harga cabai di pasar naik lagi minggu ini.",
    "Anak saya baru pulang sekolah, hujan deras dari sore.",
    "Arisan bulan ini di rumah Bu Ani ya.",
    "Jalan depan balai desa masih macet karena perbaikan gorong-gorong.",
    "Terima kasih untuk yang sudah datang ke pengajian kemarin.",
    "Listrik di blok C padam sekitar satu jam tadi.",
    "Jadwal posyandu dipindah ke hari Kamis.",
    "Yang belum bayar iuran sampah bisa titip ke Pak RT.",
    "Cuaca hari ini panas sekali, banyak minum air.",
    "Pertandingan voli antar RT diundur minggu depan.",
    "Sudah ada yang coba warung bakso baru di pertigaan?",
    "Mohon maaf baru sempat balas, tadi sibuk di sawah.",
    "Nanti sore saya lewat pasar, ada yang mau titip?",
    "Sinyal di rumah putus-putus dari kemarin.",
    "Selamat ulang tahun untuk Mas Joko, semoga panjang umur.",
)
#: A news page's furniture around an article.
BOILERPLATE = (
    "Baca juga: jadwal lengkap layanan kantor kecamatan pekan ini.",
    "Editor: Redaksi Daerah.",
    "Dapatkan berita terbaru setiap hari melalui kanal kami.",
    "Penulis: Tim Liputan Daerah.",
    "Simak berita pilihan lainnya di halaman utama.",
    "Ikuti kami di media sosial untuk informasi terkini.",
    "Foto hanya ilustrasi.",
    "Artikel ini telah diperbarui.",
)
#: Lines that close a forward.
CLOSERS = (
    "Terima kasih.",
    "Sekian dan terima kasih.",
    "Mohon maaf lahir batin.",
    "Salam hangat dari kami sekeluarga.",
    "Wassalam.",
    "Semoga harinya menyenangkan.",
)
#: Share of the training rows that get a copy in surroundings (measured in
#: ``benchmarks/classifier``, section *wrapped*).
SHARE = 0.25
#: Seed of the choice of rows and surroundings: a training run is reproducible.
SEED = 29


def surround(text: str, rng: random.Random) -> str:
    """``text`` with one to four neutral sentences before and after it, as a forward, a
    pasted chat or a news page carries it."""
    before = ([rng.choice(OPENERS)] if rng.random() < 0.7 else []) + rng.sample(
        CHATTER + BOILERPLATE, rng.randint(0, 2))
    after = rng.sample(CHATTER + BOILERPLATE, rng.randint(1, 3))
    if rng.random() < 0.5:
        after.append(rng.choice(CLOSERS))
    return " ".join([*before, text, *after])


def surrounded_copies(texts: Sequence[str], share: float = SHARE, seed: int = SEED
                      ) -> tuple[list[str], NDArray[np.intp]]:
    """Copies in surroundings of a ``share`` of ``texts`` (chosen at random, seeded), and
    the row each copy comes from (its label, weight and fold are that row's)."""
    rng = random.Random(seed)
    rows = np.flatnonzero(np.random.default_rng(seed).random(len(texts)) < share)
    return [surround(texts[i], rng) for i in rows], rows
