"""Log dialog: what was planned and held, follow-ups and whether the cooling worked.

Widgets only: reads from :mod:`sejuk.outreach` (dialogues, follow-ups, before/after
effect) and changes through its lifecycle functions, which check the role and audit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.common import flash, page_context, run_action, show_error
from dashboard.format import md_escape
from dashboard.i18n import t
from sejuk.errors import SejukError
from sejuk.outreach import (
    add_follow_up,
    cancel_dialogue,
    complete_follow_up,
    dialogue_effects,
    follow_ups,
    list_dialogues,
    overdue_follow_ups,
    record_outcome,
)
from sejuk.outreach.plan import STATUS_LABELS
from sejuk.phrases import say
from sejuk.signals import claims_count
from sejuk.timeutil import format_local, local_today, zone_for_region

ctx = page_context()
lang = ctx.lang
today = local_today(ctx.ws.settings.timezone, ctx.now)
can_edit = ctx.principal.can("analyst")


def act(action: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run one lifecycle change (:func:`run_action`) and rerun to show it."""
    if run_action(ctx, action, *args, **kwargs):
        flash(t("saved", lang))
        st.rerun()


st.title(t("dlog_title", lang))
jurisdiction = st.text_input(t("dlog_jurisdiction", lang), key="dialog_log_jurisdiction"
                             ).strip() or None

try:
    with ctx.ws.session() as session:
        overdue = overdue_follow_ups(session, today, jurisdiction)
        dialogues = list_dialogues(session, jurisdiction=jurisdiction)
        all_fus = follow_ups(session, jurisdiction=jurisdiction)
except SejukError as exc:
    show_error(ctx, exc)
    st.stop()

# -- overdue -----------------------------------------------------------------------------
st.subheader(t("dlog_overdue", lang))
if overdue:
    st.error(t("dlog_overdue_line", lang, n=len(overdue)), icon=":material/alarm:")
    st.dataframe(pd.DataFrame([{
        t("dlog_col_desc", lang): f.description, t("dlog_col_owner", lang): f.owner,
        t("dlog_col_due", lang): f.due_date.strftime("%d/%m/%Y"),
        t("dlog_col_late", lang): f.days_overdue(today), t("dlog_col_area", lang): f.region_name,
        t("dlog_col_dialog", lang): f.outreach_id,
    } for f in overdue]), hide_index=True, width="stretch", key="dialog_overdue_table")
else:
    st.success(t("dlog_no_overdue", lang))

# -- log -----------------------------------------------------------------------------------
st.subheader(t("dlog_log", lang))
statuses = ["all", *STATUS_LABELS]
status = st.selectbox(t("dlog_status", lang), statuses, key="dialog_log_status",
                      format_func=lambda s: t("dlog_all", lang) if s == "all"
                      else say(STATUS_LABELS, s, lang))
shown = [d for d in dialogues if status == "all" or d.status == status]
if not shown:
    st.info(t("dlog_none_with_status" if dialogues else "dlog_no_dialogues", lang))
else:
    st.dataframe(pd.DataFrame([{
        t("dlog_col_id", lang): d.id,
        t("dlog_col_when", lang): format_local(d.scheduled_at, zone_for_region(d.region_code)),
        t("dlog_status", lang): say(STATUS_LABELS, d.status, lang),
        t("dlog_col_area", lang): f"{d.region_name} ({d.region_code})",
        t("dlog_col_place", lang): d.place,
        t("dlog_col_leaders", lang): ", ".join(i.name for i in d.leaders),
        t("dlog_col_topics", lang): "; ".join(d.topics),
        t("dlog_col_fu", lang): sum(1 for f in d.follow_ups if f.is_open),
    } for d in shown]), hide_index=True, width="stretch", key="dialog_log_table")

    by_id = {d.id: d for d in shown}
    chosen = st.selectbox(t("dlog_pick", lang), list(by_id), key="dialog_log_pick",
                          format_func=lambda i: f"{i} · {by_id[i].region_name} · "
                          f"{by_id[i].local_date:%d/%m/%Y} · "
                          f"{say(STATUS_LABELS, by_id[i].status, lang)}")
    d = by_id[chosen]
    with st.container(border=True):
        st.markdown(f"**{t('dlog_detail', lang)} {d.id}** — {md_escape(d.place)}")
        st.markdown(f"{t('dlog_participants', lang)}: "
                    f"{md_escape(', '.join(d.participants)) or '-'}")
        st.markdown(f"{t('dlog_col_leaders', lang)}: " + md_escape(", ".join(
            i.name + ("" if i.attended is not False else f" ({t('dlog_absent', lang)})")
            for i in d.leaders) or "-"))
        st.markdown(f"{t('dlog_col_topics', lang)}: {md_escape('; '.join(d.topics)) or '-'}")
        if d.outcome:
            st.markdown(f"{t('dlog_outcome', lang)}: {md_escape(d.outcome)}")
        if d.commitments:
            st.markdown(f"{t('dlog_commitments', lang)}: {md_escape(d.commitments)}")
        if not can_edit:
            st.caption(t("dlog_viewer", lang))
        elif d.status == "planned":
            # Not held before its own day (record_outcome refuses): say so, not a button
            # that can only fail.
            not_yet = d.local_date > local_today(zone_for_region(d.region_code), ctx.now)
            with st.form(f"dialog_record_{d.id}"):
                st.markdown(f"**{t('dlog_record', lang)}**")
                if not_yet:
                    st.caption(t("dlog_not_yet", lang, day=f"{d.local_date:%d/%m/%Y}"))
                outcome = st.text_area(t("dlog_outcome", lang), key=f"dialog_outcome_{d.id}")
                commitments = st.text_area(t("dlog_commitments", lang),
                                           key=f"dialog_commitments_{d.id}")
                names = {i.id: i.name for i in d.leaders}
                attended = st.multiselect(t("dlog_attended_pick", lang), list(names),
                                          default=list(names),
                                          format_func=lambda i, n=names: n[i],  # type: ignore[misc]
                                          placeholder=t("choose_many", lang),
                                          key=f"dialog_attended_{d.id}")
                if st.form_submit_button(t("dlog_save_held", lang), disabled=not_yet):
                    act(record_outcome, d.id, outcome=outcome, commitments=commitments,
                        attended=list(attended))
            with st.form(f"dialog_cancel_{d.id}"):
                st.markdown(f"**{t('dlog_cancel', lang)}**")
                reason = st.text_input(t("dlog_reason", lang), key=f"dialog_reason_{d.id}")
                if st.form_submit_button(t("dlog_save_cancel", lang)):
                    act(cancel_dialogue, d.id, reason=reason)
        if can_edit and d.status != "cancelled":
            with st.form(f"dialog_fu_{d.id}"):
                st.markdown(f"**{t('dlog_add_fu', lang)}**")
                description = st.text_input(t("dlog_col_desc", lang), key=f"dialog_fu_desc_{d.id}")
                owner = st.text_input(t("dlog_col_owner", lang), key=f"dialog_fu_owner_{d.id}")
                # a week after the dialogue, or after today once it is past: never before
                # its day, which add_follow_up refuses
                due = st.date_input(t("dlog_due", lang),
                                    value=max(today, d.local_date) + timedelta(days=7),
                                    min_value=d.local_date, format="DD/MM/YYYY",
                                    key=f"dialog_fu_due_{d.id}")
                if st.form_submit_button(t("dlog_save_fu", lang)):
                    act(add_follow_up, d.id, description=description, owner=owner,
                        due_date=due)

