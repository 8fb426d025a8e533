"""Peta: the jurisdiction's kecamatan (kabupaten/kota for a whole province) coloured by
the outreach plan's priority score, or by signal intensity, spike or the share of
vulnerable TPS; kabupaten/kota outlines over them, TPS by level and items per desa on
top. Click an area (or pick it) to drill down.

Drawn from the boundaries shipped with Sejuk (no tile server, no request leaves the
dashboard): :func:`sejuk.maps.view.map_data` reads, ``dashboard.mapfigure`` draws.
"""

from __future__ import annotations

from datetime import datetime as dt
from datetime import time as dtime
from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.common import (
    export_buttons,
    flash,
    item_rows,
    page_context,
    run_action,
    show_items_table,
)
from dashboard.format import md_escape
from dashboard.i18n import t
from dashboard.loaders import busiest_kabkota, data_version, map_scopes, map_view
from dashboard.mapfigure import PLOTLY_CONFIG, build_figure
from sejuk import actions
from sejuk.maps.style import METRICS
from sejuk.maps.view import METRIC_KEYS, default_level
from sejuk.reads.admin import operations
from sejuk.reads.items import ItemFilter, flagged_items
from sejuk.reads.tps import tps_page
from sejuk.signals import active_version, claims_count
from sejuk.timeutil import as_utc, local_today
from sejuk.tps.roster import LEVEL_LABELS, Level

ctx = page_context()
lang = ctx.lang
home = st.session_state["home"]
today = local_today(ctx.zone, ctx.now)

st.title(t("page_map", lang))
version = data_version(home)
scopes = dict(map_scopes(home, version))
if "map_region" not in st.session_state:
    # A link may name the area (``/peta?wilayah=32.09&tingkat=kecamatan``); else open on
    # the regency with the most flagged items this week.
    wanted = st.query_params.get("wilayah", "")
    busiest = wanted if wanted in scopes else busiest_kabkota(home, version, ctx.now)
    st.session_state["map_region"] = busiest if busiest in scopes else ""
    if st.query_params.get("tingkat") in ("kabkota", "kecamatan"):
        st.session_state["map_level"] = st.query_params["tingkat"]
if st.session_state.get("map_goto") is not None:  # a drill-down asked for another scope
    st.session_state["map_region"] = st.session_state.pop("map_goto")
    st.session_state.pop("map_drill", None)

top = st.columns([3, 2, 2])
scope = top[0].selectbox(t("map_scope", lang), ["", *scopes], key="map_region",
                         format_func=lambda c: scopes.get(c, t("map_scope_all", lang)))
with ctx.ws.session() as session:
    ops = operations(session)
periods = {"window_24h": 1, "window_3d": 3, "window_7d": 7}
labels = {"window_24h": t("map_day1", lang), "window_3d": t("map_day3", lang),
          "window_7d": t("map_day7", lang)}
for op in ops:
    start_day = op.starts_at.astimezone(ctx.zone).date()
    end_day = min(op.ends_at.astimezone(ctx.zone).date(), today)
    periods[f"op:{op.id}"] = max(1, (end_day - start_day).days + 1)
    labels[f"op:{op.id}"] = t("operation", lang, name=op.name)
op_end = {f"op:{op.id}": min(op.ends_at.astimezone(ctx.zone).date(), today) for op in ops}
period = top[1].selectbox(t("map_period", lang), list(periods), index=1, key="map_window",
                          format_func=labels.__getitem__)
metric = top[2].selectbox(t("map_metric", lang), list(METRIC_KEYS), key="map_metric",
                          format_func=lambda k: METRICS[k].name(lang))
day, window_days = op_end.get(period, today), periods[period]

controls = st.columns([3, 1, 1, 2])
province_wide = default_level((scope,) if scope else None) == "kabkota"
level = "kecamatan"
if province_wide:  # a whole province: kab/kota by default, every kecamatan on request
    level = controls[0].radio(t("map_level", lang), ["kabkota", "kecamatan"], horizontal=True,
                              format_func=lambda v: t(f"map_unit_{v}", lang), key="map_level")
# TPS dots are on for a kab/kota; over a whole province's kecamatan they would bury the
# colours (and cost the browser seconds), so there they wait for the switch.
show_tps = controls[1].toggle(t("map_show_tps", lang), key="map_show_tps",
                              value=not (province_wide and level == "kecamatan"))
show_items = controls[2].toggle(t("map_show_items", lang), value=True, key="map_show_items")
data = map_view(home, version, scope, day, window_days, level, lang)
figure = build_figure(data, metric, lang=lang, show_tps=show_tps, show_markers=show_items)
event = st.plotly_chart(figure, key="map_chart", on_select="rerun", selection_mode="points",
                        config=PLOTLY_CONFIG)
