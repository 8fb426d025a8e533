"""Render a :class:`~sejuk.digest.build.Digest` as HTML, Markdown, plain text or JSON.

Jinja2 runs with ``select_autoescape`` (HTML escaped) and ``StrictUndefined`` (a missing
value is an error, not an empty cell in a commander's mail). Markdown has no autoescape
of its own and passes raw HTML through to many viewers, so the Markdown environment
escapes every expression by default through ``finalize``; only values built here as
:class:`markupsafe.Markup` (links whose URL passed :func:`~sejuk.signals.safe_url`)
go through unescaped. Item text therefore cannot inject markup into any format.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from feeds.problems import in_language as problem_in
from sejuk.digest.build import (
    ALL_JURISDICTIONS,
    DAY,
    SOURCE_PROBLEMS_SHOWN,
    Digest,
    digest_to_dict,
)
from sejuk.digest.charts import trend_svg
from sejuk.errors import InputError
from sejuk.phrases import Phrases, number
from sejuk.signals import safe_url
from sejuk.signals.urls import defuse_links
from sejuk.timeutil import format_local, zone_label

FORMATS = ("html", "md", "txt", "json")
LANGUAGES = ("id", "en")

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Ringkasan harian",
        "all": "Semua wilayah",
        "window": "Periode",
        "generated": "Dibuat",
        "empty": "Tidak ada item yang ditandai dalam 24 jam ini.",
        "empty_sources": "Perhatian: ada sumber yang bermasalah, jadi sepinya hari ini "
                         "bisa karena data tidak masuk.",
        "counts": "Jumlah item ditandai",
        "label": "Label",
        "today": "24 jam ini",
        "previous": "Hari sebelumnya",
        "baseline": "Rata-rata 7 hari",
        "change": "Perubahan",
        "chart": "Item ditandai per hari, 8 hari terakhir",
        "narratives": "Narasi teratas",
        "no_narratives": "Tidak ada narasi berulang dalam 24 jam ini.",
        "size": "ukuran",
        "items_today": "item hari ini",
        "sources": "sumber",
        "areas": "wilayah",
        "first_seen": "pertama terlihat",
        "example": "Contoh",
        "debunk": "Klarifikasi",
        "claim_match": "mirip klaim terbantah",
        "no_debunk": "belum ada klarifikasi",
        "spikes": "Lonjakan per wilayah",
        "no_spikes": "Tidak ada lonjakan baru.",
        "new": "baru",
        "ongoing": "berlanjut",
        "vs_baseline": "perkiraan",
        "priorities": "Wilayah prioritas (kerawanan TPS x sinyal)",
        "map_note": "Peta: kecamatan menurut skor prioritas; angka = peringkat di daftar "
                    "bawah.",
        "no_priorities": "Tidak ada wilayah dengan TPS rawan yang sekaligus bersinyal hari ini.",
        "score": "skor",
        "vulnerable_tps": "TPS rawan",
        "signals": "sinyal",
        "worst_level": "tingkat terburuk",
        "rec_dialog": "Saran: dialog kamtibmas dengan",
        "rec_forkopimca": "Saran: belum ada tokoh terdaftar di wilayah ini; koordinasikan "
                          "dengan Forkopimca/Muspika kecamatan",
        "topics": "Bahas",
        "overdue": "Tindak lanjut terlambat",
        "no_overdue": "Tidak ada tindak lanjut yang terlambat.",
        "days_late": "hari terlambat",
        "due": "jatuh tempo",
        "owner": "penanggung jawab",
        "source_problems": "Masalah sumber",
        "no_source_problems": "Semua sumber sehat.",
        "failing": "gagal",
        "stale": "tidak ada data baru",
        "failures": "kegagalan berturut-turut",
        "last_success": "terakhir berhasil",
        "more_sources": "sumber lain bermasalah tidak ditampilkan; lihat semuanya dengan "
                        "\"sejuk sources list\" atau di halaman Sumber dasbor",
        "model": "Model aktif",
        "no_model": "Belum ada model aktif: tidak ada item yang dinilai.",
        "holdout": "skor validasi silang",
        "kept_from": "komponen tetap dari",
        "trained": "dilatih",
        "flagged_items": "Item ditandai",
        "confidence": "keyakinan",
        "reasons": "alasan",
        "regions": "wilayah",
        "no_link": "tautan tidak aman/tidak ada",
        "more": "item lain tidak ditampilkan; lihat dasbor",
        "footer": "Dibuat otomatis oleh Sejuk. Setiap tanda adalah keluaran model dengan "
                  "keyakinan dan alasannya: analis yang memutuskan.",
        "subject_empty": "tidak ada item ditandai",
    },
    "en": {
        "title": "Daily digest",
        "all": "All areas",
        "window": "Period",
        "generated": "Generated",
        "empty": "No items were flagged in these 24 hours.",
        "empty_sources": "Note: some sources have problems, so a quiet day may mean "
                         "missing data.",
        "counts": "Flagged items",
        "label": "Label",
        "today": "These 24 h",
        "previous": "Day before",
        "baseline": "7-day mean",
        "change": "Change",
        "chart": "Flagged items per day, last 8 days",
        "narratives": "Top narratives",
        "no_narratives": "No recurring narratives in these 24 hours.",
        "size": "size",
        "items_today": "items today",
        "items_today_one": "item today",
        "sources": "sources",
        "sources_one": "source",
        "areas": "areas",
        "areas_one": "area",
        "first_seen": "first seen",
        "example": "Example",
        "debunk": "Debunk",
        "claim_match": "matches a debunked claim",
        "no_debunk": "no debunk yet",
        "spikes": "Spikes by area",
        "no_spikes": "No new spikes.",
        "new": "new",
        "ongoing": "ongoing",
        "vs_baseline": "expected",
        "priorities": "Priority areas (TPS vulnerability x signals)",
        "map_note": "Map: kecamatan by priority score; numbers = rank in the list below.",
        "no_priorities": "No area with vulnerable TPS has signals today.",
        "score": "score",
        "vulnerable_tps": "vulnerable TPS",
        "signals": "signals",
        "signals_one": "signal",
        "worst_level": "worst level",
        "rec_dialog": "Recommended: community dialogue with",
        "rec_forkopimca": "Recommended: no leaders registered here yet; coordinate with "
                          "the kecamatan Forkopimca/Muspika",
        "topics": "Talk about",
        "overdue": "Overdue follow-ups",
        "no_overdue": "No overdue follow-ups.",
        "days_late": "days late",
        "due": "due",
        "owner": "owner",
        "source_problems": "Source problems",
        "no_source_problems": "All sources healthy.",
        "failing": "failing",
        "stale": "no new data",
        "failures": "consecutive failures",
        "last_success": "last success",
        "more_sources": "more sources with problems not shown; see them all with "
                        "\"sejuk sources list\" or on the dashboard's Sources page",
        "more_sources_one": "more source with problems not shown; see it with "
                            "\"sejuk sources list\" or on the dashboard's Sources page",
        "model": "Active model",
        "no_model": "No active model yet: no items were scored.",
        "holdout": "cross-validated scores",
        "kept_from": "component kept from",
        "trained": "trained",
        "flagged_items": "Flagged items",
        "confidence": "confidence",
        "reasons": "reasons",
        "regions": "areas",
        "no_link": "no safe link",
        "more": "more items not shown; see the dashboard",
        "footer": "Generated by Sejuk. Every flag is a model output shown with its "
                  "confidence and reasons: an analyst decides.",
        "subject_empty": "nothing flagged",
    },
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#|~{}])")


def md_escape(value: Any) -> str:
    """Plain text safe inside a Markdown line: no markup, no raw HTML, no new block, and
    no address a Markdown link finder would make a live link of (a hostile title quoting
    ``http://...`` or ``www....`` stays text in the chat or viewer the digest is pasted to)."""
    text = defuse_links(" ".join(str(value).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return md_escape(value)


def _text_finalize(value: Any) -> Any:
    """Plain text: one line per value, no control characters."""
    if isinstance(value, Markup):
        return str(value)
    return " ".join(str(value).split())


def _md_link(title: Any, url: str | None) -> Markup:
    """``[title](<url>)`` with the title escaped; no link unless the URL is http(s)."""
    url = safe_url(url)
    if not url:
        return Markup(md_escape(title))  # noqa: S704 (escaped above)
    return Markup(f"[{md_escape(title)}](<{url}>)")  # noqa: S704 (escaped, URL checked)


@functools.cache
def _environment(fmt: str) -> Environment:
    loader = PackageLoader("sejuk.digest", "templates")
    if fmt == "html":
        env = Environment(loader=loader, autoescape=select_autoescape(["html"]),
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    elif fmt == "md":
        env = Environment(loader=loader, autoescape=False, undefined=StrictUndefined,  # noqa: S701 (finalize escapes)
                          finalize=_md_finalize, trim_blocks=True, lstrip_blocks=True)
        env.filters["link"] = _md_link
    else:
        env = Environment(loader=loader, autoescape=False, undefined=StrictUndefined,  # noqa: S701 (plain text)
                          finalize=_text_finalize, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: f"{float(v) * 100:.0f}%"
    env.filters["num"] = _num
    env.filters["signed"] = lambda v: f"{v:+d}"
    return env


@pass_context
def _num(context: Context, value: Any) -> str:
    """A figure (a baseline, a score) as the digest's language writes it: 2,5 in
    Indonesian."""
    return number(value, context["d"].language, "g") if isinstance(value, float) \
        else str(value)


def _context(digest: Digest) -> dict[str, Any]:
    zone = ZoneInfo(digest.window.zone)
    t = STRINGS[digest.language]

    def local(value: datetime | None) -> str:
        return format_local(value, zone)

    days = len(digest.counts[0].daily) if digest.counts else 0
    day_labels = [(digest.window.end - (days - 1 - i) * DAY - timedelta(seconds=1))
                  .astimezone(zone).strftime("%d/%m") for i in range(days)]
    chart = trend_svg(digest.counts, day_labels, title=t["chart"]) if digest.counts else ""
    name = t["all"] if digest.jurisdiction == ALL_JURISDICTIONS else digest.jurisdiction_name
    def count(n: int, key: str) -> str:
        """``1 area``, ``2 areas``: the singular where the language has one."""
        return f"{n} {t.get(key + '_one', t[key]) if n == 1 else t[key]}"

    return {
        "d": digest, "t": t, "local": local, "count": count, "zone": zone_label(zone),
        "jurisdiction": name, "chart": Markup(chart),  # noqa: S704 (built from escaped parts)
        "map": Markup(digest.map_svg),  # noqa: S704 (sejuk.maps.svg escapes every name)
        # a source's recorded problem (stored in English) in the digest's language
        "problem": lambda text: problem_in(text, digest.language),
        # the longest failing sources; the rest are counted (JSON lists every one)
        "sources_shown": digest.source_problems[:SOURCE_PROBLEMS_SHOWN],
        "sources_more": max(0, len(digest.source_problems) - SOURCE_PROBLEMS_SHOWN),
        "window_text": f"{format_local(digest.window.start, zone, with_zone=False)} – "
                       f"{format_local(digest.window.end, zone)}",
    }


def subject(digest: Digest) -> str:
    """``[Sejuk] Ringkasan harian Polresta Cirebon 26/11/2026: hoaks 4, provokasi 2``."""
    t = STRINGS[digest.language]
    name = t["all"] if digest.jurisdiction == ALL_JURISDICTIONS else digest.jurisdiction_name
    counts = (", ".join(f"{c.label} {c.today}" for c in digest.counts)
              if not digest.empty else t["subject_empty"])
    text = f"[Sejuk] {t['title']} {name} {digest.day:%d/%m/%Y}: {counts}"
    return " ".join(text.split())


def render(digest: Digest, fmt: str) -> str:
    """The digest in one format: ``html``, ``md``, ``txt`` or ``json``."""
    if fmt not in FORMATS:
        raise InputError.said(_RENDER, "format", fmt=fmt, formats=", ".join(FORMATS))
    if digest.language not in LANGUAGES:
        raise InputError.said(_RENDER, "language", language=digest.language)
    if fmt == "json":
        return json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2)
    template = _environment(fmt).get_template(f"digest.{fmt}")
    return template.render(**_context(digest)).strip() + "\n"


_RENDER: Phrases = {
    "format": {"id": "format ringkasan tidak dikenal {fmt!r}; pakai salah satu dari {formats}",
               "en": "unknown digest format {fmt!r}; use one of {formats}"},
    "language": {"id": "bahasa ringkasan tidak dikenal {language!r}; pakai id atau en",
                 "en": "unknown digest language {language!r}; use id or en"},
}
