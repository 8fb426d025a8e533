"""Ringkasan: the day's picture — what is new, where, how sure, what is urgent."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common import export_buttons, item_rows, page_context, show_items_table
from dashboard.format import count_text, delta_text, md_escape, shorten
from dashboard.i18n import t
from dashboard.loaders import (
    busiest_kabkota,
    daily_trend,
    data_version,
    map_view,
    minute,
    overview,
)
from dashboard.mapfigure import PLOTLY_CONFIG, build_figure
from dashboard.trendfigure import trend_figure

ctx = page_context()
lang = ctx.lang
home = st.session_state["home"]
data = overview(home, data_version(home), minute(ctx.now))

st.title(t("app_title", lang))
if ctx.ws.kind() == "demo":
    st.info(t("demo_banner", lang), icon=":material/science:")

volume = data["volume"]
trends = data["trends"]
columns = st.columns(1 + len(trends))
change = volume.today - volume.previous
columns[0].metric(t("items_24h", lang), count_text(volume.today, lang),
                  delta=delta_text(change, t("vs_yesterday", lang), lang),
                  delta_color="off",  # more items is neither good nor bad news
                  delta_arrow="off" if change == 0 else "auto",
                  help=t("baseline", lang, value=volume.baseline), border=True)
for column, trend in zip(columns[1:], trends, strict=True):
    # More flagged items is bad news: red when up, green when down, grey when unchanged.
    column.metric(t("flagged_24h", lang, label=trend.label), count_text(trend.today, lang),
                  delta=delta_text(trend.change, t("vs_yesterday", lang), lang),
                  delta_color="off" if trend.change == 0 else "inverse",
                  delta_arrow="off" if trend.change == 0 else "auto",
                  help=t("baseline", lang, value=trend.baseline), border=True)
model = data["model"]
if model is None:
    st.warning(t("model_none", lang))
else:
    st.caption(t("model_serving", lang, version=model[0], f1=model[1]))

# The spikes, priorities and small map are of one local day: today, or yesterday while
# today has no priority yet (just after midnight the 24-hour figures above still count
# last evening's flags).
picture = data["day"]
when = t("day_yesterday", lang, day=f"{picture.day:%d/%m}") if picture.fallback \
    else t("day_today", lang)
trend_col, map_col = st.columns([3, 2])
with trend_col:
    st.subheader(t("trend_title", lang))
    days = daily_trend(home, data_version(home), minute(ctx.now))
    st.plotly_chart(trend_figure(days, lang), key="overview_trend",
                    config={"displaylogo": False})
with map_col:
    # The regency the Peta page opens on (most flagged items this week), today's scores.
    scope = busiest_kabkota(home, data_version(home), ctx.now)
    small = map_view(home, data_version(home), scope, picture.day, 1, None, lang)
    st.subheader(t("overview_map", lang, when=when)
                 + (f": {small.scope}" if small.scope else ""))
    st.plotly_chart(build_figure(small, "priority", lang=lang, height=380, show_tps=False,
                                 show_markers=False, names="top"), key="overview_map",
                    config=PLOTLY_CONFIG)

urgent = data["urgent"]
if urgent:
    st.subheader("🚨 " + t("urgent_items", lang))
    show_items_table(item_rows(urgent, lang, ctx.zone), lang, key="overview_urgent")

left, right = st.columns(2)
with left:
    st.subheader(t("spikes", lang, when=when))
    if picture.spikes:
        st.dataframe(pd.DataFrame([
            {t("kecamatan", lang): s.name, t("col_code", lang): s.code,
             t("col_yesterday" if picture.fallback else "col_today", lang): s.today,
             t("col_baseline", lang): round(s.baseline, 2)}
            for s in picture.spikes]),
            hide_index=True, width="stretch", key="overview_spikes")
    else:
        st.caption(t("no_spikes", lang))
with right:
    st.subheader(t("top_narratives", lang))
    if data["narratives"]:
        st.dataframe(pd.DataFrame([
            {t("col_recent", lang): n.recent, t("col_size", lang): n.size,
             t("narrative", lang): shorten(n.title, 90),
             t("col_debunk", lang): shorten(n.debunk_title or "", 60),
             t("col_last", lang): ctx.when(n.last_seen)}
            for n in data["narratives"]]), hide_index=True, width="stretch",
            key="overview_narratives")
    else:
        st.caption(t("no_signalled_narratives", lang))

st.subheader(t("top_areas", lang, when=when))
if picture.fallback:  # after midnight: last evening's picture, said so
    st.caption(t("day_fallback", lang, day=f"{picture.day:%d/%m/%Y}"))
priorities = picture.priorities
priority_rows = [
    {t("kecamatan", lang): p.name, t("col_code", lang): p.code,
     t("col_score", lang): round(p.score, 2), t("col_flagged", lang): p.flagged,
     t("col_baseline", lang): round(p.baseline_per_day, 2),
     t("col_spike", lang): "▲" if p.spike else "", **p.tps}
    for p in priorities if p.score > 0]  # as the map ranks: a zero is no priority
if priority_rows:
    st.dataframe(pd.DataFrame(priority_rows), hide_index=True, width="stretch",
                 key="overview_priorities")
    export_buttons(ctx, "priorities", lambda: priority_rows, key="overview_export")
else:
    st.caption(t("no_top_areas", lang))
areas = data["areas"]
if areas:
    st.caption(t("areas", lang))
    st.dataframe(pd.DataFrame([
        {t("col_area", lang): a.name, t("col_code", lang): a.code,
         t("col_flagged", lang): a.flagged, t("col_items", lang): a.items, **a.tps,
         t("col_worst", lang): a.worst_level or "-"}
        for a in areas[:15]
    ]), hide_index=True, width="stretch", key="overview_areas")

overdue = data["overdue"]
if overdue:  # shown only when there is something to chase
    st.subheader(t("overdue", lang))
    st.dataframe(pd.DataFrame([
        {t("col_description", lang): d, t("col_owner", lang): o, t("col_due", lang): due,
         t("col_region", lang): area} for d, o, due, area in overdue]),
        hide_index=True, width="stretch", key="overview_overdue")

st.subheader(t("sources", lang))
if not data["sources"]:  # a new workspace: where the first source comes from
    st.info(t("no_sources_admin" if ctx.principal.can("admin") else "no_sources_other",
              lang), icon=":material/rss_feed:")
else:
    st.dataframe(pd.DataFrame([
        {t("col_source", lang): name, t("col_kind", lang): kind,
         t("col_last_ok", lang): ctx.when(last_ok), t("col_failures", lang): failures}
        for name, kind, last_ok, failures in data["sources"]
    ]), hide_index=True, width="stretch", key="overview_sources")
st.caption(md_escape(t("flagged_items", lang)) + " → " + t("page_items", lang))