# -- follow-ups ------------------------------------------------------------------------------
st.subheader(t("dlog_follow_ups", lang))
open_only = st.toggle(t("dlog_open_only", lang), value=True, key="dialog_fu_open_only")
listed = [f for f in all_fus if f.is_open or not open_only]
if listed:
    st.dataframe(pd.DataFrame([{
        "ID": f.id, t("dlog_col_desc", lang): f.description, t("dlog_col_owner", lang): f.owner,
        t("dlog_col_due", lang): f.due_date.strftime("%d/%m/%Y"),
        t("dlog_col_late", lang): f.days_overdue(today),
        t("dlog_col_done", lang): ctx.when(f.done_at) if f.done_at else "",
        t("dlog_col_area", lang): f.region_name, t("dlog_col_dialog", lang): f.outreach_id,
    } for f in listed]), hide_index=True, width="stretch", key="dialog_fu_table")
else:  # say why the table is missing: none at all, or none open
    st.caption(t("dlog_no_open_fu" if all_fus else "dlog_no_fu", lang))
open_fus = {f.id: f for f in all_fus if f.is_open}
if can_edit and open_fus:
    with st.form("dialog_fu_done"):
        pick = st.selectbox(t("dlog_pick_fu", lang), list(open_fus), key="dialog_fu_pick",
                            format_func=lambda i: f"{i} · {open_fus[i].description[:80]}")
        note = st.text_input(t("dlog_note", lang), key="dialog_fu_note")
        if st.form_submit_button(t("dlog_mark_done", lang)):
            act(complete_follow_up, pick, note=note)

# -- effect -----------------------------------------------------------------------------------
st.subheader(t("dlog_effect", lang))
days = st.slider(t("dlog_days", lang), 3, 14, 7, key="dialog_effect_days")
st.caption(t("dlog_effect_help", lang, n=days))
with ctx.ws.session() as session:
    effects = dialogue_effects(session, today, jurisdiction=jurisdiction, days=days,
                               claims=claims_count(ctx.ws.settings.classifier.labels))
if not effects:
    st.info(t("dlog_no_effect", lang))
else:
    st.dataframe(pd.DataFrame([{
        t("dlog_col_dialog", lang): e.outreach_id,
        t("dlog_col_when", lang): e.day.strftime("%d/%m/%Y"),
        t("dlog_col_area", lang): e.region_name,
        t("dlog_col_before", lang): t("dlog_total_days", lang, total=e.before_total,
                                      days=len(e.before)),
        t("dlog_col_after", lang): t("dlog_total_days", lang, total=e.after_total,
                                     days=len(e.after)),
        t("dlog_col_rate_b", lang): round(e.before_rate, 2),
        t("dlog_col_rate_a", lang): round(e.after_rate, 2),
        t("dlog_col_verdict", lang): e.verdict_text(lang),
    } for e in effects]), hide_index=True, width="stretch", key="dialog_effect_table")
    effect_ids = {e.outreach_id: e for e in effects}
    pick_effect = st.selectbox(t("dlog_chart_for", lang), list(effect_ids),
                               key="dialog_effect_pick",
                               format_func=lambda i: f"{i} · {effect_ids[i].region_name}")
    e = effect_ids[pick_effect]
    day, count, side = (t(f"dlog_chart_{k}", lang) for k in ("day", "items", "side"))
    series = pd.DataFrame(
        {day: [f"-{len(e.before) - i}" for i in range(len(e.before))]
         + [f"+{i + 1}" for i in range(len(e.after))],
         count: [*e.before, *e.after],
         side: [t("dlog_col_before", lang)] * len(e.before)
         + [t("dlog_col_after", lang)] * len(e.after)})
    st.bar_chart(series, x=day, y=count, color=side, sort=False)
