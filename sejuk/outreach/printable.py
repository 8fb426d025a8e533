"""A printable dialogue plan per kecamatan (HTML and PDF) for officers without a laptop.

One sheet per kecamatan: why the area matters, which leaders to invite (with phone
numbers only when the person printing may see them; that view is audited like any
other), the talking points with their debunks or counter-facts, the planned dialogues
and the open follow-ups. HTML is self-contained (no external CSS, fonts or scripts) with
print CSS; every piece of feed text is escaped by Jinja2's autoescape. The PDF is drawn
with fpdf2's core fonts, so text is reduced to Latin-1 (unsupported characters become
``?``) — enough for Indonesian.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from fpdf import FPDF
from jinja2 import Environment, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session

from sejuk.access.auth import Principal
from sejuk.db.models import Region
from sejuk.errors import InputError
from sejuk.maps.svg import Picture, draw_pdf, picture, to_svg
from sejuk.maps.view import map_data
from sejuk.outreach.gather import RECENT_WINDOW, plan_recommendations
from sejuk.outreach.leaders import CONTACT_ROLE, LEADER_KINDS, list_leaders
from sejuk.outreach.plan import DialogueView, FollowUpView, follow_ups, list_dialogues
from sejuk.outreach.recommend import Recommendation
from sejuk.phrases import Phrases
from sejuk.settings import Settings
from sejuk.signals import area_of, safe_url
from sejuk.timeutil import format_local, utc_now, zone_for_region

#: Refusals of a printable plan, in the reader's language.
_ERRORS: Phrases = {"not_kecamatan": {
    "id": "{code!r} bukan kode kecamatan (mis. 32.09.15)",
    "en": "{code!r} is not a kecamatan code (e.g. 32.09.15)"}}


@dataclass(frozen=True)
class PrintLeader:
    name: str
    kind: str
    organisation: str
    area: str
    phone: str | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PrintablePlan:
    kecamatan: str
    kecamatan_name: str
    day: date
    generated_at: str
    generated_by: str
    recommendation: Recommendation | None
    leaders: tuple[PrintLeader, ...]
    contacts_shown: bool
    planned: tuple[DialogueView, ...]
    open_follow_ups: tuple[FollowUpView, ...]
    #: The kecamatan in its kabupaten/kota, coloured by the plan's priority score.
    map: Picture | None = None

    @property
    def map_svg(self) -> str:
        return to_svg(self.map) if self.map else ""


def build_printable(session: Session, settings: Settings, *, kecamatan: str, day: date,
                    principal: Principal) -> PrintablePlan:
    """Gather one kecamatan's plan; contacts only for analysts/admins (audited)."""
    region = session.get(Region, kecamatan)
    if region is None or region.level != "kecamatan":
        raise InputError.said(_ERRORS, "not_kecamatan", code=kecamatan)
    plan = plan_recommendations(session, settings, day=day, jurisdiction=kecamatan)
    rec = next((r for r in plan.recommendations if r.area.code == kecamatan), None)
    suggested = rec.leaders if rec else ()
    contacts_shown = principal.can(CONTACT_ROLE)
    phones: dict[int, str | None] = {}
    if suggested and contacts_shown:
        for view in list_leaders(session, principal=principal, with_contact=True,
                                 ids=[s.leader.id for s in suggested],
                                 purpose=f"print:{kecamatan}"):
            phones[view.id] = view.phone
    leaders = tuple(PrintLeader(s.leader.name, LEADER_KINDS.get(s.leader.kind, s.leader.kind),
                                s.leader.organisation, s.leader.region_name,
                                phones.get(s.leader.id), s.reasons) for s in suggested)
    planned = tuple(reversed(list_dialogues(session, region_prefix=kecamatan,
                                            status="planned")))
    open_fus = tuple(follow_ups(session, jurisdiction=kecamatan, open_only=True))
    zone = zone_for_region(kecamatan)
    return PrintablePlan(kecamatan, region.name, day, format_local(utc_now(), zone),
                         principal.username, rec, leaders, contacts_shown, planned, open_fus,
                         _plan_map(session, settings, kecamatan, day, region.name))


