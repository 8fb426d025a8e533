"""The demo's generators: routine news, official notices, social chatter, hoax
narratives with their debunks, unrest signals and awkward entries, as drafts.

Why this exists: the prose lives in ``sejuk/demo/data`` (see ``material``); this module
decides what is posted where and when -- which region a template fits, how a hoax is
copied with small edits across sources, where the planted three-day spikes go. It draws
from one seeded RNG in a fixed order, so the output depends only on ``(today, base_url,
seed)``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from sejuk.demo.material import MATERIAL as M
from sejuk.demo.material import Region, Template
from sejuk.demo.slots import (
    REGION_BY_CODE,
    WINDOW_DAYS,
    Ctx,
    Draft,
    allowed_kec,
    fill,
    short_date,
)

__all__ = ["drafts"]

_HOAKS = frozenset({"hoaks"})
_PROV = frozenset({"provokasi"})
_BOTH = frozenset({"hoaks", "provokasi"})
_DEBUNK = frozenset({"debunk"})
_ROUTINE: frozenset[str] = frozenset()


def _closer_pool(tpl: Template, truth: frozenset[str]) -> tuple[str, ...]:
    """Closing sentences that fit ``tpl``'s story (see ``closers.toml``)."""
    if "provokasi" in truth:
        return M.closers["unrest"]
    pool = M.closers["generic"]
    if any(w in tpl.title for w in M.event_words):
        pool += M.closers["event"]
    if any(w in tpl.title for w in M.logistics_words):
        pool += M.closers["logistics"]
    return pool


def _news_html(ctx: Ctx, sentences: Sequence[str], dateline: str | None) -> str:
    """Group sentences into 1-2 sentence paragraphs, optional dateline on the first."""
    paras: list[str] = []
    i = 0
    while i < len(sentences):
        take = 1 if ctx.rng.random() < 0.45 else 2
        paras.append(" ".join(sentences[i:i + take]))
        i += take
    if dateline:
        paras[0] = f"{dateline} – {paras[0]}"
    return "".join(f"<p>{p}</p>" for p in paras)


_DATELINE_SOURCES = frozenset({"kabarcirebon", "dermayupos", "pasuruanterkini", "losaripos"})


def _news_item(
    ctx: Ctx,
    source_key: str,
    region: Region,
    days_ago: int,
    tpl: Template,
    truth: frozenset[str],
    *,
    kec: str | None = None,
    no: int | None = None,
    closer: bool = True,
    narrative: str | None = None,
) -> Draft:
    if kec is None:
        allowed = allowed_kec(tpl.where, region)
        kec = ctx.rng.choice(allowed) if allowed else None
    slots = ctx.slots(region, days_ago, kec=kec, no=no)
    sentences = [fill(s, slots) for s in tpl.body]
    if closer and ctx.rng.random() < 0.65:
        sentences.append(fill(ctx.rng.choice(_closer_pool(tpl, truth)), slots))
    dateline = region.dateline if source_key in _DATELINE_SOURCES else None
    author = ctx.rng.choice(M.reporters.get(source_key, ("Redaksi",)))
    return Draft(source_key, days_ago, fill(tpl.title, slots),
                  _news_html(ctx, sentences, dateline), truth, author, narrative)


def _mutate(rng: random.Random, text: str) -> str:
    """Small copy-paste edits, so narrative copies are near- but not exact duplicates."""
    out = text
    if rng.random() < 0.5:
        for pattern, repl in M.abbreviations:
            if rng.random() < 0.6:
                out = re.sub(pattern, repl, out)
    if rng.random() < 0.15:
        out = out.upper()
    elif rng.random() < 0.2:
        out = out.replace("!!", "!!!").replace("??", "???")
    suffix = rng.choice(M.suffixes)
    if suffix.strip(" !#").lower() and suffix.strip(" !#").lower() in out.lower():
        suffix = ""  # "Sebarkan!! Sebarkan!!" is one edit too many
    return f"{rng.choice(M.prefixes)}{out}{suffix}"


