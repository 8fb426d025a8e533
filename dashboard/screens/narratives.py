"""Narasi: narrative clusters (one claim copied with small edits) over time and regions,
with their items and debunks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common import (
    export_buttons,
    item_rows,
    page_context,
    show_items_table,
    time_window,
)
from dashboard.format import md_escape, shorten
from dashboard.i18n import t
from dashboard.trendfigure import per_day_figure
from sejuk.reads.items import ItemFilter, flagged_items
from sejuk.reads.narratives import narrative_detail, narratives_page
from sejuk.signals import active_version, safe_url

ctx = page_context()
lang = ctx.lang

st.title(t("page_narratives", lang))
cols = st.columns([1, 2])
since, _until, window_text = time_window(ctx, "narr_window", default="window_28d",
                                         choices=("window_24h", "window_7d", "window_28d",
                                                  "window_all"), column=cols[0])
search = cols[1].text_input(t("search", lang), key="narr_search", max_chars=200)
with ctx.ws.session() as session:
    rows = narratives_page(session, since, search=search, limit=100)


def table() -> list[dict[str, object]]:
    return [{t("col_id", lang): n.id, t("narrative", lang): shorten(n.title, 120),
             t("col_size", lang): n.size, t("col_first", lang): ctx.when(n.first_seen),
             t("col_last", lang): ctx.when(n.last_seen),
             t("col_debunk", lang): shorten(n.debunk_title or "", 80)} for n in rows]


if not rows:
    st.info(t("no_narratives", lang))
else:
    st.dataframe(pd.DataFrame(table()), hide_index=True, width="stretch", key="narr_table")
export_buttons(ctx, "narratives", table, key="narr_export",
               filters={"window": window_text, "search": search})

if rows:
    names = {n.id: shorten(n.title, 90) for n in rows}
    chosen = st.selectbox(t("narrative", lang), list(names), format_func=names.__getitem__,
                          key="narr_selected")
    with ctx.ws.session() as session:
        detail = narrative_detail(session, chosen)
        items = flagged_items(session, active_version(session),
                              ItemFilter(only_flagged=False, narrative_id=chosen), limit=100)
    if detail is not None:
        st.markdown(f"**{md_escape(detail.narrative.title)}**")
        if detail.narrative.debunk_title:
            st.warning(md_escape(f"{t('matched_debunk', lang)}: {detail.narrative.debunk_title}"),
                       icon=":material/fact_check:")
            link = safe_url(detail.narrative.debunk_link)
            if link:
                st.link_button(t("debunk", lang), link)
        left, right = st.columns(2)
        if detail.per_day:
            left.caption(t("narr_per_day", lang))
            left.plotly_chart(per_day_figure(detail.per_day, lang), key="narr_per_day",
                              config={"displayModeBar": False})
        if detail.regions:
            right.caption(t("narr_regions", lang))
            right.dataframe(pd.DataFrame(detail.regions, columns=[t("col_area", lang),
                                                                  t("col_items", lang)]),
                            hide_index=True, width="stretch", key="narr_regions")
    st.subheader(t("narr_items", lang))
    show_items_table(item_rows(items, lang, ctx.zone), lang, key="narr_items")
