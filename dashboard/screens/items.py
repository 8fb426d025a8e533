"""Item: flagged items with filters; read one in full and mark it verified / false alarm /
urgent, or settle whether it is a debunk (analysts)."""

from __future__ import annotations

import streamlit as st

from dashboard.common import (
    export_buttons,
    flash,
    item_rows,
    page_context,
    run_action,
    show_item_detail,
    show_items_table,
    time_window,
)
from dashboard.format import md_escape, shorten
from dashboard.i18n import t
from sejuk import actions
from sejuk.reads.filters import (
    jurisdiction_codes,
    jurisdiction_names,
    kabkota_choices,
    kecamatan_choices,
    source_kinds,
)
from sejuk.reads.items import TRIAGE_STATES, ItemFilter, flagged_items
from sejuk.reads.narratives import narratives_page
from sejuk.signals import active_version, claims_count

ctx = page_context()
lang = ctx.lang
labels = ctx.ws.settings.classifier.labels
ALL = ""

st.title(t("page_items", lang))
with ctx.ws.session() as session:
    juris = jurisdiction_names(session)
    kabs = kabkota_choices(session)
    kinds = source_kinds(session)
    narratives = narratives_page(session, limit=200)

row1 = st.columns(4)
since, until, window_text = time_window(ctx, "items_window", default="window_7d",
                                        choices=("window_1h", "window_6h", "window_24h",
                                                 "window_7d", "window_28d", "window_all"),
                                        column=row1[0])
jurisdiction = row1[1].selectbox(t("jurisdiction", lang), [ALL, *juris],
                                 format_func=lambda j: j or t("all", lang),
                                 key="items_jurisdiction")
kab_names = dict(kabs)
kab = row1[2].selectbox(t("region", lang), [ALL, *kab_names],
                        format_func=lambda c: kab_names.get(c, t("all", lang)),
                        key="items_region")
kec_names: dict[str, str] = {}
if kab:
    with ctx.ws.session() as session:
        kec_names = dict(kecamatan_choices(session, kab))
kec = row1[3].selectbox(t("kecamatan", lang), [ALL, *kec_names],
                        format_func=lambda c: kec_names.get(c, t("all", lang)),
                        key="items_kecamatan", disabled=not kab)

row2 = st.columns(4)
chosen = row2[0].multiselect(t("label_filter", lang), list(labels), default=list(labels),
                             placeholder=t("choose_many", lang), key="items_labels")
min_conf = row2[1].slider(t("min_conf", lang), 0.0, 1.0, 0.0, 0.05, key="items_confidence")
kind = row2[2].selectbox(t("source_kind", lang), [ALL, *kinds],
                         format_func=lambda k: k or t("all", lang), key="items_kind")
narrative_names = {n.id: shorten(n.title, 70) for n in narratives}
narrative = row2[3].selectbox(t("narrative", lang), [0, *narrative_names],
                              format_func=lambda n: narrative_names.get(n, t("all", lang)),
                              key="items_narrative")

row3 = st.columns([2, 2, 1, 1])
triage_options = [ALL, *TRIAGE_STATES, "none"]
triage = row3[0].selectbox(
    t("triage_filter", lang), triage_options,
    format_func=lambda s: t("all", lang) if not s else t(f"triage_{s}", lang),
    key="items_triage")
search = row3[1].text_input(t("search", lang), key="items_search", max_chars=200)
row4 = st.columns([1, 2, 3])
debunk = row4[1].selectbox(t("debunk_filter", lang), [ALL, "yes", "no"],
                           format_func=lambda d: t(f"debunk_filter_{d}", lang) if d
                           else t("all", lang),
                           key="items_debunk")
# Debunks are never flagged: asking for them shows them whatever the toggle says.
only_flagged = row3[2].toggle(t("only_flagged", lang), value=True, key="items_only_flagged",
                              disabled=debunk == "yes") and debunk != "yes"
if debunk == "yes":
    row4[2].caption(t("debunk_filter_help", lang))
page_size = row3[3].selectbox(t("page_size", lang), [25, 50, 100], key="items_page_size")
page = row4[0].number_input(t("page", lang), min_value=1, value=1, step=1, key="items_page")

prefixes: tuple[str, ...] = ()
if jurisdiction:
    with ctx.ws.session() as session:
        prefixes = jurisdiction_codes(session, jurisdiction) or ("-",)