def _social_source_for(ctx: Ctx, region_code: str) -> str:
    """Pick the social feed where a post about ``region_code`` would plausibly appear."""
    if region_code in M.places["jabar_ciayu"]:
        return "tg-infowarga" if ctx.rng.random() < 0.6 else "mastodon-pilkadadamai"
    if region_code == "73.71":
        return "tg-wargamks" if ctx.rng.random() < 0.65 else "mastodon-pilkadadamai"
    return "mastodon-pilkadadamai"


def _social_author(ctx: Ctx, source_key: str, region_code: str) -> str:
    if source_key in M.telegram_handles:
        return ctx.rng.choice(M.telegram_handles[source_key])
    return ctx.rng.choice(M.mastodon_handles[region_code])


def _social_item(
    ctx: Ctx,
    text: str,
    region_code: str,
    days_ago: int,
    truth: frozenset[str],
    *,
    kec: str | None = None,
    place_p: float = 0.6,
    source_key: str | None = None,
    narrative: str | None = None,
) -> Draft:
    src = source_key or _social_source_for(ctx, region_code)
    if kec is not None and ctx.rng.random() < place_p:
        text = _with_place(ctx, text, REGION_BY_CODE[region_code], kec)
    if src == "mastodon-pilkadadamai" and "#pilkadadamai" not in text.lower():
        text = f"{text} #PilkadaDamai"
    title = _tg_title(text) if src.startswith("tg-") else ""
    return Draft(src, days_ago, title, text, truth,
                  _social_author(ctx, src, region_code), narrative)


def _with_place(ctx: Ctx, text: str, region: Region, kec: str) -> str:
    """Add the kind of location marker forum posts carry ("📍 Kec. X, Kab. Y").

    Posters name the kabupaten as well as the kecamatan, which is also what a
    precision-first region tagger needs before it trusts a bare kecamatan name.
    """
    # the bare "INFO KAB. X:" header only helps when the post already names the kecamatan
    form = ctx.rng.randrange(4 if kec.lower() in text.lower() else 3)
    if form == 0:
        return f"{text}\n📍 Kec. {kec}, {region.short}"
    if form == 1:
        return f"[{kec} – {region.short}] {text}"
    if form == 2:
        return f"{text} (lokasi: {kec}, {region.short})"
    return f"INFO {region.short.upper()}: {text}"


def _tg_title(text: str) -> str:
    """RSS-Bridge style title: the first words of the message."""
    flat = " ".join(text.split())
    if len(flat) <= 70:
        return flat
    cut = flat[:70].rsplit(" ", 1)[0]
    return f"{cut}…"


def _weighted_days(ctx: Ctx, n: int) -> list[int]:
    """``n`` day offsets over the window, busier towards ``today``."""
    days = list(range(WINDOW_DAYS))
    weights = [1.0 + (WINDOW_DAYS - 1 - d) / (WINDOW_DAYS - 1) for d in days]
    return ctx.rng.choices(days, weights=weights, k=n)


def _region_for_template(ctx: Ctx, tpl: Template, candidates: Sequence[str]) -> Region | None:
    ok = [c for c in candidates if allowed_kec(tpl.where, REGION_BY_CODE[c])]
    return REGION_BY_CODE[ctx.rng.choice(ok)] if ok else None


# --- generators ------------------------------------------------------------

_ROUTINE_PER_NEWS_SOURCE = 27


def _gen_routine_news(ctx: Ctx) -> list[Draft]:
    out: list[Draft] = []
    for code, key in M.news_source_by_region.items():
        region = REGION_BY_CODE[code]
        pool = [t for t in M.routine_news if allowed_kec(t.where, region)]
        ctx.rng.shuffle(pool)
        days = [*_weighted_days(ctx, _ROUTINE_PER_NEWS_SOURCE - 1), 0]
        for i, d in enumerate(days):
            out.append(_news_item(ctx, key, region, d, pool[i % len(pool)], _ROUTINE))
    return out


