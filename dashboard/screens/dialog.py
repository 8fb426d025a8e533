"""Rencana dialog: where to hold cooling-system dialogues, with whom, about what.

Widgets only: the recommendations come from :func:`sejuk.outreach.plan_recommendations`,
scheduling goes through :func:`sejuk.outreach.schedule_dialogue` (which checks the role),
printable plans from :mod:`sejuk.outreach.printable` (built on request only, because a
plan with phone numbers is an audited view of contact data).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from dashboard.common import browser_client, page_context
from dashboard.format import md_escape, shorten
from dashboard.guard import grant
from sejuk.auth import AccessDenied
from sejuk.errors import SejukError
from sejuk.leaders import LEADER_KINDS, LEADER_KINDS_EN
from sejuk.outreach import plan_recommendations, schedule_dialogue
from sejuk.outreach.printable import build_printable, render_html, render_pdf
from sejuk.signals import safe_url
from sejuk.timeutil import as_utc, local_today, zone_for_region, zone_label

TEXT = {
    "title": ("Rencana dialog cooling system", "Cooling-system dialogue plan"),
    "intro": ("Wilayah diurutkan menurut prioritas (kerawanan TPS dan sinyal yang naik), dengan "
              "tokoh yang disarankan dan bahan pembicaraan beserta bantahannya.",
              "Areas ranked by priority (TPS vulnerability and rising signals), with suggested "
              "leaders and talking points with their debunks."),
    "day": ("Tanggal", "Date"),
    "jurisdiction": ("Wilayah hukum (opsional)", "Jurisdiction (optional)"),
    "jurisdiction_help": ("Mis. 'Polresta Cirebon', 'Polsek Plumbon' atau kode wilayah.",
                          "E.g. 'Polresta Cirebon', 'Polsek Plumbon' or a region code."),
    "limit": ("Jumlah wilayah", "Areas"),
    "none": ("Tidak ada wilayah dengan TPS rawan atau sinyal pada tanggal ini.",
             "No area with vulnerable TPS or signals on this day."),
    "area": ("#{rank} Kec. {name} ({code}) · skor {score:.2f}",
             "#{rank} {name} district ({code}) · score {score:.2f}"),
    "why_area": ("Mengapa wilayah ini", "Why this area"),
    "leaders": ("Tokoh yang disarankan", "Suggested leaders"),
    "col_name": ("Nama", "Name"), "col_kind": ("Jenis", "Kind"),
    "col_org": ("Organisasi", "Organisation"), "col_area": ("Wilayah", "Area"),
    "col_why": ("Alasan", "Why"), "col_last": ("Dialog terakhir", "Last dialogue"),
    "never": ("belum pernah", "never"),
    "points": ("Bahan pembicaraan", "Talking points"),
    "debunk": ("Bantahan", "Debunk"), "facts": ("Fakta pembanding", "Facts to counter it"),
    "open_link": ("buka bantahan", "open debunk"),
    "schedule": ("Jadwalkan dialog di wilayah ini", "Schedule a dialogue here"),
    "when_day": ("Tanggal dialog", "Dialogue date"), "when_time": ("Jam ({zone})", "Time ({zone})"),
    "place": ("Tempat", "Place"),
    "participants": ("Peserta Polsek/Muspika (satu per baris)",
                     "Polsek/Muspika participants (one per line)"),
    "invite": ("Tokoh yang diundang", "Leaders invited"),
    "topics": ("Topik", "Topics"),
    "extra_topic": ("Topik lain (opsional)", "Other topic (optional)"),
    "submit": ("Simpan jadwal", "Save schedule"),
    "scheduled": ("Dialog {id} dijadwalkan; lihat halaman log dialog.",
                  "Dialogue {id} scheduled; see the dialogue log page."),
    "viewer": ("Hanya analis/admin yang dapat menjadwalkan dialog.",
               "Only analysts/admins can schedule dialogues."),
    "denied": ("Akses ditolak untuk peran Anda.", "Access denied for your role."),
    "print": ("Cetak rencana kecamatan", "Print the kecamatan plan"),
    "prepare": ("Siapkan HTML dan PDF", "Prepare HTML and PDF"),
    "contacts_note": ("Rencana cetak memuat nomor kontak; pembuatannya dicatat di log audit.",
                      "The printed plan includes phone numbers; preparing it is audited."),
    "download_html": ("Unduh HTML", "Download HTML"), "download_pdf": ("Unduh PDF", "Download PDF"),
}


def tr(key: str, lang: str, **values: object) -> str:
    text = TEXT[key][0 if lang == "id" else 1]
    return text.format(**values) if values else text


ctx = page_context()
lang = ctx.lang
zone = ZoneInfo(ctx.ws.settings.timezone)
today = local_today(zone, ctx.now)
kinds = LEADER_KINDS if lang == "id" else LEADER_KINDS_EN

st.title(tr("title", lang))
st.caption(tr("intro", lang))
left, middle, right = st.columns([1, 2, 1])
day = left.date_input(tr("day", lang), value=today, key="dialog_day", format="DD/MM/YYYY")
jurisdiction = middle.text_input(tr("jurisdiction", lang), key="dialog_jurisdiction",
                                 help=tr("jurisdiction_help", lang)).strip() or None
limit = right.number_input(tr("limit", lang), min_value=1, max_value=50, value=10,
                           key="dialog_limit")

try:
    with ctx.ws.session() as session:
        plan = plan_recommendations(session, ctx.ws.settings, day=day,
                                    jurisdiction=jurisdiction, limit=int(limit))
except SejukError as exc:
    st.error(md_escape(str(exc)))
    st.stop()

if not plan.recommendations:
    st.info(tr("none", lang))

can_edit = ctx.principal.can("analyst")
for rec in plan.recommendations:
    area = rec.area
    with st.expander(tr("area", lang, rank=rec.rank, name=md_escape(area.name),
                        code=area.code, score=area.score), expanded=rec.rank == 1):
        st.markdown(f"**{tr('why_area', lang)}**")
        for reason in area.reasons:
            st.markdown(f"- {md_escape(reason)}")
        for note in rec.notes:
            st.warning(md_escape(note))
        if rec.leaders:
            st.markdown(f"**{tr('leaders', lang)}**")
            st.dataframe(pd.DataFrame([{
                tr("col_name", lang): s.leader.name,
                tr("col_kind", lang): kinds.get(s.leader.kind, s.leader.kind),
                tr("col_org", lang): s.leader.organisation,
                tr("col_area", lang): s.leader.region_name,
                tr("col_last", lang): (s.leader.last_met.strftime("%d/%m/%Y")
                                       if s.leader.last_met else tr("never", lang)),
                tr("col_why", lang): "; ".join(s.reasons),
            } for s in rec.leaders]), hide_index=True, width="stretch",
                key=f"dialog_leaders_{area.code}")
        if rec.talking_points:
            st.markdown(f"**{tr('points', lang)}**")
            for index, point in enumerate(rec.talking_points, start=1):
                st.markdown(f"{index}\\. {md_escape(shorten(point.claim, 300))}")
                st.caption(md_escape(" · ".join(point.why)))  # names sources
                if point.debunk:
                    link = safe_url(point.debunk.link)
                    st.markdown(f"{tr('debunk', lang)} ({md_escape(point.debunk.source)}): "
                                f"**{md_escape(point.debunk.title)}** — "
                                f"{md_escape(shorten(point.debunk.summary, 280))}")
                    if link:
                        st.link_button(tr("open_link", lang), link)
                else:
                    st.markdown(f"{tr('facts', lang)}:")
                    for fact in point.counter_facts:
                        st.markdown(f"- {md_escape(fact)}")

        if not can_edit:
            st.caption(tr("viewer", lang))
            continue
        area_zone = zone_for_region(area.code)
        with st.form(f"dialog_schedule_{area.code}"):
            st.markdown(f"**{tr('schedule', lang)}**")
            c1, c2 = st.columns(2)
            when_day = c1.date_input(tr("when_day", lang), value=day + timedelta(days=1),
                                     format="DD/MM/YYYY", key=f"dialog_when_{area.code}")
            when_time = c2.time_input(tr("when_time", lang, zone=zone_label(area_zone)),
                                      value=time(9, 0), key=f"dialog_time_{area.code}")
            place = st.text_input(tr("place", lang), key=f"dialog_place_{area.code}")
            participants = st.text_area(tr("participants", lang),
                                        value=f"Kapolsek {area.name}\nCamat {area.name}",
                                        key=f"dialog_participants_{area.code}")
            options = {s.leader.id: f"{s.leader.name} ({kinds.get(s.leader.kind, '')})"
                       for s in rec.leaders}
            invited = st.multiselect(tr("invite", lang), list(options),
                                     default=[s.leader.id for s in rec.leaders
                                              if not s.recently_met],
                                     format_func=lambda i, o=options: o[i],  # type: ignore[misc]
                                     key=f"dialog_invite_{area.code}")
            topic_options = [shorten(p.claim, 120) for p in rec.talking_points]
            topics = st.multiselect(tr("topics", lang), topic_options, default=topic_options,
                                    key=f"dialog_topics_{area.code}")
            extra = st.text_input(tr("extra_topic", lang), key=f"dialog_extra_{area.code}")
            if st.form_submit_button(tr("submit", lang)):
                try:
                    with ctx.ws.session() as session:
                        new_id = schedule_dialogue(
                            session, region_code=area.code,
                            scheduled_at=as_utc(datetime.combine(when_day, when_time),
                                                area_zone),
                            place=place,
                            participants=[p for p in participants.splitlines() if p.strip()],
                            leader_ids=list(invited), topics=[*topics, extra] if extra
                            else list(topics), principal=ctx.principal)
                    st.success(tr("scheduled", lang, id=new_id))
                except AccessDenied:
                    st.error(tr("denied", lang))
                except SejukError as exc:
                    st.error(md_escape(str(exc)))

        st.markdown(f"**{tr('print', lang)}**")
        st.caption(tr("contacts_note", lang))
        store_key = f"dialog_print_{area.code}_{day.isoformat()}"
        if st.button(tr("prepare", lang), key=f"dialog_prepare_{area.code}"):
            try:
                with ctx.ws.session() as session:
                    printable = build_printable(session, ctx.ws.settings, kecamatan=area.code,
                                                day=day, principal=ctx.principal)
                client = browser_client()  # only this browser may fetch them
                st.session_state[store_key] = (
                    grant(client, render_html(printable).encode("utf-8")),
                    grant(client, render_pdf(printable)))
            except SejukError as exc:
                st.error(md_escape(str(exc)))
        if store_key in st.session_state:
            html, pdf = st.session_state[store_key]
            d1, d2 = st.columns(2)
            d1.download_button(tr("download_html", lang), html,
                               file_name=f"rencana-dialog-{area.code}.html", mime="text/html",
                               key=f"dialog_dl_html_{area.code}")
            d2.download_button(tr("download_pdf", lang), pdf,
                               file_name=f"rencana-dialog-{area.code}.pdf",
                               mime="application/pdf", key=f"dialog_dl_pdf_{area.code}")
