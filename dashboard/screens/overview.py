"""Ringkasan: the day's picture — counts vs yesterday, flagged items, areas x TPS levels."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.format import safe_link, shorten
from dashboard.i18n import t
from dashboard.loaders import workspace
from sejuk.timeutil import format_local, utc_now
from sejuk.views import (
    ItemFilter,
    active_model,
    area_overlay,
    flagged_items,
    item_count,
    label_trends,
    source_freshness,
)
from sejuk.workspace import Workspace

ws: Workspace = workspace(st.session_state["home"])
lang: str = st.session_state.get("lang", "id")
settings = ws.settings
labels = settings.classifier.labels
now = utc_now()

st.title(t("app_title", lang))
if ws.kind() == "demo":
    st.info(t("demo_banner", lang), icon=":material/science:")

windows = {"window_24h": timedelta(hours=24), "window_7d": timedelta(days=7),
           "window_28d": timedelta(days=28)}

with ws.session() as session:
    version = active_model(session)
    trends = label_trends(session, version, labels, now)
    total = item_count(session)

columns = st.columns(1 + len(trends))
columns[0].metric(t("items_total", lang), f"{total:,}".replace(",", "."))
for column, trend in zip(columns[1:], trends, strict=True):
    column.metric(t("flagged_24h", lang, label=trend.label), trend.today,
                  delta=f"{trend.change:+d} {t('vs_yesterday', lang)}", delta_color="inverse",
                  help=t("baseline", lang, value=trend.baseline))
if version is None:
    st.warning(t("model_none", lang))
else:
    st.caption(t("model_active", lang, version=version.id,
                 f1=float(version.metrics.get("macro_f1", 0.0))))

st.subheader(t("flagged_items", lang))
left, middle, right = st.columns([2, 2, 1])
window_key = left.selectbox(t("window", lang), list(windows), index=1,
                            format_func=lambda k: t(k, lang), key="overview_window")
chosen = middle.multiselect(t("label_filter", lang), list(labels), default=list(labels),
                            key="overview_labels")
page_size = right.selectbox(t("page_size", lang), [25, 50, 100], index=0,
                            key="overview_page_size")
page = st.number_input(t("page", lang), min_value=1, value=1, step=1, key="overview_page")
since = now - windows[window_key]

with ws.session() as session:
    rows = flagged_items(session, version, ItemFilter(labels=tuple(chosen), since=since),
                         limit=int(page_size), offset=(int(page) - 1) * int(page_size))
    areas = area_overlay(session, version, since)
    sources = source_freshness(session)

if not rows:
    st.info(t("no_items", lang))
else:
    frame = pd.DataFrame([
        {
            t("col_time", lang): format_local(r.published_at),
            t("col_title", lang): shorten(r.title or r.text, 140)
            + (f" [{t('debunk', lang)}]" if r.is_debunk else ""),
            t("col_flags", lang): ", ".join(f"{label} {r.scores[label]:.0%}" for label in r.flags),
            t("col_reasons", lang): "; ".join(
                f"{label}: {', '.join(r.reasons.get(label, [])[:4])}" for label in r.flags),
            t("col_region", lang): ", ".join(r.regions[:3]),
            t("col_source", lang): r.source,
            t("col_link", lang): safe_link(r.link),
        }
        for r in rows
    ])
    st.dataframe(frame, hide_index=True, width="stretch",
                 column_config={t("col_link", lang): st.column_config.LinkColumn(
                     display_text="buka")})

st.subheader(t("areas", lang))
if areas:
    st.dataframe(pd.DataFrame([
        {t("col_area", lang): a.name, "Kode": a.code, t("col_flagged", lang): a.flagged,
         t("col_items", lang): a.items, **a.tps, t("col_worst", lang): a.worst_level or "-"}
        for a in areas
    ]), hide_index=True, width="stretch")

st.subheader(t("sources", lang))
st.dataframe(pd.DataFrame([
    {t("col_source", lang): name, "Jenis": kind,
     t("col_last_ok", lang): format_local(last_ok), t("col_failures", lang): failures}
    for name, kind, last_ok, failures in sources
]), hide_index=True, width="stretch")