def _gen_official(ctx: Ctx) -> list[Draft]:
    out: list[Draft] = []
    codes = [r.code for r in M.regions]
    days = sorted(_weighted_days(ctx, len(M.official)), reverse=True)
    for i, tpl in enumerate(M.official):
        region = REGION_BY_CODE[codes[i % len(codes)]]
        draft = _news_item(ctx, "penyelenggara", region, days[i], tpl, _ROUTINE,
                           closer=False)
        out.append(draft)
    return out


def _gen_social_neutral(ctx: Ctx) -> list[Draft]:
    out: list[Draft] = []
    codes = [r.code for r in M.regions]
    days = _weighted_days(ctx, len(M.social_neutral) + 6)
    for i, d in enumerate(days):
        tpl = M.social_neutral[i % len(M.social_neutral)]
        region = _region_for_template(ctx, tpl, codes)
        if region is None:
            continue
        kec = ctx.rng.choice(allowed_kec(tpl.where, region))
        slots = ctx.slots(region, d, kec=kec)
        out.append(_social_item(ctx, fill(tpl.body[0], slots), region.code, d, _ROUTINE,
                                kec=kec))
    return out


def _split_place(place: str) -> tuple[Region, str]:
    code, _, kec = place.partition(":")
    return REGION_BY_CODE[code], kec


