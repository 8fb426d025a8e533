"""Sumber: source health; add sources (one, or the catalogue's for a province) and
disable them (admin only, checked in the actions)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common import export_buttons, flash, page_context, run_action
from dashboard.i18n import t
from feeds.catalog import MIN_CONFIDENCE, load_catalog, present, select_entries
from feeds.problems import in_language
from feeds.sources import SOURCE_KINDS, source_health
from sejuk import actions
from sejuk.regions.gazetteer import children_index, gazetteer_index

NATIONAL = ""

ctx = page_context()
lang = ctx.lang

st.title(t("page_sources", lang))
with ctx.ws.session() as session:
    health = source_health(session)


def table() -> list[dict[str, object]]:
    return [{t("col_source", lang): s.name, t("col_kind", lang): s.kind,
             t("col_enabled", lang): s.enabled, t("col_items", lang): s.items,
             t("col_http", lang): "-" if s.last_status is None else s.last_status,
             t("col_last_ok", lang):
             ctx.when(s.last_success_at), t("col_failures", lang): s.consecutive_failures,
             t("col_last_error", lang): in_language(s.last_error, lang), "URL": s.url}
            for s in health]


st.subheader(t("sources_health", lang))
if health:
    st.dataframe(pd.DataFrame(table()), hide_index=True, width="stretch", key="sources_table")
    export_buttons(ctx, "sources", table, key="sources_export")
else:  # a new workspace: say what to do, not an empty grid and two empty exports
    st.info(t("no_sources_here", lang), icon=":material/rss_feed:")

left, right = st.columns(2)
with left, st.form("source_add", clear_on_submit=True):
    st.write(t("add_source", lang))
    name = st.text_input(t("src_name", lang), key="src_name", max_chars=200)
    url = st.text_input(t("src_url", lang), key="src_url", max_chars=2000)
    kind = st.selectbox(t("col_kind", lang), SOURCE_KINDS, key="src_kind")
    region = st.text_input(t("src_region", lang), key="src_region", max_chars=16)
    interval = st.number_input(t("src_interval", lang), min_value=1, max_value=1440,
                               value=ctx.ws.settings.collector.default_interval_minutes,
                               key="src_interval")
    if st.form_submit_button(t("save", lang)) and run_action(
            ctx, actions.add_source, url, name, kind, region_code=region.strip() or None,
            interval_minutes=int(interval)):
        flash(t("saved", lang))
        st.rerun()
with right:  # nothing to enable or disable before the first source exists
    names = {s.name: s.enabled for s in health}
    chosen = st.selectbox(t("toggle_source", lang), list(names), key="src_toggle") \
        if names else None
    if chosen is not None:
        enabled = names[chosen]
        if st.button(t("disable" if enabled else "enable", lang), key="src_toggle_button") \
                and run_action(ctx, actions.set_source_enabled, chosen, not enabled):
            flash(t("saved", lang))
            st.rerun()

st.subheader(t("catalog_title", lang))
catalog = load_catalog()
st.caption(t("catalog_intro", lang, version=catalog.version, n=len(catalog.entries)))
provinces = [NATIONAL, *children_index().get("", ())]
c1, c2, c3 = st.columns(3)
province = c1.selectbox(t("provinsi", lang), provinces, key="cat_province",
                        format_func=lambda c: t("catalog_national", lang) if c == NATIONAL
                        else gazetteer_index()[c].name)
kind_choice = c2.selectbox(t("col_kind", lang), ["", *SOURCE_KINDS], key="cat_kind",
                           format_func=lambda k: k or t("all", lang))
confidence = c3.selectbox(t("catalog_confidence", lang), list(MIN_CONFIDENCE), index=2,
                          key="cat_confidence")
chosen_province = None if province == NATIONAL else province
entries = select_entries(catalog, province=chosen_province, kind=kind_choice or None,
                         min_confidence=confidence)
if chosen_province is None:
    entries = [e for e in entries if e.province is None]
with ctx.ws.session() as session:
    already = present(session, entries)


def scope(province: str | None) -> str:
    """A province by name (the catalogue holds its code), or 'national' in the language."""
    if not province:
        return t("catalog_scope_national", lang)
    found = gazetteer_index().get(province)
    return found.name if found else province



st.dataframe(pd.DataFrame([{
    t("col_source", lang): e.name, t("col_kind", lang): e.kind,
    t("provinsi", lang): scope(e.province),
    t("catalog_grade", lang): e.confidence, t("catalog_terms", lang): e.terms,
    t("catalog_present", lang): already.get(e.id, ""), "URL": e.url} for e in entries]),
    hide_index=True, width="stretch", key="catalog_table")
if st.button(t("catalog_add", lang, n=len(entries) - len(already)), key="catalog_add",
             type="primary", disabled=len(entries) == len(already)) and run_action(
        ctx, actions.add_catalog_sources, province=chosen_province, kind=kind_choice or None,
        min_confidence=confidence,
        default_interval=ctx.ws.settings.collector.default_interval_minutes):
    flash(t("saved", lang))
    st.rerun()
