"""Log dialog: what was planned and held, follow-ups and whether the cooling worked.

Widgets only: reads from :mod:`sejuk.outreach` (dialogues, follow-ups, before/after
effect) and changes through its lifecycle functions, which check the role and audit.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.common import page_context
from dashboard.format import md_escape
from sejuk.auth import AccessDenied
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
from sejuk.signals import claims_count
from sejuk.timeutil import format_local, local_today, zone_for_region

TEXT = {
    "title": ("Log dialog dan tindak lanjut", "Dialogue log and follow-ups"),
    "jurisdiction": ("Wilayah hukum (opsional)", "Jurisdiction (optional)"),
    "overdue": ("Tindak lanjut terlambat", "Overdue follow-ups"),
    "no_overdue": ("Tidak ada tindak lanjut yang terlambat.", "No overdue follow-ups."),
    "overdue_line": ("{n} tindak lanjut melewati batas waktu.", "{n} follow-ups are overdue."),
    "log": ("Log dialog", "Dialogue log"),
    "status": ("Status", "Status"), "all": ("Semua", "All"),
    "no_dialogues": ("Belum ada dialog.", "No dialogues yet."),
    "col_id": ("No.", "No."), "col_when": ("Waktu", "When"), "col_area": ("Wilayah", "Area"),
    "col_place": ("Tempat", "Place"), "col_leaders": ("Tokoh", "Leaders"),
    "col_topics": ("Topik", "Topics"), "col_fu": ("Tindak lanjut terbuka", "Open follow-ups"),
    "col_desc": ("Tindak lanjut", "Follow-up"), "col_owner": ("Penanggung jawab", "Owner"),
    "col_due": ("Batas", "Due"), "col_late": ("Terlambat (hari)", "Days overdue"),
    "col_done": ("Selesai", "Done"), "col_dialog": ("Dialog", "Dialogue"),
    "detail": ("Rincian dialog", "Dialogue details"),
    "pick": ("Pilih dialog", "Choose a dialogue"),
    "participants": ("Peserta", "Participants"), "outcome": ("Hasil", "Outcome"),
    "commitments": ("Komitmen", "Commitments"),
    "attended": ("Hadir", "Attended"), "absent": ("tidak hadir", "absent"),
    "record": ("Catat hasil dialog", "Record the outcome"),
    "attended_pick": ("Tokoh yang hadir", "Leaders who attended"),
    "save_held": ("Simpan sebagai terlaksana", "Save as held"),
    "cancel": ("Batalkan dialog", "Cancel the dialogue"), "reason": ("Alasan", "Reason"),
    "save_cancel": ("Batalkan", "Cancel it"),
    "add_fu": ("Tambah tindak lanjut", "Add a follow-up"),
    "due": ("Batas waktu", "Due date"), "save_fu": ("Tambah", "Add"),
    "follow_ups": ("Semua tindak lanjut", "All follow-ups"),
    "open_only": ("Hanya yang terbuka", "Open only"),
    "mark_done": ("Tandai selesai", "Mark done"), "note": ("Catatan", "Note"),
    "pick_fu": ("Tindak lanjut", "Follow-up"),
    "effect": ("Efek dialog: sinyal sebelum dan sesudah", "Effect: signals before and after"),
    "effect_help": ("Item ditandai per hari di wilayah dialog, {n} hari sebelum dan sesudah "
                    "(hari dialog tidak dihitung). Tren, bukan bukti sebab-akibat.",
                    "Flagged items per day in the dialogue's area, {n} days before and after "
                    "(the dialogue day excluded). A trend, not proof of cause."),
    "days": ("Hari di tiap sisi", "Days on each side"),
    "col_before": ("Sebelum", "Before"), "col_after": ("Sesudah", "After"),
    "col_rate_b": ("Rata-rata/hari sebelum", "Per day before"),
    "col_rate_a": ("Rata-rata/hari sesudah", "Per day after"),
    "col_verdict": ("Penilaian", "Verdict"),
    "no_effect": ("Belum ada dialog terlaksana.", "No dialogue held yet."),
    "chart_for": ("Grafik harian untuk dialog", "Daily chart for dialogue"),
    "saved": ("Tersimpan.", "Saved."),
    "denied": ("Akses ditolak untuk peran Anda.", "Access denied for your role."),
    "viewer": ("Hanya analis/admin yang dapat mengubah log.",
               "Only analysts/admins can change the log."),
}


def tr(key: str, lang: str, **values: object) -> str:
    text = TEXT[key][0 if lang == "id" else 1]
    return text.format(**values) if values else text


ctx = page_context()
lang = ctx.lang
today = local_today(ctx.ws.settings.timezone, ctx.now)
can_edit = ctx.principal.can("analyst")


def act(func: object, *args: object, **kwargs: object) -> None:
    """Run one lifecycle change in its own transaction and rerun to show it."""
    try:
        with ctx.ws.session() as session:
            func(session, *args, principal=ctx.principal, **kwargs)  # type: ignore[operator]
    except AccessDenied:
        st.error(tr("denied", lang))
        return
    except SejukError as exc:
        st.error(md_escape(str(exc)))
        return
    st.toast(tr("saved", lang))
    st.rerun()


st.title(tr("title", lang))
jurisdiction = st.text_input(tr("jurisdiction", lang), key="dialog_log_jurisdiction"
                             ).strip() or None

try:
    with ctx.ws.session() as session:
        overdue = overdue_follow_ups(session, today, jurisdiction)
        dialogues = list_dialogues(session, jurisdiction=jurisdiction)
        all_fus = follow_ups(session, jurisdiction=jurisdiction)
except SejukError as exc:
    st.error(md_escape(str(exc)))
    st.stop()

# -- overdue -----------------------------------------------------------------------------
st.subheader(tr("overdue", lang))
if overdue:
    st.error(tr("overdue_line", lang, n=len(overdue)), icon=":material/alarm:")
    st.dataframe(pd.DataFrame([{
        tr("col_desc", lang): f.description, tr("col_owner", lang): f.owner,
        tr("col_due", lang): f.due_date.strftime("%d/%m/%Y"),
        tr("col_late", lang): f.days_overdue(today), tr("col_area", lang): f.region_name,
        tr("col_dialog", lang): f.outreach_id,
    } for f in overdue]), hide_index=True, width="stretch", key="dialog_overdue_table")
else:
    st.success(tr("no_overdue", lang))

# -- log -----------------------------------------------------------------------------------
st.subheader(tr("log", lang))
statuses = ["all", *STATUS_LABELS]
status = st.selectbox(tr("status", lang), statuses, key="dialog_log_status",
                      format_func=lambda s: tr("all", lang) if s == "all" else STATUS_LABELS[s])
shown = [d for d in dialogues if status == "all" or d.status == status]
if not shown:
    st.info(tr("no_dialogues", lang))
else:
    st.dataframe(pd.DataFrame([{
        tr("col_id", lang): d.id,
        tr("col_when", lang): format_local(d.scheduled_at, zone_for_region(d.region_code)),
        tr("status", lang): STATUS_LABELS[d.status],
        tr("col_area", lang): f"{d.region_name} ({d.region_code})",
        tr("col_place", lang): d.place,
        tr("col_leaders", lang): ", ".join(i.name for i in d.leaders),
        tr("col_topics", lang): "; ".join(d.topics),
        tr("col_fu", lang): sum(1 for f in d.follow_ups if f.is_open),
    } for d in shown]), hide_index=True, width="stretch", key="dialog_log_table")

    by_id = {d.id: d for d in shown}
    chosen = st.selectbox(tr("pick", lang), list(by_id), key="dialog_log_pick",
                          format_func=lambda i: f"{i} · {by_id[i].region_name} · "
                          f"{by_id[i].local_date:%d/%m/%Y} · {STATUS_LABELS[by_id[i].status]}")
    d = by_id[chosen]
    with st.container(border=True):
        st.markdown(f"**{tr('detail', lang)} {d.id}** — {md_escape(d.place)}")
        st.markdown(f"{tr('participants', lang)}: {md_escape(', '.join(d.participants)) or '-'}")
        st.markdown(f"{tr('col_leaders', lang)}: " + md_escape(", ".join(
            i.name + ("" if i.attended is not False else f" ({tr('absent', lang)})")
            for i in d.leaders) or "-"))
        st.markdown(f"{tr('col_topics', lang)}: {md_escape('; '.join(d.topics)) or '-'}")
        if d.outcome:
            st.markdown(f"{tr('outcome', lang)}: {md_escape(d.outcome)}")
        if d.commitments:
            st.markdown(f"{tr('commitments', lang)}: {md_escape(d.commitments)}")
        if not can_edit:
            st.caption(tr("viewer", lang))
        elif d.status == "planned":
            with st.form(f"dialog_record_{d.id}"):
                st.markdown(f"**{tr('record', lang)}**")
                outcome = st.text_area(tr("outcome", lang), key=f"dialog_outcome_{d.id}")
                commitments = st.text_area(tr("commitments", lang),
                                           key=f"dialog_commitments_{d.id}")
                names = {i.id: i.name for i in d.leaders}
                attended = st.multiselect(tr("attended_pick", lang), list(names),
                                          default=list(names),
                                          format_func=lambda i, n=names: n[i],  # type: ignore[misc]
                                          key=f"dialog_attended_{d.id}")
                if st.form_submit_button(tr("save_held", lang)):
                    act(record_outcome, d.id, outcome=outcome, commitments=commitments,
                        attended=list(attended))
            with st.form(f"dialog_cancel_{d.id}"):
                st.markdown(f"**{tr('cancel', lang)}**")
                reason = st.text_input(tr("reason", lang), key=f"dialog_reason_{d.id}")
                if st.form_submit_button(tr("save_cancel", lang)):
                    act(cancel_dialogue, d.id, reason=reason)
        if can_edit and d.status != "cancelled":
            with st.form(f"dialog_fu_{d.id}"):
                st.markdown(f"**{tr('add_fu', lang)}**")
                description = st.text_input(tr("col_desc", lang), key=f"dialog_fu_desc_{d.id}")
                owner = st.text_input(tr("col_owner", lang), key=f"dialog_fu_owner_{d.id}")
                due = st.date_input(tr("due", lang), value=today + timedelta(days=7),
                                    format="DD/MM/YYYY", key=f"dialog_fu_due_{d.id}")
                if st.form_submit_button(tr("save_fu", lang)):
                    act(add_follow_up, d.id, description=description, owner=owner,
                        due_date=due)

# -- follow-ups ------------------------------------------------------------------------------
st.subheader(tr("follow_ups", lang))
open_only = st.toggle(tr("open_only", lang), value=True, key="dialog_fu_open_only")
listed = [f for f in all_fus if f.is_open or not open_only]
if listed:
    st.dataframe(pd.DataFrame([{
        "ID": f.id, tr("col_desc", lang): f.description, tr("col_owner", lang): f.owner,
        tr("col_due", lang): f.due_date.strftime("%d/%m/%Y"),
        tr("col_late", lang): f.days_overdue(today),
        tr("col_done", lang): ctx.when(f.done_at) if f.done_at else "",
        tr("col_area", lang): f.region_name, tr("col_dialog", lang): f.outreach_id,
    } for f in listed]), hide_index=True, width="stretch", key="dialog_fu_table")
open_fus = {f.id: f for f in all_fus if f.is_open}
if can_edit and open_fus:
    with st.form("dialog_fu_done"):
        pick = st.selectbox(tr("pick_fu", lang), list(open_fus), key="dialog_fu_pick",
                            format_func=lambda i: f"{i} · {open_fus[i].description[:80]}")
        note = st.text_input(tr("note", lang), key="dialog_fu_note")
        if st.form_submit_button(tr("mark_done", lang)):
            act(complete_follow_up, pick, note=note)

# -- effect -----------------------------------------------------------------------------------
st.subheader(tr("effect", lang))
days = st.slider(tr("days", lang), 3, 14, 7, key="dialog_effect_days")
st.caption(tr("effect_help", lang, n=days))
with ctx.ws.session() as session:
    effects = dialogue_effects(session, today, jurisdiction=jurisdiction, days=days,
                               claims=claims_count(ctx.ws.settings.classifier.labels))
if not effects:
    st.info(tr("no_effect", lang))
else:
    st.dataframe(pd.DataFrame([{
        tr("col_dialog", lang): e.outreach_id, tr("col_when", lang): e.day.strftime("%d/%m/%Y"),
        tr("col_area", lang): e.region_name,
        tr("col_before", lang): f"{e.before_total} ({len(e.before)} hari)",
        tr("col_after", lang): f"{e.after_total} ({len(e.after)} hari)",
        tr("col_rate_b", lang): round(e.before_rate, 2),
        tr("col_rate_a", lang): round(e.after_rate, 2),
        tr("col_verdict", lang): e.verdict_label,
    } for e in effects]), hide_index=True, width="stretch", key="dialog_effect_table")
    effect_ids = {e.outreach_id: e for e in effects}
    pick_effect = st.selectbox(tr("chart_for", lang), list(effect_ids), key="dialog_effect_pick",
                               format_func=lambda i: f"{i} · {effect_ids[i].region_name}")
    e = effect_ids[pick_effect]
    series = pd.DataFrame(
        {"hari": [f"-{len(e.before) - i}" for i in range(len(e.before))]
         + [f"+{i + 1}" for i in range(len(e.after))],
         "item": [*e.before, *e.after],
         "sisi": [tr("col_before", lang)] * len(e.before) + [tr("col_after", lang)] * len(e.after)})
    st.bar_chart(series, x="hari", y="item", color="sisi", sort=False)
