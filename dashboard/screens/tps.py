"""TPS: the roster with levels and indicators, why each level, analyst overrides with a
reason, and the personnel the levels call for."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common import export_buttons, flash, page_context, run_action
from dashboard.format import count_text, md_escape
from dashboard.i18n import t
from sejuk import actions
from sejuk.reads.filters import kabkota_choices, kecamatan_choices
from sejuk.reads.tps import tps_page
from sejuk.tps.personnel import summarise
from sejuk.tps.roster import (
    INDICATOR_LABELS,
    INDICATOR_LABELS_EN,
    LEVEL_LABELS,
    Level,
    explain,
)

ctx = page_context()
lang = ctx.lang
indicator_names = INDICATOR_LABELS if lang == "id" else INDICATOR_LABELS_EN

st.title(t("page_tps", lang))
with ctx.ws.session() as session:
    kabs = dict(kabkota_choices(session))
cols = st.columns(4)
kab = cols[0].selectbox(t("region", lang), ["", *kabs],
                        format_func=lambda c: kabs.get(c, t("all", lang)), key="tps_region")
kecs: dict[str, str] = {}
if kab:
    with ctx.ws.session() as session:
        kecs = dict(kecamatan_choices(session, kab))
kec = cols[1].selectbox(t("kecamatan", lang), ["", *kecs],
                        format_func=lambda c: kecs.get(c, t("all", lang)), key="tps_kecamatan",
                        disabled=not kab)
level = cols[2].selectbox(t("tps_level", lang), [0, 3, 2, 1],
                          format_func=lambda v: LEVEL_LABELS[Level(v)] if v else t("all", lang),
                          key="tps_level")
overridden = cols[3].toggle(t("overridden_only", lang), key="tps_overridden")
prefix = kec or kab or None

with ctx.ws.session() as session:
    # The jurisdiction's own police:TPS rule applies (sejuk.tps.personnel), pooled per desa.
    needs = summarise(session, prefix)
    rows = tps_page(session, region_prefix=prefix, level=level or None,
                    overridden_only=overridden, limit=500)
    roster_empty = not rows and not tps_page(session, limit=1)

st.subheader(t("personnel", lang))
metric_cols = st.columns(len(Level) + 1)
for column, lvl in zip(metric_cols, reversed(Level), strict=False):
    column.metric(LEVEL_LABELS[lvl], f"{count_text(needs.total.tps.get(lvl.label, 0), lang)} TPS")
metric_cols[-1].metric(t("col_officers", lang), count_text(needs.total.police, lang),
                       help=" · ".join(f"{k} {v}" for k, v in needs.rule.describe().items())
                       + f" · Linmas {count_text(needs.total.linmas, lang)}"
                       + f" · {t('officers_rounding', lang)}")


def table() -> list[dict[str, object]]:
    return [{
        "ID": r.id, t("kecamatan", lang): r.kecamatan, t("col_desa", lang): r.desa,
        t("col_code", lang): r.region_code, t("col_number", lang): r.number,
        t("col_voters", lang): r.voters, t("tps_level", lang): LEVEL_LABELS[Level(r.level)],
        t("col_special", lang): r.special_kind or "",
        t("col_indicators", lang): ", ".join(indicator_names.get(k, k)
                                             for k, v in r.indicators.items() if v),
        t("col_override", lang): (f"{LEVEL_LABELS[Level(r.override_level)]} — "
                                  f"{r.override_reason} ({r.override_by})"
                                  if r.override_level else ""),
    } for r in rows]


st.subheader(t("tps_roster", lang))
if rows:
    st.dataframe(pd.DataFrame(table()), hide_index=True, width="stretch", key="tps_table")
    export_buttons(ctx, "tps", table, key="tps_export",
                   filters={"region": prefix, "level": level, "overridden": overridden})
elif roster_empty:  # a new workspace: how the roster gets in
    st.info(t("no_tps", lang), icon=":material/how_to_vote:")
else:
    st.caption(t("no_tps_match", lang))

if rows:
    by_id = {r.id: r for r in rows}
    chosen = st.selectbox(t("override_tps", lang), list(by_id), key="tps_selected",
                          format_func=lambda i: f"TPS {by_id[i].number} {by_id[i].desa}, "
                          f"{by_id[i].kecamatan} — {LEVEL_LABELS[Level(by_id[i].level)]}")
    row = by_id[chosen]
    st.caption(t("why_level", lang))
    lines = explain(row, ctx.ws.settings.tps, lang)
    st.markdown("\n".join(f"- {md_escape(line)}" for line in lines))
    if ctx.principal.can("analyst"):
        with st.form("tps_override"):
            st.write(t("override", lang))
            new_level = st.selectbox(
                t("override_level", lang), [3, 2, 1, 0], key="tps_new_level",
                format_func=lambda v: LEVEL_LABELS[Level(v)] if v else t("override_clear", lang))
            reason = st.text_input(t("override_reason", lang), key="tps_reason",
                                   max_chars=500)
            if st.form_submit_button(t("save", lang)) and run_action(
                    ctx, actions.override_tps, row.id, new_level or None, reason,
                    settings=ctx.ws.settings.tps):
                flash(t("saved", lang))
                st.rerun()
