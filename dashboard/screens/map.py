"""Peta: TPS coloured by vulnerability level and signal intensity per kecamatan/desa, in
a time window; choose an area (click it or pick it) to drill down.

No tile server is contacted: without ``dashboard.tile_url`` the map is a plain lon/lat
scatter; with it, the configured (e.g. local) raster tiles are drawn beneath.
"""

from __future__ import annotations

from datetime import datetime as dt
from datetime import time as dtime
from datetime import timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.common import (
    export_buttons,
    flash,
    item_rows,
    page_context,
    run_action,
    show_items_table,
    time_window,
)
from dashboard.i18n import t
from dashboard.loaders import data_version, map_signals, map_tps, minute
from sejuk import actions
from sejuk.timeutil import as_utc, local_today
from sejuk.tps import LEVEL_LABELS, LEVEL_LABELS_EN, Level
from sejuk.views import (
    CLAIM_MATCH_LABEL,
    ItemFilter,
    active_model,
    flagged_items,
    kabkota_choices,
    tps_page,
)

ctx = page_context()
lang = ctx.lang
home = st.session_state["home"]
tile_url = ctx.ws.settings.dashboard.tile_url.strip()
LEVEL_COLOURS = {1: "#2e7d32", 2: "#f9a825", 3: "#c62828"}
level_names = LEVEL_LABELS if lang == "id" else LEVEL_LABELS_EN

st.title(t("page_map", lang))
with ctx.ws.session() as session:
    kabs = dict(kabkota_choices(session))

top = st.columns(3)
since, until, window_text = time_window(
    ctx, "map_window", default="window_24h",
    choices=("window_1h", "window_6h", "window_24h", "window_7d"), column=top[0])
version = data_version(home)
if "map_region" not in st.session_state:
    # Open on the regency with the most flagged signals this week: a whole-country map
    # of a few regencies is mostly empty sea.
    week = map_signals(home, version, minute(ctx.now) - timedelta(days=7),
                       minute(ctx.now) + timedelta(minutes=1), "kabkota", None)
    busiest = max(week, key=lambda s: (s.flagged, s.items), default=None)
    st.session_state["map_region"] = busiest.code if busiest and busiest.code in kabs else ""
kab = top[1].selectbox(t("region", lang), ["", *kabs],
                       format_func=lambda c: kabs.get(c, t("all", lang)), key="map_region")
level = top[2].radio(t("map_level", lang), ["kecamatan", "desa"], horizontal=True,
                     format_func=lambda v: t(v, lang) if v == "kecamatan" else "Desa",
                     key="map_level")

since = since or ctx.now
until_ = until or minute(ctx.now) + timedelta(minutes=1)
signals = map_signals(home, version, minute(since), until_, level, kab or None)
tps = map_tps(home, version, kab or None)

figure = go.Figure()
for lvl in Level:
    points = [p for p in tps if p.level == int(lvl)]
    if points:
        figure.add_trace((go.Scattermap if tile_url else go.Scatter)(
            **({"lat": [p.lat for p in points], "lon": [p.lon for p in points]} if tile_url
               else {"x": [p.lon for p in points], "y": [p.lat for p in points]}),
            mode="markers", name=f"TPS {level_names[lvl]}",
            marker={"size": 6 + 2 * int(lvl), "color": LEVEL_COLOURS[int(lvl)],
                    "opacity": 0.75},
            text=[f"TPS {p.number} {p.desa} ({p.voters} DPT)" for p in points],
            customdata=[p.region_code for p in points], hoverinfo="text"))
placed = [s for s in signals if s.lat is not None]
if placed:
    peak = max(s.flagged or s.items for s in placed) or 1
    coords: dict[str, Any] = (
        {"lat": [s.lat for s in placed], "lon": [s.lon for s in placed]} if tile_url
        else {"x": [s.lon for s in placed], "y": [s.lat for s in placed]})
    figure.add_trace((go.Scattermap if tile_url else go.Scatter)(
        **coords, mode="markers", name=t("map_signals", lang),
        marker={"size": [14 + 36 * (s.flagged or s.items) / peak for s in placed],
                "color": ["#6a1b9a" if s.urgent else "#1565c0" for s in placed],
                "opacity": 0.35, "line": {"width": 2, "color": "#0d47a1"}},
        text=[f"{s.name}: {s.flagged} ditandai / {s.items} item"
              + (f" · 🚨 {s.urgent}" if s.urgent else "") for s in placed],
        customdata=[s.code for s in placed], hoverinfo="text"))
