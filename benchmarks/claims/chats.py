"""Forwards inside a pasted group chat: one report for the whole chat, or one per message?
(``--chats``)

An officer often pastes a group's chat (copied or exported), not one forward: the
forward sits among a greeting, replies and chatter. Each forward of the test split (and
each text that must not link) is wrapped in such a chat, in WhatsApp's Android export
format, with messages drawn from the pools below (written for this benchmark, seeded);
the chat is then read as the product reads it (:func:`sejuk.reports.chat.from_pasted`)
and matched by the shipped matcher at the shipped threshold, either as one text (the
report before messages were split) or post by post (:func:`sejuk.reports.chat.chat_posts`;
a chat counts as linked to the debunk of any of its posts). The forward alone is the
reference: splitting can at best give that back.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from benchmarks.claims.evaluate import arrays, linked, ranked
from benchmarks.claims.pairs import TestSet, build
from benchmarks.claims.systems import Sejuk
from sejuk.reports.chat import chat_posts, from_pasted
from sejuk.settings import ClassifierSettings

GREETINGS = (
    "Assalamualaikum bapak ibu warga, mohon izin berbagi info",
    "Selamat malam semua, ada kiriman dari grup sebelah nih",
    "Pagi warga, tolong dibaca dulu sebelum disebar ya",
    "Izin share info dari saudara di kecamatan sebelah",
)
REPLIES = (
    "Astaghfirullah, ini beneran pak?",
    "Waduh serem juga kalau begitu, harus hati hati",
    "Coba dicek dulu sumbernya, jangan langsung percaya",
    "Kemarin saya juga dapat pesan yang mirip dari grup kantor",
    "Nanti saya tanyakan ke pak RT besok pagi",
    "Semoga pemilunya tetap aman dan damai ya",
    "Betul, kita tunggu saja penjelasan resmi dari KPU",
    "Jangan lupa besok kerja bakti jam tujuh di balai warga",
)
CHATTER = ("Aamiin", "siap pak", "👍", "Ok", "Noted", "Wkwk", "Betul")
SENDERS = ("Pak Hasan", "Bu Siti", "Mas Dedi", "+62 812-5555-0101", "Yanto", "Bu Rina")


def wrap(text: str, rng: random.Random) -> str:
    """``text`` as one message of a group chat export, among 2-6 others."""
    before = [rng.choice(GREETINGS), *rng.sample(REPLIES, rng.randint(0, 1))]
    after = rng.sample(REPLIES, rng.randint(1, 2)) + rng.sample(CHATTER, rng.randint(0, 2))
    rng.shuffle(after)
    stamp = datetime(2024, 11, 25, 19, 0)
    lines = []
    for message in [*before, text, *after]:
        stamp += timedelta(minutes=rng.randint(1, 9))
        body = "\n".join(" ".join(line.split()) for line in message.splitlines() if line.strip())
        lines.append(f"{stamp:%d/%m/%y %H.%M} - {rng.choice(SENDERS)}: {body}")
    return "\n".join(lines)


def _chat_links(index: Sejuk, groups: np.ndarray, chats: Sequence[str], threshold: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """Per chat, split into posts: whether a post links, and the group of its best link."""
    posts = [[p.text for p in chat_posts(from_pasted(chat))] for chat in chats]
    flat = [text for chat in posts for text in chat]
    r = ranked(index, flat)
    link = linked(r, threshold, 0.0)
    any_link = np.zeros(len(chats), dtype=bool)
    group = np.full(len(chats), -2)
    at = 0
    for i, chat in enumerate(posts):
        span = slice(at, at + len(chat))
        hits = np.flatnonzero(link[span])
        if len(hits):
            best = at + hits[np.argmax(r.score[span][hits])]
            any_link[i], group[i] = True, groups[r.best[best]]
        at += len(chat)
    return any_link, group


def chats(data_dir: Path, pool: int = 1000, seed: int = 7) -> list[str]:
    """Own / wrong links of forwards, false links of unrelated texts, three ways."""
    ts: TestSet = build(data_dir, pool_size=pool)
    index = Sejuk([h.text for h in ts.headlines])
    groups, truth, kinds, splits = arrays(ts)
    keep = (splits == "test") & (kinds != "tweet")
    texts = [q.text for q, k in zip(ts.queries, keep, strict=True) if k]
    truth, kinds = truth[keep], kinds[keep]
    rng = random.Random(seed)
    wrapped = [wrap(text, rng) for text in texts]
    threshold = ClassifierSettings().claim_match_threshold
    rows = ["### Forwards inside a pasted chat (test split, shipped threshold "
            f"{threshold:.2f}, {len(texts):,} texts)", "",
            "| read as | forwards linked to own debunk | to a wrong one | unrelated texts "
            "linked |", "|---|---:|---:|---:|"]
    pos, neg = truth >= 0, truth < 0
    alone, whole = (ranked(index, batch) for batch in (
        texts, [from_pasted(chat).text for chat in wrapped]))
    readings = {"the forward alone": (linked(alone, threshold, 0.0), groups[alone.best]),
                "whole chat, one report": (linked(whole, threshold, 0.0), groups[whole.best]),
                "chat split into posts": _chat_links(index, groups, wrapped, threshold)}
    for name, (link, group) in readings.items():
        own = float((link & (group == truth))[pos].mean())
        wrong = float((link & (group != truth))[pos].mean())
        false = float(link[neg].mean())
        rows.append(f"| {name} | {own:.1%} | {wrong:.1%} | {false:.1%} |")
    return rows


__all__ = ["chats", "wrap"]
