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

from dashboard.common import browser_client, page_context, run_action, show_error
from dashboard.format import md_escape, shorten
from dashboard.guard import grant
from dashboard.i18n import t
from sejuk.errors import SejukError
from sejuk.outreach import plan_recommendations, schedule_dialogue
from sejuk.outreach.leaders import LEADER_KINDS, LEADER_KINDS_EN
from sejuk.outreach.printable import build_printable, render_html, render_pdf
from sejuk.signals import safe_url
from sejuk.timeutil import as_utc, local_today, zone_for_region, zone_label

ctx = page_context()
lang = ctx.lang
zone = ZoneInfo(ctx.ws.settings.timezone)
today = local_today(zone, ctx.now)
kinds = LEADER_KINDS if lang == "id" else LEADER_KINDS_EN

st.title(t("plan_title", lang))
st.caption(t("plan_intro", lang))
left, middle, right = st.columns([1, 2, 1])
day = left.date_input(t("plan_day", lang), value=today, key="dialog_day", format="DD/MM/YYYY")
jurisdiction = middle.text_input(t("plan_jurisdiction", lang), key="dialog_jurisdiction",
                                 help=t("plan_jurisdiction_help", lang)).strip() or None
limit = right.number_input(t("plan_limit", lang), min_value=1, max_value=50, value=10,
                           key="dialog_limit")

try:
    with ctx.ws.session() as session:
        plan = plan_recommendations(session, ctx.ws.settings, day=day,
                                    jurisdiction=jurisdiction, limit=int(limit), lang=lang)
except SejukError as exc:
    show_error(ctx, exc)
    st.stop()

if not plan.recommendations:
    st.info(t("plan_none", lang))

can_edit = ctx.principal.can("analyst")
for rec in plan.recommendations:
    area = rec.area
    with st.expander(t("plan_area", lang, rank=rec.rank, name=md_escape(area.name),
                        code=area.code, score=area.score), expanded=rec.rank == 1):
        st.markdown(f"**{t('plan_why_area', lang)}**")
        for reason in area.reasons:
            st.markdown(f"- {md_escape(reason)}")
        for note in rec.notes:
            st.warning(md_escape(note))
        if rec.leaders:
            st.markdown(f"**{t('plan_leaders', lang)}**")
            st.dataframe(pd.DataFrame([{
                t("plan_col_name", lang): s.leader.name,
                t("plan_col_kind", lang): kinds.get(s.leader.kind, s.leader.kind),
                t("plan_col_org", lang): s.leader.organisation,
                t("plan_col_area", lang): s.leader.region_name,
                t("plan_col_last", lang): (s.leader.last_met.strftime("%d/%m/%Y")
                                       if s.leader.last_met else t("plan_never", lang)),
                t("plan_col_why", lang): "; ".join(s.reasons),
            } for s in rec.leaders]), hide_index=True, width="stretch",
                key=f"dialog_leaders_{area.code}")
        if rec.talking_points:
            st.markdown(f"**{t('plan_points', lang)}**")
            for index, point in enumerate(rec.talking_points, start=1):
                st.markdown(f"{index}\\. {md_escape(shorten(point.claim, 300))}")
                st.caption(md_escape(" · ".join(point.why)))  # names sources
                if point.debunk:
                    link = safe_url(point.debunk.link)
                    st.markdown(f"{t('plan_debunk', lang)} ({md_escape(point.debunk.source)}): "
                                f"**{md_escape(point.debunk.title)}** — "
                                f"{md_escape(shorten(point.debunk.summary, 280))}")
                    if link:
                        st.link_button(t("plan_open_link", lang), link)
                else:
                    st.markdown(f"{t('plan_facts', lang)}:")
                    for fact in point.counter_facts:
                        st.markdown(f"- {md_escape(fact)}")

        if not can_edit:
            st.caption(t("plan_viewer", lang))
            continue
        area_zone = zone_for_region(area.code)
        with st.form(f"dialog_schedule_{area.code}"):
            st.markdown(f"**{t('plan_schedule', lang)}**")
            c1, c2 = st.columns(2)
            when_day = c1.date_input(t("plan_when_day", lang), value=day + timedelta(days=1),
                                     format="DD/MM/YYYY", key=f"dialog_when_{area.code}")
            when_time = c2.time_input(t("plan_when_time", lang, zone=zone_label(area_zone)),
                                      value=time(9, 0), key=f"dialog_time_{area.code}")
            place = st.text_input(t("plan_place", lang), key=f"dialog_place_{area.code}")
            participants = st.text_area(t("plan_participants", lang),
                                        value=f"Kapolsek {area.name}\nCamat {area.name}",
                                        key=f"dialog_participants_{area.code}")
            options = {s.leader.id: f"{s.leader.name} ({kinds.get(s.leader.kind, '')})"
                       for s in rec.leaders}
            invited = st.multiselect(t("plan_invite", lang), list(options),
                                     default=[s.leader.id for s in rec.leaders
                                              if not s.engaged],
                                     format_func=lambda i, o=options: o[i],  # type: ignore[misc]
                                     placeholder=t("choose_many", lang),
                                     key=f"dialog_invite_{area.code}")
            topic_options = [shorten(p.claim, 120) for p in rec.talking_points]
            topics = st.multiselect(t("plan_topics", lang), topic_options, default=topic_options,
                                    placeholder=t("choose_many", lang),
                                    key=f"dialog_topics_{area.code}")
            extra = st.text_input(t("plan_extra_topic", lang), key=f"dialog_extra_{area.code}")
            if st.form_submit_button(t("plan_submit", lang)):
                done = run_action(
                    ctx, schedule_dialogue, region_code=area.code,
                    scheduled_at=as_utc(datetime.combine(when_day, when_time), area_zone),
                    place=place,
                    participants=[p for p in participants.splitlines() if p.strip()],
                    leader_ids=list(invited),
                    topics=[*topics, extra] if extra else list(topics))
                if done:
                    st.success(t("plan_scheduled", lang, id=done.value))

        st.markdown(f"**{t('plan_print', lang)}**")
        st.caption(t("plan_contacts_note", lang))
        store_key = f"dialog_print_{area.code}_{day.isoformat()}"
        if st.button(t("plan_prepare", lang), key=f"dialog_prepare_{area.code}"):
            try:
                with ctx.ws.session() as session:
                    printable = build_printable(session, ctx.ws.settings, kecamatan=area.code,
                                                day=day, principal=ctx.principal)
                client = browser_client()  # only this browser may fetch them
                st.session_state[store_key] = (
                    grant(client, render_html(printable).encode("utf-8")),
                    grant(client, render_pdf(printable)))
            except SejukError as exc:
                show_error(ctx, exc)
        if store_key in st.session_state:
            html, pdf = st.session_state[store_key]
            d1, d2 = st.columns(2)
            d1.download_button(t("plan_download_html", lang), html,
                               file_name=f"rencana-dialog-{area.code}.html", mime="text/html",
                               key=f"dialog_dl_html_{area.code}")
            d2.download_button(t("plan_download_pdf", lang), pdf,
                               file_name=f"rencana-dialog-{area.code}.pdf",
                               mime="application/pdf", key=f"dialog_dl_pdf_{area.code}")