# Every label chosen is no label filter: with "flagged only" off, that is every item.
flt = ItemFilter(labels=() if set(chosen) >= set(labels) else tuple(chosen),
                 since=since, until=until,
                 region_prefix=kec or kab or None, min_confidence=float(min_conf),
                 source_kind=kind or None, only_flagged=only_flagged, region_prefixes=prefixes,
                 narrative_id=narrative or None, triage=triage or None, search=search,
                 claim_signal=claims_count(labels),
                 debunk={"yes": True, "no": False}.get(debunk))
size = int(page_size)
with ctx.ws.session() as session:
    version = active_version(session)
    rows = flagged_items(session, version, flt, limit=size + 1, offset=(int(page) - 1) * size)
more = len(rows) > size
rows = rows[:size]

if not rows:
    st.info(t("no_items", lang))
else:
    show_items_table(item_rows(rows, lang, ctx.zone), lang, key="items_table")
    if more:
        st.caption(t("more_rows", lang, page=int(page) + 1))


def export_rows() -> list[dict[str, object]]:
    with ctx.ws.session() as session:
        found = flagged_items(session, active_version(session), flt, limit=10_000)
    return item_rows(found, lang, ctx.zone)


export_buttons(ctx, "items", export_rows, key="items_export",
               filters={"window": window_text, "labels": ",".join(chosen),
                        "region": kec or kab, "jurisdiction": jurisdiction,
                        "min_confidence": min_conf, "kind": kind, "narrative": narrative,
                        "triage": triage, "search": search, "only_flagged": only_flagged,
                        "debunk": debunk})

if rows:
    st.subheader(t("item_detail", lang))
    by_id = {r.id: r for r in rows}
    selected = st.selectbox(
        t("item_detail", lang), list(by_id), label_visibility="collapsed",
        format_func=lambda i: ("🚨 " if by_id[i].urgent else "")
        + f"#{i} · {shorten(by_id[i].title or by_id[i].text, 90)}", key="items_selected")
    item = by_id[selected]
    show_item_detail(item, lang, ctx.zone)
    if ctx.principal.can("analyst"):
        buttons = st.columns(4)
        for column, state, icon in ((buttons[0], "verified", ":material/verified:"),
                                    (buttons[1], "false_alarm", ":material/block:"),
                                    (buttons[2], "urgent", ":material/priority_high:"),
                                    (buttons[3], None, ":material/backspace:")):
            name = t(f"triage_{state or 'clear'}", lang)
            if column.button(name, key=f"triage_{state or 'clear'}", icon=icon,
                             type="primary" if state == "urgent" else "secondary",
                             disabled=item.triage == state) \
                    and run_action(ctx, actions.set_triage, item.id, state):
                flash(t("saved", lang))
                st.rerun()
        state = t("debunk_is" if item.is_debunk else "debunk_not", lang)
        by = (t("debunk_by_analyst", lang, who=md_escape(item.debunk_by)) if item.debunk_by
              else t("debunk_by_rules", lang))
        with st.expander(f"{t('debunk_status', lang)} {state} · {by}",
                         icon=":material/fact_check:"):
            st.caption(t("debunk_help", lang))
            # keyed by item: a reason typed for one item never follows the selection to
            # the next (a settled item can leave the filtered list and the selection moves)
            reason = st.text_input(t("debunk_reason", lang), key=f"debunk_reason_{item.id}")
            choices = st.columns(3)
            for column, verdict, key in ((choices[0], True, "debunk_set_yes"),
                                         (choices[1], False, "debunk_set_no"),
                                         (choices[2], None, "debunk_set_auto")):
                done = column.button(t(key, lang), key=key, disabled=(
                    item.debunk_by is None if verdict is None
                    else item.debunk_by is not None and item.is_debunk == verdict)) \
                    and run_action(ctx, actions.set_debunk, item.id, verdict, reason,
                                   ctx.ws.settings)
                if done:
                    settled = done.value
                    outcome = ("same" if not settled.changed
                               else "yes" if settled.is_debunk else "no")
                    flash(t(f"debunk_saved_{outcome}", lang, id=item.id, n=settled.reflagged,
                            copies=settled.copies, answered=settled.answered,
                            relinked=settled.relinked))
                    st.rerun()
