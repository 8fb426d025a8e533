"""Pelabelan: the labelling queue, most useful items first; one click (or one key) per
label, undo, and the item stays until every label has been given or it is skipped."""

from __future__ import annotations

import streamlit as st

from classifiers.active import COLD_START, QueueItem, label_queue, queue_reason, warm_labels
from classifiers.live import live_figures
from dashboard.common import flash, page_context, run_action, show_item_detail
from dashboard.i18n import t
from sejuk import actions
from sejuk.reads.items import item_labels, items_by_id
from sejuk.signals import active_version

ctx = page_context()
lang = ctx.lang
settings = ctx.ws.settings
labels = tuple(settings.classifier.labels)
state = st.session_state
state.setdefault("label_skipped", [])
state.setdefault("label_done", [])  # label ids given in this browser session (undo stack)

st.title(t("page_labelling", lang))


def queue() -> list[QueueItem]:
    with ctx.ws.session() as session:
        # skipped items leave before ranking, so the alternations go on past them
        return label_queue(session, None, None, 50, settings=settings, now=ctx.now,
                           skip=state["label_skipped"])


current = state.get("label_current")
if current is None:
    upcoming = queue()
    current = upcoming[0].item_id if upcoming else None
    state["label_current"] = current
    # why it was proposed, kept while it is labelled; worded in the page's language
    state["label_why"] = (upcoming[0].why, upcoming[0].label, upcoming[0].probability,
                          upcoming[0].threshold) if upcoming else None
why = state.get("label_why")

with ctx.ws.session() as session:
    version = active_version(session)
    item = items_by_id(session, version, [current])[0] if current else None
    given = item_labels(session, [current]).get(current, []) if current else []
    live = live_figures(session, version, labels)
# the queue's mode is the active model's, whatever the item on screen was proposed for
cold = version is not None and not warm_labels(version.card or {})
st.caption(t("queue_cold" if cold else "queue", lang, n=COLD_START))

if item is None:
    st.success(t("queue_empty", lang))
else:
    if why:
        st.caption(t("queue_why", lang, why=queue_reason(*why, lang=lang)))
    show_item_detail(item, lang, ctx.zone)
    done = {label: value for _id, label, value, _by in given}
    if done:
        st.caption(t("existing_labels", lang) + ": " + ", ".join(
            f"{label}={value}" for label, value in done.items()))
    keys = []
    columns = st.columns(2 * len(labels) + 1)
    for n, label in enumerate(labels):
        for m, value in enumerate((1, 0)):
            key = str(2 * n + m + 1)
            keys.append(f"{key} = {label} {'✓' if value else '✗'}")
            text = t("label_yes" if value else "label_no", lang, label=label)
            column = columns[2 * n + m]
            if column.button(text, key=f"label_{label}_{value}", shortcut=key,
                             type="primary" if done.get(label) == value else "secondary",
                             width="stretch"):
                ids: list[int] = []

                def record(session, principal, label=label, value=value, ids=ids):
                    # how the queue drew it: labels of random draws measure the model
                    ids.append(actions.add_label(session, principal, item.id, label, value,
                                                 labels=labels, drawn=why[0] if why else None))

                if run_action(ctx, record):
                    state["label_done"].append(ids[0])
                    done[label] = value
                    flash(t("labelled", lang, label=label, value=value))
                    if set(done) >= set(labels):
                        state["label_current"] = None
                    st.rerun()
    if columns[-1].button(t("skip", lang), key="label_skip", shortcut="s", width="stretch"):
        state["label_skipped"].append(item.id)
        state["label_current"] = None
        st.rerun()
    st.caption(t("keys_hint", lang, keys=", ".join([*keys, "S = " + t("skip", lang),
                                                    "U = " + t("undo", lang)])))

if live:  # what the analysts' random labels say of the active model so far
    st.caption(t("live_progress", lang, figures="; ".join(
        t("live_progress_label", lang, label=label, f1=f.scores.macro_f1,
          low=f.intervals["macro_f1"][0], high=f.intervals["macro_f1"][1], n=f.labels,
          early="" if f.enough else t("live_progress_early", lang))
        for label, f in live.items() if f.intervals["macro_f1"])))

if state["label_done"] and st.button(t("undo", lang), key="label_undo", shortcut="u",
                                     icon=":material/undo:"):
    label_id = state["label_done"].pop()
    if run_action(ctx, actions.undo_label, label_id):
        flash(t("undone", lang))
        st.rerun()