if tile_url:
    centre = placed[0] if placed else (tps[0] if tps else None)
    figure.update_layout(map={
        "style": "white-bg", "zoom": 8,
        "center": {"lat": centre.lat, "lon": centre.lon} if centre else {"lat": -6.7,
                                                                          "lon": 108.5},
        "layers": [{"sourcetype": "raster", "source": [tile_url], "below": "traces"}]})
else:
    figure.update_layout(xaxis={"title": "lon", "scaleanchor": "y", "showgrid": True},
                         yaxis={"title": "lat", "showgrid": True}, plot_bgcolor="#f7f9fb")
figure.update_layout(height=560, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                     legend={"orientation": "h"})

if not tps and not placed:
    st.info(t("map_no_coords", lang))
    event = None
else:
    event = st.plotly_chart(figure, key="map_chart", on_select="rerun",
                            selection_mode="points", config={"displaylogo": False})

clicked = None
try:
    points = event.selection.points if event else []  # type: ignore[union-attr]
    if points:
        code = points[0].get("customdata")
        clicked = code[0] if isinstance(code, list) else code
except AttributeError:
    clicked = None

st.subheader(t("map_signals", lang))
table = [{t("kecamatan", lang) if level == "kecamatan" else "Desa": s.name, "Kode": s.code,
          t("col_flagged", lang): s.flagged, t("col_items", lang): s.items,
          t("urgent_items", lang): s.urgent} for s in signals]
if table:
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch", key="map_table")
export_buttons(ctx, "map", lambda: table, key="map_export",
               filters={"window": window_text, "region": kab, "level": level})

options = [""] + [s.code for s in signals]
names = {s.code: s.name for s in signals}
if clicked and level == "kecamatan" and len(clicked) > 8:
    clicked = clicked[:8]
if clicked and clicked in names:
    st.session_state["map_drill"] = clicked
drill = st.selectbox(t("drill", lang), options, key="map_drill",
                     format_func=lambda c: f"{names[c]} ({c})" if c else t("all", lang))
if drill:
    area = names.get(drill, drill)
    with ctx.ws.session() as session:
        items = flagged_items(session, active_model(session),
                              ItemFilter(since=since, until=until, region_prefix=drill,
                                         claim_signal=CLAIM_MATCH_LABEL
                                         in ctx.ws.settings.classifier.labels),
                              limit=50)
        stations = tps_page(session, region_prefix=drill, limit=200)
    st.subheader(t("drill_items", lang, area=area))
    if items:
        show_items_table(item_rows(items, lang, ctx.zone), lang, key="map_drill_items")
    else:
        st.caption(t("no_items", lang))
    st.subheader(t("drill_tps", lang, area=area))
    if stations:
        st.dataframe(pd.DataFrame([
            {t("col_desa", lang): s.desa, t("col_number", lang): s.number,
             t("tps_level", lang): level_names[Level(s.level)],
             t("col_voters", lang): s.voters} for s in stations]),
            hide_index=True, width="stretch", key="map_drill_tps")

if ctx.principal.can("admin"):
    with st.expander(t("new_operation", lang)), st.form("operation_form"):
        name = st.text_input(t("op_name", lang), key="op_name", max_chars=200)
        from datetime import datetime as dt
        from datetime import time as dtime

        zone = ctx.ws.settings.timezone  # the days an admin types are on the unit's clock
        today = local_today(zone, ctx.now)
        cols = st.columns(2)
        start = cols[0].date_input(t("op_start", lang), value=today, key="op_start")
        end = cols[1].date_input(t("op_end", lang), value=today, key="op_end")
        if st.form_submit_button(t("save", lang)):
            starts = as_utc(dt.combine(start, dtime.min), zone)
            ends = as_utc(dt.combine(end, dtime.max), zone)
            if run_action(ctx, actions.define_operation, name, starts, ends):
                flash(t("saved", lang))
                st.rerun()