st.caption(t("map_caption", lang, n=len(data.areas), tps=len(data.tps),
             markers=len(data.markers), days=data.window_days,
             day=data.day.strftime("%d/%m/%Y")))
if data.tps_total > len(data.tps):
    st.caption(t("map_tps_capped", lang, shown=len(data.tps), total=data.tps_total))
if data.unplaced:
    st.warning(t("map_unplaced", lang, areas=md_escape(", ".join(
        f"{name} ({code}, {n})" for code, name, n in data.unplaced))))

clicked = None
try:
    points = event.selection.points if event else []  # type: ignore[union-attr]
    if points:
        code = points[0].get("customdata") or points[0].get("location")
        clicked = code[0] if isinstance(code, list) else code
except AttributeError:
    clicked = None

ranked = sorted(data.areas, key=lambda a: (a.rank is None, a.rank or 0, -a.tps_total, a.name))
table = [{t("col_rank", lang): str(a.rank or ""), t("col_wilayah", lang): a.name,
          t("col_code", lang): a.code,
          t("col_score", lang): round(a.score, 2), t("col_intensity", lang): round(a.intensity, 2),
          t("col_surprise", lang): round(a.surprise, 2), t("col_spike", lang): "▲" if a.spike
          else "", t("col_flagged", lang): a.flagged, "TPS": a.tps_total,
          t("col_share", lang): round(100 * a.vulnerable_share) if a.vulnerable_share is not None
          else None} for a in ranked]
shown = pd.DataFrame(table)
# an area without TPS has no share: a dash on screen, not the table's "None" (the export
# keeps an empty cell)
shown[t("col_share", lang)] = [("–" if v is None else str(v))
                               for v in (row[t("col_share", lang)] for row in table)]
st.subheader(t("map_areas", lang))
st.dataframe(shown, hide_index=True, width="stretch", key="map_table",
             height=min(420, 38 + 35 * len(table)))
export_buttons(ctx, "map", lambda: table, key="map_export",
               filters={"scope": scope, "period": period, "metric": metric,
                        "level": data.level})

names = {a.code: a.name for a in data.areas}
if clicked:  # a TPS or desa marker stands for its area
    clicked = str(clicked)[:8 if data.level == "kecamatan" else 5]
if clicked and clicked in names:
    st.session_state["map_drill"] = clicked
options = ["", *[a.code for a in ranked]]
drill = st.selectbox(t("drill", lang), options, key="map_drill",
                     format_func=lambda c: f"{names[c]} ({c})" if c else t("all", lang))
if drill and data.level == "kabkota" and st.button(
        t("map_open", lang, area=md_escape(names[drill])), key="map_open"):
    st.session_state["map_goto"] = drill
    st.rerun()
if drill:
    area = next(a for a in data.areas if a.code == drill)
    st.subheader(t("map_reasons", lang, area=md_escape(area.name)))
    for reason in area.reasons or (t("no_items", lang),):
        st.markdown(f"- {md_escape(reason)}")
    since = dt.combine(day - timedelta(days=window_days - 1), dtime.min, tzinfo=ctx.zone)
    with ctx.ws.session() as session:
        items = flagged_items(session, active_version(session),
                              ItemFilter(since=since, region_prefix=drill,
                                         claim_signal=claims_count(
                                             ctx.ws.settings.classifier.labels)),
                              limit=50)
        stations = tps_page(session, region_prefix=drill, limit=200)
    st.subheader(t("drill_items", lang, area=md_escape(area.name)))
    if items:
        show_items_table(item_rows(items, lang, ctx.zone), lang, key="map_drill_items")
    else:
        st.caption(t("no_items", lang))
    st.subheader(t("drill_tps", lang, area=md_escape(area.name)))
    if stations:
        st.dataframe(pd.DataFrame([
            {t("col_desa", lang): s.desa, t("col_number", lang): s.number,
             t("tps_level", lang): LEVEL_LABELS[Level(s.level)],
             t("col_voters", lang): s.voters} for s in stations]),
            hide_index=True, width="stretch", key="map_drill_tps")

if ctx.principal.can("admin"):
    with st.expander(t("new_operation", lang)), st.form("operation_form"):
        name = st.text_input(t("op_name", lang), key="op_name", max_chars=200)
        zone = ctx.ws.settings.timezone  # the days an admin types are on the unit's clock
        op_today = local_today(zone, ctx.now)
        cols = st.columns(2)
        start = cols[0].date_input(t("op_start", lang), value=op_today, key="op_start")
        end = cols[1].date_input(t("op_end", lang), value=op_today, key="op_end")
        if st.form_submit_button(t("save", lang)):
            starts = as_utc(dt.combine(start, dtime.min), zone)
            ends = as_utc(dt.combine(end, dtime.max), zone)
            if run_action(ctx, actions.define_operation, name, starts, ends):
                flash(t("saved", lang))
                st.rerun()
