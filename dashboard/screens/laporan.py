"""Laporan: an officer's field report from a phone (text or screenshots), the answer to
forward back to the group, and the officer's own earlier reports. One column, large
controls: it is used on a phone in a village."""

from __future__ import annotations

from datetime import datetime, time

import streamlit as st

from dashboard.common import page_context, show_error
from dashboard.format import md_escape
from dashboard.i18n import t
from sejuk import actions
from sejuk.errors import SejukError
from sejuk.regions.gazetteer import children_index, gazetteer_index
from sejuk.reports import GROUP_KINDS, GROUP_KINDS_EN, ReportInput, ReportOutcome

ctx = page_context()
lang = ctx.lang
group_names = GROUP_KINDS_EN if lang == "en" else GROUP_KINDS
NONE = ""

st.title(t("page_laporan", lang))
st.caption(t("laporan_intro", lang))


def place_name(code: str) -> str:
    place = gazetteer_index().get(code)
    return place.name if place else code


def pick(label: str, parent: str, key: str) -> str:
    options = [NONE, *sorted(children_index().get(parent, ()), key=place_name)]
    return st.selectbox(label, options, key=key,
                        format_func=lambda c: t("choose", lang) if c == NONE else place_name(c))


def show_answer(outcome: ReportOutcome) -> None:
    if outcome.claim_match:
        st.warning(t("laporan_debunked", lang), icon=":material/fact_check:")
    else:
        st.success(t("laporan_received", lang), icon=":material/check_circle:")
    st.caption(t("laporan_copy", lang))
    st.code(outcome.reply, language=None, wrap_lines=True)


def show_answers(outcomes: list[ReportOutcome]) -> None:
    """A pasted chat: one answer per message, the debunked ones open, so the officer
    answers in the group the messages that need it."""
    debunked = sum(1 for o in outcomes if o.claim_match)
    st.success(t("laporan_split", lang, n=len(outcomes), debunked=debunked),
               icon=":material/check_circle:")
    st.caption(t("laporan_split_help", lang) + " " + t("laporan_copy", lang))
    for index, outcome in enumerate(outcomes, 1):
        status = status_of(outcome)
        excerpt = " ".join(outcome.text.split())
        excerpt = excerpt if len(excerpt) <= 70 else excerpt[:69] + "…"
        label = t("laporan_message", lang, i=index, excerpt=md_escape(excerpt))
        with st.expander(f"{label} · {status}", expanded=bool(outcome.claim_match)):
            st.code(outcome.reply, language=None, wrap_lines=True)


def status_of(outcome: ReportOutcome) -> str:
    return "✅ " + t("laporan_status_debunked", lang) if outcome.claim_match else (
        t("laporan_status_similar", lang, n=outcome.similar_reports + outcome.similar_items))


# The place picker stays outside the form: each choice narrows the next list at once.
st.markdown(f"**{t('laporan_where', lang)}**")
province = pick(t("provinsi", lang), "", "lap_prov")
kabkota = pick(t("region", lang), province, "lap_kab") if province else NONE
kecamatan = pick(t("kecamatan", lang), kabkota, "lap_kec") if kabkota else NONE
desa = pick(t("desa", lang), kecamatan, "lap_desa") if kecamatan else NONE

with st.form("laporan", clear_on_submit=False):
    how = st.radio(t("laporan_how", lang), ["text", "image"], horizontal=True, key="lap_how",
                   format_func=lambda v: t(f"laporan_{v}", lang))
    text = st.text_area(t("laporan_text", lang), key="lap_text", height=160,
                        max_chars=20_000, placeholder=t("laporan_text_hint", lang))
    # the browser refuses what intake would (reports.max_image_mb), and says the limit,
    # instead of Streamlit's 200MB
    files = st.file_uploader(t("laporan_images", lang), type=["png", "jpg", "jpeg", "webp"],
                             accept_multiple_files=True, key="lap_images",
                             max_upload_size=ctx.ws.settings.reports.max_image_mb)
    place = st.text_input(t("laporan_place", lang), key="lap_place", max_chars=300)
    day_col, time_col = st.columns(2)
    day = day_col.date_input(t("laporan_day", lang), value=ctx.now.astimezone(ctx.zone).date(),
                             key="lap_day", format="DD/MM/YYYY")
    clock = time_col.time_input(t("laporan_time", lang), key="lap_time",
                                value=ctx.now.astimezone(ctx.zone).time().replace(
                                    second=0, microsecond=0))
    group = st.selectbox(t("laporan_group", lang), list(GROUP_KINDS), key="lap_group",
                         index=list(GROUP_KINDS).index("warga"),
                         format_func=lambda g: group_names[g])
    submitted = st.form_submit_button(t("laporan_send", lang), type="primary",
                                      use_container_width=True)

if submitted:
    region = desa or kecamatan or kabkota or province or None
    seen_at = datetime.combine(day, clock if isinstance(clock, time) else time(0),
                               tzinfo=ctx.zone)
    report = ReportInput(
        text=text if how == "text" else "",
        images=tuple((f.name, f.getvalue()) for f in files or []) if how == "image" else (),
        region=region, place=place if not region else "", seen_at=seen_at, group=group)
    try:
        with st.spinner(t("laporan_reading", lang)):
            outcomes = actions.submit_report(ctx.ws, ctx.principal, report)
    except SejukError as exc:
        show_error(ctx, exc)
    else:
        if len(outcomes) == 1:
            show_answer(outcomes[0])
        else:
            show_answers(outcomes)

st.subheader(t("laporan_mine", lang))
with ctx.ws.session() as session:
    mine = actions.my_reports(session, ctx.principal, ctx.ws.settings.classifier.labels)
if not mine:
    st.info(t("laporan_none", lang))
for outcome in mine:
    status = status_of(outcome)
    where = "; ".join(r["name"] for r in outcome.regions) or outcome.place or "-"
    with st.expander(md_escape(f"{ctx.when(outcome.seen_at)} · {where} · {status}")):
        st.text(outcome.text)
        st.caption(md_escape(group_names.get(outcome.group_kind, outcome.group_kind)))
        st.code(outcome.reply, language=None, wrap_lines=True)
