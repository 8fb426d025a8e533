"""Registri tokoh: the cooling-system leaders, with contacts for analysts only.

Widgets only. The list without contacts is open to every role; contacts are fetched only
when an analyst or admin switches them on, and :func:`sejuk.leaders.list_leaders` writes
that view to the audit log. Adding, editing and deactivating go through the library,
which checks the role and audits.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common import page_context
from dashboard.format import md_escape
from sejuk.auth import AccessDenied
from sejuk.errors import SejukError
from sejuk.leaders import (
    LEADER_KINDS,
    LEADER_KINDS_EN,
    add_leader,
    list_leaders,
    set_active,
    update_leader,
)

TEXT = {
    "title": ("Registri tokoh", "Leader registry"),
    "intro": ("Tokoh masyarakat, agama, adat dan pemuda untuk dialog cooling system.",
              "Community, religious, customary and youth leaders for cooling-system dialogues."),
    "region": ("Kode wilayah (awalan, opsional)", "Region code (prefix, optional)"),
    "kind": ("Jenis", "Kind"), "all": ("Semua", "All"),
    "inactive": ("Tampilkan yang nonaktif", "Show inactive"),
    "contacts": ("Tampilkan kontak (dicatat di log audit)", "Show contacts (audited)"),
    "contacts_hidden": ("Kontak hanya untuk analis/admin.", "Contacts are for analysts/admins."),
    "none": ("Tidak ada tokoh.", "No leaders."),
    "col_name": ("Nama", "Name"), "col_org": ("Organisasi", "Organisation"),
    "col_area": ("Wilayah", "Area"), "col_aff": ("Afiliasi", "Affiliation"),
    "col_notes": ("Catatan", "Notes"), "col_phone": ("Kontak", "Contact"),
    "col_active": ("Aktif", "Active"),
    "add": ("Tambah tokoh", "Add a leader"), "edit": ("Ubah tokoh", "Edit a leader"),
    "pick": ("Tokoh", "Leader"),
    "name": ("Nama", "Name"), "organisation": ("Organisasi", "Organisation"),
    "region_code": ("Kode desa/kecamatan", "Desa/kecamatan code"),
    "phone": ("Telepon", "Phone"), "affiliation": ("Afiliasi", "Affiliation"),
    "notes": ("Catatan", "Notes"), "save": ("Simpan", "Save"),
    "deactivate": ("Nonaktifkan", "Deactivate"), "activate": ("Aktifkan lagi", "Reactivate"),
    "reason": ("Alasan", "Reason"),
    "saved": ("Tersimpan.", "Saved."), "unchanged": ("Tidak ada perubahan.", "Nothing changed."),
    "denied": ("Akses ditolak untuk peran Anda.", "Access denied for your role."),
}


def tr(key: str, lang: str) -> str:
    return TEXT[key][0 if lang == "id" else 1]


ctx = page_context()
lang = ctx.lang
kinds = LEADER_KINDS if lang == "id" else LEADER_KINDS_EN
may_see_contacts = ctx.principal.can("analyst")

st.title(tr("title", lang))
st.caption(tr("intro", lang))
c1, c2, c3 = st.columns([2, 2, 1])
prefix = c1.text_input(tr("region", lang), key="tokoh_region").strip()
kind = c2.selectbox(tr("kind", lang), ["", *LEADER_KINDS], key="tokoh_kind",
                    format_func=lambda k: kinds.get(k, tr("all", lang)))
inactive = c3.toggle(tr("inactive", lang), key="tokoh_inactive")
show_contacts = False
if may_see_contacts:
    show_contacts = st.toggle(tr("contacts", lang), value=False, key="tokoh_contacts")
else:
    st.caption(tr("contacts_hidden", lang))

try:
    with ctx.ws.session() as session:
        leaders = list_leaders(session, principal=ctx.principal, with_contact=show_contacts,
                               region_prefixes=[prefix] if prefix else None,
                               kind=kind or None, include_inactive=inactive,
                               purpose="dashboard")
except AccessDenied:
    st.error(tr("denied", lang))
    st.stop()
except SejukError as exc:
    st.error(md_escape(str(exc)))
    st.stop()

if not leaders:
    st.info(tr("none", lang))
else:
    rows = []
    for leader in leaders:
        row = {"ID": leader.id, tr("col_name", lang): leader.name,
               tr("kind", lang): kinds.get(leader.kind, leader.kind),
               tr("col_org", lang): leader.organisation,
               tr("col_area", lang): f"{leader.region_name} ({leader.region_code})",
               tr("col_aff", lang): leader.affiliation, tr("col_notes", lang): leader.notes,
               tr("col_active", lang): leader.active}
        if show_contacts:
            row[tr("col_phone", lang)] = leader.phone or ""
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="tokoh_table")


def save(func: object, *args: object, **kwargs: object) -> object:
    try:
        with ctx.ws.session() as session:
            result = func(session, *args, principal=ctx.principal, **kwargs)  # type: ignore[operator]
    except AccessDenied:
        st.error(tr("denied", lang))
        return None
    except SejukError as exc:
        st.error(md_escape(str(exc)))
        return None
    st.toast(tr("saved", lang))
    return result


if may_see_contacts:
    with st.expander(tr("add", lang)), st.form("tokoh_add"):
        values = {
            "name": st.text_input(tr("name", lang), key="tokoh_add_name"),
            "kind": st.selectbox(tr("kind", lang), list(LEADER_KINDS), key="tokoh_add_kind",
                                 format_func=lambda k: kinds[k]),
            "organisation": st.text_input(tr("organisation", lang), key="tokoh_add_org"),
            "region_code": st.text_input(tr("region_code", lang), key="tokoh_add_region"),
            "phone": st.text_input(tr("phone", lang), key="tokoh_add_phone"),
            "affiliation": st.text_input(tr("affiliation", lang), key="tokoh_add_aff"),
            "notes": st.text_area(tr("notes", lang), key="tokoh_add_notes"),
        }
        if st.form_submit_button(tr("save", lang)):
            save(add_leader, values)

    by_id = {leader.id: leader for leader in leaders}
    if by_id:
        with st.expander(tr("edit", lang)):
            chosen = st.selectbox(tr("pick", lang), list(by_id), key="tokoh_edit_pick",
                                  format_func=lambda i: f"{i} · {by_id[i].name}")
            current = by_id[chosen]
            with st.form(f"tokoh_edit_{chosen}"):
                changes = {
                    "name": st.text_input(tr("name", lang), value=current.name,
                                          key=f"tokoh_edit_name_{chosen}"),
                    "kind": st.selectbox(tr("kind", lang), list(LEADER_KINDS),
                                         index=list(LEADER_KINDS).index(current.kind),
                                         format_func=lambda k: kinds[k],
                                         key=f"tokoh_edit_kind_{chosen}"),
                    "organisation": st.text_input(tr("organisation", lang),
                                                  value=current.organisation,
                                                  key=f"tokoh_edit_org_{chosen}"),
                    "region_code": st.text_input(tr("region_code", lang),
                                                 value=current.region_code,
                                                 key=f"tokoh_edit_region_{chosen}"),
                    "affiliation": st.text_input(tr("affiliation", lang),
                                                 value=current.affiliation,
                                                 key=f"tokoh_edit_aff_{chosen}"),
                    "notes": st.text_area(tr("notes", lang), value=current.notes,
                                          key=f"tokoh_edit_notes_{chosen}"),
                }
                # The phone is only prefilled when contacts are shown (and so audited);
                # left empty, it is not changed.
                phone = st.text_input(tr("phone", lang), value=current.phone or "",
                                      key=f"tokoh_edit_phone_{chosen}")
                if phone or current.phone is not None:
                    changes["phone"] = phone
                if st.form_submit_button(tr("save", lang)):
                    changed = save(update_leader, chosen, changes)
                    if changed == []:
                        st.info(tr("unchanged", lang))
            with st.form(f"tokoh_active_{chosen}"):
                reason = st.text_input(tr("reason", lang), key=f"tokoh_reason_{chosen}")
                label = tr("deactivate" if current.active else "activate", lang)
                if st.form_submit_button(label):
                    save(set_active, chosen, not current.active, reason=reason)