def _gen_narratives(ctx: Ctx) -> list[Draft]:
    out: list[Draft] = []
    fc_region = REGION_BY_CODE["32.09"]
    for nar in M.narratives:
        oldest, newest = nar.days
        span = list(range(newest, oldest + 1))
        # social copies, variants cycled so each appears, days spread over the span
        for i in range(nar.copies):
            region, kec = _split_place(ctx.rng.choice(nar.places))
            d = ctx.rng.choice(span) if i >= 1 else oldest
            slots = ctx.slots(region, d, kec=kec, no=nar.no)
            text = _mutate(ctx.rng, fill(nar.variants[i % len(nar.variants)], slots))
            out.append(_social_item(ctx, text, region.code, d, _HOAKS, kec=kec,
                                    narrative=nar.key))
        for variant in nar.both_variants:
            region, kec = _split_place(nar.places[0])
            d = ctx.rng.choice(span[: max(2, len(span) // 2)])
            slots = ctx.slots(region, d, kec=kec, no=nar.no)
            text = _mutate(ctx.rng, fill(variant, slots))
            out.append(_social_item(ctx, text, region.code, d, _BOTH, kec=kec,
                                    narrative=nar.key))
        if nar.news_variant is not None:
            region, kec = _split_place(nar.places[0])
            d = oldest - 1 if oldest > newest + 1 else oldest
            out.append(_news_item(ctx, M.news_source_by_region[region.code], region, d,
                                  nar.news_variant, _HOAKS, kec=kec, no=nar.no,
                                  closer=False, narrative=nar.key))
        # the fact-check feed restates the claim and refutes it
        slots = ctx.slots(fc_region, nar.fc_day)
        body = "".join(f"<p>{fill(s, slots)}</p>" for s in nar.fc_body)
        out.append(Draft("cekfaktajernih", nar.fc_day, fill(nar.fc_title, slots), body,
                          _DEBUNK, M.reporters["cekfaktajernih"][0], nar.key))
        for src_key, d, tpl in nar.news_debunks:
            region, kec = _split_place(nar.places[0])
            out.append(_news_item(ctx, src_key, region, d, tpl, _DEBUNK, kec=kec,
                                  no=nar.no, closer=False, narrative=nar.key))
    return out


def _gen_extra_factchecks(ctx: Ctx) -> list[Draft]:
    out: list[Draft] = []
    for d, tpl in M.extra_factchecks:
        body = "".join(f"<p>{s}</p>" for s in tpl.body)
        out.append(Draft("cekfaktajernih", d, tpl.title, body, _DEBUNK,
                          M.reporters["cekfaktajernih"][0]))
    for d, code, kec, text in M.extra_hoaxes:
        out.append(_social_item(ctx, _mutate(ctx.rng, text), code, d, _HOAKS, kec=kec))
    return out


# News debunks that do not belong to a narrative (generic "tidak benar" denials).


def _gen_generic_debunks(ctx: Ctx) -> list[Draft]:
    out: list[Draft] = []
    codes = list(M.news_source_by_region)
    ctx.rng.shuffle(codes)
    for i, tpl in enumerate(M.generic_debunks):
        region = REGION_BY_CODE[codes[i % len(codes)]]
        d = ctx.rng.randint(1, 20)
        out.append(_news_item(ctx, M.news_source_by_region[region.code], region, d, tpl,
                              _DEBUNK, closer=False))
    return out


def _unrest_social(ctx: Ctx, tpl: Template, region: Region, d: int, kec: str,
                   place_p: float = 0.6) -> Draft:
    slots = ctx.slots(region, d, kec=kec)
    text = fill(tpl.body[0], slots)
    if ctx.rng.random() < 0.3:
        text = _mutate(ctx.rng, text)
    return _social_item(ctx, text, region.code, d, _PROV, kec=kec, place_p=place_p)


def _gen_unrest(ctx: Ctx) -> list[Draft]:
    """Background unrest signals over the window, plus the planted three-day spikes."""
    out: list[Draft] = []
    rng = ctx.rng
    codes = [r.code for r in M.regions]
    social = {t.title: t for t in M.unrest_social}
    news = list(M.unrest_news)

    # background: social posts spread over days 27..3
    for i in range(24):
        tpl = M.unrest_social[i % len(M.unrest_social)]
        region = _region_for_template(ctx, tpl, codes)
        if region is None:
            continue
        kec = rng.choice(allowed_kec(tpl.where, region))
        out.append(_unrest_social(ctx, tpl, region, rng.randint(3, WINDOW_DAYS - 1), kec))
    # background: news reports, two per outlet
    for code, key in M.news_source_by_region.items():
        region = REGION_BY_CODE[code]
        for tpl in rng.sample(news, 2):
            out.append(_news_item(ctx, key, region, rng.randint(3, WINDOW_DAYS - 1), tpl,
                                  _PROV))

    # spike 1: Plumbon, Kabupaten Cirebon, last three days
    cirebon = REGION_BY_CODE["32.09"]
    for name, d in (("rally-kpu", 2), ("rally-kpu", 1), ("ancam-kpps", 1),
                    ("ancam-kpps2", 0), ("boikot", 0), ("jaga-tps", 2), ("fajar", 1)):
        out.append(_unrest_social(ctx, social[name], cirebon, d, "Plumbon", place_p=1.0))
    for idx, d in ((3, 1), (10, 0)):
        out.append(_news_item(ctx, "kabarcirebon", cirebon, d, news[idx], _PROV,
                              kec="Plumbon"))

    # spike 2: Tamalate, Kota Makassar, last three days
    mks = REGION_BY_CODE["73.71"]
    for name, d in (("bentrok-saksi", 2), ("turun-mks", 2), ("siri", 1), ("turun-mks", 1),
                    ("sara2", 1), ("tolak-hasil", 0), ("sembako", 0), ("siaga", 0)):
        out.append(_unrest_social(ctx, social[name], mks, d, "Tamalate", place_p=1.0))
    for idx, d in ((0, 2), (1, 1), (2, 0), (8, 1)):
        out.append(_news_item(ctx, "losaripos", mks, d, news[idx], _PROV, kec="Tamalate"))
    return out


def _gen_rise_today(ctx: Ctx) -> list[Draft]:
    """The planted rise goes on today, so the overview, which tests today so far, has a
    spike to show beside the digest's (yesterday's). Drawn after every other generator:
    adding it moves no other entry."""
    social = {t.title: t for t in M.unrest_social}
    out = [_unrest_social(ctx, social[name], REGION_BY_CODE["32.09"], 0, "Plumbon",
                          place_p=1.0)
           for name in ("rally-kpu", "siaga", "sara2", "tolak-hasil", "siaga", "sara2")]
    out += [_unrest_social(ctx, social[name], REGION_BY_CODE["73.71"], 0, "Tamalate",
                           place_p=1.0)
            for name in ("turun-mks", "siri", "bentrok-saksi", "sara2", "siaga", "sara2",
                         "siaga")]
    # Three more in each, yesterday and today: a kecamatan's background is about one
    # signalled item a day, and of the posts planted above the starter flags a varying
    # share, depending on the words each build day's slots draw (yesterday 4 against 0.9
    # expected, p 0.014; today 6 against 2.1), so the spikes came and went with the day
    # the demo was built. These are the kinds it flags on every day tried (a call to
    # gather at the KPU office, "usir" the outsiders).
    out += [_unrest_social(ctx, social[name], REGION_BY_CODE[code], d, kec, place_p=1.0)
            for d in (1, 0)
            for code, kec in (("32.09", "Plumbon"), ("73.71", "Tamalate"))
            for name in ("rally-kpu", "sara2", "rally-kpu")]
    return out


# --- AWKWARD-but-legit entries ---------------------------------------------


def _gen_awkward(ctx: Ctx) -> list[Draft]:
    """The awkward-but-legitimate entries of ``awkward.toml``, set in Kabupaten Cirebon."""
    out: list[Draft] = []
    cirebon = REGION_BY_CODE["32.09"]
    aw = M.awkward

    # AWKWARD 1: HTML-heavy official notice (table, list, image, inline style, entities).
    notice = aw.notice
    d = int(notice["day"])
    s = ctx.slots(cirebon, d)
    rows = "".join(
        str(notice["row"]).format(n=i + 1, kec=kec, date=short_date(ctx.day(d - 1 - i // 2)),
                                  hour=8 + i)
        for i, kec in enumerate(cirebon.kec_names()[:6])
    )
    html_body = fill(str(notice["html"]), {**s, "nomor": str(ctx.rng.randint(100, 999)),
                                           "rows": rows})
    src = str(notice["source"])
    out.append(Draft(src, d, fill(str(notice["title"]), s), html_body, _ROUTINE,
                     M.reporters[src][0]))

    # AWKWARD 2: very long news report (~3000 characters).
    report = aw.long_report
    d = int(report["day"])
    s = ctx.slots(cirebon, d)
    long_body = "".join(f"<p>{fill(p, s)}</p>" for p in aw.long_report_paragraphs)
    out.append(Draft(str(report["source"]), d, fill(str(report["title"]), s), long_body,
                     _ROUTINE, str(report["author"])))

    # AWKWARD 3-5: an English-language post, an emoji-heavy one, and hostile content
    # that must stay inert text (a <script> tag and a javascript: markdown link).
    out.extend(Draft(p.source, p.day, p.title, p.text, p.truth, p.author) for p in aw.posts)
    return out


def drafts(ctx: Ctx) -> list[Draft]:
    """Every draft of the demo, generator by generator (the order is part of the seed)."""
    out: list[Draft] = []
    out += _gen_routine_news(ctx)
    out += _gen_official(ctx)
    out += _gen_social_neutral(ctx)
    out += _gen_narratives(ctx)
    out += _gen_extra_factchecks(ctx)
    out += _gen_generic_debunks(ctx)
    out += _gen_unrest(ctx)
    out += _gen_awkward(ctx)
    out += _gen_rise_today(ctx)
    return out