def _plan_map(session: Session, settings: Settings, kecamatan: str, day: date,
              name: str) -> Picture | None:
    """The kecamatan's kabupaten/kota coloured by the score the plan ranks by (same days),
    the kecamatan outlined, the top areas numbered."""
    data = map_data(session, settings, scope=area_of(kecamatan, "kabkota"), day=day,
                    window_days=RECENT_WINDOW, level="kecamatan")
    if not data.areas:
        return None
    return picture(data, "priority", width=680, height=400, highlight=kecamatan,
                   title=f"Peta prioritas {data.scope}: Kecamatan {name}")


_TEMPLATE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Rencana dialog Kecamatan {{ p.kecamatan_name }} ({{ p.kecamatan }})</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; margin: 1.5cm;
       color: #111; }
h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1.2em 0 .4em;
     border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #bbb;
        padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eee; } .muted { color: #555; font-size: 9pt; }
.point { border: 1px solid #bbb; padding: 6px 8px; margin: 6px 0; page-break-inside: avoid; }
.map { margin: .6em 0; page-break-inside: avoid; } .map svg { max-width: 100%; height: auto; }
.box { display: inline-block; width: 10px; height: 10px; border: 1px solid #333; }
@media print { body { margin: 0; } a { color: #111; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 8pt; }
  h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
</style></head><body>
<h1>Rencana Dialog Kamtibmas — Kecamatan {{ p.kecamatan_name }}</h1>
<div class="muted">Kode {{ p.kecamatan }} · tanggal rencana {{ p.day.strftime('%d/%m/%Y') }}
 · dicetak {{ p.generated_at }} oleh {{ p.generated_by }} · TERBATAS, jangan disebarkan</div>
{% if p.recommendation %}
<h2>Mengapa wilayah ini (prioritas #{{ p.recommendation.rank }},
 skor {{ '%.2f' % p.recommendation.area.score }})</h2>
<ul>{% for r in p.recommendation.area.reasons %}<li>{{ r }}</li>{% endfor %}</ul>
{% for n in p.recommendation.notes %}<p><em>{{ n }}</em></p>{% endfor %}
{% else %}
<p><em>Wilayah ini tidak termasuk prioritas pada tanggal ini (tidak ada TPS rawan atau sinyal
yang terpantau).</em></p>
{% endif %}
{% if p.map %}<div class="map">{{ p.map_svg | safe }}<div class="muted">Kecamatan
{{ p.kecamatan_name }} bergaris biru; angka = peringkat prioritas {{ p.day.strftime('%d/%m/%Y') }}
(3 hari).</div></div>{% endif %}
<h2>Tokoh yang diundang</h2>
{% if p.leaders %}
<table><tr><th></th><th>Nama</th><th>Jenis</th><th>Organisasi</th><th>Wilayah</th>
{% if p.contacts_shown %}<th>Kontak</th>{% endif %}<th>Alasan</th></tr>
{% for l in p.leaders %}<tr><td><span class="box"></span></td><td>{{ l.name }}</td>
<td>{{ l.kind }}</td><td>{{ l.organisation }}</td><td>{{ l.area }}</td>
{% if p.contacts_shown %}<td>{{ l.phone or '-' }}</td>{% endif %}
<td>{{ l.reasons | join('; ') }}</td></tr>{% endfor %}</table>
{% if not p.contacts_shown %}<p class="muted">Kontak tidak dicetak: hanya analis/admin yang
dapat melihatnya.</p>{% endif %}
{% else %}<p>Belum ada tokoh terdaftar di kecamatan ini.</p>{% endif %}
<h2>Bahan pembicaraan</h2>
{% if p.recommendation and p.recommendation.talking_points %}
{% for t in p.recommendation.talking_points %}<div class="point">
<strong>Isu {{ loop.index }}: {{ t.claim }}</strong>
<div class="muted">{{ t.why | join(' · ') }}</div>
{% if t.debunk %}<p>Bantahan ({{ t.debunk.source }}): <strong>{{ t.debunk.title }}</strong><br>
{{ t.debunk.summary }}{% set url = t.debunk.link | safe_url %}
{% if url %}<br><a href="{{ url }}">{{ url }}</a>{% endif %}</p>
{% else %}<p>Fakta pembanding:</p>
<ul>{% for f in t.counter_facts %}<li>{{ f }}</li>{% endfor %}</ul>
{% endif %}</div>{% endfor %}
{% else %}<p>Tidak ada narasi yang terpantau; fokus pada pencegahan dan kerawanan TPS.</p>
{% endif %}
<h2>Dialog yang direncanakan</h2>
{% if p.planned %}<table><tr><th>Waktu</th><th>Tempat</th><th>Peserta</th><th>Tokoh</th>
<th>Topik</th></tr>{% for d in p.planned %}<tr><td>{{ fmt(d.scheduled_at, d.region_code) }}</td>
<td>{{ d.place }}</td><td>{{ d.participants | join(', ') }}</td>
<td>{{ d.leaders | map(attribute='name') | join(', ') }}</td>
<td>{{ d.topics | join('; ') }}</td></tr>{% endfor %}</table>
{% else %}<p>Belum ada dialog terjadwal.</p>{% endif %}
<h2>Tindak lanjut terbuka</h2>
{% if p.open_follow_ups %}<table><tr><th></th><th>Tindak lanjut</th><th>Penanggung jawab</th>
<th>Batas waktu</th></tr>{% for f in p.open_follow_ups %}<tr><td><span class="box"></span></td>
<td>{{ f.description }}</td><td>{{ f.owner }}</td>
<td>{{ f.due_date.strftime('%d/%m/%Y') }}{% if f.due_date < p.day %} (TERLAMBAT){% endif %}</td>
</tr>{% endfor %}</table>
{% else %}<p>Tidak ada tindak lanjut terbuka.</p>{% endif %}
<h2>Catatan lapangan</h2>
<div style="height: 6cm; border: 1px solid #bbb;"></div>
</body></html>
"""


def printable_url(link: str | None) -> str:
    """The link as printed: :func:`sejuk.signals.safe_url`, else nothing (a feed may carry
    ``javascript:``)."""
    return safe_url(link) or ""


def _fmt(value: datetime, region_code: str) -> str:
    return format_local(value, zone_for_region(region_code))


def render_html(plan: PrintablePlan) -> str:
    """The plan as one self-contained HTML document (feed text escaped)."""
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined)
    env.filters["safe_url"] = printable_url
    return env.from_string(_TEMPLATE).render(p=plan, fmt=_fmt)


def _latin1(text: str) -> str:
    """Core PDF fonts speak Latin-1: fold accents and typographic quotes, replace the rest."""
    table = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
             "\u2014": "-", "\u2026": "...", "\u00b7": "-", "\u2022": "-",
             "\u2265": ">=", "\u2212": "-"}
    text = "".join(table.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKC", text)
    return text.encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer_text

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, _latin1(f"{self._footer_text} - halaman {self.page_no()}"),
                  align="C")


def _pdf_map(pdf: FPDF, plan: PrintablePlan, width: float) -> None:
    """The plan's map (vector drawing), on a new page when too little room is left."""
    if plan.map is None:
        return
    if pdf.get_y() + 100 > pdf.h - 20:
        pdf.add_page()
    top = pdf.get_y() + 2
    height = draw_pdf(pdf, plan.map, pdf.l_margin, top, width, text=_latin1)
    pdf.set_xy(pdf.l_margin, top + height + 1)
    pdf.set_font("Helvetica", size=8)
    pdf.multi_cell(width, 5, _latin1(f"Kecamatan {plan.kecamatan_name} bergaris biru; "
                                     "angka = peringkat prioritas."))
    pdf.set_font("Helvetica", size=10)


def render_pdf(plan: PrintablePlan) -> bytes:
    """The same content as :func:`render_html`, as an A4 PDF."""
    pdf = _Pdf(f"Rencana dialog Kec. {plan.kecamatan_name} - TERBATAS")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(width, 7, _latin1(text))
        pdf.set_font("Helvetica", size=10)

    def line(text: str, indent: int = 0) -> None:
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, 5, _latin1(text))

    heading(f"Rencana Dialog Kamtibmas - Kecamatan {plan.kecamatan_name}", 15)
    line(f"Kode {plan.kecamatan} - tanggal rencana {plan.day:%d/%m/%Y} - dicetak "
         f"{plan.generated_at} oleh {plan.generated_by} - TERBATAS")
    rec = plan.recommendation
    if rec:
        heading(f"Mengapa wilayah ini (prioritas #{rec.rank}, skor {rec.area.score:.2f})")
        for reason in rec.area.reasons:
            line(f"- {reason}", 3)
        for note in rec.notes:
            line(note)
    else:
        line("Wilayah ini tidak termasuk prioritas pada tanggal ini.")
    if plan.map is not None:
        _pdf_map(pdf, plan, width)
    heading("Tokoh yang diundang")
    if not plan.leaders:
        line("Belum ada tokoh terdaftar di kecamatan ini.")
    for leader in plan.leaders:
        contact = f" - {leader.phone or '-'}" if plan.contacts_shown else ""
        line(f"[ ] {leader.name} ({leader.kind}, {leader.organisation}, {leader.area})"
             f"{contact}")
        line("Alasan: " + "; ".join(leader.reasons), 8)
    if plan.leaders and not plan.contacts_shown:
        line("Kontak tidak dicetak: hanya analis/admin yang dapat melihatnya.")
    heading("Bahan pembicaraan")
    if not rec or not rec.talking_points:
        line("Tidak ada narasi yang terpantau; fokus pada pencegahan dan kerawanan TPS.")
    for index, point in enumerate(rec.talking_points if rec else (), start=1):
        pdf.set_font("Helvetica", "B", 10)
        line(f"Isu {index}: {point.claim}")
        pdf.set_font("Helvetica", size=10)
        line(" - ".join(point.why), 5)
        if point.debunk:
            line(f"Bantahan ({point.debunk.source}): {point.debunk.title}", 5)
            line(point.debunk.summary, 5)
            if safe_url(point.debunk.link):
                line(safe_url(point.debunk.link), 5)
        else:
            line("Fakta pembanding:", 5)
            for fact in point.counter_facts:
                line(f"- {fact}", 8)
    heading("Dialog yang direncanakan")
    if not plan.planned:
        line("Belum ada dialog terjadwal.")
    for d in plan.planned:
        line(f"{_fmt(d.scheduled_at, d.region_code)} - {d.place}")
        if d.participants:
            line("Peserta: " + ", ".join(d.participants), 5)
        if d.leaders:
            line("Tokoh: " + ", ".join(i.name for i in d.leaders), 5)
        if d.topics:
            line("Topik: " + "; ".join(d.topics), 5)
    heading("Tindak lanjut terbuka")
    if not plan.open_follow_ups:
        line("Tidak ada tindak lanjut terbuka.")
    for f in plan.open_follow_ups:
        late = " (TERLAMBAT)" if f.due_date < plan.day else ""
        line(f"[ ] {f.description} - {f.owner} - batas {f.due_date:%d/%m/%Y}{late}")
    heading("Catatan lapangan")
    pdf.rect(pdf.l_margin, pdf.get_y() + 1, width, 50)
    return bytes(pdf.output())
