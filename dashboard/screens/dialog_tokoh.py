"""Registri tokoh: the cooling-system leaders, with contacts for analysts only.

Widgets only. The list without contacts is open to every role; contacts are fetched only
when an analyst or admin switches them on, and :func:`sejuk.outreach.leaders.list_leaders` writes
that view to the audit log. Adding, editing and deactivating go through the library,
which checks the role and audits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.common import page_context, run_action, show_error
from dashboard.i18n import t
from sejuk.errors import SejukError
from sejuk.outreach.leaders import (
    LEADER_KINDS,
    LEADER_KINDS_EN,
    add_leader,
    list_leaders,
    set_active,
    update_leader,
)

ctx = page_context()
lang = ctx.lang
kinds = LEADER_KINDS if lang == "id" else LEADER_KINDS_EN
may_see_contacts = ctx.principal.can("analyst")

st.title(t("tokoh_title", lang))
st.caption(t("tokoh_intro", lang))
c1, c2, c3 = st.columns([2, 2, 1])
prefix = c1.text_input(t("tokoh_region", lang), key="tokoh_region").strip()
kind = c2.selectbox(t("tokoh_kind", lang), ["", *LEADER_KINDS], key="tokoh_kind",
                    format_func=lambda k: kinds.get(k, t("tokoh_all", lang)))
inactive = c3.toggle(t("tokoh_inactive", lang), key="tokoh_inactive")
show_contacts = False
if may_see_contacts:
    show_contacts = st.toggle(t("tokoh_contacts", lang), value=False, key="tokoh_contacts")
else:
    st.caption(t("tokoh_contacts_hidden", lang))

try:
    with ctx.ws.session() as session:
        leaders = list_leaders(session, principal=ctx.principal, with_contact=show_contacts,
                               region_prefixes=[prefix] if prefix else None,
                               kind=kind or None, include_inactive=inactive,
                               purpose="dashboard")
except SejukError as exc:
    show_error(ctx, exc)
    st.stop()

if not leaders:
    st.info(t("tokoh_none", lang))
else:
    rows = []
    for leader in leaders:
        row = {"ID": leader.id, t("tokoh_col_name", lang): leader.name,
               t("tokoh_kind", lang): kinds.get(leader.kind, leader.kind),
               t("tokoh_col_org", lang): leader.organisation,
               t("tokoh_col_area", lang): f"{leader.region_name} ({leader.region_code})",
               t("tokoh_col_aff", lang): leader.affiliation,
               t("tokoh_col_notes", lang): leader.notes,
               t("tokoh_col_active", lang): leader.active}
        if show_contacts:
            row[t("tokoh_col_phone", lang)] = leader.phone or ""
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="tokoh_table")


def save(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one registry change (:func:`run_action`); its result, or None when refused."""
    done = run_action(ctx, action, *args, **kwargs)
    if done:
        st.toast(t("saved", lang))
    return done.value


if may_see_contacts:
    with st.expander(t("tokoh_add", lang)), st.form("tokoh_add"):
        values = {
            "name": st.text_input(t("tokoh_name", lang), key="tokoh_add_name"),
            "kind": st.selectbox(t("tokoh_kind", lang), list(LEADER_KINDS), key="tokoh_add_kind",
                                 format_func=lambda k: kinds[k]),
            "organisation": st.text_input(t("tokoh_organisation", lang), key="tokoh_add_org"),
            "region_code": st.text_input(t("tokoh_region_code", lang), key="tokoh_add_region"),
            "phone": st.text_input(t("tokoh_phone", lang), key="tokoh_add_phone"),
            "affiliation": st.text_input(t("tokoh_affiliation", lang), key="tokoh_add_aff"),
            "notes": st.text_area(t("tokoh_notes", lang), key="tokoh_add_notes"),
        }
        if st.form_submit_button(t("tokoh_save", lang)):
            save(add_leader, values)

    by_id = {leader.id: leader for leader in leaders}
    if by_id:
        with st.expander(t("tokoh_edit", lang)):
            chosen = st.selectbox(t("tokoh_pick", lang), list(by_id), key="tokoh_edit_pick",
                                  format_func=lambda i: f"{i} · {by_id[i].name}")
            current = by_id[chosen]
            with st.form(f"tokoh_edit_{chosen}"):
                changes = {
                    "name": st.text_input(t("tokoh_name", lang), value=current.name,
                                          key=f"tokoh_edit_name_{chosen}"),
                    "kind": st.selectbox(t("tokoh_kind", lang), list(LEADER_KINDS),
                                         index=list(LEADER_KINDS).index(current.kind),
                                         format_func=lambda k: kinds[k],
                                         key=f"tokoh_edit_kind_{chosen}"),
                    "organisation": st.text_input(t("tokoh_organisation", lang),
                                                  value=current.organisation,
                                                  key=f"tokoh_edit_org_{chosen}"),
                    "region_code": st.text_input(t("tokoh_region_code", lang),
                                                 value=current.region_code,
                                                 key=f"tokoh_edit_region_{chosen}"),
                    "affiliation": st.text_input(t("tokoh_affiliation", lang),
                                                 value=current.affiliation,
                                                 key=f"tokoh_edit_aff_{chosen}"),
                    "notes": st.text_area(t("tokoh_notes", lang), value=current.notes,
                                          key=f"tokoh_edit_notes_{chosen}"),
                }
                # The phone is only prefilled when contacts are shown (and so audited);
                # left empty, it is not changed.
                phone = st.text_input(t("tokoh_phone", lang), value=current.phone or "",
                                      key=f"tokoh_edit_phone_{chosen}")
                if phone or current.phone is not None:
                    changes["phone"] = phone
                if st.form_submit_button(t("tokoh_save", lang)):
                    changed = save(update_leader, chosen, changes)
                    if changed == []:
                        st.info(t("tokoh_unchanged", lang))
            with st.form(f"tokoh_active_{chosen}"):
                reason = st.text_input(t("tokoh_reason", lang), key=f"tokoh_reason_{chosen}")
                label = t("tokoh_deactivate" if current.active else "tokoh_activate", lang)
                if st.form_submit_button(label):
                    save(set_active, chosen, not current.active, reason=reason)
